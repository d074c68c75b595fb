import { invalid, valid, type ValidationResult } from '../_localized'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

// Excel counts days from 1899-12-30 (its 1900 leap-year bug is baked into
// that epoch), so a date cell pasted as a number turns into e.g. 44612.
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/**
 * Whether year-month-day names a real day of the proleptic Gregorian
 * calendar (month 1-12, leap years per the 4/100/400 rule).
 * @example isCalendarDate(2024, 2, 29) // true
 * @example isCalendarDate(2023, 2, 29) // false
 */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (![year, month, day].every(Number.isInteger)) return false
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false
  return day <= daysInMonth(year, month)
}

/** Builds UTC midnight without the Date.UTC quirk that maps years 0-99 to 1900-1999. */
function utcMidnight(year: number, month: number, day: number): Date {
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return date
}

function formatIso(date: Date): string {
  return date.toISOString().slice(0, 10)
}

/**
 * Checks an ISO 8601 calendar date written exactly as `YYYY-MM-DD` that
 * names a real day. Inventory milestones and launch dates use this form.
 * @example validateDate('2022-02-20') // { ok: true }
 */
export function validateDate(v: string): ValidationResult {
  if (v === '') return invalid('日期为空，应写作 YYYY-MM-DD，如 2022-02-20', 'date is empty; write it as YYYY-MM-DD, e.g. 2022-02-20')
  if (v.trim() !== v) {
    return invalid('日期首尾含空白字符，请删除', 'date has leading or trailing whitespace; remove it')
  }

  const match = ISO_DATE.exec(v)
  if (!match) return explainMalformedDate(v)

  const [year, month, day] = [match[1], match[2], match[3]].map(Number) as [number, number, number]
  if (year === 0) return invalid('年份不能为 0000', 'year must not be 0000')
  if (month < 1 || month > 12) {
    return invalid(`月份应为 01–12，实际为 ${match[2]}`, `month should be 01-12, got ${match[2]}`)
  }
  if (!isCalendarDate(year, month, day)) {
    const last = daysInMonth(year, month)
    const leapNote =
      month === 2 && day === 29 ? { zh: `（${year} 年不是闰年）`, en: ` (${year} is not a leap year)` } : { zh: '', en: '' }
    return invalid(
      `${year} 年 ${month} 月只有 ${last} 天，日期 ${match[3]} 不存在${leapNote.zh}`,
      `${year}-${match[2]} has ${last} days, so day ${match[3]} does not exist${leapNote.en}`,
    )
  }
  return valid
}

/** Names the most likely cause of a non-ISO date, since most come from spreadsheets. */
function explainMalformedDate(v: string): ValidationResult {
  const excelSerial = /^\d{5}$/.test(v) ? Number(v) : NaN
  if (excelSerial >= 20_000 && excelSerial <= 80_000) {
    const asDate = formatIso(new Date(EXCEL_EPOCH_MS + excelSerial * DAY_MS))
    return invalid(
      `“${v}”像是 Excel 日期序列号（对应 ${asDate}）；请把单元格设为文本并写作 YYYY-MM-DD`,
      `'${v}' looks like an Excel date serial number (it means ${asDate}); format the cell as text and write YYYY-MM-DD`,
    )
  }
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(v)
  if (compact) {
    const suggestion = `${compact[1]}-${compact[2]}-${compact[3]}`
    return invalid(`日期缺少连字符，应写作 ${suggestion}`, `date lacks hyphens; write it as ${suggestion}`)
  }
  const loose = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(v)
  if (loose) {
    const suggestion = `${loose[1]}-${loose[2]!.padStart(2, '0')}-${loose[3]!.padStart(2, '0')}`
    return invalid(
      `日期格式应为 YYYY-MM-DD（连字符分隔、月日两位），应写作 ${suggestion}`,
      `date must be YYYY-MM-DD (hyphens, two-digit month and day); write it as ${suggestion}`,
    )
  }
  return invalid(`“${v}”不是 YYYY-MM-DD 格式的日期，如 2022-02-20`, `'${v}' is not a YYYY-MM-DD date such as 2022-02-20`)
}

/**
 * Parses a valid `YYYY-MM-DD` date to a Date at UTC midnight; undefined when
 * {@link validateDate} would reject it. UTC keeps the calendar day stable no
 * matter which time zone the tool runs in.
 * @example parseIsoDate('2023-01-01')?.toISOString() // '2023-01-01T00:00:00.000Z'
 */
export function parseIsoDate(v: string): Date | undefined {
  if (!validateDate(v).ok) return undefined
  const [year, month, day] = v.split('-').map(Number) as [number, number, number]
  return utcMidnight(year, month, day)
}
