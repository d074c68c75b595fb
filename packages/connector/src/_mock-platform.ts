/**
 * A local stand-in for the provincial platform: it issues entry
 * credentials for test users, answers the profile's identity steps exactly
 * as the profile describes them (paths, parameters, envelopes, field names,
 * error codes, lifetimes, single use), and acts as the gateway that signs
 * calls to an adapter.
 */
import { randomBytes } from 'node:crypto'
import {
  buildErrorEnvelope,
  buildSuccessEnvelope,
  loadProfile,
  verifySignature,
  type AccessProfile,
  type Credentials,
  type IdentityStep,
  type PlatformErrorKind,
} from '@yingjie/spec'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import { callAdapter } from './_gateway'
import { DEFAULT_TEST_USERS, type TestUser } from './_users'

/** Development keys of the mock platform. Not secrets: they only open local mocks. */
export const MOCK_GATEWAY_KEYS: Credentials = { accessKey: 'yingjie-mock-gateway', secretKey: 'yingjie-mock-gateway-secret-not-for-production' }
export const MOCK_PLATFORM_KEYS: Credentials = { accessKey: 'yingjie-mock-app', secretKey: 'yingjie-mock-app-secret-not-for-production' }

/** The value the mock expects for a profile config name (appId, appPassword…). */
export function mockConfigValue(name: string): string {
  return `mock-${name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`
}

export interface MockPlatformOptions {
  /** A profile id, a file, or a loaded profile. @default the default profile */
  profile?: string | AccessProfile
  /** @default DEFAULT_TEST_USERS */
  users?: readonly TestUser[]
  /** @default 0 (a free port) */
  port?: number
  /** @default '127.0.0.1' */
  host?: string
  /** Values the profile's identity.config names; unset ones default to {@link mockConfigValue}. */
  config?: Record<string, string>
  /** Keys the mock signs gateway calls with. @default MOCK_GATEWAY_KEYS */
  gatewayKeys?: Credentials
  /** Keys adapters sign identity calls with, for steps the profile marks `signed`. @default MOCK_PLATFORM_KEYS */
  platformKeys?: Credentials
  /** @default () => Date.now() */
  now?: () => number
}

export interface MockPlatform {
  url: string
  port: number
  profile: AccessProfile
  users: readonly TestUser[]
  /** The config values adapters must use, by profile config name. */
  config: Record<string, string>
  gatewayKeys: Credentials
  platformKeys: Credentials
  /** Environment for an adapter that talks to this mock. */
  adapterEnv(): Record<string, string>
  /** A fresh entry credential for a test user. */
  issueCredential(userId: string): { credential: string; param: string; expiresInSeconds: number }
  server: FastifyInstance
  close(): Promise<void>
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.')
  let node = target
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>
  node[keys[keys.length - 1]!] = value
}

/** The user as the platform sends it: the first candidate name of every field in the profile's mapping. */
export function platformUserRecord(profile: AccessProfile, user: TestUser): Record<string, unknown> {
  const m = profile.identity.user
  const out: Record<string, unknown> = {}
  const put = (paths: readonly string[] | undefined, value: string | undefined) => {
    if (paths?.[0] && value !== undefined) setPath(out, paths[0], value)
  }
  if (m.kind) put(m.kind.field, user.kind === 'person' ? m.kind.person[0] : m.kind.legalPerson[0])
  put(m.platformUserId, `mock-${user.id}`)
  put(m.name, user.name)
  put(m.idNumber, user.idNumber)
  put(m.phone, user.phone)
  const reverse = <T extends string>(map: Record<string, T> | undefined, value: T | undefined) => (map && value ? Object.entries(map).find(([, v]) => v === value)?.[0] : undefined)
  put(m.idType?.field, reverse(m.idType?.map, user.idType ?? 'resident-id'))
  put(m.realNameLevel?.field, reverse(m.realNameLevel?.map, user.realNameLevel ?? 'verified'))
  if (user.org && m.org) {
    put(m.org.name, user.org.name)
    put(m.org.uscc, user.org.uscc)
    put(m.org.legalRepresentative, user.org.legalRepresentative)
  }
  return out
}

const PLACEHOLDER = /^\{([A-Za-z][A-Za-z0-9]*)\}$/

export async function startMockPlatform(options: MockPlatformOptions = {}): Promise<MockPlatform> {
  const profile = typeof options.profile === 'object' ? options.profile : options.profile ? await loadProfile(options.profile) : await loadProfile('hebei-jishiban')
  const users = options.users ?? DEFAULT_TEST_USERS
  const now = options.now ?? (() => Date.now())
  const gatewayKeys = options.gatewayKeys ?? MOCK_GATEWAY_KEYS
  const platformKeys = options.platformKeys ?? MOCK_PLATFORM_KEYS
  const config: Record<string, string> = {}
  for (const name of profile.identity.config ?? []) config[name] = options.config?.[name] ?? mockConfigValue(name)
  const entry = profile.identity.entry
  const credentials = new Map<string, { user: TestUser; expires: number; used: boolean }>()
  const tokens = new Map<string, { user: TestUser; expires: number }>()

  const codeFor = (kind: PlatformErrorKind, envelope: string): string => {
    const known = profile.errors.find((e) => e.kind === kind)?.code
    return known ?? String(profile.envelopes[envelope]?.code.error ?? 'error')
  }
  const fail = (reply: FastifyReply, step: IdentityStep, kind: PlatformErrorKind, message: string) =>
    reply.code(200).send(buildErrorEnvelope(profile, { code: codeFor(kind, step.response.envelope), message }, { envelope: step.response.envelope }))

  const issueCredential = (userId: string) => {
    const user = users.find((u) => u.id === userId)
    if (!user) throw new RangeError(`no test user '${userId}'; known: ${users.map((u) => u.id).join(', ')}`)
    const credential = randomBytes(18).toString('base64url')
    credentials.set(credential, { user, expires: now() + entry.lifetimeSeconds * 1000, used: false })
    return { credential, param: entry.param, expiresInSeconds: entry.lifetimeSeconds }
  }

  const server = Fastify({ logger: false, bodyLimit: 64 * 1024 })
  server.removeContentTypeParser(['application/json'])
  server.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body))

  for (const step of profile.identity.steps) {
    server.route({
      method: step.request.method,
      url: step.request.path,
      handler: async (request, reply) => {
        const raw = typeof request.body === 'string' ? request.body : ''
        if (step.request.signed) {
          const verdict = await verifySignature(profile, { method: request.method, url: request.raw.url ?? '/', headers: request.headers, body: raw }, platformKeys, { now: new Date(now()) })
          if (!verdict.ok) return fail(reply, step, 'signature-invalid', verdict.message.zh)
        }
        let params: Record<string, unknown> = {}
        try {
          if (step.request.encoding === 'json') params = raw ? (JSON.parse(raw) as Record<string, unknown>) : {}
          else if (step.request.encoding === 'form') params = Object.fromEntries(new URLSearchParams(raw))
          else params = Object.fromEntries(new URL(request.raw.url ?? '/', 'http://mock.invalid').searchParams)
        } catch {
          return fail(reply, step, 'bad-request', '请求体不是 JSON')
        }
        let credential: string | undefined
        let token: string | undefined
        for (const [name, template] of Object.entries(step.request.params)) {
          const sent = params[name] === undefined ? undefined : String(params[name])
          const key = PLACEHOLDER.exec(template)?.[1]
          if (key === entry.param) credential = sent
          else if (key === 'token') token = sent
          else if (key !== undefined) {
            if (sent !== config[key]) return fail(reply, step, 'credential-invalid', `${name} 错误`)
          } else if (sent !== template) return fail(reply, step, 'bad-request', `${name} 应为 ${template}`)
        }
        let user: TestUser
        if (credential !== undefined) {
          const found = credentials.get(credential)
          if (!found || (entry.singleUse && found.used)) return fail(reply, step, 'ticket-invalid', `${entry.param} 无效或已被使用`)
          if (found.expires <= now()) return fail(reply, step, 'ticket-expired', `${entry.param} 已过期`)
          found.used = true
          user = found.user
        } else if (token !== undefined) {
          const found = tokens.get(token)
          if (!found) return fail(reply, step, 'token-invalid', 'token 无效')
          if (found.expires <= now()) return fail(reply, step, 'token-expired', 'token 已过期')
          user = found.user
        } else {
          return fail(reply, step, 'bad-request', '缺少凭据')
        }
        const data: Record<string, unknown> = {}
        if (step.produces === 'token') {
          const issued = randomBytes(24).toString('base64url')
          const lifetime = profile.identity.tokenLifetimeSeconds ?? 3600
          tokens.set(issued, { user, expires: now() + lifetime * 1000 })
          setPath(data, step.response.token?.[0] ?? 'token', issued)
          if (step.response.expiresIn?.[0]) setPath(data, step.response.expiresIn[0], lifetime)
          return reply.send(buildSuccessEnvelope(profile, data, { envelope: step.response.envelope }))
        }
        const record = platformUserRecord(profile, user)
        const body = step.response.user ? (setPath(data, step.response.user, record), data) : record
        return reply.send(buildSuccessEnvelope(profile, body, { envelope: step.response.envelope }))
      },
    })
  }

  // The mock's own endpoints, under /mock/ so they cannot clash with a profile's paths.
  server.get('/mock/users', async () => ({ profile: profile.id, users: users.map((u) => ({ id: u.id, kind: u.kind, name: u.name, org: u.org?.name })) }))
  server.post('/mock/identities', async (request, reply) => {
    const body = parseJsonObject(request.body)
    const userId = typeof body?.user === 'string' ? body.user : users[0]!.id
    try {
      return issueCredential(userId)
    } catch (error) {
      return reply.code(404).send({ error: (error as Error).message })
    }
  })
  server.post('/mock/gateway', async (request, reply) => {
    const body = parseJsonObject(request.body)
    if (!body || typeof body.adapter !== 'string' || typeof body.operation !== 'string') {
      return reply.code(400).send({ error: 'body must be { adapter: URL, operation, user?, input? }' })
    }
    let credential: string | undefined
    if (typeof body.user === 'string') {
      try {
        credential = issueCredential(body.user).credential
      } catch (error) {
        return reply.code(404).send({ error: (error as Error).message })
      }
    }
    try {
      const r = await callAdapter({ adapterUrl: body.adapter, profile, keys: gatewayKeys, operation: body.operation, input: body.input ?? {}, ...(credential ? { credential } : {}) })
      return { status: r.status, envelope: r.envelope ?? r.text }
    } catch (error) {
      return reply.code(502).send({ error: `adapter unreachable: ${(error as Error).message}` })
    }
  })

  await server.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' })
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0)
  const url = `http://${options.host ?? '127.0.0.1'}:${port}`
  return {
    url,
    port,
    profile,
    users,
    config,
    gatewayKeys,
    platformKeys,
    issueCredential,
    adapterEnv() {
      const env: Record<string, string> = {
        YINGJIE_PLATFORM_URL: url,
        YINGJIE_GATEWAY_ACCESS_KEY: gatewayKeys.accessKey,
        YINGJIE_GATEWAY_SECRET_KEY: gatewayKeys.secretKey,
      }
      for (const [name, value] of Object.entries(config)) env[`YINGJIE_PLATFORM_${name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`] = value
      if (profile.identity.steps.some((s) => s.request.signed)) {
        env.YINGJIE_PLATFORM_ACCESS_KEY = platformKeys.accessKey
        env.YINGJIE_PLATFORM_SECRET_KEY = platformKeys.secretKey
      }
      return env
    },
    server,
    close: () => server.close(),
  }
}

function parseJsonObject(body: unknown): Record<string, unknown> | undefined {
  if (typeof body !== 'string' || body === '') return undefined
  try {
    const v = JSON.parse(body) as unknown
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined
  } catch {
    return undefined
  }
}
