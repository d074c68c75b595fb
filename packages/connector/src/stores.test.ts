import type { PlatformUser } from '@yingjie/spec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedis, type RedisServer } from '../../../test/utils/index'
import { MemoryIdentityCache, MemoryNonceStore, RedisIdentityCache, RedisNonceStore } from './index'

const user: PlatformUser = { kind: 'person', name: '张三', idType: 'resident-id', idNumber: '130602199003071230', realNameLevel: 'face' }

describe('in-memory stores', () => {
  it('a nonce is refused while remembered and accepted again once its TTL has passed', async () => {
    let now = 1_000_000
    const store = new MemoryNonceStore(() => now)
    expect(await store.seen('n-1', 300)).toBe(false)
    expect(await store.seen('n-1', 300)).toBe(true)
    expect(await store.seen('n-2', 300)).toBe(false)
    now += 299_000
    expect(await store.seen('n-1', 300)).toBe(true)
    now += 12_000 // past the TTL and the bucket rounding
    expect(await store.seen('n-1', 300)).toBe(false)
    expect(store.size).toBe(1)
  })

  it('the identity cache forgets a user when the token lifetime ends', async () => {
    let now = 0
    const cache = new MemoryIdentityCache(() => now)
    await cache.set('k', user, 60)
    expect(await cache.get('k')).toEqual(user)
    now = 59_999
    expect(await cache.get('k')).toEqual(user)
    now = 60_000
    expect(await cache.get('k')).toBeUndefined()
    await cache.set('zero', user, 0)
    expect(await cache.get('zero')).toBeUndefined()
  })
})

describe('Redis stores (real redis-server)', () => {
  let redis: RedisServer
  beforeAll(async () => {
    redis = await startRedis()
  })
  afterAll(async () => {
    await redis?.stop()
  })

  it('two processes sharing Redis see each other’s nonces: a replay on the other instance is caught', async () => {
    const a = new RedisNonceStore({ url: redis.url, prefix: 't1:' })
    const b = new RedisNonceStore({ url: redis.url, prefix: 't1:' })
    try {
      expect(await a.seen('nonce-abc', 300)).toBe(false)
      expect(await b.seen('nonce-abc', 300)).toBe(true)
      // Concurrent first sightings: exactly one wins.
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).seen('race', 300)))
      expect(results.filter((seen) => !seen)).toHaveLength(1)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('nonces expire with their TTL', async () => {
    const s = new RedisNonceStore({ url: redis.url, prefix: 't2:' })
    try {
      expect(await s.seen('short', 1)).toBe(false)
      await new Promise((r) => setTimeout(r, 1100))
      expect(await s.seen('short', 1)).toBe(false)
    } finally {
      await s.close()
    }
  })

  it('the identity cache stores users under hashed keys with the token lifetime', async () => {
    const a = new RedisIdentityCache({ url: redis.url, prefix: 't3:' })
    const b = new RedisIdentityCache({ url: redis.url, prefix: 't3:' })
    try {
      await a.set('hash-1', user, 0.3)
      expect(await b.get('hash-1')).toEqual(user)
      await new Promise((r) => setTimeout(r, 400))
      expect(await b.get('hash-1')).toBeUndefined()
      expect(await b.get('never-set')).toBeUndefined()
    } finally {
      await a.close()
      await b.close()
    }
  })
})
