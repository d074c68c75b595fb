import { describe, expect, it } from 'vitest'
import type { ValidationResult } from '../_localized'
import { defaultItemCodeRule, validateItemCode } from './item-code'

function reasonOf(result: ValidationResult) {
  expect(result.ok).toBe(false)
  if (result.ok) throw new Error('unreachable')
  return result.reason
}

// A published USCC (see uscc.test.ts) followed by a 13-character item part.
const USCC = '91350100M000100Y43'
const GOOD = `${USCC}0001170010000`

describe('validateItemCode with the default rule', () => {
  it('the default rule is 31 characters with a USCC prefix and no pattern', () => {
    expect(defaultItemCodeRule).toEqual({ length: 31, usccPrefix: true })
    expect(Object.isFrozen(defaultItemCodeRule)).toBe(true)
  })

  it('a USCC followed by 13 digits or uppercase letters is accepted', () => {
    expect(validateItemCode(GOOD)).toEqual({ ok: true })
    expect(validateItemCode(`${USCC}00011700100AB`)).toEqual({ ok: true })
  })

  it('a code one character short says how long it is', () => {
    const reason = reasonOf(validateItemCode(GOOD.slice(0, 30)))
    expect(reason.zh).toContain('应为 31 位，实际为 30 位')
    expect(reason.en).toContain('31 characters, got 30')
  })

  it('a lowercase letter after the USCC is rejected with the uppercase spelling', () => {
    const reason = reasonOf(validateItemCode(`${USCC}00011700100ab`))
    expect(reason.zh).toContain('第 30 位“a”是小写字母')
    expect(reason.zh).toContain(`${USCC}00011700100AB`)
    expect(reason.en).toContain('uppercase')
  })

  it('punctuation is named with its position', () => {
    const reason = reasonOf(validateItemCode(`${USCC}000117-010000`))
    expect(reason.zh).toContain('第 25 位“-”')
    expect(reason.en).toContain("position 25 '-'")
  })

  it('spaces are rejected', () => {
    expect(reasonOf(validateItemCode(`${USCC} 000117001000`)).en).toContain('whitespace at position 19')
  })

  it('a prefix that is not a valid USCC says so, with the USCC reason', () => {
    const reason = reasonOf(validateItemCode(`91350100M000100Y44${'0001170010000'}`))
    expect(reason.zh).toContain('前 18 位应为实施主体的统一社会信用代码')
    expect(reason.zh).toContain('应为 3，实际为 4')
    expect(reason.en).toContain('should be 3, got 4')
  })

  it('an excluded letter inside the USCC part is reported through the USCC check', () => {
    const reason = reasonOf(validateItemCode(`91350100MO00100Y43${'0001170010000'}`))
    expect(reason.zh).toContain('字母 O')
  })

  it('an empty code is rejected', () => {
    expect(reasonOf(validateItemCode('')).en).toContain('empty')
  })
})

describe('validateItemCode with a province-specific rule', () => {
  it('a province without a USCC prefix checks only length and characters', () => {
    const rule = { length: 20, usccPrefix: false }
    expect(validateItemCode('00011700100001300006', rule)).toEqual({ ok: true })
    expect(reasonOf(validateItemCode('0001170010000130000', rule)).en).toContain('should be 20 characters, got 19')
  })

  it('omitted fields take their defaults', () => {
    expect(validateItemCode(GOOD, { pattern: '.*' })).toEqual({ ok: true })
    expect(reasonOf(validateItemCode(`${USCC}00011700100001`, { usccPrefix: true })).en).toContain('got 32')
  })

  it('a longer code is accepted when the rule says so', () => {
    expect(validateItemCode(`${USCC}0001170010000ABCD`, { length: 35 })).toEqual({ ok: true })
  })

  it('the pattern must match the whole code, and a mismatch names the pattern', () => {
    const rule = { pattern: '[0-9A-Z]{18}\\d{13}' }
    expect(validateItemCode(GOOD, rule)).toEqual({ ok: true })
    const reason = reasonOf(validateItemCode(`${USCC}00011700100AB`, rule))
    expect(reason.zh).toContain('/[0-9A-Z]{18}\\d{13}/')
    expect(reason.en).toContain('does not match the local rule')
  })

  it('a pattern is anchored even if it could match a part of the code', () => {
    expect(validateItemCode(GOOD, { pattern: '\\d{13}' }).ok).toBe(false)
  })

  it('a malformed rule is a profile bug and throws instead of blaming every code', () => {
    expect(() => validateItemCode(GOOD, { pattern: '[0-9' })).toThrow(SyntaxError)
    expect(() => validateItemCode(GOOD, { length: 10 })).toThrow(/≥ 18/)
    expect(() => validateItemCode(GOOD, { length: 0, usccPrefix: false })).toThrow(RangeError)
  })
})
