/**
 * The provincial gateway's side of a call to an adapter: sign by the
 * profile's rules and send. The mock platform, `yingjie adapter call`, the
 * conformance kit and the benchmark all call adapters through here.
 */
import { signRequest, type AccessProfile, type Credentials, type SignOptions } from '@yingjie/spec'
import { request } from 'undici'
import { OPERATION_PATH_PREFIX } from './_openapi'

export interface AdapterCall {
  /** Base URL of the adapter, e.g. `http://127.0.0.1:8080`. */
  adapterUrl: string
  profile: AccessProfile
  /** The gateway's AK/SK; omit to send an unsigned request. */
  keys?: Credentials
  operation: string
  /** Sent as JSON. */
  input?: unknown
  /** Raw body instead of `input` (malformed JSON, other encodings). */
  body?: string | Buffer
  /** The platform's identity credential, sent as the profile's entry parameter. */
  credential?: string
  /** @default 'POST' */
  method?: string
  headers?: Record<string, string>
  sign?: SignOptions
  /** Change the request after signing (the kit's forgeries). */
  tamper?: (request: { path: string; headers: Record<string, string>; body: Buffer }) => void
  /** @default 10000 */
  timeoutMs?: number
}

export interface AdapterReply {
  status: number
  text: string
  /** The reply parsed as JSON, when it is. */
  envelope: Record<string, unknown> | undefined
  headers: Record<string, string | string[] | undefined>
}

/** The path an operation is served at, with the credential in the query. */
export function operationPath(profile: AccessProfile, operation: string, credential?: string): string {
  const path = `${OPERATION_PATH_PREFIX}${encodeURIComponent(operation)}`
  return credential === undefined ? path : `${path}?${new URLSearchParams({ [profile.identity.entry.param]: credential }).toString()}`
}

export async function callAdapter(call: AdapterCall): Promise<AdapterReply> {
  const body = call.body !== undefined ? Buffer.from(call.body) : Buffer.from(call.input === undefined ? '' : JSON.stringify(call.input), 'utf8')
  const method = call.method ?? 'POST'
  const req = { path: operationPath(call.profile, call.operation, call.credential), headers: { 'content-type': 'application/json; charset=utf-8', ...call.headers }, body }
  if (call.keys) Object.assign(req.headers, signRequest(call.profile, { method, url: req.path, headers: req.headers, body }, call.keys, call.sign).headers)
  call.tamper?.(req)
  const base = new URL(call.adapterUrl)
  const res = await request(`${base.origin}${base.pathname.replace(/\/$/, '')}${req.path}`, {
    method: method as 'POST',
    headers: req.headers,
    body: method === 'GET' || method === 'HEAD' ? undefined : req.body,
    headersTimeout: call.timeoutMs ?? 10_000,
    bodyTimeout: call.timeoutMs ?? 10_000,
  })
  const text = await res.body.text()
  let envelope: Record<string, unknown> | undefined
  try {
    const parsed = JSON.parse(text) as unknown
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) envelope = parsed as Record<string, unknown>
  } catch {
    envelope = undefined
  }
  return { status: res.statusCode, text, envelope, headers: res.headers }
}
