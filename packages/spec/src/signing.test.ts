import { createHash, createHmac } from 'node:crypto'
import { beforeAll, describe, expect, it } from 'vitest'
import { canonicalRequest, loadProfile, signRequest, sortedEncodedQuery, sortedRawQuery, verifySignature, type AccessProfile, type SigningProfile } from './index'

let hebei: AccessProfile
let zhejiang: AccessProfile
let guangdong: AccessProfile

beforeAll(async () => {
  ;[hebei, zhejiang, guangdong] = await Promise.all([loadProfile('hebei-jishiban'), loadProfile('zhejiang-zlb'), loadProfile('guangdong-tif')])
})

const NOW = new Date('2024-03-01T08:00:00Z')

/** A replay guard over a Set, like the connector's in-memory store. */
function memoryGuard() {
  const seen = new Set<string>()
  return (nonce: string) => {
    if (seen.has(nonce)) return true
    seen.add(nonce)
    return false
  }
}

describe('zhejiang-zlb: IRS X-BG-HMAC-* signature', () => {
  const credentials = { accessKey: 'zlb-dept-ak-0001', secretKey: 'zlb-dept-sk-7f3a9c' }
  // Query out of order, a repeated key, a key without value, UTF-8 and '+' for a space.
  const request = {
    method: 'get',
    url: '/restapi/prod/IC33000020220329000007/licence/query?type=2&name=%E5%BC%A0%E4%B8%89&id=7&empty&tag=b&tag=a&q=a+b',
  }
  // The documented formula written out by hand: method \n path \n sorted encoded query \n AK \n date \n
  const expectedCanonical =
    'GET\n/restapi/prod/IC33000020220329000007/licence/query\nempty=&id=7&name=%E5%BC%A0%E4%B8%89&q=a%20b&tag=a&tag=b&type=2\nzlb-dept-ak-0001\nFri, 01 Mar 2024 08:00:00 GMT\n'

  it('signs Base64(HMAC-SHA256(SK, canonical)) with an RFC 1123 date', () => {
    const signed = signRequest(zhejiang, request, credentials, { now: NOW })
    expect(signed.canonical).toBe(expectedCanonical)
    const independent = createHmac('sha256', credentials.secretKey).update(expectedCanonical, 'utf8').digest('base64')
    expect(signed.signature).toBe(independent)
    expect(signed.signature).toBe('L5IIJn5/Ewo9Qrvp4xskQQxwsDbYa1GIBa+Pmf9U4WU=')
    expect(signed.headers).toEqual({
      'X-BG-HMAC-ACCESS-KEY': 'zlb-dept-ak-0001',
      'X-BG-DATE-TIME': 'Fri, 01 Mar 2024 08:00:00 GMT',
      'X-BG-HMAC-ALGORITHM': 'hmac-sha256',
      'X-BG-HMAC-SIGNATURE': 'L5IIJn5/Ewo9Qrvp4xskQQxwsDbYa1GIBa+Pmf9U4WU=',
    })
  })

  it('canonicalises the query by decoding, sorting by key then value, and re-encoding per RFC 3986', () => {
    expect(sortedEncodedQuery('b=2&a=x%20y&a=1&flag')).toBe('a=1&a=x%20y&b=2&flag=')
    expect(sortedEncodedQuery("k=a+b&k2=(it's)*!~")).toBe('k=a%20b&k2=%28it%27s%29%2A%21~')
    // Byte order: upper case sorts before lower case.
    expect(sortedEncodedQuery('b=1&B=2&a=3')).toBe('B=2&a=3&b=1')
    expect(sortedEncodedQuery('')).toBe('')
  })

  it('offers a raw variant for gateways that sign the query exactly as sent', () => {
    expect(sortedRawQuery('b=2&a=x%20y&a=1&flag')).toBe('a=1&a=x%20y&b=2&flag')
  })

  it('verifies the same request however the caller ordered and encoded the query', async () => {
    const signed = signRequest(zhejiang, request, credentials, { now: NOW })
    const reordered = '/restapi/prod/IC33000020220329000007/licence/query?q=a%20b&tag=a&empty=&tag=b&id=7&name=张三&type=2'
    // Node lower-cases incoming header names.
    const headers = Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), v]))
    const result = await verifySignature(zhejiang, { method: 'GET', url: reordered, headers }, credentials, { now: new Date(NOW.getTime() + 99_000) })
    expect(result).toEqual({ ok: true, accessKey: 'zlb-dept-ak-0001', timestamp: NOW })
  })

  it('refuses a changed query value, and a date 101 s off', async () => {
    const { headers } = signRequest(zhejiang, request, credentials, { now: NOW })
    const tampered = await verifySignature(zhejiang, { ...request, url: request.url.replace('id=7', 'id=8'), headers }, credentials, { now: NOW })
    expect(tampered).toMatchObject({ ok: false, reason: 'signature-mismatch', header: 'X-BG-HMAC-SIGNATURE' })
    const late = await verifySignature(zhejiang, { ...request, headers }, credentials, { now: new Date(NOW.getTime() + 101_000) })
    expect(late).toMatchObject({ ok: false, reason: 'clock-skew', header: 'X-BG-DATE-TIME' })
    if (!late.ok) expect(late.message.zh).toContain('101 秒')
  })

  it('refuses a wrong algorithm header and a date in another format', async () => {
    const { headers } = signRequest(zhejiang, request, credentials, { now: NOW })
    const wrongAlgorithm = await verifySignature(zhejiang, { ...request, headers: { ...headers, 'X-BG-HMAC-ALGORITHM': 'hmac-sha1' } }, credentials, { now: NOW })
    expect(wrongAlgorithm).toMatchObject({ ok: false, reason: 'algorithm-mismatch' })
    const isoDate = await verifySignature(zhejiang, { ...request, headers: { ...headers, 'X-BG-DATE-TIME': '2024-03-01T08:00:00Z' } }, credentials, { now: NOW })
    expect(isoDate).toMatchObject({ ok: false, reason: 'bad-timestamp' })
  })
})

describe('hebei-jishiban: assumed AK/SK + timestamp + nonce HMAC-SHA256', () => {
  const credentials = { accessKey: 'bd-rsj-ak', secretKey: 'bd-rsj-secret-2f8e' }
  const body = '{"idNumber":"11010519491231002X","area":"130600"}'
  const nonce = 'c0ffee00-1234-4abc-9def-0123456789ab'
  const request = { method: 'POST', url: '/api/v1/social-security/query?cardType=1&area=130600&Zone=north', body }

  it('signs METHOD \\n PATH \\n QUERY \\n AK \\n TIMESTAMP \\n NONCE \\n hex(SHA-256(body)) in Base64', () => {
    const signed = signRequest(hebei, request, credentials, { now: NOW, nonce })
    const bodyHash = createHash('sha256').update(body, 'utf8').digest('hex')
    expect(bodyHash).toBe('358dc9f95ae5e0dd9b69d067c8b3ed846ce510d9c157a206f2859c243a380993')
    const canonical = `POST\n/api/v1/social-security/query\nZone=north&area=130600&cardType=1\nbd-rsj-ak\n1709280000000\n${nonce}\n${bodyHash}`
    expect(signed.canonical).toBe(canonical)
    expect(signed.signature).toBe(createHmac('sha256', credentials.secretKey).update(canonical).digest('base64'))
    expect(signed.signature).toBe('JqCsugbdco9o6mkEBFVahfhWvD+1zLVYfQHTdkh2ADE=')
    expect(signed.headers).toMatchObject({ 'X-Access-Key': 'bd-rsj-ak', 'X-Timestamp': '1709280000000', 'X-Nonce': nonce, 'X-Signature-Method': 'HmacSHA256' })
  })

  it('makes a fresh random nonce for every request unless one is given', () => {
    const a = signRequest(hebei, request, credentials, { now: NOW })
    const b = signRequest(hebei, request, credentials, { now: NOW })
    expect(a.headers['X-Nonce']).toMatch(/^[0-9a-f]{32}$/)
    expect(a.headers['X-Nonce']).not.toBe(b.headers['X-Nonce'])
    expect(a.signature).not.toBe(b.signature)
  })

  it('accepts a signed request once and refuses the replay', async () => {
    const { headers } = signRequest(hebei, request, credentials, { now: NOW, nonce })
    const nonceSeen = memoryGuard()
    const first = await verifySignature(hebei, { ...request, headers }, credentials, { now: NOW, nonceSeen })
    expect(first).toEqual({ ok: true, accessKey: 'bd-rsj-ak', timestamp: NOW, nonce })
    const replay = await verifySignature(hebei, { ...request, headers }, credentials, { now: NOW, nonceSeen })
    expect(replay).toMatchObject({ ok: false, reason: 'nonce-replayed', header: 'X-Nonce' })
  })

  it('does not spend the nonce of a forged request, so the genuine one still passes', async () => {
    const { headers } = signRequest(hebei, request, credentials, { now: NOW, nonce })
    const nonceSeen = memoryGuard()
    const forged = await verifySignature(hebei, { ...request, body: '{"idNumber":"130602199003071230"}', headers }, credentials, { now: NOW, nonceSeen })
    expect(forged).toMatchObject({ ok: false, reason: 'signature-mismatch' })
    const genuine = await verifySignature(hebei, { ...request, headers }, credentials, { now: NOW, nonceSeen })
    expect(genuine.ok).toBe(true)
  })

  it('gives a typed reason for each malformed request', async () => {
    const { headers } = signRequest(hebei, request, credentials, { now: NOW, nonce })
    const check = (h: Record<string, string>, creds: Parameters<typeof verifySignature>[2] = credentials) =>
      verifySignature(hebei, { ...request, headers: h }, creds, { now: NOW })
    const without = (name: string) => Object.fromEntries(Object.entries(headers).filter(([k]) => k !== name))
    expect(await check(without('X-Nonce'))).toMatchObject({ ok: false, reason: 'missing-header', header: 'X-Nonce' })
    expect(await check(without('X-Signature'))).toMatchObject({ ok: false, reason: 'missing-header', header: 'X-Signature' })
    expect(await check({ ...headers, 'X-Access-Key': 'someone-else' })).toMatchObject({ ok: false, reason: 'unknown-access-key' })
    expect(await check({ ...headers, 'X-Timestamp': '1709280000' })).toMatchObject({ ok: false, reason: 'bad-timestamp' })
    expect(await check({ ...headers, 'X-Nonce': 'short' })).toMatchObject({ ok: false, reason: 'bad-nonce' })
    expect(await check({ ...headers, 'X-Signature': 'not base64!' })).toMatchObject({ ok: false, reason: 'bad-signature-format' })
    // Well-formed but 16 bytes instead of 32: a mismatch, not an exception from timingSafeEqual.
    expect(await check({ ...headers, 'X-Signature': Buffer.alloc(16).toString('base64') })).toMatchObject({ ok: false, reason: 'signature-mismatch' })
    expect(await check(headers, async (ak) => (ak === 'bd-rsj-ak' ? { ...credentials, secretKey: 'rotated' } : undefined))).toMatchObject({
      ok: false,
      reason: 'signature-mismatch',
    })
    expect(await check(headers, async (ak) => (ak === 'bd-rsj-ak' ? credentials : undefined))).toMatchObject({ ok: true })
  })
})

describe('guangdong-tif: x-tif-* SHA-256 signature', () => {
  const credentials = { accessKey: 'dept-bd-001', secretKey: 'gd-paas-token-5e1b' }
  const request = { method: 'POST', url: '/ebus/bd/licence', body: '{"a":1}' }

  it('signs SHA-256 hex of timestamp + token + nonce + timestamp', () => {
    const signed = signRequest(guangdong, request, credentials, { now: NOW, nonce: 'n0nce8x7' })
    const independent = createHash('sha256').update('1709280000' + 'gd-paas-token-5e1b' + 'n0nce8x7' + '1709280000').digest('hex')
    expect(signed.canonical).toBe('1709280000gd-paas-token-5e1bn0nce8x71709280000')
    expect(signed.signature).toBe(independent)
    expect(signed.signature).toBe('84076cf176564f89c0eec4e5f20f59859c7baf0c9853af2721594f7529c31fd5')
    expect(signed.headers).toEqual({
      'x-tif-paasid': 'dept-bd-001',
      'x-tif-timestamp': '1709280000',
      'x-tif-nonce': 'n0nce8x7',
      'x-tif-signature': '84076cf176564f89c0eec4e5f20f59859c7baf0c9853af2721594f7529c31fd5',
    })
  })

  it('accepts the signature in upper-case hex and refuses a wrong token', async () => {
    const { headers } = signRequest(guangdong, request, credentials, { now: NOW, nonce: 'n0nce8x7' })
    const upper = { ...headers, 'x-tif-signature': headers['x-tif-signature']!.toUpperCase() }
    expect(await verifySignature(guangdong, { ...request, headers: upper }, credentials, { now: NOW })).toMatchObject({ ok: true })
    expect(await verifySignature(guangdong, { ...request, headers }, { ...credentials, secretKey: 'other' }, { now: NOW })).toMatchObject({
      ok: false,
      reason: 'signature-mismatch',
    })
  })

  it('allows 180 s of clock skew', async () => {
    const { headers } = signRequest(guangdong, request, credentials, { now: NOW, nonce: 'n0nce8x7' })
    const at = (s: number) => verifySignature(guangdong, { ...request, headers }, credentials, { now: new Date(NOW.getTime() + s * 1000) })
    expect((await at(-180)).ok).toBe(true)
    expect(await at(181)).toMatchObject({ ok: false, reason: 'clock-skew' })
  })
})

describe('pluggable algorithms', () => {
  const base = (algorithm: SigningProfile['signing']['algorithm'], parts: string[]): SigningProfile => ({
    signing: {
      algorithm,
      output: 'hex',
      headers: { accessKey: 'X-AK', timestamp: 'X-TS', signature: 'X-Sign' },
      timestamp: { format: 'unix-seconds', skewSeconds: 60 },
      canonical: { parts, separator: '&' },
    },
  })
  const credentials = { accessKey: 'ak', secretKey: 'sk' }
  const request = { method: 'GET', url: '/x?b=1&a=2' }

  it('signs with HMAC-SM3 and verifies', async () => {
    const profile = base('hmac-sm3', ['method', 'path', 'query', 'timestamp'])
    const signed = signRequest(profile, request, credentials, { now: NOW })
    expect(signed.canonical).toBe('GET&/x&a=2&b=1&1709280000')
    expect(signed.signature).toMatch(/^[0-9a-f]{64}$/)
    expect(await verifySignature(profile, { ...request, headers: signed.headers }, credentials, { now: NOW })).toMatchObject({ ok: true })
  })

  it('signs an old gateway MD5 concatenation with the secret inside', () => {
    const profile = base('md5', ['accessKey', 'secret', 'timestamp'])
    const signed = signRequest(profile, request, credentials, { now: NOW })
    expect(signed.signature).toBe(createHash('md5').update('ak&sk&1709280000').digest('hex'))
  })

  it('includes named headers and literals when a profile asks for them', () => {
    const profile = base('sm3', ['literal:v1', 'header:X-Region', 'secret'])
    const c = canonicalRequest(profile.signing, { ...request, headers: { 'x-region': '130600' } }, { accessKey: 'ak', timestamp: '1', secret: 'sk' })
    expect(c).toBe('v1&130600&sk')
  })
})
