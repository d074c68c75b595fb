import * as crypto from 'node:crypto'
import { describe, expect, it, vi } from 'vitest'
import { loadProfile, signRequest, verifySignature } from './index'

// Observe the comparison the verifier makes, without changing it.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>()
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) }
})

describe('signature comparison', () => {
  it('goes through crypto.timingSafeEqual on equal-length digests', async () => {
    const profile = await loadProfile('hebei-jishiban')
    const credentials = { accessKey: 'ak', secretKey: 'sk' }
    const now = new Date('2024-03-01T08:00:00Z')
    const request = { method: 'GET', url: '/x' }
    const { headers } = signRequest(profile, request, credentials, { now })
    const spy = vi.mocked(crypto.timingSafeEqual)
    spy.mockClear()
    expect((await verifySignature(profile, { ...request, headers }, credentials, { now })).ok).toBe(true)
    expect(spy).toHaveBeenCalledTimes(1)
    const [a, b] = spy.mock.calls[0]!
    expect((a as Uint8Array).byteLength).toBe(32)
    expect((b as Uint8Array).byteLength).toBe(32)

    spy.mockClear()
    const forged = { ...headers, 'X-Signature': Buffer.alloc(32, 1).toString('base64') }
    expect(await verifySignature(profile, { ...request, headers: forged }, credentials, { now })).toMatchObject({ ok: false, reason: 'signature-mismatch' })
    expect(spy).toHaveBeenCalledTimes(1)
  })
})
