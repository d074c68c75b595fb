import { describe, expect, it } from 'vitest'
import { normalizePhone, validatePhone } from './phone'

function reasonOf(v: string) {
  const result = validatePhone(v)
  expect(result.ok).toBe(false)
  if (result.ok) throw new Error('unreachable')
  return result.reason
}

describe('validatePhone and normalizePhone: numbers people actually write', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138-1234-5678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+86 138 1234 5678', '13812345678'],
    ['+86-13812345678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['19912345678', '19912345678'],
    [' 13812345678 ', '13812345678'],
  ])('mobile %s → %s', (input, normalized) => {
    expect(validatePhone(input)).toEqual({ ok: true })
    expect(normalizePhone(input)).toBe(normalized)
  })

  it.each([
    ['0312-1234567', '0312-1234567'],
    ['0312 1234567', '0312-1234567'],
    ['(0312)1234567', '0312-1234567'],
    ['（0312）1234567', '0312-1234567'],
    ['03121234567', '0312-1234567'],
    ['031212345678', '0312-12345678'],
    ['010-12345678', '010-12345678'],
    ['01012345678', '010-12345678'],
    ['02112345678', '021-12345678'],
    ['0312-1234567-123', '0312-1234567-123'],
    ['0312-1234567转8001', '0312-1234567-8001'],
  ])('landline %s → %s', (input, normalized) => {
    expect(validatePhone(input)).toEqual({ ok: true })
    expect(normalizePhone(input)).toBe(normalized)
  })

  it('the 12345 hotline is accepted alone and behind an area code', () => {
    expect(validatePhone('12345')).toEqual({ ok: true })
    expect(normalizePhone('12345')).toBe('12345')
    expect(validatePhone('0312-12345')).toEqual({ ok: true })
    expect(normalizePhone('0312-12345')).toBe('0312-12345')
  })

  it('normalizePhone gives undefined for a number validatePhone rejects', () => {
    expect(normalizePhone('1381234567')).toBeUndefined()
    expect(normalizePhone('')).toBeUndefined()
  })
})

describe('validatePhone: rejections say what to fix', () => {
  it('a landline whose leading 0 Excel dropped is recognised and the full number offered', () => {
    const reason = reasonOf('3121234567')
    expect(reason.zh).toContain('应为 03121234567')
    expect(reason.zh).toContain('Excel')
    expect(reason.en).toContain('lost its leading 0')
  })

  it('a Beijing number without its leading 0 is recognised too', () => {
    expect(reasonOf('1012345678').en).toContain('it should be 01012345678')
  })

  it('a 10-digit mobile says a digit is missing, without blaming Excel', () => {
    const reason = reasonOf('1381234567')
    expect(reason.zh).toContain('手机号应为 11 位，实际为 10 位')
    expect(reason.en).not.toContain('Excel')
  })

  it('a 12-digit mobile says it has one digit too many', () => {
    expect(reasonOf('138123456789').en).toContain('11 digits, got 12')
  })

  it('a number shown in Excel scientific notation asks for a text cell', () => {
    const reason = reasonOf('1.38123E+10')
    expect(reason.zh).toContain('科学计数法')
    expect(reason.en).toContain('format the cell as text')
  })

  it('a mobile starting with 12 is rejected for its second digit', () => {
    const reason = reasonOf('12012345678')
    expect(reason.zh).toContain('第 2 位应为 3–9')
    expect(reason.en).toContain('start with 13-19')
  })

  it('an area code without its 0 is rejected', () => {
    const reason = reasonOf('312-1234567')
    expect(reason.zh).toContain('区号“312”应以 0 开头')
    expect(reason.en).toContain("area code '312' should start with 0")
  })

  it('an area code that does not exist is rejected', () => {
    expect(reasonOf('0111-1234567').zh).toContain('区号“0111”不存在')
    expect(reasonOf('(01)12345678').en).toContain("area code '01' does not exist")
  })

  it('Beijing numbers need 8 digits after 010', () => {
    const reason = reasonOf('010-1234567')
    expect(reason.zh).toContain('区号 010 后的号码应为 8 位，实际为 7 位')
    expect(reason.en).toContain('should have 8 digits, got 7')
  })

  it('a local number that is too short or too long is rejected', () => {
    expect(reasonOf('0312-123456').en).toContain('should have 7-8 digits, got 6')
    expect(reasonOf('0312-123456789').en).toContain('got 9')
  })

  it('an area code written twice is suspected', () => {
    expect(reasonOf('0312-0312123').zh).toContain('重复写了区号')
  })

  it('an extension longer than six digits or with letters is not understood', () => {
    expect(reasonOf('0312-1234567-1234567').en).toContain('not a recognised phone number')
    expect(reasonOf('0312-1234567 ext 12').en).toContain('not a recognised phone number')
  })

  it('text that is not a phone number gets examples of ones that are', () => {
    const reason = reasonOf('见附件')
    expect(reason.zh).toContain('13812345678')
    expect(reason.en).toContain('0312-1234567')
  })

  it('an empty cell is reported as empty', () => {
    expect(reasonOf('  ').en).toBe('phone number is empty')
  })
})
