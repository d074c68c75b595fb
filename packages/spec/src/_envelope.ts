import { badResponse, platformError } from './_errors'
import { bodyCodec, BodyDecodeError } from './_hooks'
import type { AccessProfile, EnvelopeIndicator, EnvelopeScalar, EnvelopeSpec, InboundErrorKind } from './_types'

type EnvelopeProfile = Pick<AccessProfile, 'envelopes' | 'inbound' | 'errors' | 'platform'>

/** A reply that the envelope marks as successful, with its data decoded. */
export interface EnvelopeSuccess {
  data: unknown
  code?: EnvelopeScalar
  message?: string
}

function envelopeNamed(profile: EnvelopeProfile, name: string | undefined): EnvelopeSpec {
  const key = name ?? profile.inbound.envelope
  const spec = profile.envelopes[key]
  if (!spec) throw new RangeError(`profile has no envelope '${key}'`)
  return spec
}

function matches(value: unknown, accepted: readonly EnvelopeScalar[]): boolean {
  return accepted.some((s) => {
    if (s === null) return value === null || value === undefined
    if (value === s) return true
    return value !== null && value !== undefined && typeof value !== 'object' && String(value) === String(s)
  })
}

function indicatorOk(indicator: EnvelopeIndicator | undefined, reply: Record<string, unknown>): boolean {
  if (!indicator?.success) return true
  return matches(reply[indicator.field], indicator.success)
}

function text(value: unknown): string {
  return value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/**
 * Read a platform reply in the named envelope (default: the inbound one):
 * returns the decoded data on success and throws a typed
 * {@link PlatformError} carrying the mapped error code otherwise. The reply
 * may be the parsed object or the raw JSON text.
 * @example parseEnvelope(hebei, { 'C-API-Status': '00', 'C-Response-Code': '0000', 'C-Response-Body': '{"a":1}' }, 'c-envelope').data // { a: 1 }
 */
export function parseEnvelope(profile: EnvelopeProfile, reply: unknown, envelope?: string): EnvelopeSuccess {
  const spec = envelopeNamed(profile, envelope)
  let value = reply
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown
    } catch {
      throw badResponse(profile, '应答不是 JSON', 'the reply is not JSON')
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badResponse(profile, '应答不是 JSON 对象', 'the reply is not a JSON object')
  }
  const obj = value as Record<string, unknown>
  const message = text(obj[spec.message.field])
  if (!indicatorOk(spec.status, obj) || !indicatorOk(spec.code, obj)) {
    const code = text(obj[spec.code.field]) || text(spec.status ? obj[spec.status.field] : undefined) || 'unknown'
    throw platformError(profile, code, message)
  }
  let data: unknown = obj
  if (spec.body) {
    try {
      data = bodyCodec(spec.body.codec).decode(obj[spec.body.field])
    } catch (error) {
      if (error instanceof BodyDecodeError) {
        throw badResponse(profile, `${spec.body.field} 不是有效的 JSON 字符串`, `${spec.body.field} is not a valid JSON string`)
      }
      throw error
    }
  }
  return { data, code: obj[spec.code.field] as EnvelopeScalar | undefined, message }
}

// An envelope whose success codes are numbers gets numbers, not numeric strings.
function codeValue(indicator: EnvelopeIndicator, code: string): EnvelopeScalar {
  const numeric = indicator.success?.some((s) => typeof s === 'number') && /^-?\d+$/.test(code)
  return numeric ? Number(code) : code
}

export interface EnvelopeOptions {
  /**
   * Envelope name from the profile's `envelopes`.
   * @default the profile's inbound envelope
   */
  envelope?: string
  /** Message text; defaults to the envelope's success message. */
  message?: string
}

/**
 * A success reply in the profile's shape, e.g. for Hebei
 * `{"C-API-Status":"00","C-Response-Code":"0000","C-Response-Desc":"成功","C-Response-Body":"{…}"}`.
 */
export function buildSuccessEnvelope(profile: EnvelopeProfile, data: unknown, options: EnvelopeOptions = {}): Record<string, unknown> {
  const spec = envelopeNamed(profile, options.envelope)
  const out: Record<string, unknown> = {}
  if (spec.status) out[spec.status.field] = spec.status.success?.[0] ?? null
  const inbound = (options.envelope ?? profile.inbound.envelope) === profile.inbound.envelope
  const successCode = inbound ? profile.inbound.successCode : undefined
  out[spec.code.field] = successCode !== undefined ? codeValue(spec.code, successCode) : (spec.code.success?.[0] ?? null)
  out[spec.message.field] = options.message ?? spec.message.success ?? ''
  if (spec.body) out[spec.body.field] = bodyCodec(spec.body.codec).encode(data)
  else if (data !== null && typeof data === 'object' && !Array.isArray(data)) Object.assign(out, data)
  return out
}

/** What went wrong, by the inbound contract's error kinds or by an explicit platform code. */
export type EnvelopeError = { kind: InboundErrorKind; message: string } | { code: string; message: string }

/** An error reply in the profile's shape. */
export function buildErrorEnvelope(profile: EnvelopeProfile, error: EnvelopeError, options: Omit<EnvelopeOptions, 'message'> = {}): Record<string, unknown> {
  const spec = envelopeNamed(profile, options.envelope)
  const code = 'code' in error ? error.code : (profile.inbound.errorCodes?.[error.kind] ?? text(spec.code.error ?? 'error'))
  const out: Record<string, unknown> = {}
  if (spec.status) out[spec.status.field] = spec.status.error ?? null
  out[spec.code.field] = codeValue(spec.code, code)
  out[spec.message.field] = error.message
  if (spec.body) out[spec.body.field] = bodyCodec(spec.body.codec).empty
  return out
}
