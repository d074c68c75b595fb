/**
 * The conformance kit: named checks that an adapter meets its profile's
 * inbound contract, run against a live adapter over HTTP, acting as the
 * provincial gateway. Checks that need more than a URL (fault injection,
 * the adapter's logs, test identities) run when the caller provides them
 * and are reported as skipped otherwise.
 */
import { randomBytes } from 'node:crypto'
import { connect } from 'node:net'
import type { Localized } from '@yingjie/model'
import { findUnmaskedPersonalData, loadProfile, parseEnvelope, signRequest, type AccessProfile, type Credentials, type InboundErrorKind } from '@yingjie/spec'
import { request } from 'undici'
import { callAdapter, operationPath, type AdapterCall, type AdapterReply } from './_gateway'
import { MOCK_GATEWAY_KEYS } from './_mock-platform'
import type { FaultMode } from './_simulators'

export type CheckStatus = 'pass' | 'fail' | 'skip'

export interface CheckResult {
  id: string
  title: Localized
  status: CheckStatus
  /** What was seen: why it failed, why it was skipped, or what passed. */
  message: Localized
  ms: number
}

export interface KitReport {
  ok: boolean
  url: string
  /** The inventory Channel the adapter serves (from its OpenAPI document), so reports can be matched to channels. */
  channel?: string
  profile: string
  checks: CheckResult[]
  passed: number
  failed: number
  skipped: number
  ms: number
}

export interface KitOptions {
  /** Base URL of the running adapter. */
  url: string
  /** @default the profile the adapter's OpenAPI document names, else the default profile */
  profile?: string | AccessProfile
  /** The gateway's keys, the same the adapter is configured with. @default MOCK_GATEWAY_KEYS */
  gatewayKeys?: Credentials
  /** The mock platform the adapter resolves identities at; without it identity-dependent calls are skipped. */
  platformUrl?: string
  /** Test user for successful calls. @default the mock platform's first user */
  user?: string
  /** Operation ids the adapter declares (folder mode), to compare with its OpenAPI document. */
  declaredOperations?: readonly string[]
  /** Fault injection in front of the adapter's legacy systems. */
  faults?: { set(mode: FaultMode): void | Promise<void> }
  /** Everything the adapter has logged so far. */
  logs?: () => string | Promise<string>
  /** Called as each check finishes (progress output). */
  onCheck?: (result: CheckResult) => void
}

/** Every check the kit runs, in order. */
export const KIT_CHECKS: readonly { id: string; title: Localized }[] = [
  { id: 'health', title: { zh: '健康检查 /health 返回 200', en: 'GET /health answers 200' } },
  { id: 'openapi-present', title: { zh: '提供 OpenAPI 文档 /openapi.json', en: 'GET /openapi.json is an OpenAPI document' } },
  { id: 'openapi-operations', title: { zh: 'OpenAPI 文档与声明的操作一致', en: 'the OpenAPI document matches the operations' } },
  { id: 'metrics', title: { zh: '提供 Prometheus 指标 /metrics', en: 'GET /metrics is Prometheus text with the required series' } },
  { id: 'unsigned-rejected', title: { zh: '拒绝未签名的请求', en: 'an unsigned request is refused' } },
  { id: 'bad-signature-rejected', title: { zh: '拒绝签名错误的请求', en: 'a badly signed request is refused' } },
  { id: 'wrong-access-key-rejected', title: { zh: '拒绝未知 AK 的请求', en: 'a request with an unknown access key is refused' } },
  { id: 'stale-timestamp-rejected', title: { zh: '拒绝时间戳超出允许偏差的请求', en: 'a request with a stale timestamp is refused' } },
  { id: 'replayed-nonce-rejected', title: { zh: '拒绝重放的请求（nonce 重复）', en: 'a replayed request (same nonce) is refused' } },
  { id: 'tampered-body-rejected', title: { zh: '拒绝签名后被篡改的请求', en: 'a request changed after signing is refused' } },
  { id: 'oversized-body-413', title: { zh: '超大请求体返回 413', en: 'an oversized body gets 413' } },
  { id: 'malformed-json-enveloped', title: { zh: '格式错误的 JSON 以错误信封拒绝', en: 'malformed JSON is refused inside the envelope' } },
  { id: 'invalid-input-rejected', title: { zh: '不符合输入模式的请求被拒绝', en: 'input that breaks the schema is refused' } },
  { id: 'unknown-operation-not-found', title: { zh: '不存在的操作返回“未找到”', en: 'an unknown operation gets the not-found code' } },
  { id: 'identity-required', title: { zh: '需要身份的操作拒绝无身份请求', en: 'an identity-required operation refuses a call without identity' } },
  { id: 'identity-invalid-credential', title: { zh: '拒绝无效的身份凭据', en: 'an invalid identity credential is refused' } },
  { id: 'success-envelope', title: { zh: '成功调用返回规范的成功信封', en: "a successful call answers in the profile's success envelope" } },
  { id: 'error-envelope-shape', title: { zh: '所有错误应答都是规范的错误信封', en: "every error reply is the profile's error envelope" } },
  { id: 'legacy-down-envelope', title: { zh: '旧系统不可用时返回“业务系统不可用”信封', en: 'with the legacy system down the reply is the legacy-unavailable envelope' } },
  { id: 'health-reports-legacy-down', title: { zh: '旧系统不可用时 /health 如实报告', en: '/health reports the legacy system down' } },
  { id: 'responses-masked', title: { zh: '应答中没有未脱敏的个人信息', en: 'no unmasked personal data in responses' } },
  { id: 'logs-masked', title: { zh: '日志中没有未脱敏的个人信息', en: 'no unmasked personal data in logs' } },
]

const TITLES = new Map(KIT_CHECKS.map((c) => [c.id, c.title]))

class CheckFailure extends Error {
  constructor(readonly localized: Localized) {
    super(localized.en)
  }
}
class CheckSkipped extends Error {
  constructor(readonly localized: Localized) {
    super(localized.en)
  }
}
const failed = (zh: string, en: string): never => {
  throw new CheckFailure({ zh, en })
}
const skipped = (zh: string, en: string): never => {
  throw new CheckSkipped({ zh, en })
}

interface OpenApiOperation {
  operationId?: string
  'x-yingjie-identity'?: string
  'x-yingjie-idempotent'?: boolean
  'x-yingjie-reveal-personal-data'?: boolean
  requestBody?: { content?: Record<string, { schema?: unknown; example?: unknown }> }
}

interface OperationInfo {
  id: string
  identity: string
  idempotent: boolean
  reveal: boolean
  example: unknown
  hasExample: boolean
}

async function getText(url: string): Promise<{ status: number; text: string; contentType: string }> {
  const res = await request(url, { method: 'GET', headersTimeout: 10_000, bodyTimeout: 10_000 })
  const text = await res.body.text()
  return { status: res.statusCode, text, contentType: String(res.headers['content-type'] ?? '') }
}

/** Run every check against the adapter at `options.url`. Never throws for a failing adapter. */
export async function verifyAdapter(options: KitOptions): Promise<KitReport> {
  const started = performance.now()
  const base = options.url.replace(/\/$/, '')
  const keys = options.gatewayKeys ?? MOCK_GATEWAY_KEYS
  const results: CheckResult[] = []
  const replies: AdapterReply[] = []
  let openapi: { paths?: Record<string, { post?: OpenApiOperation }>; info?: Record<string, unknown> } | undefined
  let ops: OperationInfo[] = []

  let profile: AccessProfile | undefined = typeof options.profile === 'object' ? options.profile : undefined
  const run = async (id: string, body: () => Promise<Localized | string | void>) => {
    const t0 = performance.now()
    let result: CheckResult
    try {
      const said = await body()
      const message = typeof said === 'string' ? { zh: said, en: said } : (said ?? { zh: '通过', en: 'passed' })
      result = { id, title: TITLES.get(id)!, status: 'pass', message, ms: 0 }
    } catch (error) {
      if (error instanceof CheckSkipped) result = { id, title: TITLES.get(id)!, status: 'skip', message: error.localized, ms: 0 }
      else if (error instanceof CheckFailure) result = { id, title: TITLES.get(id)!, status: 'fail', message: error.localized, ms: 0 }
      else {
        const m = (error as Error).message
        result = { id, title: TITLES.get(id)!, status: 'fail', message: { zh: `检查出错：${m}`, en: `check errored: ${m}` }, ms: 0 }
      }
    }
    result.ms = Math.round(performance.now() - t0)
    results.push(result)
    options.onCheck?.(result)
  }

  // The profile: named, or the one the OpenAPI document declares, or the default.
  try {
    const doc = await getText(`${base}/openapi.json`)
    if (doc.status === 200) openapi = JSON.parse(doc.text) as typeof openapi
  } catch {
    openapi = undefined
  }
  if (!profile) {
    const named = typeof options.profile === 'string' ? options.profile : (openapi?.info?.['x-yingjie-profile'] as string | undefined)
    profile = await loadProfile(named ?? 'hebei-jishiban')
  }
  const p = profile
  const envelope = p.envelopes[p.inbound.envelope]!
  const codeField = envelope.code.field
  const codeOf = (kind: InboundErrorKind) => p.inbound.errorCodes?.[kind] ?? String(envelope.code.error ?? '')
  const send = async (call: Omit<AdapterCall, 'adapterUrl' | 'profile'>): Promise<AdapterReply> => {
    const reply = await callAdapter({ adapterUrl: base, profile: p, ...call })
    replies.push(reply)
    return reply
  }
  const expectRefusal = (reply: AdapterReply, kind: InboundErrorKind, status: number, what: Localized): Localized => {
    const code = reply.envelope?.[codeField]
    const want = codeOf(kind)
    if (reply.status !== status || String(code) !== want) {
      failed(
        `${what.zh}：期望 HTTP ${status} 且 ${codeField}=${want}，实际 HTTP ${reply.status}，${codeField}=${String(code)}`,
        `${what.en}: expected HTTP ${status} with ${codeField}=${want}, got HTTP ${reply.status} with ${codeField}=${String(code)}`,
      )
    }
    return { zh: `HTTP ${status}，${codeField}=${want}`, en: `HTTP ${status}, ${codeField}=${want}` }
  }

  if (openapi?.paths) {
    ops = Object.entries(openapi.paths)
      .filter(([path, item]) => path.startsWith('/api/') && item.post)
      .map(([path, item]) => {
        const op = item.post!
        const json = op.requestBody?.content?.['application/json']
        return {
          id: op.operationId ?? path.slice(5),
          identity: op['x-yingjie-identity'] ?? 'required',
          idempotent: op['x-yingjie-idempotent'] ?? false,
          reveal: op['x-yingjie-reveal-personal-data'] ?? false,
          example: json?.example,
          hasExample: json !== undefined && 'example' in json,
        }
      })
  }
  // The operation the refusal checks aim at: refusals must happen whatever it does.
  const target = ops.find((o) => o.identity === 'none') ?? ops[0]
  const needTarget = (): OperationInfo => target ?? skipped('OpenAPI 文档中没有操作，无法检查', 'no operations in the OpenAPI document to check against')
  const credentialFor = async (user?: string): Promise<string> => {
    if (!options.platformUrl) skipped('未提供模拟平台地址（--platform），无法取得测试身份', 'no mock platform (--platform) to issue a test identity')
    const res = await request(`${options.platformUrl!.replace(/\/$/, '')}/mock/identities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(user ? { user } : {}),
    })
    const body = (await res.body.json()) as { credential?: string; error?: string }
    if (!body.credential) failed(`模拟平台未发放身份：${body.error ?? res.statusCode}`, `the mock platform issued no identity: ${body.error ?? res.statusCode}`)
    return body.credential!
  }

  await run('health', async () => {
    const r = await getText(`${base}/health`)
    if (r.status !== 200) failed(`HTTP ${r.status}：${r.text.slice(0, 200)}`, `HTTP ${r.status}: ${r.text.slice(0, 200)}`)
    const body = JSON.parse(r.text) as { status?: string; systems?: Record<string, unknown> }
    if (body.status !== 'ok') failed(`status 为 ${String(body.status)}`, `status is ${String(body.status)}`)
    return { zh: `正常，旧系统 ${Object.keys(body.systems ?? {}).length} 个均可达`, en: `ok, ${Object.keys(body.systems ?? {}).length} legacy system(s) reachable` }
  })
  await run('openapi-present', async () => {
    if (!openapi) failed('/openapi.json 不存在或不是 JSON', '/openapi.json is missing or not JSON')
    const version = (openapi as { openapi?: string }).openapi
    if (typeof version !== 'string' || !version.startsWith('3.')) failed(`openapi 版本为 ${String(version)}，应为 3.x`, `openapi is ${String(version)}, expected 3.x`)
    if (ops.length === 0) failed('文档中没有 /api/ 下的操作', 'no operations under /api/')
    return { zh: `OpenAPI ${version}，${ops.length} 个操作`, en: `OpenAPI ${version}, ${ops.length} operation(s)` }
  })
  await run('openapi-operations', async () => {
    if (!openapi) failed('没有 OpenAPI 文档', 'no OpenAPI document')
    for (const o of ops) {
      const item = openapi!.paths![`/api/${o.id}`]?.post
      if (!item?.requestBody?.content?.['application/json']?.schema) failed(`操作 ${o.id} 没有请求体模式`, `operation ${o.id} has no request body schema`)
      if (!['required', 'optional', 'none'].includes(o.identity)) failed(`操作 ${o.id} 的 x-yingjie-identity 无效`, `operation ${o.id} has an invalid x-yingjie-identity`)
    }
    if (options.declaredOperations) {
      const documented = new Set(ops.map((o) => o.id))
      const declared = new Set(options.declaredOperations)
      const missing = [...declared].filter((id) => !documented.has(id))
      const extra = [...documented].filter((id) => !declared.has(id))
      if (missing.length || extra.length) {
        failed(`文档缺少 ${missing.join('、') || '无'}；多出 ${extra.join('、') || '无'}`, `missing from the document: ${missing.join(', ') || 'none'}; not declared: ${extra.join(', ') || 'none'}`)
      }
      return { zh: `与声明的 ${declared.size} 个操作一致`, en: `matches the ${declared.size} declared operation(s)` }
    }
    return { zh: `${ops.length} 个操作均有请求体模式`, en: `all ${ops.length} operation(s) have a request schema` }
  })
  await run('metrics', async () => {
    const r = await getText(`${base}/metrics`)
    if (r.status !== 200) failed(`HTTP ${r.status}`, `HTTP ${r.status}`)
    if (!r.contentType.startsWith('text/plain')) failed(`Content-Type 为 ${r.contentType}`, `Content-Type is ${r.contentType}`)
    const required = ['yingjie_requests_total', 'yingjie_request_duration_seconds', 'yingjie_legacy_calls_total', 'yingjie_legacy_failures_total', 'yingjie_circuit_state']
    const missing = required.filter((name) => !r.text.includes(`# TYPE ${name} `))
    if (missing.length) failed(`缺少指标 ${missing.join('、')}`, `missing series ${missing.join(', ')}`)
  })

  const bogusInput = () => ({ kit: randomBytes(4).toString('hex') })
  await run('unsigned-rejected', async () => {
    const o = needTarget()
    return expectRefusal(await send({ operation: o.id, input: o.example ?? {} }), 'unauthorized', 401, { zh: '未签名请求', en: 'unsigned request' })
  })
  await run('bad-signature-rejected', async () => {
    const o = needTarget()
    const sigHeader = p.signing.headers.signature
    const reply = await send({
      operation: o.id,
      input: o.example ?? {},
      keys,
      tamper: (req) => {
        const sig = req.headers[sigHeader]!
        // Flip one character in the middle of the signature, keeping its alphabet.
        const i = Math.floor(sig.length / 2)
        const c = sig[i]!
        req.headers[sigHeader] = sig.slice(0, i) + (c === 'A' ? 'B' : c === '0' ? '1' : /[0-9]/.test(c) ? '0' : 'A') + sig.slice(i + 1)
      },
    })
    return expectRefusal(reply, 'unauthorized', 401, { zh: '签名错误', en: 'bad signature' })
  })
  await run('wrong-access-key-rejected', async () => {
    const o = needTarget()
    const reply = await send({ operation: o.id, input: o.example ?? {}, keys: { accessKey: `kit-unknown-${randomBytes(3).toString('hex')}`, secretKey: randomBytes(16).toString('hex') } })
    return expectRefusal(reply, 'unauthorized', 401, { zh: '未知 AK', en: 'unknown access key' })
  })
  await run('stale-timestamp-rejected', async () => {
    const o = needTarget()
    const stale = new Date(Date.now() - (p.signing.timestamp.skewSeconds + 120) * 1000)
    const reply = await send({ operation: o.id, input: o.example ?? {}, keys, sign: { now: stale } })
    return expectRefusal(reply, 'unauthorized', 401, { zh: `时间戳早 ${p.signing.timestamp.skewSeconds + 120} 秒`, en: `timestamp ${p.signing.timestamp.skewSeconds + 120} s old` })
  })
  await run('replayed-nonce-rejected', async () => {
    if (!p.signing.headers.nonce) skipped(`${p.metadata.name} 的签名不含 nonce，无法检查重放`, `${p.id} signs no nonce; replay cannot be checked`)
    const o = needTarget()
    // A body the schema refuses: the first call passes the signature check and stops at validation.
    let captured: { path: string; headers: Record<string, string>; body: Buffer } | undefined
    const first = await send({ operation: o.id, body: '[]', keys, tamper: (req) => void (captured = { ...req, headers: { ...req.headers } }) })
    if (first.status === 401) failed(`首次请求即被拒绝（HTTP 401）：${String(first.envelope?.[envelope.message.field])}`, `the first request was already refused (HTTP 401): ${String(first.envelope?.[envelope.message.field])}`)
    const again = await send({ operation: o.id, body: '[]', tamper: (req) => Object.assign(req, { headers: captured!.headers }) })
    return expectRefusal(again, 'unauthorized', 401, { zh: '重放的请求', en: 'replayed request' })
  })
  await run('tampered-body-rejected', async () => {
    const o = needTarget()
    const parts = p.signing.canonical.parts
    if (parts.includes('bodySha256')) {
      const reply = await send({ operation: o.id, input: o.example ?? {}, keys, tamper: (req) => void (req.body = Buffer.from(JSON.stringify({ ...(o.example as object), kitTampered: true }))) })
      return expectRefusal(reply, 'unauthorized', 401, { zh: '签名后改动请求体', en: 'body changed after signing' })
    }
    if (parts.includes('query') || parts.includes('path')) {
      const reply = await send({ operation: o.id, input: o.example ?? {}, keys, tamper: (req) => void (req.path += `${req.path.includes('?') ? '&' : '?'}kit=tampered`) })
      return expectRefusal(reply, 'unauthorized', 401, { zh: '签名后改动查询串', en: 'query changed after signing' })
    }
    return skipped('签名不覆盖请求内容', 'the signature covers no part of the request')
  })
  await run('oversized-body-413', async () => {
    const o = needTarget()
    // Announce 4 MiB but send only the start: a server that checks Content-Length answers at once,
    // and nothing unread is left to turn its close into a reset that would swallow the reply.
    const reply = await sendOversized(base, p, o.id, keys, 4 * 1024 * 1024)
    replies.push(reply)
    return expectRefusal(reply, 'badRequest', 413, { zh: '声明 4 MiB 的请求体', en: 'a body announced as 4 MiB' })
  })
  await run('malformed-json-enveloped', async () => {
    const o = needTarget()
    return expectRefusal(await send({ operation: o.id, body: '{"kit": tru', keys }), 'badRequest', 400, { zh: '格式错误的 JSON', en: 'malformed JSON' })
  })
  await run('invalid-input-rejected', async () => {
    const o = needTarget()
    return expectRefusal(await send({ operation: o.id, body: '[1,2,3]', keys }), 'badRequest', 400, { zh: '数组代替对象', en: 'an array instead of an object' })
  })
  await run('unknown-operation-not-found', async () => {
    return expectRefusal(await send({ operation: `kit-no-such-operation-${randomBytes(3).toString('hex')}`, input: bogusInput(), keys }), 'notFound', 404, { zh: '不存在的操作', en: 'unknown operation' })
  })
  const identityOp = ops.find((o) => o.identity === 'required')
  await run('identity-required', async () => {
    if (!identityOp) skipped('没有需要身份的操作', 'no operation requires identity')
    return expectRefusal(await send({ operation: identityOp!.id, input: identityOp!.example ?? {}, keys }), 'unauthorized', 401, { zh: `操作 ${identityOp!.id} 不带身份`, en: `operation ${identityOp!.id} without identity` })
  })
  await run('identity-invalid-credential', async () => {
    if (!identityOp) skipped('没有需要身份的操作', 'no operation requires identity')
    const reply = await send({ operation: identityOp!.id, input: identityOp!.example ?? {}, keys, credential: `kit-invalid-${randomBytes(8).toString('hex')}` })
    return expectRefusal(reply, 'unauthorized', 401, { zh: '伪造的身份凭据', en: 'a forged credential' })
  })

  // Successful calls: every operation with an example; identity from the mock platform when needed.
  let successTarget: OperationInfo | undefined
  await run('success-envelope', async () => {
    // Queries only, when there are any: a conformance run must not file applications in a real system.
    const withExample = ops.filter((o) => o.hasExample)
    const candidates = withExample.some((o) => o.idempotent) ? withExample.filter((o) => o.idempotent) : withExample
    if (candidates.length === 0) failed('没有任何操作提供 example，无法发起成功调用', 'no operation has an example to make a successful call with')
    const done: string[] = []
    const notTried: string[] = []
    for (const o of candidates) {
      let credential: string | undefined
      if (o.identity !== 'none') {
        if (!options.platformUrl) {
          notTried.push(o.id)
          continue
        }
        credential = await credentialFor(options.user)
      }
      const reply = await send({ operation: o.id, input: o.example, keys, ...(credential ? { credential } : {}) })
      if (reply.status !== 200) failed(`操作 ${o.id}：HTTP ${reply.status}，${String(reply.envelope?.[envelope.message.field] ?? reply.text.slice(0, 200))}`, `operation ${o.id}: HTTP ${reply.status}, ${String(reply.envelope?.[envelope.message.field] ?? reply.text.slice(0, 200))}`)
      try {
        parseEnvelope(p, reply.envelope ?? reply.text)
      } catch (error) {
        failed(`操作 ${o.id} 的应答不是成功信封：${(error as Error).message}`, `operation ${o.id}: not a success envelope: ${(error as Error).message}`)
      }
      if (p.inbound.successCode !== undefined && String(reply.envelope?.[codeField]) !== p.inbound.successCode) {
        failed(`操作 ${o.id}：${codeField} 应为 ${p.inbound.successCode}`, `operation ${o.id}: ${codeField} should be ${p.inbound.successCode}`)
      }
      done.push(o.id)
      successTarget ??= o.idempotent ? o : undefined
    }
    if (done.length === 0) skipped(`操作 ${notTried.join('、')} 需要身份，但未提供模拟平台`, `operations ${notTried.join(', ')} need identity but no mock platform was given`)
    return { zh: `成功调用 ${done.join('、')}`, en: `called ${done.join(', ')}` }
  })
  await run('error-envelope-shape', async () => {
    const errors = replies.filter((r) => r.status >= 400)
    if (errors.length === 0) skipped('本次没有错误应答', 'no error replies in this run')
    for (const r of errors) {
      const e = r.envelope
      if (!e) failed(`HTTP ${r.status} 的应答不是 JSON：${r.text.slice(0, 120)}`, `an HTTP ${r.status} reply is not JSON: ${r.text.slice(0, 120)}`)
      if (!(codeField in e!) || typeof e![envelope.message.field] !== 'string') failed(`HTTP ${r.status} 的应答缺少 ${codeField} 或 ${envelope.message.field}`, `an HTTP ${r.status} reply lacks ${codeField} or ${envelope.message.field}`)
      if (envelope.status && envelope.status.error !== undefined && e![envelope.status.field] !== envelope.status.error) {
        failed(`HTTP ${r.status} 的应答中 ${envelope.status.field} 应为 ${String(envelope.status.error)}`, `an HTTP ${r.status} reply has ${envelope.status.field} other than ${String(envelope.status.error)}`)
      }
      const known = Object.values(p.inbound.errorCodes ?? {})
      if (known.length && !known.includes(String(e![codeField]))) failed(`错误码 ${String(e![codeField])} 不在规范的错误码表中`, `error code ${String(e![codeField])} is not one of the profile's`)
    }
    return { zh: `${errors.length} 个错误应答均符合`, en: `all ${errors.length} error replies conform` }
  })
  await run('legacy-down-envelope', async () => {
    if (!options.faults) skipped('需要故障注入：用 yingjie adapter verify <适配器目录> 由工具启动适配器', 'needs fault injection: run yingjie adapter verify <adapter folder> so the kit starts the adapter')
    const o = successTarget ?? ops.find((x) => x.hasExample && x.identity === 'none')
    if (!o) skipped('没有可安全重复调用的示例操作', 'no idempotent operation with an example to call')
    const credential = o!.identity !== 'none' ? await credentialFor(options.user) : undefined
    await options.faults!.set('down')
    try {
      const reply = await send({ operation: o!.id, input: o!.example, keys, ...(credential ? { credential } : {}) })
      return expectRefusal(reply, 'legacyUnavailable', 503, { zh: '旧系统断开时', en: 'legacy system down' })
    } finally {
      await options.faults!.set('none')
    }
  })
  await run('health-reports-legacy-down', async () => {
    if (!options.faults) skipped('需要故障注入', 'needs fault injection')
    await options.faults!.set('down')
    try {
      // /health caches its probes for a second.
      await new Promise((r) => setTimeout(r, 1100))
      const r = await getText(`${base}/health`)
      const body = JSON.parse(r.text) as { status?: string }
      if (r.status === 200 && body.status === 'ok') failed('旧系统已断开，/health 仍报告正常', '/health says ok with the legacy system down')
      return { zh: `HTTP ${r.status}，status=${String(body.status)}`, en: `HTTP ${r.status}, status=${String(body.status)}` }
    } finally {
      await options.faults!.set('none')
    }
  })
  await run('responses-masked', async () => {
    const revealing = ops.filter((o) => o.reveal).map((o) => o.id)
    if (revealing.length) failed(`操作 ${revealing.join('、')} 关闭了应答脱敏（revealPersonalData）`, `operations ${revealing.join(', ')} turn response masking off (revealPersonalData)`)
    for (const r of replies) {
      // Hebei's body is JSON in a string: scan the decoded text too.
      const texts = [r.text, ...Object.values(r.envelope ?? {}).filter((v): v is string => typeof v === 'string')]
      for (const t of texts) {
        const found = findUnmaskedPersonalData(t, p.masking)
        if (found.length) failed(`应答中有未脱敏的${found[0]!.kind}：${found[0]!.masked}`, `a reply carries an unmasked ${found[0]!.kind}: ${found[0]!.masked}`)
      }
    }
    return { zh: `检查了 ${replies.length} 个应答`, en: `scanned ${replies.length} replies` }
  })
  await run('logs-masked', async () => {
    if (!options.logs) skipped('需要适配器日志：用 yingjie adapter verify <适配器目录> 由工具启动适配器', 'needs the adapter log: run yingjie adapter verify <adapter folder> so the kit starts the adapter')
    // The audit log is written in batches at least every half second: wait for the last one.
    await new Promise((r) => setTimeout(r, 1000))
    const text = await options.logs!()
    const found = findUnmaskedPersonalData(text, p.masking)
    if (found.length) failed(`日志中有 ${found.length} 处未脱敏的个人信息，如${found[0]!.kind} ${found[0]!.masked}`, `${found.length} unmasked personal data item(s) in the log, e.g. ${found[0]!.kind} ${found[0]!.masked}`)
    // An adapter that logs nothing would pass vacuously: there must be an audit line per call.
    const calls = text.split('\n').filter((l) => l.includes('"msg":"call"')).length
    if (calls < replies.length / 2) failed(`日志中只有 ${calls} 行调用记录，本次调用了 ${replies.length} 次：每次调用应有一行审计日志`, `only ${calls} call lines in the log for ${replies.length} calls: every call should have an audit line`)
    const lines = text.split('\n').filter(Boolean).length
    return { zh: `检查了 ${lines} 行日志`, en: `scanned ${lines} log lines` }
  })

  const count = (s: CheckStatus) => results.filter((r) => r.status === s).length
  const channel = openapi?.info?.['x-yingjie-channel']
  return { ok: count('fail') === 0, url: base, ...(typeof channel === 'string' ? { channel } : {}), profile: p.id, checks: results, passed: count('pass'), failed: count('fail'), skipped: count('skip'), ms: Math.round(performance.now() - started) }
}

/** A signed POST whose Content-Length announces `size` bytes, of which only the first kilobyte is sent. */
function sendOversized(base: string, profile: AccessProfile, operation: string, keys: Credentials, size: number): Promise<AdapterReply> {
  const url = new URL(base)
  const path = operationPath(profile, operation)
  const start = Buffer.from(`{"padding":"${'x'.repeat(1000)}`)
  // The signature covers a body we never send in full; the size check must come first anyway.
  const signed = signRequest(profile, { method: 'POST', url: path, headers: {}, body: start }, keys).headers
  const head = [`POST ${path} HTTP/1.1`, `Host: ${url.host}`, 'Content-Type: application/json', `Content-Length: ${size}`, 'Connection: close', ...Object.entries(signed).map(([k, v]) => `${k}: ${v}`), '', ''].join('\r\n')
  return new Promise((resolvePromise, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port || 80) })
    const chunks: Buffer[] = []
    const timer = setTimeout(() => socket.destroy(new Error('no reply within 5 s')), 5000)
    socket.on('connect', () => socket.write(Buffer.concat([Buffer.from(head), start])))
    socket.on('data', (d) => {
      chunks.push(d)
      const text = Buffer.concat(chunks).toString('utf8')
      const end = text.indexOf('\r\n\r\n')
      if (end < 0) return
      const length = /\r\ncontent-length:\s*(\d+)/i.exec(text.slice(0, end))
      if (length && Buffer.byteLength(text.slice(end + 4)) >= Number(length[1])) socket.end()
    })
    socket.on('error', (e) => {
      clearTimeout(timer)
      if (chunks.length) socket.emit('close')
      else reject(e)
    })
    socket.on('close', () => {
      clearTimeout(timer)
      const text = Buffer.concat(chunks).toString('utf8')
      const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0)
      const end = text.indexOf('\r\n\r\n')
      const body = end < 0 ? '' : text.slice(end + 4)
      let envelope: Record<string, unknown> | undefined
      try {
        envelope = JSON.parse(body) as Record<string, unknown>
      } catch {
        envelope = undefined
      }
      resolvePromise({ status, text: body, envelope, headers: {} })
    })
  })
}
