import type { PlatformUser } from '@yingjie/spec'

/**
 * The replay guard's memory. Shared by every process of an adapter when it
 * runs as several (use {@link RedisNonceStore}); in memory otherwise.
 */
export interface NonceStore {
  /**
   * True when `nonce` was seen within the last `ttlSeconds`; otherwise
   * remembers it and returns false. Must be atomic across processes.
   */
  seen(nonce: string, ttlSeconds: number): Promise<boolean>
  close?(): Promise<void>
}

/** Resolved users by credential, kept no longer than the credential or token lives. */
export interface IdentityCache {
  get(key: string): Promise<PlatformUser | undefined>
  set(key: string, user: PlatformUser, ttlSeconds: number): Promise<void>
  close?(): Promise<void>
}

const BUCKET_MS = 10_000

/**
 * Nonces in ten-second buckets by expiry, so forgetting old ones is dropping
 * whole buckets rather than scanning every entry. Memory is bounded by
 * request rate × TTL, which is what a replay guard has to remember.
 */
export class MemoryNonceStore implements NonceStore {
  readonly #buckets = new Map<number, Set<string>>()
  readonly #now: () => number
  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  get size(): number {
    let n = 0
    for (const b of this.#buckets.values()) n += b.size
    return n
  }

  async seen(nonce: string, ttlSeconds: number): Promise<boolean> {
    return this.seenSync(nonce, ttlSeconds)
  }

  /** The same, without a promise: the in-process hot path. */
  seenSync(nonce: string, ttlSeconds: number): boolean {
    const now = this.#now()
    this.#sweep(now)
    for (const bucket of this.#buckets.values()) if (bucket.has(nonce)) return true
    // Round the expiry up: a nonce is kept at least ttlSeconds, at most one bucket longer.
    const key = Math.ceil((now + ttlSeconds * 1000) / BUCKET_MS) * BUCKET_MS
    let bucket = this.#buckets.get(key)
    if (!bucket) this.#buckets.set(key, (bucket = new Set()))
    bucket.add(nonce)
    return false
  }

  #sweep(now: number): void {
    for (const key of this.#buckets.keys()) if (key <= now) this.#buckets.delete(key)
  }
}

/** Users in a Map with expiry times; expired entries go on read and on a periodic sweep. */
export class MemoryIdentityCache implements IdentityCache {
  readonly #entries = new Map<string, { user: PlatformUser; expires: number }>()
  readonly #now: () => number
  #writes = 0
  constructor(now: () => number = Date.now) {
    this.#now = now
  }

  get size(): number {
    return this.#entries.size
  }

  async get(key: string): Promise<PlatformUser | undefined> {
    return this.getSync(key)
  }

  getSync(key: string): PlatformUser | undefined {
    const hit = this.#entries.get(key)
    if (!hit) return undefined
    if (hit.expires <= this.#now()) {
      this.#entries.delete(key)
      return undefined
    }
    return hit.user
  }

  async set(key: string, user: PlatformUser, ttlSeconds: number): Promise<void> {
    if (ttlSeconds <= 0) return
    const now = this.#now()
    this.#entries.set(key, { user, expires: now + ttlSeconds * 1000 })
    if (++this.#writes % 1000 === 0) for (const [k, v] of this.#entries) if (v.expires <= now) this.#entries.delete(k)
  }
}
