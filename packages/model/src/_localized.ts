/** User-facing languages. Chinese is the default everywhere. */
export type Lang = 'zh' | 'en'

/** A user-facing text in both languages; the caller picks one when printing. */
export interface Localized {
  zh: string
  en: string
}

/** Result of a pure code validator: ok, or a reason the user can act on. */
export type ValidationResult = { ok: true } | { ok: false; reason: Localized }

export const valid: ValidationResult = { ok: true }

export function invalid(zh: string, en: string): ValidationResult {
  return { ok: false, reason: { zh, en } }
}

export function pick(text: Localized, lang: Lang): string {
  return text[lang]
}
