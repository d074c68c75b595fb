/**
 * Masking on the hot path: the profile's `maskText`, behind a pre-test that
 * skips text which cannot hold an ID number, a mobile or a card number
 * (each has at least eleven digits, optionally in groups). Most log lines
 * and reply strings have none, and the test is one regex instead of three.
 */
import { mask, maskText, type AccessProfile, type PlatformUser } from '@yingjie/spec'

const MAYBE_PERSONAL = /\d{3}[ -]?\d{4}[ -]?\d{4}/

export function maskTextFast(text: string, masking: AccessProfile['masking']): string {
  return MAYBE_PERSONAL.test(text) ? maskText(text, masking) : text
}

/** Mask every string (and long integer) in a reply by the profile's rules. */
export function maskDeep(value: unknown, masking: AccessProfile['masking']): unknown {
  if (typeof value === 'string') return maskTextFast(value, masking)
  if (typeof value === 'number' && Number.isInteger(value) && value > 1e9) {
    const s = String(value)
    const m = maskText(s, masking)
    return m === s ? value : m
  }
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, masking))
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, masking)
    return out
  }
  return value
}

const maskedIds = new WeakMap<PlatformUser, string>()

/** The user's ID number masked for the audit line; cached per user object (the identity cache hands out the same one). */
export function maskedUserId(user: PlatformUser, masking: AccessProfile['masking']): string {
  let m = maskedIds.get(user)
  if (m === undefined) maskedIds.set(user, (m = mask(user.idNumber, 'idNumber', masking)))
  return m
}
