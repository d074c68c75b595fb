import { invalid, valid, type ValidationResult } from '../_localized'
import { PROVINCE_PREFIXES } from './region-code'

/**
 * GB 32100-2015 code alphabet, in value order (index = character value).
 * I, O, S, V and Z are left out because they read like 1, 0, 5, U and 2.
 */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const GB11714_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

/** The excluded letters and the character the writer most likely meant. */
const LOOKALIKES: Record<string, string> = { I: '1', O: '0', S: '5', V: 'U', Z: '2' }

/** Position 1: the registration authority (登记管理部门) per GB 32100-2015 and its amendments. */
const REGISTRATION_AUTHORITIES: Record<string, { zh: string; en: string }> = {
  '1': { zh: '机构编制', en: 'institutional establishment' },
  '2': { zh: '外交', en: 'foreign affairs' },
  '3': { zh: '司法行政', en: 'judicial administration' },
  '4': { zh: '文化', en: 'culture' },
  '5': { zh: '民政', en: 'civil affairs' },
  '6': { zh: '旅游', en: 'tourism' },
  '7': { zh: '宗教', en: 'religious affairs' },
  '8': { zh: '工会', en: 'trade unions' },
  '9': { zh: '市场监管（工商）', en: 'market regulation' },
  A: { zh: '中央军委改革和编制办公室', en: 'CMC reform and establishment office' },
  N: { zh: '农业农村', en: 'agriculture and rural affairs' },
  Y: { zh: '其他', en: 'other' },
}

/** GB 11714 character value: digits 0-9, letters A-Z as 10-35. */
function gb11714Value(c: string): number {
  return c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : c.charCodeAt(0) - 55
}

/**
 * Check character of a GB 11714 organization code (组织机构代码) from its
 * first 8 characters: 11 - (Σ value×weight mod 11), where 10 is written X and
 * 11 is written 0.
 * @throws RangeError unless given exactly 8 digits or uppercase letters.
 * @example gb11714CheckChar('M000100Y') // '4'
 */
export function gb11714CheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError(`gb11714CheckChar needs 8 digits or uppercase letters, got '${first8}'`)
  }
  const sum = [...first8].reduce((acc, c, i) => acc + gb11714Value(c) * GB11714_WEIGHTS[i]!, 0)
  const check = 11 - (sum % 11)
  return check === 10 ? 'X' : check === 11 ? '0' : String(check)
}

/**
 * Check character (position 18) of a unified social credit code from its
 * first 17 characters: 31 - (Σ value×weight mod 31), where 31 is written 0.
 * @throws RangeError unless given 17 characters of the USCC alphabet.
 * @example usccCheckChar('91350100M000100Y4') // '3'
 */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17 || [...first17].some((c) => !USCC_ALPHABET.includes(c))) {
    throw new RangeError(`usccCheckChar needs 17 characters from ${USCC_ALPHABET}, got '${first17}'`)
  }
  const sum = [...first17].reduce((acc, c, i) => acc + USCC_ALPHABET.indexOf(c) * USCC_WEIGHTS[i]!, 0)
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]!
}

/**
 * Checks a unified social credit code (统一社会信用代码) per GB 32100-2015:
 * 18 characters from the code alphabet, a known registration authority,
 * a type code, a 6-digit region code, a 9-character organization code whose
 * own GB 11714 check character (position 17) is right, and the check
 * character at position 18.
 * @example validateUscc('91350100M000100Y43') // { ok: true }
 */
export function validateUscc(v: string): ValidationResult {
  if (v === '') return invalid('统一社会信用代码为空', 'unified social credit code is empty')
  const chars = [...v]

  const space = chars.findIndex((c) => /\s/.test(c))
  if (space >= 0) {
    return invalid(
      `统一社会信用代码第 ${space + 1} 位是空白字符，请删除所有空格`,
      `unified social credit code has whitespace at position ${space + 1}; remove all spaces`,
    )
  }
  // Full-width letters and digits come from Chinese input methods and look
  // identical in most fonts, so name them explicitly.
  const fullWidth = chars.findIndex((c) => /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/.test(c))
  if (fullWidth >= 0) {
    return invalid(
      `统一社会信用代码第 ${fullWidth + 1} 位“${chars[fullWidth]}”是全角字符，请切换为半角输入`,
      `unified social credit code has a full-width character '${chars[fullWidth]}' at position ${fullWidth + 1}; type it in half-width (ASCII)`,
    )
  }
  if (chars.length !== 18) {
    return invalid(
      `统一社会信用代码应为 18 位，实际为 ${chars.length} 位`,
      `unified social credit code should be 18 characters, got ${chars.length}`,
    )
  }
  const lower = chars.findIndex((c) => c >= 'a' && c <= 'z')
  if (lower >= 0) {
    return invalid(
      `统一社会信用代码第 ${lower + 1} 位“${chars[lower]}”是小写字母；代码只使用大写字母，应写作 ${v.toUpperCase()}`,
      `unified social credit code has a lowercase letter '${chars[lower]}' at position ${lower + 1}; codes use uppercase only: ${v.toUpperCase()}`,
    )
  }
  for (const [i, c] of chars.entries()) {
    if (USCC_ALPHABET.includes(c)) continue
    const meant = LOOKALIKES[c]
    if (meant !== undefined) {
      return invalid(
        `统一社会信用代码第 ${i + 1} 位是字母 ${c}；代码不使用 I、O、S、V、Z（易与 1、0、5、U、2 混淆），是否应为 ${meant}？`,
        `unified social credit code has the letter ${c} at position ${i + 1}; codes never use I, O, S, V or Z (they read like 1, 0, 5, U, 2) — did you mean ${meant}?`,
      )
    }
    return invalid(
      `统一社会信用代码第 ${i + 1} 位“${c}”不是允许的字符（数字 0–9 与除 I、O、S、V、Z 外的大写字母）`,
      `unified social credit code has '${c}' at position ${i + 1}; only digits 0-9 and uppercase letters other than I, O, S, V, Z are allowed`,
    )
  }

  const authority = v[0]!
  if (!(authority in REGISTRATION_AUTHORITIES)) {
    return invalid(
      `第 1 位（登记管理部门代码）“${authority}”不存在；应为 1–9、A、N 或 Y（如 9 市场监管、1 机构编制）`,
      `position 1 (registration authority) '${authority}' does not exist; it must be 1-9, A, N or Y (e.g. 9 market regulation, 1 institutional establishment)`,
    )
  }
  // Type codes are digits 1-9 under every authority; the per-authority lists
  // keep growing with amendments, so only the shape is enforced here.
  const type = v[1]!
  if (type < '1' || type > '9') {
    return invalid(
      `第 2 位（机构类别代码）应为数字 1–9，实际为“${type}”`,
      `position 2 (entity type) should be a digit 1-9, got '${type}'`,
    )
  }

  const region = v.slice(2, 8)
  if (!/^\d{6}$/.test(region)) {
    return invalid(
      `第 3–8 位（登记管理机关行政区划码）应为 6 位数字，实际为“${region}”`,
      `positions 3-8 (region of the registering office) should be 6 digits, got '${region}'`,
    )
  }
  // Central bodies register under 100000 (全国), which is not a GB/T 2260 code.
  if (region !== '100000' && !(region.slice(0, 2) in PROVINCE_PREFIXES)) {
    return invalid(
      `第 3–8 位（行政区划码）“${region}”的省级代码 ${region.slice(0, 2)} 不存在`,
      `positions 3-8 (region code) '${region}' start with ${region.slice(0, 2)}, which is not a province code`,
    )
  }

  const expected = usccCheckChar(v.slice(0, 17))
  if (v[17] !== expected) {
    return invalid(
      `统一社会信用代码校验位（第 18 位）应为 ${expected}，实际为 ${v[17]}；请核对前 17 位是否有误`,
      `unified social credit code check character (position 18) should be ${expected}, got ${v[17]}; check the first 17 characters for typos`,
    )
  }

  const organization = v.slice(8, 17)
  const expectedOrg = gb11714CheckChar(organization.slice(0, 8))
  if (organization[8] !== expectedOrg) {
    return invalid(
      `第 9–17 位组织机构代码 ${organization} 的校验位（第 17 位，GB 11714）应为 ${expectedOrg}，实际为 ${organization[8]}`,
      `the organization code ${organization} in positions 9-17 has a wrong GB 11714 check character (position 17): should be ${expectedOrg}, got ${organization[8]}`,
    )
  }
  return valid
}
