import { randomBytes } from 'node:crypto'
import type { Localized } from '@yingjie/model'
import { constantTimeEqual, decodeSignature, encodeSignature, sha256, signatureDigest } from './_algorithms'
import { canonicalQueryHook } from './_hooks'
import type { AccessProfile, SigningSpec, TimestampFormat } from './_types'

/** Anything with signing rules: a loaded profile, or just its `signing` section. */
export type SigningProfile = Pick<AccessProfile, 'signing'>

/** The parts of an HTTP request a signature covers. */
export interface SignableRequest {
  method: string
  /**
   * Request target as on the wire: path plus optional `?query` (what Node
   * gives as `req.url`). An absolute URL is accepted too.
   * @example '/api/v1/licence?id=7&type=2'
   */
  url: string
  /** Header names in any case. */
  headers?: Record<string, string | string[] | undefined>
  body?: string | Uint8Array
}

/** The caller's key pair. For Guangdong TIF the access key is the paasid and the secret the paas token. */
export interface Credentials {
  accessKey: string
  secretKey: string
}

/** Finds the credentials for an access key; undefined when the key is unknown. */
export type CredentialLookup = (accessKey: string) => Credentials | undefined | Promise<Credentials | undefined>

export interface SignOptions {
  /**
   * The signing time; tests pin it.
   * @default new Date()
   */
  now?: Date
  /**
   * The nonce to send, when the profile uses one.
   * @default 32 random hex characters
   */
  nonce?: string
}

export interface SignedRequest {
  /** Headers to add to the request. */
  headers: Record<string, string>
  /** The exact string that was signed, for debugging a mismatch with the platform. */
  canonical: string
  signature: string
}

const HEADER_SAFE = /^[\x20-\x7e]*$/

function split(url: string): { path: string; query: string } {
  const withoutOrigin = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '')
  const noFragment = withoutOrigin.split('#')[0] ?? ''
  const q = noFragment.indexOf('?')
  return q < 0 ? { path: noFragment, query: '' } : { path: noFragment.slice(0, q), query: noFragment.slice(q + 1) }
}

// Gateways sign the decoded path (nginx's $uri), so '/a%20b' and '/a b' sign the same.
function canonicalPath(path: string): string {
  if (path === '') return '/'
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}

function header(headers: SignableRequest['headers'], name: string): string | undefined {
  if (!headers) return undefined
  const wanted = name.toLowerCase()
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() !== wanted || v === undefined) continue
    return Array.isArray(v) ? v[0] : v
  }
  return undefined
}

export function formatTimestamp(format: TimestampFormat, date: Date): string {
  switch (format) {
    case 'rfc1123':
      return date.toUTCString()
    case 'unix-seconds':
      return String(Math.floor(date.getTime() / 1000))
    case 'unix-millis':
      return String(date.getTime())
    case 'iso8601':
      return date.toISOString().replace(/\.\d{3}Z$/, 'Z')
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** The time a timestamp header names, or undefined when it is not in the profile's format. */
export function parseTimestamp(format: TimestampFormat, text: string): Date | undefined {
  let ms: number
  switch (format) {
    case 'rfc1123': {
      const m = /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/.exec(text)
      const month = m ? MONTHS.indexOf(m[2]!) : -1
      if (!m || month < 0) return undefined
      ms = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]))
      // Date.UTC rolls 31 Feb over into March; a real header never says that.
      if (new Date(ms).getUTCDate() !== Number(m[1])) return undefined
      break
    }
    case 'unix-seconds':
      if (!/^\d{9,11}$/.test(text)) return undefined
      ms = Number(text) * 1000
      break
    case 'unix-millis':
      if (!/^\d{12,14}$/.test(text)) return undefined
      ms = Number(text)
      break
    case 'iso8601':
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined
      ms = Date.parse(text)
      break
  }
  return Number.isFinite(ms) ? new Date(ms) : undefined
}

interface CanonicalValues {
  accessKey: string
  timestamp: string
  nonce?: string
  secret: string
}

/**
 * The string a profile signs for a request: the configured parts joined by
 * the separator. Exported so the conformance kit can show both sides of a
 * mismatch.
 */
export function canonicalRequest(signing: SigningSpec, request: SignableRequest, values: CanonicalValues): string {
  const { path, query } = split(request.url)
  const parts = signing.canonical.parts.map((part) => {
    switch (part) {
      case 'method':
        return request.method.toUpperCase()
      case 'path':
        return canonicalPath(path)
      case 'query':
        return canonicalQueryHook(signing.canonical.query)(query)
      case 'accessKey':
        return values.accessKey
      case 'timestamp':
        return values.timestamp
      case 'nonce':
        return values.nonce ?? ''
      case 'secret':
        return values.secret
      case 'bodySha256':
        return sha256(request.body ?? '').toString('hex')
      default:
        if (part.startsWith('header:')) return header(request.headers, part.slice(7)) ?? ''
        if (part.startsWith('literal:')) return part.slice(8)
        throw new RangeError(`unknown canonical part '${part}'`)
    }
  })
  const { separator, trailingSeparator } = signing.canonical
  return parts.join(separator) + (trailingSeparator ? separator : '')
}

/**
 * Sign a request by the profile's rules: returns the headers to send (access
 * key, timestamp, nonce, algorithm, signature) and the canonical string.
 * @example
 * const { headers } = signRequest(profile, { method: 'GET', url: '/api/x?b=2&a=1' }, { accessKey, secretKey })
 */
export function signRequest(profile: SigningProfile, request: SignableRequest, credentials: Credentials, options: SignOptions = {}): SignedRequest {
  const { signing } = profile
  const timestamp = formatTimestamp(signing.timestamp.format, options.now ?? new Date())
  const nonce = signing.headers.nonce ? (options.nonce ?? randomBytes(16).toString('hex')) : undefined
  const headers: Record<string, string> = { [signing.headers.accessKey]: credentials.accessKey, [signing.headers.timestamp]: timestamp }
  if (nonce !== undefined && signing.headers.nonce) headers[signing.headers.nonce] = nonce
  if (signing.headers.algorithm) headers[signing.headers.algorithm.name] = signing.headers.algorithm.value
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_SAFE.test(value)) throw new RangeError(`header ${name} would carry non-ASCII text`)
  }
  const canonical = canonicalRequest(signing, { ...request, headers: { ...request.headers, ...headers } }, {
    accessKey: credentials.accessKey,
    timestamp,
    nonce,
    secret: credentials.secretKey,
  })
  const signature = encodeSignature(signatureDigest(signing.algorithm, credentials.secretKey, canonical), signing.output)
  headers[signing.headers.signature] = signature
  return { headers, canonical, signature }
}

/** Why a signature was refused. Stable: adapters log and count them. */
export type VerifyFailureReason =
  | 'missing-header'
  | 'algorithm-mismatch'
  | 'unknown-access-key'
  | 'bad-timestamp'
  | 'clock-skew'
  | 'bad-nonce'
  | 'bad-signature-format'
  | 'signature-mismatch'
  | 'nonce-replayed'

export type VerifyResult =
  | { ok: true; accessKey: string; timestamp: Date; nonce?: string }
  | {
      ok: false
      reason: VerifyFailureReason
      /** The header at fault, when there is one. */
      header?: string
      message: Localized
    }

export interface VerifyOptions {
  /** The receiving server's clock. */
  now: Date
  /**
   * Replay guard: returns true when the nonce was seen within `ttlSeconds`,
   * and remembers it otherwise (in memory or in Redis). Called only after
   * the signature has been proved, so forged requests cannot fill the store.
   * Without it, a captured request can be replayed within the clock-skew window.
   */
  nonceSeen?: (nonce: string, ttlSeconds: number) => boolean | Promise<boolean>
}

function fail(reason: VerifyFailureReason, zh: string, en: string, headerName?: string): VerifyResult {
  return { ok: false, reason, message: { zh, en }, ...(headerName ? { header: headerName } : {}) }
}

/**
 * Check a received request's signature by the profile's rules: headers,
 * algorithm, clock skew, nonce format, the signature itself (compared in
 * constant time) and finally replay.
 */
export async function verifySignature(
  profile: SigningProfile,
  request: SignableRequest,
  credentials: Credentials | CredentialLookup,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const { signing } = profile
  const h = signing.headers
  const required = [h.accessKey, h.timestamp, h.signature, ...(h.nonce && signing.nonce?.required ? [h.nonce] : [])]
  for (const name of required) {
    if (!header(request.headers, name)) return fail('missing-header', `缺少请求头 ${name}`, `missing header ${name}`, name)
  }
  const accessKey = header(request.headers, h.accessKey)!
  const timestampText = header(request.headers, h.timestamp)!
  const signatureText = header(request.headers, h.signature)!
  const nonce = h.nonce ? header(request.headers, h.nonce) : undefined

  if (h.algorithm) {
    const sent = header(request.headers, h.algorithm.name)
    if (sent === undefined) return fail('missing-header', `缺少请求头 ${h.algorithm.name}`, `missing header ${h.algorithm.name}`, h.algorithm.name)
    if (sent.toLowerCase() !== h.algorithm.value.toLowerCase()) {
      return fail('algorithm-mismatch', `签名算法应为 ${h.algorithm.value}，实际为 ${sent}`, `signature algorithm must be ${h.algorithm.value}, got ${sent}`, h.algorithm.name)
    }
  }

  const found = typeof credentials === 'function' ? await credentials(accessKey) : credentials.accessKey === accessKey ? credentials : undefined
  if (!found) return fail('unknown-access-key', `未知的访问密钥 ${accessKey}`, `unknown access key ${accessKey}`, h.accessKey)

  const timestamp = parseTimestamp(signing.timestamp.format, timestampText)
  if (!timestamp) {
    return fail('bad-timestamp', `时间戳 “${timestampText}” 不是 ${signing.timestamp.format} 格式`, `timestamp "${timestampText}" is not in ${signing.timestamp.format} format`, h.timestamp)
  }
  const skew = Math.abs(options.now.getTime() - timestamp.getTime()) / 1000
  if (skew > signing.timestamp.skewSeconds) {
    return fail(
      'clock-skew',
      `请求时间与服务器时间相差 ${Math.round(skew)} 秒，超过允许的 ${signing.timestamp.skewSeconds} 秒；检查双方时钟`,
      `request time is ${Math.round(skew)} s away from the server clock, over the allowed ${signing.timestamp.skewSeconds} s; check both clocks`,
      h.timestamp,
    )
  }

  if (nonce !== undefined && signing.nonce?.pattern && !new RegExp(signing.nonce.pattern).test(nonce)) {
    return fail('bad-nonce', `nonce 格式不正确`, `nonce is not in the expected format`, h.nonce)
  }

  const received = decodeSignature(signatureText, signing.output)
  if (!received) {
    return fail('bad-signature-format', `签名不是有效的 ${signing.output} 编码`, `signature is not valid ${signing.output}`, h.signature)
  }
  const canonical = canonicalRequest(signing, request, { accessKey, timestamp: timestampText, nonce, secret: found.secretKey })
  const expected = signatureDigest(signing.algorithm, found.secretKey, canonical)
  if (!constantTimeEqual(received, expected)) {
    return fail('signature-mismatch', '签名不匹配：检查签名串的拼接、查询参数排序编码和密钥', 'signature does not match: check the canonical string, query sorting and encoding, and the key', h.signature)
  }

  if (nonce !== undefined && options.nonceSeen && (await options.nonceSeen(nonce, signing.nonce?.ttlSeconds ?? 2 * signing.timestamp.skewSeconds))) {
    return fail('nonce-replayed', `nonce ${nonce} 已使用过（疑似重放）`, `nonce ${nonce} was already used (replay?)`, h.nonce)
  }
  return { ok: true, accessKey, timestamp, ...(nonce !== undefined ? { nonce } : {}) }
}
