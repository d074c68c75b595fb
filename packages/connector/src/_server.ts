/**
 * `serve(adapter)`: a fastify server that implements the profile's inbound
 * contract in front of the adapter's operations.
 *
 * One request to `POST /api/<operation>` goes: body read as raw bytes
 * (limit → 413) → signature, clock skew and nonce replay (spec's
 * verifySignature) → JSON → input schema → identity (when the operation
 * needs it) → handler → success envelope with personal data masked. Every
 * failure on the way is the profile's error envelope with its code and a
 * matching HTTP status; nothing escapes as a bare 500.
 */
import { randomBytes } from 'node:crypto'
import { loadProfile, buildErrorEnvelope, buildSuccessEnvelope, verifySignature, type AccessProfile, type InboundErrorKind, type PlatformUser } from '@yingjie/spec'
import Ajv, { type ValidateFunction } from 'ajv'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import type { Logger } from 'pino'
import { createAuditLogger, flushAuditLogger, type AuditLogOptions } from './_audit'
import { ERROR_STATUS, isAdapter, type Adapter, type OperationDefinition } from './_define'
import { configError, isLegacyError, isOperationError, type LegacyError } from './_errors'
import { FormClient } from './_form'
import { IdentityError, IdentityResolver } from './_identity'
import { maskDeep, maskedUserId } from './_masking'
import { Metrics } from './_metrics'
import { buildOpenApi, OPERATION_PATH_PREFIX } from './_openapi'
import { RedisIdentityCache, RedisNonceStore } from './_redis'
import { RestClient } from './_rest'
import { isClientFault, SoapClient } from './_soap'
import { MemoryIdentityCache, MemoryNonceStore, type IdentityCache, type NonceStore } from './_stores'
import { LegacySystem, legacyUrlEnvName } from './_system'

export interface ServeOptions {
  /**
   * Port to listen on; 0 picks a free one.
   * @default Number(env.PORT) || 8080
   */
  port?: number
  /**
   * Address to listen on. The provincial gateway reaches adapters through the
   * department's network; bind wider only behind it.
   * @default '127.0.0.1'
   */
  host?: string
  /**
   * Where configuration and secrets are read: `YINGJIE_GATEWAY_ACCESS_KEY`,
   * `YINGJIE_GATEWAY_SECRET_KEY`, `YINGJIE_PLATFORM_URL`,
   * `YINGJIE_PLATFORM_<CONFIG>` (e.g. `YINGJIE_PLATFORM_APP_PASSWORD`),
   * `YINGJIE_PLATFORM_ACCESS_KEY`/`_SECRET_KEY` for signed identity steps,
   * `YINGJIE_LEGACY_<KEY>_URL`, `YINGJIE_REDIS_URL`. Tests pass an object.
   * @default process.env
   */
  env?: Record<string, string | undefined>
  /** Legacy base URLs by key; override the definitions and the environment. */
  legacyUrls?: Record<string, string>
  /**
   * Largest request body in bytes; larger ones get 413 with the profile's bad-request code.
   * @default 262144 (256 KiB)
   */
  bodyLimit?: number
  /** @default Redis when YINGJIE_REDIS_URL is set, else in memory */
  nonceStore?: NonceStore
  /** @default Redis when YINGJIE_REDIS_URL is set, else in memory */
  identityCache?: IdentityCache
  log?: AuditLogOptions
  /** The server clock, for tests of clock skew. @default () => new Date() */
  now?: () => Date
}

export interface RunningAdapter {
  /** `http://host:port` */
  url: string
  port: number
  profile: AccessProfile
  server: FastifyInstance
  metrics: Metrics
  /** Stop listening, close legacy pools and stores, flush the log. */
  close(): Promise<void>
}

const MESSAGES: Record<InboundErrorKind, string> = {
  badRequest: '请求不正确',
  unauthorized: '未通过身份验证',
  notFound: '没有这个接口',
  legacyUnavailable: '业务系统暂时不可用，请稍后再试',
  internal: '服务内部错误，请稍后再试',
}

/** A failure on the request's way, carried to the one place that writes error envelopes. */
class Refusal extends Error {
  constructor(
    readonly kind: InboundErrorKind,
    message: string,
    readonly status: number = ERROR_STATUS[kind],
    readonly detail: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

function envName(config: string): string {
  return `YINGJIE_PLATFORM_${config.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`
}

function need(env: Record<string, string | undefined>, name: string, why: { zh: string; en: string }): string {
  const value = env[name]
  if (value === undefined || value === '') {
    throw configError(
      'YJ_ADAPTER_ENV_MISSING',
      { zh: `缺少环境变量 ${name}（${why.zh}）`, en: `environment variable ${name} is not set (${why.en})` },
      { zh: `在启动适配器的环境中设置 ${name}；密钥只通过环境变量提供，不写进代码和配置文件`, en: `set ${name} where the adapter starts; secrets come from environment variables only, never from code or files` },
    )
  }
  return value
}

/** The first value of `name` in a query string (cheaper than URLSearchParams on the hot path). */
function queryParam(query: string, name: string): string | undefined {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=')
    const key = eq < 0 ? pair : pair.slice(0, eq)
    if (key !== name) continue
    const raw = eq < 0 ? '' : pair.slice(eq + 1).replace(/\+/g, ' ')
    try {
      return decodeURIComponent(raw)
    } catch {
      return raw
    }
  }
  return undefined
}

function legacyRefusal(e: LegacyError): Refusal {
  const detail = { system: e.system, legacy: e.kind, ...(e.faultCode ? { faultCode: e.faultCode } : {}), ...(e.status ? { legacyStatus: e.status } : {}) }
  if (e.kind === 'fault' && e.faultCode !== undefined && isClientFault(e.faultCode)) return new Refusal('badRequest', `业务系统拒绝了请求：${e.message}`, 400, detail)
  if (e.kind === 'rejected') return e.status === 404 ? new Refusal('notFound', '业务系统中没有相应记录', 404, detail) : new Refusal('badRequest', '业务系统拒绝了请求', 400, detail)
  return new Refusal('legacyUnavailable', MESSAGES.legacyUnavailable, 503, detail)
}

/**
 * Serve an adapter: returns once it listens.
 * @example
 * import adapter from './adapter'
 * const running = await serve(adapter, { port: 8080 })
 */
export async function serve(adapter: Adapter, options: ServeOptions = {}): Promise<RunningAdapter> {
  if (!isAdapter(adapter)) {
    throw configError('YJ_ADAPTER_DEFINITION', { zh: '传给 serve 的不是 defineAdapter 的结果', en: 'serve needs the result of defineAdapter' }, { zh: '用 defineAdapter({...}) 声明适配器', en: 'declare the adapter with defineAdapter({...})' })
  }
  const env = options.env ?? process.env
  const profile = typeof adapter.profile === 'string' ? await loadProfile(adapter.profile) : adapter.profile
  const gateway = {
    accessKey: need(env, 'YINGJIE_GATEWAY_ACCESS_KEY', { zh: '省级网关调用本适配器所用的 AK', en: "the access key the provincial gateway signs with" }),
    secretKey: need(env, 'YINGJIE_GATEWAY_SECRET_KEY', { zh: '省级网关调用本适配器所用的 SK', en: 'the secret key the provincial gateway signs with' }),
  }
  const now = options.now ?? (() => new Date())
  const metrics = new Metrics()
  const log: Logger = createAuditLogger(profile, options.log)
  // Lines are written in batches; at low traffic a batch must not wait for minutes.
  const flushTimer = setInterval(() => flushAuditLogger(log), 500)
  flushTimer.unref()
  const redisUrl = env.YINGJIE_REDIS_URL
  const nonceStore: NonceStore = options.nonceStore ?? (redisUrl ? new RedisNonceStore({ url: redisUrl }) : new MemoryNonceStore())
  const identityCache: IdentityCache = options.identityCache ?? (redisUrl ? new RedisIdentityCache({ url: redisUrl }) : new MemoryIdentityCache())
  const ownsStores = { nonce: !options.nonceStore, identity: !options.identityCache }

  const needsIdentity = Object.values(adapter.operations).some((op) => op.identity !== 'none')
  let identity: IdentityResolver | undefined
  if (needsIdentity) {
    const config: Record<string, string> = {}
    for (const name of profile.identity.config ?? []) config[name] = need(env, envName(name), { zh: `${profile.metadata.name}分配的 ${name}`, en: `${name} issued by ${profile.metadata.nameEn ?? profile.metadata.name}` })
    const signed = profile.identity.steps.some((s) => s.request.signed)
    identity = new IdentityResolver({
      profile,
      platformUrl: need(env, 'YINGJIE_PLATFORM_URL', { zh: '省级平台身份认证接口地址', en: "the platform's identity endpoint base URL" }),
      config,
      ...(signed
        ? {
            platformKeys: {
              accessKey: need(env, 'YINGJIE_PLATFORM_ACCESS_KEY', { zh: '调用平台接口的 AK', en: 'access key for platform calls' }),
              secretKey: need(env, 'YINGJIE_PLATFORM_SECRET_KEY', { zh: '调用平台接口的 SK', en: 'secret key for platform calls' }),
            },
          }
        : {}),
      cache: identityCache,
    })
  }

  // Legacy systems and their clients, one set per idempotency so handlers get the operation's default.
  const systems: LegacySystem[] = []
  const clients = { true: {} as Record<string, unknown>, false: {} as Record<string, unknown> }
  for (const [key, def] of Object.entries(adapter.legacy)) {
    const envKey = legacyUrlEnvName(key)
    const url = options.legacyUrls?.[key] ?? env[envKey] ?? def.url
    if (!url) {
      throw configError(
        'YJ_ADAPTER_LEGACY_URL',
        { zh: `旧系统 ${key} 没有地址`, en: `legacy system ${key} has no URL` },
        { zh: `设置环境变量 ${envKey}，或在定义中写 url`, en: `set ${envKey}, or give url in its definition` },
      )
    }
    const system = new LegacySystem(key, def, url, metrics)
    systems.push(system)
    for (const idem of [true, false] as const) {
      clients[`${idem}`][key] = def.protocol === 'soap' ? new SoapClient(system, idem) : def.protocol === 'html-form' ? new FormClient(system, idem) : new RestClient(system, idem)
    }
  }

  const ajv = new Ajv({ allErrors: false, strict: false, coerceTypes: false, useDefaults: true })
  const validators = new Map<string, ValidateFunction>()
  for (const [id, op] of Object.entries(adapter.operations)) {
    try {
      validators.set(id, ajv.compile(op.input))
    } catch (error) {
      throw configError('YJ_ADAPTER_SCHEMA', { zh: `操作 ${id} 的 input 模式无效：${(error as Error).message}`, en: `operation ${id}: invalid input schema: ${(error as Error).message}` }, { zh: '修正 JSON Schema', en: 'fix the JSON Schema' })
    }
  }
  const openapi = JSON.stringify(buildOpenApi(adapter, profile))
  const credentialParam = profile.identity.entry.param
  const nonceSeen = (nonce: string, ttl: number) => (nonceStore instanceof MemoryNonceStore ? nonceStore.seenSync(nonce, ttl) : nonceStore.seen(nonce, ttl))
  const credentials = (ak: string) => (ak === gateway.accessKey ? gateway : undefined)
  // Only the headers the signature reads: spec looks names up case-insensitively, which costs a scan per lookup.
  const signedHeaderNames = [
    ...Object.values(profile.signing.headers).flatMap((h) => (typeof h === 'string' ? [h] : [h.name])),
    ...profile.signing.canonical.parts.filter((p) => p.startsWith('header:')).map((p) => p.slice(7)),
  ].map((name) => [name, name.toLowerCase()] as const)
  const signedHeaders = (headers: FastifyRequest['headers']) => {
    const out: Record<string, string | string[] | undefined> = {}
    for (const [name, lower] of signedHeaderNames) out[name] = headers[lower]
    return out
  }

  const server = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? 256 * 1024,
    requestIdHeader: false,
    return503OnClosing: true,
    // Errors fastify raises before routing (an undecodable URL): the same envelope as every other refusal.
    frameworkErrors: (error, _request, reply) => {
      metrics.request('-', 'badRequest', 0)
      log.info({ op: null, outcome: 'badRequest', status: 400, error: error.code }, 'call')
      void (reply as FastifyReply)
        .code(400)
        .header('content-type', 'application/json; charset=utf-8')
        .send(JSON.stringify(buildErrorEnvelope(profile, { kind: 'badRequest', message: `${MESSAGES.badRequest}：地址无法解析` })))
    },
  })
  server.removeAllContentTypeParsers()
  server.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body))

  const reqPrefix = randomBytes(4).toString('hex')
  let reqCounter = 0

  const sendEnvelope = (reply: FastifyReply, status: number, envelope: Record<string, unknown>) =>
    reply.code(status).header('content-type', 'application/json; charset=utf-8').header('cache-control', 'no-store').send(JSON.stringify(envelope))

  const refuse = (reply: FastifyReply, refusal: Refusal) => sendEnvelope(reply, refusal.status, buildErrorEnvelope(profile, { kind: refusal.kind, message: refusal.message }))

  async function handleOperation(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const started = performance.now()
    const requestId = `${reqPrefix}-${++reqCounter}`
    const url = request.raw.url ?? '/'
    const q = url.indexOf('?')
    const pathOnly = q < 0 ? url : url.slice(0, q)
    const opId = pathOnly.slice(OPERATION_PATH_PREFIX.length)
    const op: OperationDefinition | undefined = Object.hasOwn(adapter.operations, opId) ? adapter.operations[opId] : undefined
    let user: PlatformUser | undefined
    let outcome: InboundErrorKind | 'ok' = 'ok'
    let status = 200
    const extra: Record<string, unknown> = {}
    try {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0)
      const verdict = await verifySignature(profile, { method: request.method, url, headers: signedHeaders(request.headers), body: raw }, credentials, { now: now(), nonceSeen })
      if (!verdict.ok) {
        metrics.signatureRejected(verdict.reason)
        throw new Refusal('unauthorized', `${MESSAGES.unauthorized}：${verdict.message.zh}`, 401, { reason: verdict.reason })
      }
      if (!op) throw new Refusal('notFound', `${MESSAGES.notFound}：${opId.slice(0, 64)}`)
      const contentType = String(request.headers['content-type'] ?? '')
      if (raw.length > 0 && !/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) throw new Refusal('badRequest', `${MESSAGES.badRequest}：请求体应为 JSON（Content-Type: application/json）`)
      let input: unknown = {}
      if (raw.length > 0) {
        try {
          input = JSON.parse(raw.toString('utf8'))
        } catch {
          throw new Refusal('badRequest', `${MESSAGES.badRequest}：请求体不是有效的 JSON`)
        }
      }
      const validate = validators.get(opId)!
      if (!validate(input)) {
        const e = validate.errors?.[0]
        throw new Refusal('badRequest', `${MESSAGES.badRequest}：${e ? `${e.instancePath || '/'} ${e.message ?? ''}`.trim() : '输入不符合要求'}`)
      }
      if (op.identity !== 'none') {
        const credential = q < 0 ? undefined : queryParam(url.slice(q + 1), credentialParam)
        if (credential) {
          try {
            const resolved = await identity!.resolve(credential)
            metrics.identity(resolved.cached ? 'hit' : 'miss')
            user = resolved.user
          } catch (error) {
            metrics.identity('error')
            if (!(error instanceof IdentityError)) throw error
            if (error.failure === 'unauthorized') throw new Refusal('unauthorized', `${MESSAGES.unauthorized}：身份凭据无效或已过期，请从${profile.platform.name.zh}重新进入`, 401, { platformCode: error.platformCode })
            if (error.failure === 'unavailable') throw new Refusal('legacyUnavailable', `${profile.platform.name.zh}身份认证暂时不可用，请稍后再试`, 503, { identity: error.message })
            throw new Refusal('internal', MESSAGES.internal, 500, { identity: error.message })
          }
        } else if (op.identity === 'required') {
          throw new Refusal('unauthorized', `${MESSAGES.unauthorized}：此操作需要${profile.platform.name.zh}用户身份（缺少 ${credentialParam}）`)
        }
      }
      // The request's child logger is made only if the handler logs: most never do.
      let child: Logger | undefined
      const ctx = {
        input,
        user,
        legacy: clients[`${op.idempotent ?? false}`] as never,
        requestId,
        get log(): Logger {
          return (child ??= log.child({ req: requestId }))
        },
      }
      const data = await op.handler(ctx)
      sendEnvelope(reply, 200, buildSuccessEnvelope(profile, op.revealPersonalData ? data : maskDeep(data ?? {}, profile.masking)))
    } catch (error) {
      let refusal: Refusal
      if (error instanceof Refusal) refusal = error
      else if (isOperationError(error)) refusal = new Refusal(error.kind, error.message)
      else if (isLegacyError(error)) refusal = legacyRefusal(error)
      else refusal = new Refusal('internal', MESSAGES.internal, 500, { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })
      outcome = refusal.kind
      status = refusal.status
      Object.assign(extra, { message: refusal.message }, refusal.detail)
      refuse(reply, refusal)
    } finally {
      const seconds = (performance.now() - started) / 1000
      metrics.request(op ? opId : '-', outcome, seconds)
      const line: Record<string, unknown> = { req: requestId, op: op ? opId : null, outcome, status, ms: Math.round(seconds * 10_000) / 10 }
      if (op) line.item = op.item
      if (user) line.user = maskedUserId(user, profile.masking)
      if (status >= 500) log.error({ ...line, ...extra }, 'call')
      else log.info(outcome === 'ok' ? line : { ...line, ...extra }, 'call')
    }
  }

  let healthCache: { at: number; body: Record<string, unknown>; status: number } | undefined
  server.get('/health', async (_req, reply) => {
    if (!healthCache || Date.now() - healthCache.at > 1000) {
      const results = await Promise.all(systems.map(async (s) => [s.id, { title: s.definition.title ?? s.id, protocol: s.definition.protocol, circuit: s.breaker.state, ...(await s.probe()) }] as const))
      const down = results.filter(([, r]) => !r.reachable).map(([id]) => id)
      healthCache = {
        at: Date.now(),
        status: down.length ? 503 : 200,
        body: { status: down.length ? 'degraded' : 'ok', channel: adapter.channel, profile: profile.id, systems: Object.fromEntries(results), ...(down.length ? { down } : {}) },
      }
    }
    return reply.code(healthCache.status).header('cache-control', 'no-store').send(healthCache.body)
  })
  server.get('/metrics', async (_req, reply) => {
    const extra: Record<string, number> = { yingjie_up: 1 }
    if (nonceStore instanceof MemoryNonceStore) extra.yingjie_nonce_store_entries = nonceStore.size
    if (identityCache instanceof MemoryIdentityCache) extra.yingjie_identity_cache_entries = identityCache.size
    return reply.header('content-type', 'text/plain; version=0.0.4; charset=utf-8').send(metrics.render(extra))
  })
  server.get('/openapi.json', async (_req, reply) => reply.header('content-type', 'application/json; charset=utf-8').send(openapi))
  server.route({ method: ['POST', 'PUT', 'GET', 'DELETE', 'PATCH'], url: `${OPERATION_PATH_PREFIX}*`, handler: handleOperation })
  server.setNotFoundHandler((request, reply) => {
    metrics.request('-', 'notFound', 0)
    refuse(reply, new Refusal('notFound', `${MESSAGES.notFound}：${request.method} ${(request.raw.url ?? '').split('?')[0]!.slice(0, 64)}`))
  })
  // Errors before the handler runs: body too large, bad Content-Length, unreadable body.
  server.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, request, reply) => {
    const status = error.statusCode ?? 500
    const refusal =
      status === 413
        ? new Refusal('badRequest', `${MESSAGES.badRequest}：请求体超过 ${server.initialConfig.bodyLimit} 字节`, 413)
        : status >= 400 && status < 500
          ? new Refusal('badRequest', `${MESSAGES.badRequest}：${error.code ?? ''}`.replace(/：$/, ''), 400)
          : new Refusal('internal', MESSAGES.internal, 500)
    metrics.request('-', refusal.kind, 0)
    const line = { op: null, outcome: refusal.kind, status: refusal.status, error: error.code ?? error.message, path: (request.raw.url ?? '').split('?')[0]!.slice(0, 64) }
    if (refusal.status >= 500) log.error(line, 'call')
    else log.info(line, 'call')
    refuse(reply, refusal)
  })

  const port = options.port ?? (Number(env.PORT) || 8080)
  const host = options.host ?? '127.0.0.1'
  await server.listen({ port, host })
  const address = server.server.address()
  const actualPort = typeof address === 'object' && address ? address.port : port
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
    port: actualPort,
    profile,
    server,
    metrics,
    async close() {
      clearInterval(flushTimer)
      await server.close()
      await Promise.all(systems.map((s) => s.close()))
      await identity?.close()
      if (ownsStores.nonce) await nonceStore.close?.()
      if (ownsStores.identity) await identityCache.close?.()
      flushAuditLogger(log)
    },
  }
}
