import { buildIdentityRequest, loadProfile, parseIdentityResponse, signRequest, type AccessProfile } from '@yingjie/spec'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_TEST_USERS, MOCK_PLATFORM_KEYS, mockConfigValue, startMockPlatform, type MockPlatform } from './index'

const mocks: MockPlatform[] = []
afterEach(async () => {
  for (const m of mocks.splice(0)) await m.close()
})

async function send(profile: AccessProfile, base: string, stepId: string, values: Record<string, string>, signed = false) {
  const req = buildIdentityRequest(profile, stepId, values, base)
  const url = new URL(req.url)
  const headers = { ...req.headers, ...(signed ? signRequest(profile, { method: req.method, url: url.pathname + url.search, headers: req.headers, body: req.body ?? '' }, MOCK_PLATFORM_KEYS).headers : {}) }
  const res = await fetch(req.url, { method: req.method, headers, ...(req.body !== undefined ? { body: req.body } : {}) })
  return res.text()
}

describe('mock provincial platform', () => {
  it('hebei-jishiban: answers /auth/getAccessLinkForUserTmpMsg in the C-* envelope with a JSON-string body, exactly as the profile reads it', async () => {
    const profile = await loadProfile('hebei-jishiban')
    const mock = await startMockPlatform({ profile })
    mocks.push(mock)
    const { credential, param } = mock.issueCredential('corp')
    expect(param).toBe('accessLink')
    const reply = await send(profile, mock.url, 'userInfo', { appId: mockConfigValue('appId'), appPassword: mockConfigValue('appPassword'), accessLink: credential })
    const raw = JSON.parse(reply) as Record<string, string>
    expect(raw).toMatchObject({ 'C-API-Status': '00', 'C-Response-Code': '0000' })
    expect(typeof raw['C-Response-Body']).toBe('string')
    expect(JSON.parse(raw['C-Response-Body']!)).toMatchObject({ userType: '2', userName: '王五', idCard: DEFAULT_TEST_USERS[2]!.idNumber, mobile: '15012345678', orgName: '保定示例科技有限公司（虚构）' })
    const parsed = parseIdentityResponse(profile, 'userInfo', reply)
    expect(parsed).toMatchObject({ kind: 'user', user: { kind: 'legal-person', name: '王五', realNameLevel: 'face', org: { name: '保定示例科技有限公司（虚构）', uscc: expect.stringMatching(/^91130600MA0A1B2C2.$/) } } })
  })

  it('an accessLink is single use, expires, and needs the right app password — each refusal with the profile’s error code', async () => {
    const profile = await loadProfile('hebei-jishiban')
    let now = Date.now()
    const mock = await startMockPlatform({ profile, now: () => now })
    mocks.push(mock)
    const values = (accessLink: string) => ({ appId: mock.config.appId!, appPassword: mock.config.appPassword!, accessLink })
    const code = (reply: string) => (JSON.parse(reply) as Record<string, string>)['C-Response-Code']
    const { credential } = mock.issueCredential('zhangsan')
    expect(code(await send(profile, mock.url, 'userInfo', { ...values(credential), appPassword: 'wrong' }))).toBe('1001')
    expect(code(await send(profile, mock.url, 'userInfo', values(credential)))).toBe('0000')
    expect(code(await send(profile, mock.url, 'userInfo', values(credential)))).toBe('1002')
    const late = mock.issueCredential('lisi').credential
    now += 301_000
    expect(code(await send(profile, mock.url, 'userInfo', values(late)))).toBe('1003')
    expect(() => parseIdentityResponse(profile, 'userInfo', '{"C-API-Status":"01","C-Response-Code":"1003","C-Response-Desc":"x","C-Response-Body":""}')).toThrow(/过期|expired/)
    expect(() => mock.issueCredential('nobody')).toThrow(/no test user 'nobody'/)
  })

  it('zhejiang-zlb: ticketId → signed access_token → getUserInfo; an unsigned call is refused with the IRS signature code', async () => {
    const profile = await loadProfile('zhejiang-zlb')
    const mock = await startMockPlatform({ profile })
    mocks.push(mock)
    const ticket = mock.issueCredential('lisi').credential
    const unsigned = JSON.parse(await send(profile, mock.url, 'accessToken', { ticketId: ticket, appId: mock.config.appId! })) as Record<string, unknown>
    expect(unsigned).toMatchObject({ success: false, errorCode: 'C-GATEWAY-SIGNATURE-INVALID' })
    const token = parseIdentityResponse(profile, 'accessToken', await send(profile, mock.url, 'accessToken', { ticketId: ticket, appId: mock.config.appId! }, true))
    expect(token).toMatchObject({ kind: 'token', expiresInSeconds: 7200 })
    const user = parseIdentityResponse(profile, 'userInfo', await send(profile, mock.url, 'userInfo', { token: (token as { token: string }).token }, true))
    expect(user).toMatchObject({ kind: 'user', user: { kind: 'person', name: '李四', idNumber: DEFAULT_TEST_USERS[1]!.idNumber } })
    const reused = JSON.parse(await send(profile, mock.url, 'accessToken', { ticketId: ticket, appId: mock.config.appId! }, true)) as Record<string, unknown>
    expect(reused.errorCode).toBe('C-USER-SSO-TICKET-INVALID')
  })

  it('guangdong-tif: form-encoded code exchange, then the user by a query-string token; OAuth2 error codes', async () => {
    const profile = await loadProfile('guangdong-tif')
    const mock = await startMockPlatform({ profile })
    mocks.push(mock)
    const code = mock.issueCredential('zhangsan').credential
    const bad = JSON.parse(await send(profile, mock.url, 'accessToken', { clientId: mock.config.clientId!, clientSecret: 'nope', code })) as Record<string, unknown>
    expect(bad.error).toBe('invalid_client')
    const token = parseIdentityResponse(profile, 'accessToken', await send(profile, mock.url, 'accessToken', { clientId: mock.config.clientId!, clientSecret: mock.config.clientSecret!, code }))
    expect(token).toMatchObject({ kind: 'token', expiresInSeconds: 1800 })
    const user = parseIdentityResponse(profile, 'userInfo', await send(profile, mock.url, 'userInfo', { token: (token as { token: string }).token }))
    expect(user).toMatchObject({ kind: 'user', user: { name: '张三', phone: '13812345678' } })
    const invalid = JSON.parse(await send(profile, mock.url, 'userInfo', { token: 'forged' })) as Record<string, unknown>
    expect(invalid.error).toBe('invalid_token')
  })

  it('gives adapters their environment and lists its users', async () => {
    const mock = await startMockPlatform()
    mocks.push(mock)
    expect(mock.adapterEnv()).toEqual({
      YINGJIE_PLATFORM_URL: mock.url,
      YINGJIE_GATEWAY_ACCESS_KEY: 'yingjie-mock-gateway',
      YINGJIE_GATEWAY_SECRET_KEY: mock.gatewayKeys.secretKey,
      YINGJIE_PLATFORM_APP_ID: 'mock-app-id',
      YINGJIE_PLATFORM_APP_PASSWORD: 'mock-app-password',
    })
    const users = (await (await fetch(`${mock.url}/mock/users`)).json()) as { users: { id: string }[] }
    expect(users.users.map((u) => u.id)).toEqual(['zhangsan', 'lisi', 'corp'])
    const issued = await fetch(`${mock.url}/mock/identities`, { method: 'POST', body: JSON.stringify({ user: 'nobody' }), headers: { 'content-type': 'application/json' } })
    expect(issued.status).toBe(404)
  })
})
