import type { AccessProfile, ReviewItem } from './_types'

/**
 * Review items a tool can check by itself. A profile may mark only these as
 * `automatic: true`; later tools (scanner, conformance kit) run them by id.
 */
export const AUTOMATIC_REVIEW_CHECKS = [
  'https',
  'certificate-validity',
  'health-url',
  'title-matches-service',
  'elder-mode',
  'no-own-login',
  'no-personal-data-in-url',
  'no-sensitive-storage',
  'outage-page',
] as const

export type AutomaticReviewCheck = (typeof AUTOMATIC_REVIEW_CHECKS)[number]

export function isAutomaticReviewCheck(id: string): id is AutomaticReviewCheck {
  return (AUTOMATIC_REVIEW_CHECKS as readonly string[]).includes(id)
}

/** The review items a tool runs, in the profile's order. */
export function automaticReviewItems(profile: Pick<AccessProfile, 'review'>): (ReviewItem & { id: AutomaticReviewCheck })[] {
  return profile.review.filter((r): r is ReviewItem & { id: AutomaticReviewCheck } => r.automatic && isAutomaticReviewCheck(r.id))
}

/** The review items a person has to confirm. */
export function manualReviewItems(profile: Pick<AccessProfile, 'review'>): ReviewItem[] {
  return profile.review.filter((r) => !r.automatic)
}
