/**
 * Named code hooks: the few rules a profile cannot express as data. A profile
 * refers to them by name (`canonical.query: sorted-encoded`,
 * `body.codec: json-string`); `spec check` rejects unknown names.
 */

/** Turns the raw query string of a request (without `?`) into its canonical form for signing. */
export type CanonicalQueryHook = (rawQuery: string) => string

/** Decodes the data field of an envelope, and encodes data into it. */
export interface BodyCodec {
  decode(value: unknown): unknown
  encode(data: unknown): unknown
  /** Written into the body field of an error envelope. */
  empty: unknown
}

// RFC 3986 unreserved characters stay; everything else is %XX over UTF-8 —
// what nginx's escape_uri (and so the IRS gateway) produces.
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

// Like nginx's argument decoding: '+' is a space, bad escapes are kept as written.
function decodeQueryComponent(text: string): string {
  const spaced = text.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(spaced)
  } catch {
    return spaced
  }
}

function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
}

/**
 * The IRS (Zhejiang) rule, after APISIX hmac-auth: decode every pair, sort by
 * key in byte order, sort repeated keys by value, re-encode key and value per
 * RFC 3986, a key without value becomes `key=`, join with `&`. Decoding first
 * makes the result independent of how the caller chose to encode.
 * @example sortedEncodedQuery('b=2&a=x%20y&a=1&flag') // 'a=1&a=x%20y&b=2&flag='
 */
export function sortedEncodedQuery(rawQuery: string): string {
  const pairs = rawQuery
    .split('&')
    .filter((p) => p !== '')
    .map((p) => {
      const eq = p.indexOf('=')
      return eq < 0 ? [decodeQueryComponent(p), ''] : [decodeQueryComponent(p.slice(0, eq)), decodeQueryComponent(p.slice(eq + 1))]
    }) as [string, string][]
  pairs.sort(([ka, va], [kb, vb]) => byteOrder(ka, kb) || byteOrder(va, vb))
  return pairs.map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join('&')
}

/** Pairs sorted as sent, without decoding: for gateways that sign the literal query. */
export function sortedRawQuery(rawQuery: string): string {
  return rawQuery
    .split('&')
    .filter((p) => p !== '')
    .sort(byteOrder)
    .join('&')
}

/** Thrown by a codec when the data cannot be decoded; the caller maps it to a platform error. */
export class BodyDecodeError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BodyDecodeError'
  }
}

/**
 * The data field holds a JSON document serialised into a string, as in the
 * Hebei C-Response-Body. An object is accepted as is (some gateways already
 * unwrap it); an empty string is no data.
 */
const jsonString: BodyCodec = {
  decode(value) {
    if (value === undefined || value === null || value === '') return null
    if (typeof value !== 'string') return value
    try {
      return JSON.parse(value) as unknown
    } catch (error) {
      throw new BodyDecodeError(`body is not a JSON string: ${(error as Error).message}`)
    }
  },
  encode: (data) => (data === undefined || data === null ? '' : JSON.stringify(data)),
  empty: '',
}

/** The data field holds the JSON value itself. */
const jsonValue: BodyCodec = {
  decode: (value) => value ?? null,
  encode: (data) => data ?? null,
  empty: null,
}

/** Every hook by kind and name. */
export const HOOKS = {
  canonicalQuery: {
    'sorted-encoded': sortedEncodedQuery,
    'sorted-raw': sortedRawQuery,
  } as Readonly<Record<string, CanonicalQueryHook>>,
  bodyCodec: {
    'json-string': jsonString,
    json: jsonValue,
  } as Readonly<Record<string, BodyCodec>>,
} as const

export type HookKind = keyof typeof HOOKS

/** Names of the hooks of one kind, for help and "did you mean" hints. */
export function hookNames(kind: HookKind): string[] {
  return Object.keys(HOOKS[kind])
}

export function canonicalQueryHook(name: string | undefined): CanonicalQueryHook {
  const hook = HOOKS.canonicalQuery[name ?? 'sorted-encoded']
  if (!hook) throw new RangeError(`unknown canonical query hook '${name}'`)
  return hook
}

export function bodyCodec(name: string): BodyCodec {
  const codec = HOOKS.bodyCodec[name]
  if (!codec) throw new RangeError(`unknown body codec '${name}'`)
  return codec
}
