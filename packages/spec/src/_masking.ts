import { idNumberCheckChar, validateIdNumber } from '@yingjie/model'
import type { MaskingSpec, MaskKind, MaskRule } from './_types'

/**
 * The rules the shipped profiles use: name hides the first character, ID
 * number keeps the first and last, phone keeps 3 + 4, email keeps the first
 * letter of the local part, bank card keeps the first 6 and last 4.
 */
export const DEFAULT_MASKING: MaskingSpec = {
  maskChar: '*',
  rules: {
    name: { strategy: 'hide-first', count: 1 },
    idNumber: { strategy: 'keep-positions', positions: '1,18' },
    phone: { strategy: 'keep-ends', first: 3, last: 4 },
    email: { strategy: 'email', keepLocal: 1 },
    bankCard: { strategy: 'keep-ends', first: 6, last: 4 },
  },
}

/** Parse "1,5-12,18" into 1-based positions to keep. */
export function parsePositions(spec: string): Set<number> {
  const keep = new Set<number>()
  for (const part of spec.split(',')) {
    const [from, to] = part.split('-').map(Number) as [number, number | undefined]
    if (!Number.isInteger(from) || from < 1) throw new RangeError(`bad position '${part}' in '${spec}'`)
    const end = to ?? from
    if (!Number.isInteger(end) || end < from) throw new RangeError(`bad range '${part}' in '${spec}'`)
    for (let i = from; i <= end; i++) keep.add(i)
  }
  return keep
}

function applyRule(chars: string[], rule: MaskRule, maskChar: string): string {
  const n = chars.length
  switch (rule.strategy) {
    case 'hide-first':
      // A one-character value would be shown whole by "keep the rest"; hide it all.
      return chars.map((c, i) => (i < rule.count || n <= rule.count ? maskChar : c)).join('')
    case 'keep-ends': {
      // Too short to keep both ends and still hide something: keep less.
      const hideAtLeast = Math.max(1, Math.ceil(n / 3))
      const budget = Math.max(0, n - hideAtLeast)
      const first = Math.min(rule.first, budget)
      const last = Math.min(rule.last, budget - first)
      return chars.map((c, i) => (i < first || i >= n - last ? c : maskChar)).join('')
    }
    case 'keep-positions': {
      const keep = parsePositions(rule.positions)
      return chars.map((c, i) => (keep.has(i + 1) && keep.size < n ? c : maskChar)).join('')
    }
    case 'email': {
      const text = chars.join('')
      const at = text.lastIndexOf('@')
      if (at < 0) return applyRule(chars, { strategy: 'keep-ends', first: 1, last: 0 }, maskChar)
      const local = [...text.slice(0, at)]
      const keep = Math.min(rule.keepLocal, Math.max(0, local.length - 1))
      return local.map((c, i) => (i < keep ? c : maskChar)).join('') + text.slice(at)
    }
  }
}

/**
 * Mask one value of a known kind by the profile's rules (or the defaults).
 * Works on characters, not UTF-16 units, so names outside the BMP stay whole.
 * @example mask('13812345678', 'phone') // '138****5678'
 * @example mask('张三', 'name') // '*三'
 */
export function mask(value: string, kind: MaskKind, masking: MaskingSpec = DEFAULT_MASKING): string {
  if (value === '') return value
  return applyRule([...value], masking.rules[kind], masking.maskChar)
}

/** What the detector finds in free text. Names are not detected: no rule tells a name from other words. */
export type DetectedKind = 'idNumber' | 'phone' | 'bankCard'

export interface PersonalDataMatch {
  kind: DetectedKind
  /** UTF-16 offsets into the text, end exclusive. */
  start: number
  end: number
  value: string
  /** The value masked by the rules used for the scan. */
  masked: string
}

/** Luhn (ISO/IEC 7812) check over a digit string. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false
  let sum = 0
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i])
    if (i % 2 === 1) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
  }
  return sum % 10 === 0
}

// Boundaries: no letter or digit directly around a match, so hashes, trace
// ids and longer numbers are not taken for personal data; Chinese text and
// punctuation around a number are fine ("手机13812345678", "id=…&").
const ID_NUMBER = /(?<![0-9A-Za-z])[1-9]\d{16}[0-9Xx](?![0-9A-Za-z])/g
const MOBILE = /(?<![0-9A-Za-z+])(?:(?:\+|00)86[ -]?)?(1[3-9]\d(?:[ -]?\d{4}){2})(?![0-9A-Za-z])/g
const BANK_CARD = /(?<![0-9A-Za-z])\d{4}(?:[ -]?\d{4}){3}(?:[ -]?\d{1,3})?(?![0-9A-Za-z])/g

function isValidIdNumber(candidate: string): boolean {
  const upper = candidate.toUpperCase()
  // The check character rules out ~10/11 of random 18-digit numbers; the full
  // validator then rules out impossible dates and address codes.
  if (idNumberCheckChar(upper.slice(0, 17)) !== upper[17]) return false
  return validateIdNumber(upper).ok
}

/**
 * Find unmasked ID numbers (only with a valid check character and birth
 * date), mainland mobile numbers and bank card numbers (16–19 digits passing
 * Luhn, optionally in groups of four) in free text such as logs and reports.
 * Matches are sorted and never overlap; an ID number wins over a card
 * number made of the same digits.
 */
export function findUnmaskedPersonalData(text: string, masking: MaskingSpec = DEFAULT_MASKING): PersonalDataMatch[] {
  const found: PersonalDataMatch[] = []
  const taken: [number, number][] = []
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a)
  const add = (kind: DetectedKind, start: number, value: string) => {
    const end = start + value.length
    if (overlaps(start, end)) return
    taken.push([start, end])
    found.push({ kind, start, end, value, masked: maskMatch(kind, value, masking) })
  }
  for (const m of text.matchAll(ID_NUMBER)) if (isValidIdNumber(m[0])) add('idNumber', m.index, m[0])
  for (const m of text.matchAll(BANK_CARD)) {
    const digits = m[0].replace(/[ -]/g, '')
    if (digits.length >= 16 && digits.length <= 19 && luhnValid(digits)) add('bankCard', m.index, m[0])
  }
  for (const m of text.matchAll(MOBILE)) add('phone', m.index, m[0])
  return found.sort((a, b) => a.start - b.start)
}

// Separators inside a number are kept in place so the masked text lines up with the original.
function maskMatch(kind: DetectedKind, value: string, masking: MaskingSpec): string {
  if (kind === 'idNumber') return mask(value, 'idNumber', masking)
  const prefix = kind === 'phone' ? (/^(?:\+|00)86[ -]?/.exec(value)?.[0] ?? '') : ''
  const body = value.slice(prefix.length)
  const digits = body.replace(/[ -]/g, '')
  const maskedDigits = [...mask(digits, kind, masking)]
  let k = 0
  return prefix + [...body].map((c) => (c === ' ' || c === '-' ? c : maskedDigits[k++]!)).join('')
}

/**
 * The text with every finding of {@link findUnmaskedPersonalData} masked.
 * @example maskText('用户 13812345678 提交') // '用户 138****5678 提交'
 */
export function maskText(text: string, masking: MaskingSpec = DEFAULT_MASKING): string {
  let out = ''
  let at = 0
  for (const m of findUnmaskedPersonalData(text, masking)) {
    out += text.slice(at, m.start) + m.masked
    at = m.end
  }
  return out + text.slice(at)
}
