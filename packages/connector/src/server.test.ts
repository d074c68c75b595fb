import { PassThrough } from 'node:stream'
import { findUnmaskedPersonalData, loadProfile, signRequest, type AccessProfile, type PlatformUser } from '@yingjie/spec'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startRedis } from '../../../test/utils/index'
import {
  callAdapter,
  defineAdapter,
  DEFAULT_TEST_USERS,
  LegacyError,
  MemoryIdentityCache,
  OperationError,
  restSystem,
  serve,
  startFaultProxy,
  startMockPlatform,
  startRestSimulator,
  type AdapterCall,
  type MockPlatform,
  type RunningAdapter,
  type ServeOptions,
} from './index'

const zhang = DEFAULT_TEST_USERS[0]!
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c()
})

function exampleAdapter(profile: string | AccessProfile = 'hebei-jishiban') {
  return defineAdapter({
    profile,
    channel: 'test-rsj-app',
    legacy: { records: restSystem({ retries: 0, timeoutMs: 500 }) },
    operations: {
      whoami: {
        name: '我的信息',
        item: 'T-001',
        identity: 'required',
        idempotent: true,
        input: { type: 'object', properties: { year: { type: 'integer' } }, additionalProperties: false },
        example: {},
        handler: async ({ user, legacy, log }) => {
          const record = await legacy.records.get<Record<string, string>>('/record', { id: user!.idNumber })
          // A careless log line: the audit log must mask it anyway.
          log.info({ idNumber: user!.idNumber, phone: user!.phone }, 'looked up')
          return { name: user!.name, idNumber: user!.idNumber, phone: user!.phone, ...record }
        },
      },
      echo: {
        name: '回显',
        item: 'T-002',
        identity: 'none',
        input: { type: 'object', properties: { text: { type: 'string', maxLength: 100 } }, required: ['text'], additionalProperties: false },
        example: { text: 'hi' },
        handler: ({ input }) => ({ text: input.text }),
      },
      reveal: {
        name: '原样返回',
        item: 'T-003',
        identity: 'none',
        revealPersonalData: true,
        input: { type: 'object' },
        handler: () => ({ idNumber: zhang.idNumber }),
      },
      fail: {
        name: '失败',
        item: 'T-004',
        identity: 'none',
        input: { type: 'object', properties: { how: { enum: ['notFound', 'legacy', 'bug'] } }, required: ['how'] },
        handler: ({ input }) => {
          if (input.how === 'notFound') throw new OperationError('notFound', '没有这条记录')
          if (input.how === 'legacy') throw new LegacyError({ kind: 'timeout', system: 'records', message: 'no answer' })
          throw new TypeError(`bug with ${zhang.idNumber}`)
        },
      },
    },
  })
}

interface Setup {
  mock: MockPlatform
  adapter: RunningAdapter
  logs: () => string
  call: (c: Omit<AdapterCall, 'adapterUrl' | 'profile'>) => ReturnType<typeof callAdapter>
  platformCalls: () => number
  legacyCalls: () => number
  platformProxy: Awaited<ReturnType<typeof startFaultProxy>>
}

async function setup(profile = 'hebei-jishiban', options: ServeOptions = {}, env: Record<string, string> = {}): Promise<Setup> {
  const mock = await startMockPlatform({ profile })
  closers.push(() => mock.close())
  const platformProxy = await startFaultProxy(mock.url)
  closers.push(() => platformProxy.close())
  const legacy = await startRestSimulator({ routes: { 'GET /record': (_b, q) => ({ status: '正常参保', mobileOnFile: zhang.phone, id: q.get('id') }) } })
  closers.push(() => legacy.close())
  let logs = ''
  const destination = new PassThrough()
  destination.on('data', (d: Buffer) => (logs += d.toString('utf8')))
  const adapter = await serve(exampleAdapter(profile), {
    port: 0,
    env: { ...mock.adapterEnv(), YINGJIE_PLATFORM_URL: platformProxy.url, YINGJIE_LEGACY_RECORDS_URL: legacy.url, ...env },
    log: { destination },
    ...options,
  })
  closers.push(() => adapter.close())
  return {
    mock,
    adapter,
    logs: () => logs,
    call: (c) => callAdapter({ adapterUrl: adapter.url, profile: adapter.profile, ...c }),
    platformCalls: () => platformProxy.calls,
    legacyCalls: () => legacy.calls,
    platformProxy,
  }
}

const codeOf = (r: { envelope?: Record<string, unknown> }) => r.envelope?.['C-Response-Code']

describe('serve: the inbound contract (hebei-jishiban)', () => {
  let hebei: AccessProfile
  beforeAll(async () => {
    hebei = await loadProfile('hebei-jishiban')
  })

  it('refuses unsigned, forged, unknown-key, stale and replayed requests with 4010, each for its typed reason', async () => {
    const s = await setup()
    const keys = s.mock.gatewayKeys
    expect(codeOf(await s.call({ operation: 'echo', input: { text: 'a' } }))).toBe('4010')
    const forged = await s.call({ operation: 'echo', input: { text: 'a' }, keys: { accessKey: keys.accessKey, secretKey: 'wrong' } })
    expect([forged.status, codeOf(forged)]).toEqual([401, '4010'])
    expect(codeOf(await s.call({ operation: 'echo', input: { text: 'a' }, keys: { accessKey: 'other', secretKey: 'x' } }))).toBe('4010')
    expect(codeOf(await s.call({ operation: 'echo', input: { text: 'a' }, keys, sign: { now: new Date(Date.now() - 101_000) } }))).toBe('4010')
    const nonce = 'fixed-nonce-0123456789'
    expect((await s.call({ operation: 'echo', input: { text: 'a' }, keys, sign: { nonce } })).status).toBe(200)
    expect(codeOf(await s.call({ operation: 'echo', input: { text: 'a' }, keys, sign: { nonce } }))).toBe('4010')
    const metrics = await (await fetch(`${s.adapter.url}/metrics`)).text()
    for (const reason of ['missing-header', 'signature-mismatch', 'unknown-access-key', 'clock-skew', 'nonce-replayed']) {
      expect(metrics).toContain(`yingjie_signature_rejections_total{reason="${reason}"} 1`)
    }
    expect(s.logs()).toContain('"reason":"clock-skew"')
    // The secret never reaches the log.
    expect(s.logs()).not.toContain(keys.secretKey)
  })

  it('judges clock skew by the server clock: a fast server clock refuses a fresh request', async () => {
    const s = await setup('hebei-jishiban', { now: () => new Date(Date.now() + 150_000) })
    const r = await s.call({ operation: 'echo', input: { text: 'a' }, keys: s.mock.gatewayKeys })
    expect([r.status, codeOf(r)]).toEqual([401, '4010'])
    expect(String(r.envelope?.['C-Response-Desc'])).toMatch(/相差 15\d 秒/)
  })

  it('a body over the limit gets 413 with the bad-request code; bad JSON, wrong type and schema violations 400 inside the envelope', async () => {
    const s = await setup('hebei-jishiban', { bodyLimit: 1024 })
    const keys = s.mock.gatewayKeys
    const big = await s.call({ operation: 'echo', input: { text: 'x'.repeat(2000) }, keys })
    expect([big.status, codeOf(big), big.envelope?.['C-API-Status']]).toEqual([413, '4000', '01'])
    const bad = await s.call({ operation: 'echo', body: '{"text": ', keys })
    expect([bad.status, codeOf(bad)]).toEqual([400, '4000'])
    expect(bad.envelope?.['C-Response-Desc']).toBe('请求不正确：请求体不是有效的 JSON')
    const form = await s.call({ operation: 'echo', body: 'text=a', keys, headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect([form.status, codeOf(form)]).toEqual([400, '4000'])
    const invalid = await s.call({ operation: 'echo', input: { text: 5 }, keys })
    expect([invalid.status, String(invalid.envelope?.['C-Response-Desc'])]).toEqual([400, '请求不正确：/text must be string'])
    const extra = await s.call({ operation: 'echo', input: { text: 'a', admin: true }, keys })
    expect(extra.status).toBe(400)
    const unknown = await s.call({ operation: 'nope', input: {}, keys })
    expect([unknown.status, codeOf(unknown)]).toEqual([404, '4040'])
    const elsewhere = await fetch(`${s.adapter.url}/admin`)
    expect(elsewhere.status).toBe(404)
    expect(((await elsewhere.json()) as Record<string, unknown>)['C-Response-Code']).toBe('4040')
  })

  it('resolves the user once per credential: the single-use accessLink works for every call while cached, and concurrent calls share one exchange', async () => {
    const s = await setup()
    const keys = s.mock.gatewayKeys
    const { credential } = s.mock.issueCredential('zhangsan')
    const results = await Promise.all(Array.from({ length: 10 }, () => s.call({ operation: 'whoami', input: {}, keys, credential })))
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200))
    expect(s.platformCalls()).toBe(1)
    const again = await s.call({ operation: 'whoami', input: {}, keys, credential })
    expect(again.status).toBe(200)
    expect(s.platformCalls()).toBe(1)
    const data = JSON.parse(String(again.envelope?.['C-Response-Body'])) as Record<string, string>
    expect(data.name).toBe('张三')
    // Masked by the profile's rules on the way out.
    expect(data.idNumber).toBe('1****************0')
    expect(data.phone).toBe('138****5678')
    expect(data.mobileOnFile).toBe('138****5678')
    const metrics = await (await fetch(`${s.adapter.url}/metrics`)).text()
    // Calls that arrived during the exchange shared it (miss); later ones hit the cache. One exchange either way.
    const count = (result: string) => Number(new RegExp(`yingjie_identity_resolutions_total\\{result="${result}"\\} (\\d+)`).exec(metrics)?.[1] ?? 0)
    expect(count('miss') + count('hit')).toBe(11)
    expect(count('hit')).toBeGreaterThanOrEqual(1)
  })

  it('refuses a missing or forged credential with 4010; a platform outage is 5030, a misconfigured app password 5000', async () => {
    const s = await setup()
    const keys = s.mock.gatewayKeys
    const missing = await s.call({ operation: 'whoami', input: {}, keys })
    expect([missing.status, codeOf(missing)]).toEqual([401, '4010'])
    expect(String(missing.envelope?.['C-Response-Desc'])).toContain('缺少 accessLink')
    const forged = await s.call({ operation: 'whoami', input: {}, keys, credential: 'forged-credential' })
    expect([forged.status, codeOf(forged)]).toEqual([401, '4010'])
    s.platformProxy.setFault('down')
    const down = await s.call({ operation: 'whoami', input: {}, keys, credential: s.mock.issueCredential('lisi').credential })
    expect([down.status, codeOf(down)]).toEqual([503, '5030'])
    s.platformProxy.setFault('none')

    const wrong = await setup('hebei-jishiban', {}, { YINGJIE_PLATFORM_APP_PASSWORD: 'not-the-password' })
    const r = await wrong.call({ operation: 'whoami', input: {}, keys: wrong.mock.gatewayKeys, credential: wrong.mock.issueCredential('zhangsan').credential })
    expect([r.status, codeOf(r)]).toEqual([500, '5000'])
    expect(wrong.logs()).toContain('app id or app password is wrong')
    expect(wrong.logs()).not.toContain('not-the-password')
  })

  it('maps handler outcomes: OperationError to its code, legacy failures to 5030, a bug to 5000 with a generic message', async () => {
    const s = await setup()
    const keys = s.mock.gatewayKeys
    const nf = await s.call({ operation: 'fail', input: { how: 'notFound' }, keys })
    expect([nf.status, codeOf(nf), nf.envelope?.['C-Response-Desc']]).toEqual([404, '4040', '没有这条记录'])
    const lg = await s.call({ operation: 'fail', input: { how: 'legacy' }, keys })
    expect([lg.status, codeOf(lg)]).toEqual([503, '5030'])
    const bug = await s.call({ operation: 'fail', input: { how: 'bug' }, keys })
    expect([bug.status, codeOf(bug), bug.envelope?.['C-Response-Desc']]).toEqual([500, '5000', '服务内部错误，请稍后再试'])
    expect(bug.text).not.toContain('TypeError')
    const errorLine = s.logs().split('\n').find((l) => l.includes('TypeError'))!
    expect(JSON.parse(errorLine)).toMatchObject({ level: 50, op: 'fail', outcome: 'internal', error: 'TypeError: bug with 1****************0' })
  })

  it('a legacy system that is down makes /health 503 and operations 5030; revealPersonalData returns data as is', async () => {
    const mock = await startMockPlatform()
    closers.push(() => mock.close())
    const adapter = await serve(exampleAdapter(), { port: 0, env: { ...mock.adapterEnv(), YINGJIE_LEGACY_RECORDS_URL: 'http://127.0.0.1:9' }, log: { destination: new PassThrough() } })
    closers.push(() => adapter.close())
    const health = await fetch(`${adapter.url}/health`)
    expect(health.status).toBe(503)
    expect(await health.json()).toMatchObject({ status: 'degraded', down: ['records'], systems: { records: { reachable: false, circuit: 'closed' } } })
    const r = await callAdapter({ adapterUrl: adapter.url, profile: adapter.profile, keys: mock.gatewayKeys, operation: 'whoami', input: {}, credential: mock.issueCredential('zhangsan').credential })
    expect([r.status, codeOf(r)]).toEqual([503, '5030'])
    const raw = await callAdapter({ adapterUrl: adapter.url, profile: adapter.profile, keys: mock.gatewayKeys, operation: 'reveal', input: {} })
    expect(JSON.parse(String(raw.envelope?.['C-Response-Body']))).toEqual({ idNumber: zhang.idNumber })
  })

  it('writes one audit line per call with the user masked; nothing in the log is unmasked personal data', async () => {
    const s = await setup()
    const keys = s.mock.gatewayKeys
    for (const user of ['zhangsan', 'lisi', 'corp']) {
      const r = await s.call({ operation: 'whoami', input: {}, keys, credential: s.mock.issueCredential(user).credential })
      expect(r.status).toBe(200)
    }
    await new Promise((r) => setTimeout(r, 50))
    const lines = s.logs().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>)
    const calls = lines.filter((l) => l.msg === 'call')
    expect(calls).toHaveLength(3)
    expect(calls.map((c) => c.user)).toEqual(['1****************0', '1****************7', '1****************5'])
    expect(calls[0]).toMatchObject({ op: 'whoami', item: 'T-001', outcome: 'ok', status: 200, profile: 'hebei-jishiban' })
    expect(lines.filter((l) => l.msg === 'looked up').map((l) => l.phone)).toEqual(['138****5678', '139****5678', '150****5678'])
    expect(findUnmaskedPersonalData(s.logs(), hebei.masking)).toEqual([])
  })

  it('publishes OpenAPI from the operations and Prometheus metrics', async () => {
    const s = await setup()
    const doc = (await (await fetch(`${s.adapter.url}/openapi.json`)).json()) as { openapi: string; paths: Record<string, { post: Record<string, unknown> }>; info: Record<string, unknown> }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/echo', '/api/fail', '/api/reveal', '/api/whoami'])
    expect(doc.paths['/api/whoami']!.post).toMatchObject({ operationId: 'whoami', summary: '我的信息', 'x-yingjie-item': 'T-001', 'x-yingjie-identity': 'required' })
    const params = doc.paths['/api/whoami']!.post.parameters as { name: string; in: string; required: boolean }[]
    expect(params.map((p) => p.name)).toEqual(['X-Access-Key', 'X-Timestamp', 'X-Nonce', 'X-Signature', 'X-Signature-Method', 'accessLink'])
    expect(doc.info['x-yingjie-profile']).toBe('hebei-jishiban')
    await s.call({ operation: 'echo', input: { text: 'a' }, keys: s.mock.gatewayKeys })
    const metrics = await fetch(`${s.adapter.url}/metrics`)
    expect(metrics.headers.get('content-type')).toContain('text/plain; version=0.0.4')
    const text = await metrics.text()
    expect(text).toContain('yingjie_requests_total{operation="echo",outcome="ok"} 1')
    expect(text).toContain('yingjie_request_duration_seconds_bucket{operation="echo",le="+Inf"} 1')
    expect(text).toContain('yingjie_circuit_state{system="records"} 0')
  })

  it('refuses to start without its secrets in the environment, and says which variable', async () => {
    const mock = await startMockPlatform()
    closers.push(() => mock.close())
    const env = { ...mock.adapterEnv(), YINGJIE_LEGACY_RECORDS_URL: 'http://127.0.0.1:9' }
    delete (env as Record<string, string>).YINGJIE_GATEWAY_SECRET_KEY
    await expect(serve(exampleAdapter(), { port: 0, env })).rejects.toMatchObject({ code: 'YJ_ADAPTER_ENV_MISSING', message: expect.stringContaining('YINGJIE_GATEWAY_SECRET_KEY') })
    await expect(serve(exampleAdapter(), { port: 0, env: mock.adapterEnv() })).rejects.toMatchObject({ code: 'YJ_ADAPTER_LEGACY_URL', message: expect.stringContaining('records') })
    expect(() => defineAdapter({ ...exampleAdapter(), operations: { 'bad id!': exampleAdapter().operations.echo! } })).toThrow(/YJ_ADAPTER_DEFINITION/)
    expect(() => defineAdapter({ ...exampleAdapter(), channel: 'Not An Id' })).toThrow(/channel/)
  })
})

describe('serve: other profiles’ identity flows', () => {
  async function cacheTtl(profile: string): Promise<{ ttl: number; s: Setup }> {
    const ttls: number[] = []
    const cache = new MemoryIdentityCache()
    const spy = { get: (k: string) => cache.get(k), set: (k: string, u: PlatformUser, ttl: number) => (ttls.push(ttl), cache.set(k, u, ttl)) }
    const s = await setup(profile, { identityCache: spy })
    const corp = await s.call({ operation: 'whoami', input: {}, keys: s.mock.gatewayKeys, credential: s.mock.issueCredential('corp').credential })
    expect(corp.status).toBe(200)
    return { ttl: ttls[0]!, s }
  }

  it('zhejiang-zlb: ticketId → signed access_token → getUserInfo; the user is cached for the token lifetime (7200 s), not the 60 s ticket', async () => {
    const { ttl, s } = await cacheTtl('zhejiang-zlb')
    expect(ttl).toBe(7200)
    // Two platform calls: token, then user.
    expect(s.platformCalls()).toBe(2)
    const r = await s.call({ operation: 'echo', input: { text: 'a' }, keys: s.mock.gatewayKeys })
    expect(r.envelope).toEqual({ success: true, errorCode: null, errorMsg: '成功', data: { text: 'a' } })
    const refused = await s.call({ operation: 'echo', input: { text: 'a' } })
    expect([refused.status, refused.envelope?.errorCode, refused.envelope?.success]).toEqual([401, 'C-UNAUTHORIZED', false])
  })

  it('guangdong-tif: form-encoded code exchange then a query-string token call; cached for 1800 s; SHA-256 concat gateway signature', async () => {
    const { ttl, s } = await cacheTtl('guangdong-tif')
    expect(ttl).toBe(1800)
    const r = await s.call({ operation: 'echo', input: { text: 'b' }, keys: s.mock.gatewayKeys })
    expect(r.envelope).toEqual({ errcode: 0, errmsg: 'ok', data: { text: 'b' } })
    const bad = await s.call({ operation: 'echo', input: { text: 'b' }, keys: { ...s.mock.gatewayKeys, secretKey: 'nope' } })
    expect([bad.status, bad.envelope?.errcode]).toEqual([401, 40100])
  })

  it('hebei-jishiban caches for the accessLink lifetime (300 s)', async () => {
    expect((await cacheTtl('hebei-jishiban')).ttl).toBe(300)
  })
})

describe('serve: several processes sharing Redis', () => {
  it('a request replayed to another instance is refused, and a used single-use credential still resolves there from the shared cache', async () => {
    const redis = await startRedis()
    closers.push(() => redis.stop())
    const mock = await startMockPlatform()
    closers.push(() => mock.close())
    const legacy = await startRestSimulator({ routes: { 'GET /record': () => ({ status: 'ok' }) } })
    closers.push(() => legacy.close())
    const env = { ...mock.adapterEnv(), YINGJIE_LEGACY_RECORDS_URL: legacy.url, YINGJIE_REDIS_URL: redis.url }
    const a = await serve(exampleAdapter(), { port: 0, env, log: { destination: new PassThrough() } })
    const b = await serve(exampleAdapter(), { port: 0, env, log: { destination: new PassThrough() } })
    closers.push(() => a.close(), () => b.close())
    const profile = a.profile
    const { credential } = mock.issueCredential('zhangsan')
    const path = `/api/whoami?accessLink=${encodeURIComponent(credential)}`
    const body = '{}'
    const headers = { 'content-type': 'application/json', ...signRequest(profile, { method: 'POST', url: path, body }, mock.gatewayKeys).headers }
    const first = await fetch(`${a.url}${path}`, { method: 'POST', headers, body })
    expect(first.status).toBe(200)
    const replay = await fetch(`${b.url}${path}`, { method: 'POST', headers, body })
    expect(replay.status).toBe(401)
    expect(((await replay.json()) as Record<string, string>)['C-Response-Desc']).toContain('已使用过')
    // The accessLink was used up by instance a; b finds the user in Redis.
    const onB = await callAdapter({ adapterUrl: b.url, profile, keys: mock.gatewayKeys, operation: 'whoami', input: {}, credential })
    expect(onB.status).toBe(200)
  })
})
