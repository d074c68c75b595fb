import { describe, expect, it } from 'vitest'
import { idNumberCheckChar, validateIdNumber } from './idnumber'

const today = new Date('2024-06-01T04:00:00Z') // 2024-06-01 noon in Beijing

function reasonOf(v: string, options = { today }) {
  const result = validateIdNumber(v, options)
  expect(result.ok).toBe(false)
  if (result.ok) throw new Error('unreachable')
  return result.reason
}

/** A complete number for a birth date and address, with the check character the standard prescribes. */
function withCheck(first17: string): string {
  return first17 + idNumberCheckChar(first17)
}

describe('idNumberCheckChar, verified by hand', () => {
  it('gives X for the example in GB 11643-1999 itself', () => {
    // 1,1,0,1,0,5,1,9,4,9,1,2,3,1,0,0,2 × 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2
    // = 7+9+0+5+0+20+2+9+24+27+7+18+30+5+0+0+4 = 167; 167 mod 11 = 2; '10X98765432'[2] = X.
    expect(idNumberCheckChar('11010519491231002')).toBe('X')
  })

  it('gives 5 for a Baoding number born on a leap day', () => {
    // 1,3,0,6,0,2,2,0,0,0,0,2,2,9,0,0,1: 7+27+0+30+0+8+4+0+0+0+0+18+20+45+0+0+2 = 161;
    // 161 mod 11 = 7; '10X98765432'[7] = 5.
    expect(idNumberCheckChar('13060220000229001')).toBe('5')
  })

  it('refuses anything but 17 digits', () => {
    expect(() => idNumberCheckChar('1101051949123100')).toThrow(RangeError)
    expect(() => idNumberCheckChar('1101051949123100A')).toThrow(/17 digits/)
  })
})

describe('validateIdNumber: numbers that pass', () => {
  it('accepts the example from the standard, ending in X', () => {
    expect(validateIdNumber('11010519491231002X', { today })).toEqual({ ok: true })
  })

  it('accepts a leap-day birth in 2000 (divisible by 400)', () => {
    expect(validateIdNumber('130602200002290015', { today })).toEqual({ ok: true })
  })

  it('accepts someone born on 1900-01-01, the earliest allowed day', () => {
    expect(validateIdNumber(withCheck('13060219000101001'), { today })).toEqual({ ok: true })
  })

  it('accepts a Taiwan resident permit number (830000 address code)', () => {
    expect(validateIdNumber(withCheck('83000019900101002'), { today })).toEqual({ ok: true })
  })

  it('accepts a baby born today, judged by the calendar day in Beijing', () => {
    // 2024-05-31T16:30Z is already 00:30 on 1 June in Beijing.
    const justAfterMidnight = new Date('2024-05-31T16:30:00Z')
    expect(validateIdNumber(withCheck('13060220240601001'), { today: justAfterMidnight })).toEqual({ ok: true })
  })

  it('uses the real current date when no today is given', () => {
    expect(validateIdNumber('11010519491231002X')).toEqual({ ok: true })
  })
})

describe('validateIdNumber: what gets rejected and why', () => {
  it('a wrong check character names the right one', () => {
    const reason = reasonOf('110105194912310021')
    expect(reason.zh).toContain('校验码（第 18 位）应为 X，实际为 1')
    expect(reason.en).toContain('should be X, got 1')
  })

  it('a lowercase x is rejected with the uppercase spelling', () => {
    const reason = reasonOf('11010519491231002x')
    expect(reason.zh).toContain('大写 X')
    expect(reason.zh).toContain('11010519491231002X')
    expect(reason.en).toContain('uppercase X')
  })

  it('an old 15-digit number asks for the 18-digit one', () => {
    const reason = reasonOf('110105491231002')
    expect(reason.zh).toContain('15 位')
    expect(reason.en).toContain('18-character')
  })

  it('a number of the wrong length says how long it is', () => {
    const reason = reasonOf('11010519491231002X1')
    expect(reason.zh).toContain('应为 18 位，实际为 19 位')
    expect(reason.en).toContain('got 19')
  })

  it('a number mangled by Excel into scientific notation says the digits are lost', () => {
    const reason = reasonOf('1.30602E+17')
    expect(reason.zh).toContain('科学计数法')
    expect(reason.en).toContain('format the cell as text')
  })

  it('a letter among the first 17 characters is named with its position', () => {
    const reason = reasonOf('1101051949123100AX')
    expect(reason.zh).toContain('第 17 位是“A”')
    expect(reason.en).toContain("position 17 is 'A'")
  })

  it('a check character other than a digit or X is rejected', () => {
    const reason = reasonOf('11010519491231002Y')
    expect(reason.en).toContain("got 'Y'")
  })

  it('spaces are rejected', () => {
    expect(reasonOf('110105 19491231002X').en).toContain('whitespace')
  })

  it('an address code starting with 0 is rejected', () => {
    const reason = reasonOf(withCheck('01010519491231002'))
    expect(reason.zh).toContain('“010105”不能以 0 开头')
    expect(reason.en).toContain('must not start with 0')
  })

  it('the 1880 example from GB 11643 itself is rejected: births before 1900 are not plausible', () => {
    // 440524188001010014 has a correct check character.
    expect(idNumberCheckChar('44052418800101001')).toBe('4')
    const reason = reasonOf('440524188001010014')
    expect(reason.zh).toContain('年份 1880 早于 1900 年')
    expect(reason.en).toContain('before 1900')
  })

  it('29 February 1900 does not exist (1900 is not a leap year)', () => {
    const reason = reasonOf(withCheck('13060219000229001'))
    expect(reason.zh).toContain('19000229 不是真实存在的日期')
    expect(reason.en).toContain('19000229')
  })

  it('a 13th month is rejected', () => {
    expect(reasonOf(withCheck('13060219901301001')).en).toContain('not a real calendar date')
  })

  it('31 April is rejected', () => {
    expect(reasonOf(withCheck('13060219900431001')).zh).toContain('19900431')
  })

  it('a birth date after today is rejected, naming today', () => {
    const reason = reasonOf(withCheck('13060220240602001'))
    expect(reason.zh).toContain('20240602 晚于今天（20240601）')
    expect(reason.en).toContain('after today (20240601)')
  })

  it('a birth at Beijing midnight is still in the future one minute earlier', () => {
    const justBeforeMidnight = new Date('2024-05-31T15:59:00Z') // 23:59 on 31 May in Beijing
    const reason = reasonOf(withCheck('13060220240601001'), { today: justBeforeMidnight })
    expect(reason.en).toContain('after today (20240531)')
  })
})
