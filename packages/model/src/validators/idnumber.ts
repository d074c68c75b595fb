import { invalid, valid, type ValidationResult } from '../_localized'
import { isCalendarDate } from './date'

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
/** Check character indexed by Σ digit×weight mod 11 (GB 11643-1999, ISO 7064 MOD 11-2). */
const ID_CHECK_MAP = '10X98765432'

// Birth dates are calendar days in China; judging "the future" in UTC would
// reject babies born in the first eight hours of the day they are registered.
const CHINA_UTC_OFFSET_MS = 8 * 3_600_000

/** Options for {@link validateIdNumber}. */
export interface IdNumberOptions {
  /**
   * The day against which "birth date in the future" is judged, read as a
   * calendar day in China Standard Time (UTC+8). Tests pin it.
   * @default new Date()
   */
  today?: Date
}

/**
 * Check character of a citizen ID number from its first 17 digits.
 * @throws RangeError unless given exactly 17 digits.
 * @example idNumberCheckChar('11010519491231002') // 'X'
 */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`idNumberCheckChar needs 17 digits, got '${first17}'`)
  const sum = [...first17].reduce((acc, d, i) => acc + Number(d) * ID_WEIGHTS[i]!, 0)
  return ID_CHECK_MAP[sum % 11]!
}

/** YYYYMMDD of `today` as a calendar day in China. */
function chinaDayStamp(today: Date): string {
  return new Date(today.getTime() + CHINA_UTC_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '')
}

/**
 * Checks an 18-character citizen identity number (公民身份号码, GB 11643-1999):
 * a 6-digit address code not starting with 0, a real birth date from 1900 up
 * to today, a 3-digit sequence number and the check character (0-9 or X).
 * Codes issued to Hong Kong, Macao and Taiwan residents (81/82/83…) pass too,
 * because only the leading 0 is ruled out.
 * @example validateIdNumber('11010519491231002X') // { ok: true }
 */
export function validateIdNumber(v: string, options: IdNumberOptions = {}): ValidationResult {
  if (v === '') return invalid('公民身份号码为空', 'ID number is empty')
  if (/\s/.test(v)) return invalid('公民身份号码含空白字符，请删除所有空格', 'ID number contains whitespace; remove all spaces')

  // Excel shows long numbers in scientific notation and keeps only 15
  // significant digits, so the original number cannot be recovered.
  if (/^\d(\.\d+)?E\+\d+$/i.test(v)) {
    return invalid(
      `“${v}”是 Excel 科学计数法，号码的后几位已丢失；请把单元格设为文本后重新填写`,
      `'${v}' is Excel scientific notation and the last digits are lost; format the cell as text and enter the number again`,
    )
  }
  if (/^\d{15}$/.test(v)) {
    return invalid(
      '这是 15 位的旧版身份号码；请填写 18 位的公民身份号码',
      'this is an old 15-digit ID number; enter the 18-character citizen ID number',
    )
  }
  const length = [...v].length
  if (length !== 18) {
    return invalid(`公民身份号码应为 18 位，实际为 ${length} 位`, `ID number should be 18 characters, got ${length}`)
  }
  const nonDigit = [...v.slice(0, 17)].findIndex((c) => c < '0' || c > '9')
  if (nonDigit >= 0) {
    return invalid(
      `公民身份号码前 17 位应为数字，第 ${nonDigit + 1} 位是“${v[nonDigit]}”`,
      `the first 17 characters of an ID number must be digits; position ${nonDigit + 1} is '${v[nonDigit]}'`,
    )
  }
  const last = v[17]!
  if (last === 'x') {
    return invalid(
      `末位校验码 x 应为大写 X，应写作 ${v.slice(0, 17)}X`,
      `the check character x must be uppercase X: ${v.slice(0, 17)}X`,
    )
  }
  if (!/[0-9X]/.test(last)) {
    return invalid(`第 18 位（校验码）应为数字或大写 X，实际为“${last}”`, `position 18 (check character) must be a digit or uppercase X, got '${last}'`)
  }

  if (v[0] === '0') {
    return invalid(
      `前 6 位地址码“${v.slice(0, 6)}”不能以 0 开头`,
      `the address code '${v.slice(0, 6)}' (first 6 digits) must not start with 0`,
    )
  }

  const birth = v.slice(6, 14)
  const [year, month, day] = [birth.slice(0, 4), birth.slice(4, 6), birth.slice(6)].map(Number) as [number, number, number]
  if (year < 1900) {
    return invalid(
      `第 7–14 位出生日期 ${birth} 的年份 ${year} 早于 1900 年`,
      `the birth date ${birth} (positions 7-14) has year ${year}, before 1900`,
    )
  }
  if (!isCalendarDate(year, month, day)) {
    return invalid(
      `第 7–14 位出生日期 ${birth} 不是真实存在的日期`,
      `the birth date ${birth} (positions 7-14) is not a real calendar date`,
    )
  }
  const today = chinaDayStamp(options.today ?? new Date())
  if (birth > today) {
    return invalid(
      `第 7–14 位出生日期 ${birth} 晚于今天（${today}）`,
      `the birth date ${birth} (positions 7-14) is after today (${today})`,
    )
  }

  const expected = idNumberCheckChar(v.slice(0, 17))
  if (last !== expected) {
    return invalid(
      `公民身份号码校验码（第 18 位）应为 ${expected}，实际为 ${last}；请核对前 17 位是否有误`,
      `ID number check character (position 18) should be ${expected}, got ${last}; check the first 17 digits for typos`,
    )
  }
  return valid
}
