import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { classifyError, FetchFailure, isPrivateAddress, isReservedName, WebClient } from './_web-client'
import { DEFAULT_TIMEOUTS } from './_web-client'

const limits = { timeouts: { ...DEFAULT_TIMEOUTS, total: 5000 }, maxBytes: 1024 * 1024, maxDecodedBytes: 1024 * 1024 }

let server: Server
let port: number
const seen: string[] = []
beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push(`${req.headers.host}${req.url}`)
    res.end('hello')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise((r) => server.close(r)))

describe('the scanning HTTP client', () => {
  it('recognises private, loopback and link-local addresses', () => {
    for (const a of ['10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '127.0.0.1', '169.254.1.1', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:10.0.0.1']) {
      expect(isPrivateAddress(a), a).toBe(true)
    }
    for (const a of ['8.8.8.8', '172.32.0.1', '192.169.0.1', '2400:3200::1', '::ffff:8.8.8.8']) expect(isPrivateAddress(a), a).toBe(false)
  })

  it('names under .invalid never reach DNS: unmapped they fail as DNS errors', async () => {
    expect(isReservedName('rsj.baoding.invalid')).toBe(true)
    expect(isReservedName('invalid.example.com')).toBe(false)
    const client = new WebClient()
    try {
      await expect(client.fetch(new URL('http://rsj.baoding.invalid/'), limits)).rejects.toMatchObject({ classification: 'dns', reason: 'ENOTFOUND' })
    } finally {
      client.close()
    }
  })

  it('a host map pins a name to 127.0.0.1 and a port; the Host header keeps the name', async () => {
    const client = new WebClient({ resolve: { 'rsj.baoding.invalid': `127.0.0.1:${port}` } })
    try {
      const r = await client.fetch(new URL('http://rsj.baoding.invalid/x'), limits)
      expect(r.status).toBe(200)
      expect(r.body.toString()).toBe('hello')
      expect(seen).toContain('rsj.baoding.invalid/x')
    } finally {
      client.close()
    }
  })

  it('a name that resolves to a private address is refused unless declared', async () => {
    const refused = new WebClient()
    const allowed = new WebClient({ allowPrivate: ['localhost'] })
    try {
      // localhost resolves through the hosts file, not the network.
      await expect(refused.fetch(new URL(`http://localhost:${port}/private`), limits)).rejects.toMatchObject({ classification: 'out-of-scope', reason: 'private-address' })
      expect(seen).not.toContain(`localhost:${port}/private`)
      const r = await allowed.fetch(new URL(`http://localhost:${port}/extranet`), limits)
      expect(r.status).toBe(200)
    } finally {
      refused.close()
      allowed.close()
    }
  })

  it('rejects a host map target that is not an address', () => {
    expect(() => new WebClient({ resolve: { 'a.invalid': 'example.com:80' } })).toThrow(/IP address/)
  })

  it('classifies network errors', () => {
    expect(classifyError(Object.assign(new Error('x'), { code: 'ETIMEDOUT', event: 'socket' }))).toMatchObject({ classification: 'timeout', reason: 'timeout:idle', retryable: true })
    expect(classifyError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toMatchObject({ classification: 'unreachable', retryable: true })
    expect(classifyError(Object.assign(new Error('x'), { code: 'CERT_HAS_EXPIRED' }))).toMatchObject({ classification: 'tls-error', reason: 'CERT_HAS_EXPIRED' })
    expect(classifyError(Object.assign(new Error('x'), { code: 'ERR_TLS_CERT_ALTNAME_INVALID' }))).toMatchObject({ classification: 'tls-error' })
    expect(classifyError(Object.assign(new Error('x'), { code: 'Z_DATA_ERROR' }))).toMatchObject({ classification: 'http-error', reason: 'content-encoding' })
    expect(classifyError(Object.assign(new Error('x'), { code: 'EAI_AGAIN' }))).toMatchObject({ classification: 'dns', retryable: true })
    const f = new FetchFailure('too-large', 'body-size')
    expect(classifyError(f)).toBe(f)
  })
})
