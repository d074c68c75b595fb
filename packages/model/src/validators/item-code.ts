import { invalid, valid, type ValidationResult } from '../_localized'
import { validateUscc } from './uscc'

/**
 * Shape of a 实施编码 (implementation code of a government service item).
 * Provinces number their items differently, so the rule is data that a
 * platform profile supplies.
 */
export interface ItemCodeRule {
  /**
   * Exact number of characters.
   * @default 31
   */
  length: number
  /**
   * Whether the first 18 characters are the implementing body's unified
   * social credit code and must pass {@link validateUscc}.
   * @default true
   */
  usccPrefix: boolean
  /**
   * Extra regular expression the whole code must match; it is anchored at
   * both ends. Checked last, after length, characters and USCC.
   * @example '[0-9A-Z]{18}\\d{13}'
   */
  pattern?: string
}

/** The rule used when a profile does not define its own. */
export const defaultItemCodeRule: Readonly<ItemCodeRule> = Object.freeze({ length: 31, usccPrefix: true })

const USCC_LENGTH = 18

function resolveRule(rule: Partial<ItemCodeRule>): { length: number; usccPrefix: boolean; pattern: RegExp | undefined } {
  const length = rule.length ?? defaultItemCodeRule.length
  const usccPrefix = rule.usccPrefix ?? defaultItemCodeRule.usccPrefix
  // A broken rule is a profile bug, not the department's: fail loudly rather
  // than report every code in the inventory as wrong.
  if (!Number.isInteger(length) || length < 1 || (usccPrefix && length < USCC_LENGTH)) {
    throw new RangeError(`item code rule length must be an integer ≥ ${usccPrefix ? USCC_LENGTH : 1}, got ${length}`)
  }
  let pattern: RegExp | undefined
  if (rule.pattern !== undefined) {
    try {
      pattern = new RegExp(`^(?:${rule.pattern})$`, 'u')
    } catch (error) {
      throw new SyntaxError(`item code rule pattern /${rule.pattern}/ is not a valid regular expression`, { cause: error })
    }
  }
  return { length, usccPrefix, pattern }
}

/**
 * Checks a 实施编码 against a rule (fields left out take their defaults from
 * {@link defaultItemCodeRule}): digits and uppercase letters only, the exact
 * length, a valid USCC prefix when required, and the extra pattern if any.
 * @throws RangeError or SyntaxError when the rule itself is malformed.
 * @example validateItemCode('91350100M000100Y43' + '0001170010000') // { ok: true }
 */
export function validateItemCode(v: string, rule: Partial<ItemCodeRule> = defaultItemCodeRule): ValidationResult {
  const { length, usccPrefix, pattern } = resolveRule(rule)
  if (v === '') return invalid('实施编码为空', 'implementation code is empty')
  const chars = [...v]

  const space = chars.findIndex((c) => /\s/.test(c))
  if (space >= 0) {
    return invalid(`实施编码第 ${space + 1} 位是空白字符，请删除所有空格`, `implementation code has whitespace at position ${space + 1}; remove all spaces`)
  }
  const lower = chars.findIndex((c) => c >= 'a' && c <= 'z')
  if (lower >= 0) {
    return invalid(
      `实施编码第 ${lower + 1} 位“${chars[lower]}”是小写字母；实施编码只用大写字母，应写作 ${v.toUpperCase()}`,
      `implementation code has a lowercase letter '${chars[lower]}' at position ${lower + 1}; use uppercase: ${v.toUpperCase()}`,
    )
  }
  const bad = chars.findIndex((c) => !/[0-9A-Z]/.test(c))
  if (bad >= 0) {
    return invalid(
      `实施编码第 ${bad + 1} 位“${chars[bad]}”不是数字或大写字母`,
      `implementation code position ${bad + 1} '${chars[bad]}' is not a digit or uppercase letter`,
    )
  }
  if (chars.length !== length) {
    return invalid(`实施编码应为 ${length} 位，实际为 ${chars.length} 位`, `implementation code should be ${length} characters, got ${chars.length}`)
  }

  if (usccPrefix) {
    const prefix = validateUscc(v.slice(0, USCC_LENGTH))
    if (!prefix.ok) {
      return invalid(
        `实施编码前 18 位应为实施主体的统一社会信用代码：${prefix.reason.zh}`,
        `the first 18 characters of an implementation code are the implementing body's unified social credit code: ${prefix.reason.en}`,
      )
    }
  }
  if (pattern && !pattern.test(v)) {
    return invalid(
      `实施编码不符合本地规则 /${rule.pattern}/，请对照事项清单核对`,
      `implementation code does not match the local rule /${rule.pattern}/; compare it with the service item list`,
    )
  }
  return valid
}
