import { isYjError } from '@yingjie/model'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  buildErrorEnvelope,
  buildIdentityRequest,
  buildSuccessEnvelope,
  isPlatformError,
  loadProfile,
  parseEnvelope,
  parseIdentityResponse,
  PlatformError,
  readEntryCredential,
  type AccessProfile,
} from './index'

let hebei: AccessProfile
let zhejiang: AccessProfile
let guangdong: AccessProfile

beforeAll(async () => {
  ;[hebei, zhejiang, guangdong] = await Promise.all([loadProfile('hebei-jishiban'), loadProfile('zhejiang-zlb'), loadProfile('guangdong-tif')])
})

/** Run `fn`, expecting a PlatformError, and return it. */
function platformErrorOf(fn: () => unknown): PlatformError {
  try {
    fn()
  } catch (error) {
    if (isPlatformError(error)) return error
    throw error
  }
  throw new Error('expected a PlatformError')
}

describe('hebei-jishiban: accessLink exchange with the C-* envelope', () => {
  const userBody = { userId: 'u-778812', userName: '张三', idCard: '130602199003071230', mobile: '13812345678', userType: '1', authLevel: '3', certType: '111' }
  const reply = {
    'C-API-Status': '00',
    'C-Response-Code': '0000',
    'C-Response-Desc': '成功',
    'C-Response-Body': JSON.stringify(userBody),
  }

  it('reads the user out of C-Response-Body, which is a JSON string', () => {
    expect(typeof reply['C-Response-Body']).toBe('string')
    expect(parseIdentityResponse(hebei, 'userInfo', reply)).toEqual({
      kind: 'user',
      user: {
        kind: 'person',
        platformUserId: 'u-778812',
        name: '张三',
        idType: 'resident-id',
        idNumber: '130602199003071230',
        phone: '13812345678',
        realNameLevel: 'face',
      },
    })
  })

  it('accepts the reply as raw JSON text, as an HTTP client returns it', () => {
    const result = parseIdentityResponse(hebei, 'userInfo', JSON.stringify(reply))
    expect(result.kind === 'user' && result.user.name).toBe('张三')
  })

  it('reads a legal person with the organisation fields', () => {
    const body = { userName: '李四', idCard: '11010519491231002X', userType: '2', orgName: '保定市某某科技有限公司', creditCode: '91130600MA0CXXXX0X', legalPerson: '王五' }
    const result = parseIdentityResponse(hebei, 'userInfo', { ...reply, 'C-Response-Body': JSON.stringify(body) })
    expect(result).toEqual({
      kind: 'user',
      user: {
        kind: 'legal-person',
        name: '李四',
        idType: 'resident-id',
        idNumber: '11010519491231002X',
        realNameLevel: 'basic',
        org: { name: '保定市某某科技有限公司', uscc: '91130600MA0CXXXX0X', legalRepresentative: '王五' },
      },
    })
  })

  it('maps a used accessLink to a typed ticket-invalid error with the platform message', () => {
    const error = platformErrorOf(() =>
      parseIdentityResponse(hebei, 'userInfo', { 'C-API-Status': '01', 'C-Response-Code': '1002', 'C-Response-Desc': 'accessLink已失效', 'C-Response-Body': '' }),
    )
    expect(error).toBeInstanceOf(PlatformError)
    expect(isYjError(error)).toBe(true)
    expect(error.kind).toBe('ticket-invalid')
    expect(error.code).toBe('YJ_PLATFORM_TICKET_INVALID')
    expect(error.platformCode).toBe('1002')
    expect(error.retryable).toBe(false)
    expect(error.finding.message.zh).toBe('冀时办返回错误 1002：accessLink 无效或已被使用（accessLink已失效）')
    expect(error.finding.hint.zh).toBe('请用户从冀时办重新进入服务')
  })

  it('marks platform failures retryable and keeps unknown codes as kind unknown', () => {
    const busy = platformErrorOf(() => parseIdentityResponse(hebei, 'userInfo', { 'C-API-Status': '01', 'C-Response-Code': '5000', 'C-Response-Desc': '系统繁忙' }))
    expect([busy.kind, busy.retryable]).toEqual(['platform-unavailable', true])
    const odd = platformErrorOf(() => parseIdentityResponse(hebei, 'userInfo', { 'C-API-Status': '01', 'C-Response-Code': '7777', 'C-Response-Desc': '其他' }))
    expect([odd.kind, odd.code, odd.platformCode]).toEqual(['unknown', 'YJ_PLATFORM_UNKNOWN', '7777'])
  })

  it('treats a failed C-API-Status as an error even when the code looks successful', () => {
    const error = platformErrorOf(() => parseIdentityResponse(hebei, 'userInfo', { ...reply, 'C-API-Status': '01' }))
    expect(error.platformCode).toBe('0000')
  })

  it('reports a body that is not JSON, and a user without ID number, as bad responses', () => {
    const notJson = platformErrorOf(() => parseIdentityResponse(hebei, 'userInfo', { ...reply, 'C-Response-Body': '{name: 张三' }))
    expect(notJson.kind).toBe('bad-response')
    expect(notJson.finding.message.en).toContain('C-Response-Body is not a valid JSON string')
    const noId = platformErrorOf(() => parseIdentityResponse(hebei, 'userInfo', { ...reply, 'C-Response-Body': JSON.stringify({ userName: '张三' }) }))
    expect(noId.kind).toBe('bad-response')
    expect(noId.finding.message.zh).toContain('证件号码（尝试了 idCard、idcard、idNo、certNo）')
    expect(platformErrorOf(() => parseIdentityResponse(hebei, 'userInfo', '<html>502</html>')).kind).toBe('bad-response')
  })

  it('builds the exchange request with app id, password and the accessLink', () => {
    const req = buildIdentityRequest(hebei, 'userInfo', { appId: 'bd-rsj', appPassword: 'pw', accessLink: 'AL-123' }, 'https://jsb.example.invalid/gateway/')
    expect(req).toEqual({
      method: 'POST',
      url: 'https://jsb.example.invalid/gateway/auth/getAccessLinkForUserTmpMsg',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"appId":"bd-rsj","appPwd":"pw","accessLink":"AL-123"}',
      signed: false,
    })
    expect(readEntryCredential(hebei, 'https://bd-rsj.example.invalid/h5/index.html?accessLink=AL-123&from=jsb')).toBe('AL-123')
    expect(readEntryCredential(hebei, '/h5/index.html?from=jsb')).toBeUndefined()
  })

  it('names the missing value when the configuration lacks one', () => {
    expect(() => buildIdentityRequest(hebei, 'userInfo', { appId: 'bd-rsj', accessLink: 'x' }, 'https://jsb.example.invalid')).toThrow(/appPassword/)
  })
})

describe('zhejiang-zlb: ticketId → access_token → getUserInfo', () => {
  it('reads the access token and its lifetime', () => {
    const reply = { success: true, errorCode: null, errorMsg: null, data: { accessToken: 'tok-9a8b', expiresIn: 1800 } }
    expect(parseIdentityResponse(zhejiang, 'accessToken', reply)).toEqual({ kind: 'token', token: 'tok-9a8b', expiresInSeconds: 1800 })
    const noLifetime = { success: true, data: { accessToken: 'tok-9a8b' } }
    expect(parseIdentityResponse(zhejiang, 'accessToken', noLifetime)).toEqual({ kind: 'token', token: 'tok-9a8b', expiresInSeconds: 7200 })
  })

  it('maps C-USER-SSO-TICKET-INVALID to ticket-invalid', () => {
    const error = platformErrorOf(() =>
      parseIdentityResponse(zhejiang, 'accessToken', { success: false, errorCode: 'C-USER-SSO-TICKET-INVALID', errorMsg: 'ticket无效', data: null }),
    )
    expect([error.kind, error.code]).toEqual(['ticket-invalid', 'YJ_PLATFORM_TICKET_INVALID'])
    expect(error.finding.message.en).toBe('Zheliban returned error C-USER-SSO-TICKET-INVALID: the ticketId is invalid, expired or already used (ticket无效)')
  })

  it('reads PERSON and LEGAL_PERSON users', () => {
    const person = { success: true, data: { userId: 'zj-1', userName: '王芳', idNo: '330106197805123019', mobile: '13912345678', userType: 'PERSON', authLevel: '2' } }
    expect(parseIdentityResponse(zhejiang, 'userInfo', person)).toEqual({
      kind: 'user',
      user: { kind: 'person', platformUserId: 'zj-1', name: '王芳', idType: 'resident-id', idNumber: '330106197805123019', phone: '13912345678', realNameLevel: 'verified' },
    })
    const legal = { success: true, data: { userName: '赵六', idNo: '11010519491231002X', userType: 'LEGAL_PERSON', corpName: '杭州某某有限公司', uniscid: '91330100MA2XXXXX1X' } }
    const result = parseIdentityResponse(zhejiang, 'userInfo', legal)
    expect(result.kind === 'user' && result.user).toMatchObject({ kind: 'legal-person', org: { name: '杭州某某有限公司', uscc: '91330100MA2XXXXX1X' } })
  })

  it('builds signed calls under the IRS base path', () => {
    const req = buildIdentityRequest(zhejiang, 'accessToken', { appId: 'app-1', ticketId: 'T-1' }, 'https://bcdsg.zj.gov.cn:8443/restapi/prod/IC33000020220329000007')
    expect(req.url).toBe('https://bcdsg.zj.gov.cn:8443/restapi/prod/IC33000020220329000007/uc/sso/access_token')
    expect(req.signed).toBe(true)
    expect(JSON.parse(req.body!)).toEqual({ ticketId: 'T-1', appId: 'app-1' })
  })
})

describe('guangdong-tif: OAuth2 authorisation code', () => {
  it('reads plain OAuth2 replies and maps invalid_grant', () => {
    expect(parseIdentityResponse(guangdong, 'accessToken', { access_token: 'at-1', expires_in: 600, token_type: 'bearer' })).toEqual({
      kind: 'token',
      token: 'at-1',
      expiresInSeconds: 600,
    })
    const error = platformErrorOf(() => parseIdentityResponse(guangdong, 'accessToken', { error: 'invalid_grant', error_description: 'code used' }))
    expect([error.kind, error.platformCode, error.platformMessage]).toEqual(['ticket-invalid', 'invalid_grant', 'code used'])
  })

  it('sends form and query encodings', () => {
    const token = buildIdentityRequest(guangdong, 'accessToken', { clientId: 'c', clientSecret: 's', code: 'a b' }, 'https://tyrz.example.invalid')
    expect(token.body).toBe('client_id=c&client_secret=s&grant_type=authorization_code&code=a+b')
    expect(token.headers['content-type']).toBe('application/x-www-form-urlencoded')
    const info = buildIdentityRequest(guangdong, 'userInfo', { token: 'at-1' }, 'https://tyrz.example.invalid')
    expect([info.method, info.url, info.body]).toEqual(['GET', 'https://tyrz.example.invalid/pscp/sso/connect/page/oauth2/tokeninfo?access_token=at-1', undefined])
  })
})

describe('envelope builders', () => {
  it("answers the Hebei gateway in the C-* shape with the body as a JSON string", () => {
    const reply = buildSuccessEnvelope(hebei, { licence: 'A-1', status: '有效' })
    expect(reply).toEqual({
      'C-API-Status': '00',
      'C-Response-Code': '0000',
      'C-Response-Desc': '成功',
      'C-Response-Body': '{"licence":"A-1","status":"有效"}',
    })
    expect(parseEnvelope(hebei, reply).data).toEqual({ licence: 'A-1', status: '有效' })
    expect(buildErrorEnvelope(hebei, { kind: 'legacyUnavailable', message: '业务系统维护中' })).toEqual({
      'C-API-Status': '01',
      'C-Response-Code': '5030',
      'C-Response-Desc': '业务系统维护中',
      'C-Response-Body': '',
    })
  })

  it('answers in the Zhejiang and Guangdong shapes', () => {
    expect(buildSuccessEnvelope(zhejiang, [1, 2])).toEqual({ success: true, errorCode: null, errorMsg: '成功', data: [1, 2] })
    expect(buildErrorEnvelope(zhejiang, { kind: 'notFound', message: '无此证照' })).toEqual({ success: false, errorCode: 'C-NOT-FOUND', errorMsg: '无此证照', data: null })
    expect(buildSuccessEnvelope(guangdong, { ok: 1 })).toEqual({ errcode: 0, errmsg: 'ok', data: { ok: 1 } })
    // Numeric success codes get numeric error codes too.
    expect(buildErrorEnvelope(guangdong, { kind: 'badRequest', message: '缺少参数' })).toEqual({ errcode: 40000, errmsg: '缺少参数', data: null })
    expect(buildErrorEnvelope(guangdong, { code: 'E-CUSTOM', message: 'x' })).toMatchObject({ errcode: 'E-CUSTOM' })
  })

  it('reads back what it builds, and refuses an error envelope with the typed error', () => {
    for (const profile of [hebei, zhejiang, guangdong]) {
      expect(parseEnvelope(profile, buildSuccessEnvelope(profile, { n: 1 })).data).toEqual({ n: 1 })
      const error = platformErrorOf(() => parseEnvelope(profile, buildErrorEnvelope(profile, { kind: 'internal', message: 'boom' })))
      expect(error.platformMessage).toBe('boom')
    }
  })
})
