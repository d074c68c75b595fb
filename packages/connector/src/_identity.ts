/**
 * The adapter side of the profile's identity flow: exchange the entry
 * credential (accessLink, ticketId, code) at the platform, step by step as
 * the profile describes, and cache the user for as long as the platform
 * says it is good for.
 */
import { createHash } from 'node:crypto'
import { buildIdentityRequest, isPlatformError, parseIdentityResponse, signRequest, type AccessProfile, type Credentials, type PlatformUser } from '@yingjie/spec'
import { Pool } from 'undici'
import type { IdentityCache } from './_stores'

export interface IdentityResolverOptions {
  profile: AccessProfile
  /** Base URL of the platform's identity endpoints (the mock platform in development). */
  platformUrl: string
  /** Values the profile's `identity.config` names (appId, appPassword…), from environment variables. */
  config: Record<string, string>
  /** Keys for steps the profile marks `signed` (calls through a signing gateway such as IRS). */
  platformKeys?: Credentials
  cache: IdentityCache
  /** @default 5000 */
  timeoutMs?: number
}

export type IdentityFailure = 'unauthorized' | 'unavailable' | 'misconfigured'

/** Why no user could be resolved, in the adapter's terms. */
export class IdentityError extends Error {
  readonly failure: IdentityFailure
  /** The platform's error code, when it sent one. */
  readonly platformCode?: string
  constructor(failure: IdentityFailure, message: string, platformCode?: string) {
    super(message)
    this.name = 'IdentityError'
    this.failure = failure
    if (platformCode !== undefined) this.platformCode = platformCode
  }
}

const UNAUTHORIZED = new Set(['ticket-invalid', 'ticket-expired', 'token-invalid', 'token-expired', 'user-not-found', 'user-not-verified'])
const UNAVAILABLE = new Set(['rate-limited', 'platform-unavailable'])
const CREDENTIAL = /^[\x21-\x7e]{1,512}$/

export class IdentityResolver {
  readonly #options: IdentityResolverOptions
  readonly #pool: Pool
  readonly #base: string
  readonly #inflight = new Map<string, Promise<PlatformUser>>()
  // Credential → cache key, so a busy credential is not hashed on every request. Bounded: cleared when full.
  readonly #keys = new Map<string, string>()

  constructor(options: IdentityResolverOptions) {
    this.#options = options
    this.#base = options.platformUrl
    this.#pool = new Pool(new URL(options.platformUrl).origin, { connections: 8 })
  }

  /** The cache key of a credential: a hash, so neither the cache nor Redis holds the credential itself. */
  cacheKey(credential: string): string {
    let key = this.#keys.get(credential)
    if (key === undefined) {
      if (this.#keys.size >= 10_000) this.#keys.clear()
      key = createHash('sha256').update(`${this.#options.profile.id}\n${credential}`).digest('hex')
      this.#keys.set(credential, key)
    }
    return key
  }

  /**
   * The user behind `credential`. Concurrent calls with the same credential
   * share one exchange: a single-use credential must be exchanged once.
   */
  async resolve(credential: string): Promise<{ user: PlatformUser; cached: boolean }> {
    if (!CREDENTIAL.test(credential)) throw new IdentityError('unauthorized', 'credential is not in a valid format')
    const key = this.cacheKey(credential)
    const hit = await this.#options.cache.get(key)
    if (hit) return { user: hit, cached: true }
    let pending = this.#inflight.get(key)
    if (!pending) {
      pending = this.#exchange(credential, key).finally(() => this.#inflight.delete(key))
      this.#inflight.set(key, pending)
    }
    return { user: await pending, cached: false }
  }

  async #exchange(credential: string, key: string): Promise<PlatformUser> {
    const { profile } = this.#options
    const values: Record<string, string> = { ...this.#options.config, [profile.identity.entry.param]: credential }
    // Without a token step, the user is good for as long as the credential is.
    let ttl = profile.identity.entry.lifetimeSeconds
    for (const step of profile.identity.steps) {
      const req = buildIdentityRequest(profile, step.id, values, this.#base)
      const url = new URL(req.url)
      const headers: Record<string, string> = { ...req.headers }
      if (req.signed) {
        if (!this.#options.platformKeys) throw new IdentityError('misconfigured', `identity step ${step.id} must be signed but no platform keys are configured`)
        Object.assign(headers, signRequest(profile, { method: req.method, url: url.pathname + url.search, headers, body: req.body ?? '' }, this.#options.platformKeys).headers)
      }
      let text: string
      try {
        const res = await this.#pool.request({
          method: req.method,
          path: url.pathname + url.search,
          headers,
          body: req.body,
          headersTimeout: this.#options.timeoutMs ?? 5000,
          bodyTimeout: this.#options.timeoutMs ?? 5000,
        })
        text = await res.body.text()
      } catch (error) {
        throw new IdentityError('unavailable', `the platform cannot be reached: ${(error as Error).message}`)
      }
      let result
      try {
        result = parseIdentityResponse(profile, step.id, text)
      } catch (error) {
        if (isPlatformError(error)) {
          const failure: IdentityFailure = UNAUTHORIZED.has(error.kind) ? 'unauthorized' : UNAVAILABLE.has(error.kind) ? 'unavailable' : 'misconfigured'
          throw new IdentityError(failure, error.finding.message.en, error.platformCode)
        }
        throw error
      }
      if (result.kind === 'token') {
        values.token = result.token
        ttl = result.expiresInSeconds
      } else {
        await this.#options.cache.set(key, result.user, ttl)
        return result.user
      }
    }
    throw new IdentityError('misconfigured', 'the profile has no identity step that produces a user')
  }

  close(): Promise<void> {
    return this.#pool.close()
  }
}
