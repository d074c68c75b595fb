/**
 * Hostile traffic at the example adapter: 10,000 random and mutated
 * requests (headers, bodies, encodings, paths, signatures). The adapter
 * must not crash, every 5xx must be one of the profile's mapped codes, and
 * memory must stay flat. Then a run with many real-looking citizens: the
 * masking detector must find nothing unmasked in the log.
 */
import { idNumberCheckChar } from '@yingjie/model'
import { callAdapter, serve, startMockPlatform, type MockPlatform, type RunningAdapter, type TestUser } from '@yingjie/connector'
import { findUnmaskedPersonalData, loadProfile, signRequest, type AccessProfile } from '@yingjie/spec'
import iconv from 'iconv-lite'
import { PassThrough } from 'node:stream'
import { Pool } from 'undici'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import adapter from '../example-adapter/src/adapter'
import startSimulators from '../example-adapter/test/simulator'

/** A small seeded PRNG (mulberry32): the same 10,000 requests every run. */
function rng(seed: number) {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!
  return { next, int, pick }
}

/** A citizen with a valid ID number (random region, birth date, sequence) and a mobile. */
function citizen(r: ReturnType<typeof rng>, i: number): TestUser {
  const region = r.pick(['130602', '130606', '130681', '110105', '440305', '330106'])
  const year = 1950 + r.int(55)
  const month = String(1 + r.int(12)).padStart(2, '0')
  const day = String(1 + r.int(28)).padStart(2, '0')
  const first17 = `${region}${year}${month}${day}${String(r.int(1000)).padStart(3, '0')}`
  return { id: `c${i}`, kind: 'person', name: r.pick(['王', '李', '赵', '刘']) + r.pick(['小明', '建国', '秀英', '丽']), idNumber: first17 + idNumberCheckChar(first17), phone: `1${r.pick(['38', '39', '50', '86', '77'])}${String(r.int(1e8)).padStart(8, '0')}` }
}

describe('the adapter under 10,000 random and mutated requests', () => {
  let mock: MockPlatform
  let running: RunningAdapter
  let sims: Awaited<ReturnType<typeof startSimulators>>
  let profile: AccessProfile
  let logs = ''
  let logLines = 0
  const r = rng(20260105)
  const users = Array.from({ length: 40 }, (_, i) => citizen(r, i))

  beforeAll(async () => {
    profile = await loadProfile('hebei-jishiban')
    mock = await startMockPlatform({ profile, users })
    sims = await startSimulators()
    const destination = new PassThrough()
    destination.on('data', (d: Buffer) => {
      const text = d.toString('utf8')
      logLines += text.split('\n').length - 1
      // Keep the log bounded in the test process; the scan below reads what is kept.
      logs = (logs + text).slice(-8 * 1024 * 1024)
    })
    running = await serve(adapter, { port: 0, env: mock.adapterEnv(), legacyUrls: sims.urls, log: { destination } })
  })
  afterAll(async () => {
    await running?.close()
    await sims?.close()
    await mock?.close()
  })

  it('no crash, no unmapped 5xx, every reply an envelope, memory flat', async () => {
    const pool = new Pool(running.url, { connections: 16 })
    const keys = mock.gatewayKeys
    const ops = ['queryInsured', 'applyContinuation', 'listOffices', 'nope', '', '..%2F..%2Fetc%2Fpasswd', 'queryInsured/extra', '%E4%B8%AD', 'a'.repeat(3000)]
    const contentTypes = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=gbk', '', 'multipart/form-data; boundary=x', 'application/vnd.api+json']
    const validInputs: Record<string, () => unknown> = {
      queryInsured: () => ({ year: 1990 + r.int(40) }),
      applyContinuation: () => ({ phone: r.pick(users).phone, months: 1 + r.int(12) }),
      listOffices: () => ({ county: r.pick(['130602', '130606', '13060X', '']) }),
    }
    const bodies: (() => Buffer)[] = [
      () => Buffer.from(JSON.stringify(validInputs[r.pick(Object.keys(validInputs))]!())),
      () => Buffer.from('{"year": '),
      () => Buffer.from(''),
      () => Buffer.from('null'),
      () => Buffer.from('[]'),
      () => Buffer.from('"string"'),
      () => Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`),
      () => Buffer.from(JSON.stringify({ year: '2024' })),
      () => Buffer.from(JSON.stringify({ __proto__: { admin: true }, constructor: { prototype: 1 } })),
      () => Buffer.from(JSON.stringify({ phone: r.pick(users).idNumber, months: 1e308 })),
      () => Buffer.from(Array.from({ length: 1 + r.int(300) }, () => r.int(256))),
      () => iconv.encode(JSON.stringify({ county: '保定市竞秀区' }), 'gbk'),
      () => iconv.encode(JSON.stringify({ year: 2024 }), 'utf16le'),
      () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"year":2024}')]),
      () => Buffer.from(`{"county":"${'\\u0000'.repeat(20)}"}`),
      () => Buffer.from(JSON.stringify({ county: 'x'.repeat(300_000) })),
    ]
    const mutateHeaders = (h: Record<string, string>) => {
      const names = Object.keys(h)
      switch (r.int(8)) {
        case 0:
          delete h[r.pick(names)]
          break
        case 1:
          h[r.pick(names)] = Array.from({ length: r.int(80) }, () => String.fromCharCode(0x20 + r.int(95))).join('')
          break
        case 2:
          h['X-Timestamp'] = r.pick(['0', '-1', '99999999999999999999', 'NaN', '1e12', String(Date.now() + 10 ** 9), ''])
          break
        case 3:
          h['X-Signature'] = r.pick(['', '====', 'not base64!', Buffer.alloc(32).toString('base64'), h['X-Signature']!.toLowerCase()])
          break
        case 4:
          h['X-Nonce'] = r.pick(['', 'short', 'x'.repeat(200), '../../', h['X-Nonce']!])
          break
        case 5:
          h['X-Signature-Method'] = r.pick(['HmacSHA1', 'none', ''])
          break
        case 6:
          h['content-length'] = String(r.int(100))
          break
        default:
          h['X-Access-Key'] = r.pick(['', 'admin', keys.accessKey.toUpperCase()])
      }
    }

    const statuses = new Map<number, number>()
    const codes = new Map<string, number>()
    const unmapped: string[] = []
    const notEnvelope: string[] = []
    const heap: number[] = []
    let clientErrors = 0
    const mapped5xx = new Set(['5030', '5000'])
    const total = 10_000
    const credentials = users.slice(0, 8).map((u) => mock.issueCredential(u.id).credential)

    const valid = async () => {
      const op = r.pick(['queryInsured', 'applyContinuation', 'listOffices'])
      const credential = op === 'listOffices' ? undefined : r.pick(credentials)
      const reply = await callAdapter({ adapterUrl: running.url, profile, keys, operation: op, input: validInputs[op]!(), ...(credential ? { credential } : {}) })
      return { status: reply.status, text: reply.text, method: 'POST', path: op }
    }
    const one = async (i: number) => {
      if (i % 2000 === 1999) heap.push(process.memoryUsage().heapUsed)
      // A quarter well-formed calls, so the mutated ones hit a server that is doing real work.
      if (r.next() < 0.25) return check(await valid())
      const op = r.next() < 0.8 ? r.pick(ops.slice(0, 3)) : r.pick(ops)
      let path = `/api/${op}`
      if (r.next() < 0.4) path += `?accessLink=${encodeURIComponent(r.next() < 0.7 ? r.pick(credentials) : r.pick(['', 'x', '%00', 'a'.repeat(600), '中文']))}`
      if (r.next() < 0.05) path += '&accessLink=dup&x=%ZZ'
      const body = r.pick(bodies)()
      const method = r.next() < 0.93 ? 'POST' : r.pick(['GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'])
      const headers: Record<string, string> = { 'content-type': r.pick(contentTypes) }
      const kind = r.int(10)
      if (kind < 7) Object.assign(headers, signRequest(profile, { method, url: path, headers, body }, keys).headers)
      if (kind >= 4 && kind < 7) mutateHeaders(headers)
      if (kind === 7) Object.assign(headers, signRequest(profile, { method, url: path, headers, body: Buffer.from('{}') }, keys).headers) // signed for another body
      if (!headers['content-type']) delete headers['content-type']
      try {
        const res = await pool.request({ method: method as 'POST', path, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body, headersTimeout: 10_000, bodyTimeout: 10_000 })
        check({ status: res.statusCode, text: await res.body.text(), method, path })
      } catch (error) {
        // undici refuses some mutated requests before sending (e.g. a content-length that lies).
        clientErrors++
        if (!/content-length|RequestContentLengthMismatch|Invalid/i.test(String((error as Error).message) + String((error as { code?: string }).code))) throw error
      }
    }
    const check = (res: { status: number; text: string; method: string; path: string }) => {
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1)
      if (res.method === 'HEAD') return
      let env: Record<string, unknown> | undefined
      try {
        env = JSON.parse(res.text) as Record<string, unknown>
      } catch {
        env = undefined
      }
      const code = env?.['C-Response-Code']
      if (!env || typeof code !== 'string' || typeof env['C-Response-Desc'] !== 'string') {
        notEnvelope.push(`${res.method} ${res.path.slice(0, 60)} → ${res.status} ${res.text.slice(0, 80)}`)
        return
      }
      codes.set(code, (codes.get(code) ?? 0) + 1)
      if (res.status >= 500 && !mapped5xx.has(code)) unmapped.push(`${res.status} ${code}`)
      if (code === '5000') unmapped.push(`internal error for ${res.method} ${res.path.slice(0, 60)}`)
    }

    let next = 0
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < total) await one(next++)
      }),
    )
    await pool.close()

    const sent = [...statuses.values()].reduce((a, b) => a + b, 0)
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`
    console.log(`fuzz: ${total} requests, ${sent} answered, ${clientErrors} refused by the client before sending`)
    console.log(`  statuses: ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${s}×${n}`).join(' ')}`)
    console.log(`  codes:    ${[...codes].sort().map(([c, n]) => `${c}×${n}`).join(' ')}`)
    console.log(`  heap after each 2,000: ${heap.map(mb).join(', ')}`)
    console.log(`  audit log lines: ${logLines}`)

    expect(unmapped).toEqual([])
    expect(notEnvelope.slice(0, 5)).toEqual([])
    expect(sent + clientErrors).toBe(total)
    expect(statuses.get(200) ?? 0).toBeGreaterThan(500)
    // Still serving, and healthy.
    const health = await fetch(`${running.url}/health`)
    expect(health.status).toBe(200)
    const after = await callAdapter({ adapterUrl: running.url, profile, keys, operation: 'listOffices', input: { county: '130602' } })
    expect(after.status).toBe(200)
    // Flat: no growth worth the name between the second and the last sample (the replay guard's nonces are a few hundred KB).
    expect(heap.length).toBe(5)
    expect(heap[4]! - heap[1]!).toBeLessThan(48 * 1024 * 1024)
  }, 300_000)

  it('after a run with real-looking ID numbers and mobiles, the masking detector finds nothing unmasked in the log', async () => {
    const keys = mock.gatewayKeys
    const before = logLines
    // Known citizens, citizens the legacy system has never heard of (its fault message repeats the ID number), and submissions with phones.
    for (const user of users) {
      const credential = mock.issueCredential(user.id).credential
      const q = await callAdapter({ adapterUrl: running.url, profile, keys, operation: 'queryInsured', input: { year: 2024 }, credential })
      expect([200, 404]).toContain(q.status)
      const a = await callAdapter({ adapterUrl: running.url, profile, keys, operation: 'applyContinuation', input: { phone: user.phone, months: 2 }, credential })
      expect(a.status).toBe(200)
      const bad = await callAdapter({ adapterUrl: running.url, profile, keys, operation: 'applyContinuation', input: { phone: user.idNumber, months: 2 }, credential })
      expect(bad.status).toBe(400)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect(logLines - before).toBeGreaterThanOrEqual(users.length * 3)
    // The raw values went through the adapter (the legacy system saw them) …
    expect(logs).toContain('"outcome":"notFound"')
    // … and none is in the log unmasked; the masked forms are.
    expect(findUnmaskedPersonalData(logs, profile.masking)).toEqual([])
    for (const user of users.slice(0, 5)) {
      expect(logs).not.toContain(user.idNumber)
      expect(logs).not.toContain(user.phone!)
      expect(logs).toContain(`${user.phone!.slice(0, 3)}****${user.phone!.slice(-4)}`)
    }
  })
})
