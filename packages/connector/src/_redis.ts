import type { PlatformUser } from '@yingjie/spec'
import type { Redis, RedisOptions } from 'ioredis'
import type { IdentityCache, NonceStore } from './_stores'

export interface RedisStoreOptions {
  /**
   * Connection URL, e.g. `redis://127.0.0.1:6379/0`. Read it from an
   * environment variable (`YINGJIE_REDIS_URL`); it may hold a password.
   */
  url: string
  /**
   * Prefix of every key, so several adapters can share one Redis.
   * @default 'yingjie:'
   */
  prefix?: string
  /** Passed to ioredis. */
  options?: RedisOptions
}

// ioredis is loaded only when Redis is configured: it costs half a second of start-up.
async function connect(options: RedisStoreOptions): Promise<Redis> {
  const { Redis } = await import('ioredis')
  const redis = new Redis(options.url, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false, ...options.options })
  // Connection errors surface through the failing commands (a 5030 envelope); ioredis would also print them unasked.
  redis.on('error', () => undefined)
  return redis
}

/** Nonces as `SET key 1 NX EX ttl`: atomic across every process that shares the Redis. */
export class RedisNonceStore implements NonceStore {
  readonly #redis: Promise<Redis>
  readonly #prefix: string
  constructor(options: RedisStoreOptions) {
    this.#redis = connect(options)
    this.#prefix = `${options.prefix ?? 'yingjie:'}nonce:`
  }

  async seen(nonce: string, ttlSeconds: number): Promise<boolean> {
    const set = await (await this.#redis).set(this.#prefix + nonce, '1', 'EX', Math.max(1, Math.ceil(ttlSeconds)), 'NX')
    return set === null
  }

  async close(): Promise<void> {
    await (await this.#redis).quit()
  }
}

/** Users as JSON strings with a TTL; keys are credential hashes, never the credential itself. */
export class RedisIdentityCache implements IdentityCache {
  readonly #redis: Promise<Redis>
  readonly #prefix: string
  constructor(options: RedisStoreOptions) {
    this.#redis = connect(options)
    this.#prefix = `${options.prefix ?? 'yingjie:'}identity:`
  }

  async get(key: string): Promise<PlatformUser | undefined> {
    const text = await (await this.#redis).get(this.#prefix + key)
    if (text === null) return undefined
    try {
      return JSON.parse(text) as PlatformUser
    } catch {
      return undefined
    }
  }

  async set(key: string, user: PlatformUser, ttlSeconds: number): Promise<void> {
    const ttlMs = Math.floor(ttlSeconds * 1000)
    if (ttlMs <= 0) return
    await (await this.#redis).set(this.#prefix + key, JSON.stringify(user), 'PX', ttlMs)
  }

  async close(): Promise<void> {
    await (await this.#redis).quit()
  }
}
