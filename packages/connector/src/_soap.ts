/**
 * SOAP 1.1 and 1.2: build envelopes, send them in the system's encoding,
 * read replies with the safe XML parser, and turn faults into typed errors.
 */
import { decodeText, encodeText, normalizeEncoding, sniffDeclaredCharset } from './_encoding'
import { LegacyError } from './_errors'
import { charsetOf } from './_http'
import type { CallOptions, LegacySystem, SoapSystemDefinition } from './_system'
import { escapeXml, parseXmlSafely, UnsafeXmlError } from './_xml'

/**
 * A SOAP legacy system. Only the settings; the client is made by `serve`.
 * @example legacy: { hr: soapSystem({ namespace: 'http://hr.example.invalid/ws', encoding: 'gbk' }) }
 */
export function soapSystem(options: Omit<SoapSystemDefinition, 'protocol'>): SoapSystemDefinition {
  return { protocol: 'soap', ...options }
}

export const SOAP_NS = { '1.1': 'http://schemas.xmlsoap.org/soap/envelope/', '1.2': 'http://www.w3.org/2003/05/soap-envelope' } as const

/** A value that can be written as SOAP parameters: scalars, nested objects, arrays as repeated elements. */
export type SoapValue = string | number | boolean | null | undefined | SoapValue[] | { [name: string]: SoapValue }

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

function elements(params: Record<string, SoapValue>): string {
  let out = ''
  for (const [name, value] of Object.entries(params)) {
    if (!NAME.test(name)) throw new RangeError(`'${name}' is not a valid XML element name`)
    const items = Array.isArray(value) ? value : [value]
    for (const item of items) {
      if (item === undefined) continue
      if (item === null) out += `<${name}/>`
      else if (typeof item === 'object' && !Array.isArray(item)) out += `<${name}>${elements(item)}</${name}>`
      else out += `<${name}>${escapeXml(String(item))}</${name}>`
    }
  }
  return out
}

/** The request document for `operation` with `params` as child elements. */
export function buildSoapEnvelope(version: '1.1' | '1.2', namespace: string, operation: string, params: Record<string, SoapValue>, encoding = 'utf-8'): string {
  if (!NAME.test(operation)) throw new RangeError(`'${operation}' is not a valid operation name`)
  const declared = normalizeEncoding(encoding) === 'utf-8' ? 'UTF-8' : encoding.toUpperCase()
  return (
    `<?xml version="1.0" encoding="${declared}"?>` +
    `<soap:Envelope xmlns:soap="${SOAP_NS[version]}"><soap:Body>` +
    `<tns:${operation} xmlns:tns="${escapeXml(namespace)}">${elements(params)}</tns:${operation}>` +
    `</soap:Body></soap:Envelope>`
  )
}

export interface SoapFault {
  code: string
  reason: string
  detail?: unknown
}

export type SoapReply = { kind: 'result'; operation: string; result: unknown } | { kind: 'fault'; fault: SoapFault }

function text(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'object') {
    const t = (value as Record<string, unknown>)['#text']
    return t === undefined ? '' : String(t)
  }
  return String(value)
}

/**
 * Read a SOAP reply: the body's first element (`<GetRecordResponse>`) as a
 * plain object, or the fault (1.1 faultcode/faultstring, 1.2 Code/Reason).
 * @throws UnsafeXmlError, or Error when it is not a SOAP envelope
 */
export function parseSoapReply(xml: string): SoapReply {
  const doc = parseXmlSafely(xml)
  const envelope = doc.Envelope as Record<string, unknown> | undefined
  const body = envelope?.Body
  if (!envelope || body === undefined) throw new Error('not a SOAP envelope (no Envelope/Body)')
  if (typeof body !== 'object' || body === null) return { kind: 'result', operation: '', result: {} }
  const b = body as Record<string, unknown>
  const fault = b.Fault as Record<string, unknown> | undefined
  if (fault !== undefined) {
    // 1.2: <Code><Value>env:Receiver</Value></Code><Reason><Text>…</Text></Reason><Detail/>
    const code12 = (fault.Code as Record<string, unknown> | undefined)?.Value
    const reason12 = (fault.Reason as Record<string, unknown> | undefined)?.Text
    return {
      kind: 'fault',
      fault: {
        code: text(fault.faultcode ?? code12),
        reason: text(fault.faultstring ?? (Array.isArray(reason12) ? reason12[0] : reason12)),
        ...((fault.detail ?? fault.Detail) !== undefined ? { detail: fault.detail ?? fault.Detail } : {}),
      },
    }
  }
  const first = Object.keys(b).find((k) => !k.startsWith('@'))
  return { kind: 'result', operation: first ?? '', result: first ? (b[first] ?? {}) : {} }
}

/** SOAP faults whose code blames the caller (1.1 Client, 1.2 Sender). */
export function isClientFault(code: string): boolean {
  const local = code.includes(':') ? code.slice(code.indexOf(':') + 1) : code
  return /^(Client|Sender)(\.|$)/.test(local)
}

/** Calls one SOAP system. Faults become LegacyError kind `fault`, carrying code, reason and detail. */
export class SoapClient {
  readonly #system: LegacySystem
  readonly #defaultIdempotent: boolean
  constructor(system: LegacySystem, defaultIdempotent = false) {
    this.#system = system
    this.#defaultIdempotent = defaultIdempotent
  }

  withIdempotency(idempotent: boolean): SoapClient {
    return new SoapClient(this.#system, idempotent)
  }

  /**
   * Call `operation` with `params`; resolves with the response element's content.
   * @example const r = await legacy.hr.call('QueryInsured', { idCard: user.idNumber }) // { name: '张三', status: '参保缴费' }
   */
  call<T = Record<string, unknown>>(operation: string, params: Record<string, SoapValue>, options: CallOptions & { soapAction?: string } = {}): Promise<T> {
    const def = this.#system.definition as SoapSystemDefinition
    const version = def.version ?? '1.1'
    const encoding = def.encoding ?? 'utf-8'
    const xml = buildSoapEnvelope(version, def.namespace, operation, params, encoding)
    const action = options.soapAction ?? def.soapAction?.(operation) ?? `${def.namespace.replace(/\/$/, '')}/${operation}`
    const charset = normalizeEncoding(encoding) === 'utf-8' ? 'utf-8' : encoding.toUpperCase()
    const headers: Record<string, string> =
      version === '1.1'
        ? { 'content-type': `text/xml; charset=${charset}`, soapaction: `"${action}"` }
        : { 'content-type': `application/soap+xml; charset=${charset}; action="${action}"` }
    const body = encodeText(xml, encoding)
    const id = this.#system.id
    return this.#system.call(async () => {
      const res = await this.#system.transport.request({ method: 'POST', path: '', headers, body }, this.#system.timeoutMs)
      const replyText = decodeText(res.body, charsetOf(res.headers['content-type']) ?? sniffDeclaredCharset(res.body) ?? encoding)
      let reply: SoapReply
      try {
        reply = parseSoapReply(replyText)
      } catch (error) {
        // A 5xx without a readable fault is an outage, not a bad answer.
        if (res.status >= 500) throw new LegacyError({ kind: 'unavailable', system: id, status: res.status, message: `${id} answered HTTP ${res.status}` })
        const why = error instanceof UnsafeXmlError ? error.message : `unreadable SOAP reply: ${(error as Error).message}`
        throw new LegacyError({ kind: 'bad-response', system: id, status: res.status, message: why, cause: error })
      }
      if (reply.kind === 'fault') {
        throw new LegacyError({ kind: 'fault', system: id, status: res.status, faultCode: reply.fault.code, detail: reply.fault.detail, message: reply.fault.reason || reply.fault.code })
      }
      if (res.status >= 400) throw new LegacyError({ kind: res.status >= 500 ? 'unavailable' : 'rejected', system: id, status: res.status, message: `${id} answered HTTP ${res.status}` })
      return reply.result as T
    }, options.idempotent ?? this.#defaultIdempotent)
  }
}

/** The server side: a reply document with `result` as children of `<responseName>`. */
export function buildSoapReplyXml(version: '1.1' | '1.2', namespace: string, responseName: string, result: Record<string, SoapValue>, encoding = 'utf-8'): string {
  const declared = normalizeEncoding(encoding) === 'utf-8' ? 'UTF-8' : encoding.toUpperCase()
  return (
    `<?xml version="1.0" encoding="${declared}"?>` +
    `<soap:Envelope xmlns:soap="${SOAP_NS[version]}"><soap:Body>` +
    `<tns:${responseName} xmlns:tns="${escapeXml(namespace)}">${elements(result)}</tns:${responseName}>` +
    `</soap:Body></soap:Envelope>`
  )
}

/** The server side: which operation a request envelope calls, and its parameters. */
export function parseSoapRequest(xml: string): { operation: string; params: Record<string, unknown> } {
  const reply = parseSoapReply(xml)
  if (reply.kind === 'fault') throw new Error('a request cannot be a fault')
  const params = reply.result && typeof reply.result === 'object' ? (reply.result as Record<string, unknown>) : {}
  return { operation: reply.operation, params: Object.fromEntries(Object.entries(params).filter(([k]) => !k.startsWith('@'))) }
}
