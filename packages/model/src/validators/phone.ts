import { invalid, valid, type Localized, type ValidationResult } from '../_localized'

type ParsedPhone =
  | { kind: 'mobile'; digits: string }
  | { kind: 'service'; digits: string }
  | { kind: 'landline'; area: string; local: string; extension: string | undefined }

type ParseOutcome = { ok: true; phone: ParsedPhone } | { ok: false; reason: Localized }

// 3-4-4 grouping with single spaces or hyphens, optional country code.
const MOBILE = /^(?:\+?86[ -]?)?(1\d{2})[ -]?(\d{4})[ -]?(\d{4})$/
// Government hotlines: 12345 (便民服务), 12315, 12348, 12366, …
const SERVICE = /^1\d{4}$/
const EXTENSION = '(?:(?:-|转)(\\d{1,6}))?'
const LANDLINE_PARENTHESIZED = new RegExp(`^[(（](\\d+)[)）] ?(\\d+)${EXTENSION}$`)
const LANDLINE_SEPARATED = new RegExp(`^(\\d+)[ -](\\d+)${EXTENSION}$`)
const LANDLINE_COMPACT = new RegExp(`^(0\\d+)${EXTENSION}$`)
// 010 and 020-029 are the only three-digit area codes; 01x otherwise does
// not exist and every other code has four digits.
const AREA_CODE = /^(?:010|02\d|0[3-9]\d{2})$/

const EXAMPLES = { zh: '如 13812345678、0312-1234567、0312-1234567-123 或 12345', en: 'e.g. 13812345678, 0312-1234567, 0312-1234567-123 or 12345' }

function fail(zh: string, en: string): ParseOutcome {
  return { ok: false, reason: { zh, en } }
}

/** Area code length follows from its first digits, which is what lets 01012345678 split unambiguously. */
function areaCodeLength(digits: string): number {
  return digits.startsWith('010') || digits.startsWith('02') ? 3 : 4
}

function checkLandline(area: string, local: string, extension: string | undefined): ParseOutcome {
  if (!area.startsWith('0')) {
    return fail(`区号“${area}”应以 0 开头，如 0312`, `area code '${area}' should start with 0, e.g. 0312`)
  }
  if (!AREA_CODE.test(area)) {
    return fail(
      `区号“${area}”不存在；区号为 010、020–029 三位，或 0 开头的四位（如 0312）`,
      `area code '${area}' does not exist; area codes are 010 and 020-029 (three digits) or four digits starting with 0 (e.g. 0312)`,
    )
  }
  if (SERVICE.test(local)) return { ok: true, phone: { kind: 'landline', area, local, extension } }
  if (local.startsWith('0')) {
    return fail(
      `区号后的号码“${local}”不能以 0 开头（是否重复写了区号？）`,
      `the number after the area code '${local}' must not start with 0 (is the area code written twice?)`,
    )
  }
  const wanted = area.length === 3 ? '8' : '7–8'
  const ok = area.length === 3 ? local.length === 8 : local.length === 7 || local.length === 8
  if (!ok) {
    return fail(
      `区号 ${area} 后的号码应为 ${wanted} 位，实际为 ${local.length} 位（“${local}”）`,
      `the number after area code ${area} should have ${wanted.replace('–', '-')} digits, got ${local.length} ('${local}')`,
    )
  }
  return { ok: true, phone: { kind: 'landline', area, local, extension } }
}

function parsePhone(v: string): ParseOutcome {
  const s = v.trim()
  if (s === '') return fail('电话号码为空', 'phone number is empty')

  // Excel turns long digit strings into 1.38123E+10 and keeps 15 digits at
  // most; the number has to be typed again into a text cell.
  if (/^\d(\.\d+)?E\+?\d+$/i.test(s)) {
    return fail(
      `“${s}”是 Excel 科学计数法，号码已被改写；请把单元格设为文本后重新填写`,
      `'${s}' is Excel scientific notation and the number has been altered; format the cell as text and enter it again`,
    )
  }

  const mobile = MOBILE.exec(s)
  if (mobile) {
    const digits = `${mobile[1]}${mobile[2]}${mobile[3]}`
    if (digits[1]! < '3') {
      return fail(
        `手机号“${digits}”的第 2 位应为 3–9（大陆手机号以 13–19 开头）`,
        `mobile number '${digits}' should have 3-9 as its second digit (mainland mobiles start with 13-19)`,
      )
    }
    return { ok: true, phone: { kind: 'mobile', digits } }
  }
  if (SERVICE.test(s)) return { ok: true, phone: { kind: 'service', digits: s } }

  const parenthesized = LANDLINE_PARENTHESIZED.exec(s)
  if (parenthesized) return checkLandline(parenthesized[1]!, parenthesized[2]!, parenthesized[3])
  const separated = LANDLINE_SEPARATED.exec(s)
  if (separated) return checkLandline(separated[1]!, separated[2]!, separated[3])
  const compact = LANDLINE_COMPACT.exec(s)
  if (compact) {
    const digits = compact[1]!
    const split = areaCodeLength(digits)
    return checkLandline(digits.slice(0, split), digits.slice(split), compact[2])
  }

  if (/^\d+$/.test(s)) {
    // Excel stores 03121234567 as the number 3121234567: offer the fix when
    // putting the zero back yields a well-formed landline.
    const restored = LANDLINE_COMPACT.exec(`0${s}`)
    if (restored && !/^1[3-9]/.test(s)) {
      const digits = restored[1]!
      const split = areaCodeLength(digits)
      if (checkLandline(digits.slice(0, split), digits.slice(split), undefined).ok) {
        return fail(
          `“${s}”像是丢了开头 0 的固定电话（Excel 会去掉数字前面的 0），应为 0${s}；请把单元格设为文本`,
          `'${s}' looks like a landline that lost its leading 0 (Excel drops leading zeros); it should be 0${s} — format the cell as text`,
        )
      }
    }
    if (/^1[3-9]/.test(s)) {
      return fail(`手机号应为 11 位，实际为 ${s.length} 位`, `a mobile number has 11 digits, got ${s.length}`)
    }
  }
  return fail(`“${s}”不是可识别的电话号码，${EXAMPLES.zh}`, `'${s}' is not a recognised phone number, ${EXAMPLES.en}`)
}

/**
 * Checks a contact phone number: a mainland mobile (optionally +86/86, groups
 * 3-4-4 separated by spaces or hyphens), a landline with area code
 * (`0312-1234567`, `(0312)1234567`, `03121234567`, optional extension `-123`
 * or `转123`), or a 5-digit hotline starting with 1 (12345), with or without
 * an area code. Surrounding whitespace is ignored.
 * @example validatePhone('138-1234-5678') // { ok: true }
 */
export function validatePhone(v: string): ValidationResult {
  const outcome = parsePhone(v)
  return outcome.ok ? valid : invalid(outcome.reason.zh, outcome.reason.en)
}

/**
 * Canonical form of a valid phone number, for storage and de-duplication:
 * mobiles as 11 digits (country code dropped), landlines as `area-local`
 * with `-extension` when present, hotlines as their digits. Undefined when
 * {@link validatePhone} would reject the number.
 * @example normalizePhone('+86 138 1234 5678') // '13812345678'
 * @example normalizePhone('(0312)1234567转123') // '0312-1234567-123'
 */
export function normalizePhone(v: string): string | undefined {
  const outcome = parsePhone(v)
  if (!outcome.ok) return undefined
  const phone = outcome.phone
  if (phone.kind !== 'landline') return phone.digits
  return `${phone.area}-${phone.local}${phone.extension === undefined ? '' : `-${phone.extension}`}`
}
