import { describe, expect, it } from 'vitest'
import { isCalendarDate, parseIsoDate, validateDate } from './date'

function reasonOf(v: string) {
  const result = validateDate(v)
  expect(result.ok).toBe(false)
  if (result.ok) throw new Error('unreachable')
  return result.reason
}

describe('validateDate', () => {
  it.each(['2022-02-20', '2022-12-31', '2023-01-01', '2024-02-29', '2000-02-29', '1949-10-01'])('%s is accepted', (date) => {
    expect(validateDate(date)).toEqual({ ok: true })
  })

  it('29 February in a non-leap year says the year is not a leap year', () => {
    const reason = reasonOf('2023-02-29')
    expect(reason.zh).toContain('2023 年 2 月只有 28 天')
    expect(reason.zh).toContain('不是闰年')
    expect(reason.en).toContain('2023 is not a leap year')
  })

  it('1900 is not a leap year (divisible by 100 but not 400)', () => {
    expect(reasonOf('1900-02-29').en).toContain('1900 is not a leap year')
  })

  it('31 April says April has 30 days', () => {
    const reason = reasonOf('2022-04-31')
    expect(reason.zh).toContain('4 月只有 30 天')
    expect(reason.en).toContain('2022-04 has 30 days')
  })

  it('month 13 and month 00 are rejected', () => {
    expect(reasonOf('2022-13-01').zh).toContain('月份应为 01–12，实际为 13')
    expect(reasonOf('2022-00-10').en).toContain('got 00')
  })

  it('day 00 is rejected', () => {
    expect(reasonOf('2022-01-00').en).toContain('day 00 does not exist')
  })

  it('an Excel date serial number is decoded in the reason', () => {
    const reason = reasonOf('44612')
    expect(reason.zh).toContain('Excel 日期序列号')
    expect(reason.zh).toContain('2022-02-20')
    expect(reason.en).toContain('it means 2022-02-20')
  })

  it('a compact date gets its hyphens back', () => {
    expect(reasonOf('20220220').zh).toContain('应写作 2022-02-20')
  })

  it.each([
    ['2022/2/20', '2022-02-20'],
    ['2022.12.1', '2022-12-01'],
    ['2022年2月20日', '2022-02-20'],
    ['2022-2-20', '2022-02-20'],
  ])('%s is rewritten as %s in the reason', (input, suggestion) => {
    const reason = reasonOf(input)
    expect(reason.zh).toContain(`应写作 ${suggestion}`)
    expect(reason.en).toContain(`write it as ${suggestion}`)
  })

  it('a date with a time part is not a date', () => {
    expect(reasonOf('2022-02-20T00:00:00Z').en).toContain('not a YYYY-MM-DD date')
  })

  it('surrounding whitespace is rejected', () => {
    expect(reasonOf(' 2022-02-20').en).toContain('whitespace')
  })

  it('an empty value shows the expected form', () => {
    expect(reasonOf('').zh).toContain('YYYY-MM-DD')
  })

  it('year 0000 is rejected', () => {
    expect(reasonOf('0000-01-01').en).toContain('0000')
  })
})

describe('parseIsoDate', () => {
  it('gives UTC midnight of the day', () => {
    expect(parseIsoDate('2023-01-01')?.toISOString()).toBe('2023-01-01T00:00:00.000Z')
    expect(parseIsoDate('2024-02-29')?.toISOString()).toBe('2024-02-29T00:00:00.000Z')
  })

  it('keeps years below 100 as written instead of shifting them to the 1900s', () => {
    expect(parseIsoDate('0099-12-31')?.getUTCFullYear()).toBe(99)
  })

  it('gives undefined for anything validateDate rejects', () => {
    expect(parseIsoDate('2023-02-29')).toBeUndefined()
    expect(parseIsoDate('2022/02/20')).toBeUndefined()
    expect(parseIsoDate('')).toBeUndefined()
  })
})

describe('isCalendarDate', () => {
  it('follows the 4/100/400 leap-year rule', () => {
    expect(isCalendarDate(2024, 2, 29)).toBe(true)
    expect(isCalendarDate(2000, 2, 29)).toBe(true)
    expect(isCalendarDate(2100, 2, 29)).toBe(false)
    expect(isCalendarDate(2023, 2, 29)).toBe(false)
  })

  it('rejects out-of-range and fractional parts', () => {
    expect(isCalendarDate(2023, 13, 1)).toBe(false)
    expect(isCalendarDate(2023, 6, 31)).toBe(false)
    expect(isCalendarDate(2023, 1, 0)).toBe(false)
    expect(isCalendarDate(2023, 1.5, 1)).toBe(false)
  })
})
