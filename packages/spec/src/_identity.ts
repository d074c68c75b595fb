import { YjError } from '@yingjie/model'
import { parseEnvelope } from './_envelope'
import { badResponse } from './_errors'
import type { AccessProfile, IdentityStep, IdType, RealNameLevel, UserMapping } from './_types'

type IdentityProfile = Pick<AccessProfile, 'identity' | 'envelopes' | 'inbound' | 'errors' | 'platform'>

interface UserCommon {
  /** The platform's own id for the user, when it sends one. */
  platformUserId?: string
  /** Person: the user's name. Legal person: the name of the person acting for it (经办人). */
  name: string
  idType: IdType
  /** Person: the user's ID number. Legal person: the acting person's. */
  idNumber: string
  phone?: string
  realNameLevel: RealNameLevel
}

/** A natural person (自然人). */
export interface PersonUser extends UserCommon {
  kind: 'person'
}

/** A legal person (法人) acting through a person. */
export interface LegalPersonUser extends UserCommon {
  kind: 'legal-person'
  org: {
    name: string
    /** 统一社会信用代码 */
    uscc?: string
    legalRepresentative?: string
  }
}

/** The user as every adapter sees it, whatever the platform's field names. */
export type PlatformUser = PersonUser | LegalPersonUser

export type IdentityStepResult = { kind: 'token'; token: string; expiresInSeconds: number } | { kind: 'user'; user: PlatformUser }

/** Read a dotted path (`data.user.name`) from a JSON value. */
function at(value: unknown, path: string): unknown {
  if (path === '') return value
  let node = value
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Record<string, unknown>)[key]
  }
  return node
}

function firstText(value: unknown, paths: readonly string[] | undefined): string | undefined {
  for (const p of paths ?? []) {
    const v = at(value, p)
    if (typeof v === 'string' && v.trim() !== '') return v.trim()
    if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  }
  return undefined
}

function step(profile: IdentityProfile, stepId: string): IdentityStep {
  const found = profile.identity.steps.find((s) => s.id === stepId)
  if (!found) throw new RangeError(`profile has no identity step '${stepId}'; it has ${profile.identity.steps.map((s) => s.id).join(', ')}`)
  return found
}

/**
 * Map a platform user object to a {@link PlatformUser} by the profile's
 * field mapping. Throws a `bad-response` PlatformError when a required field
 * is missing, naming the fields it tried.
 */
export function mapPlatformUser(profile: IdentityProfile, raw: unknown): PlatformUser {
  const m: UserMapping = profile.identity.user
  if (raw === null || typeof raw !== 'object') throw badResponse(profile, '用户信息不是对象', 'the user is not an object')
  const need = (label: { zh: string; en: string }, paths: readonly string[]): string => {
    const v = firstText(raw, paths)
    if (v === undefined) {
      throw badResponse(profile, `用户信息缺少${label.zh}（尝试了 ${paths.join('、')}）`, `the user has no ${label.en} (tried ${paths.join(', ')})`)
    }
    return v
  }
  const kindValue = m.kind ? firstText(raw, m.kind.field) : undefined
  const kind = !m.kind
    ? 'person'
    : kindValue !== undefined && m.kind.legalPerson.includes(kindValue)
      ? 'legal-person'
      : kindValue !== undefined && m.kind.person.includes(kindValue)
        ? 'person'
        : m.kind.default
  const idTypeValue = firstText(raw, m.idType?.field)
  const levelValue = firstText(raw, m.realNameLevel?.field)
  const common: UserCommon = {
    name: need({ zh: '姓名', en: 'name' }, m.name),
    idType: (idTypeValue !== undefined ? m.idType?.map?.[idTypeValue] : undefined) ?? m.idType?.default ?? 'resident-id',
    idNumber: need({ zh: '证件号码', en: 'ID number' }, m.idNumber),
    realNameLevel: (levelValue !== undefined ? m.realNameLevel?.map?.[levelValue] : undefined) ?? m.realNameLevel?.default ?? 'basic',
  }
  const platformUserId = firstText(raw, m.platformUserId)
  if (platformUserId !== undefined) common.platformUserId = platformUserId
  const phone = firstText(raw, m.phone)
  if (phone !== undefined) common.phone = phone
  if (kind === 'person') return { kind, ...common }
  if (!m.org) throw badResponse(profile, '配置未说明法人用户的单位字段', 'the profile does not map organisation fields for legal persons')
  const org: LegalPersonUser['org'] = { name: need({ zh: '单位名称', en: 'organisation name' }, m.org.name) }
  const uscc = firstText(raw, m.org.uscc)
  if (uscc !== undefined) org.uscc = uscc
  const rep = firstText(raw, m.org.legalRepresentative)
  if (rep !== undefined) org.legalRepresentative = rep
  return { kind, ...common, org }
}

/**
 * Parse the platform's reply to one identity step: unwrap the envelope
 * (e.g. Hebei's C-* with its JSON-string body), map errors to typed
 * {@link PlatformError}s, and return the token or the user.
 * @example parseIdentityResponse(zhejiang, 'accessToken', reply) // { kind: 'token', token: '…', expiresInSeconds: 7200 }
 */
export function parseIdentityResponse(profile: IdentityProfile, stepId: string, reply: unknown): IdentityStepResult {
  const s = step(profile, stepId)
  const { data } = parseEnvelope(profile, reply, s.response.envelope)
  if (s.produces === 'token') {
    const paths = s.response.token ?? ['token']
    const token = firstText(data, paths)
    if (token === undefined) throw badResponse(profile, `应答中没有令牌（尝试了 ${paths.join('、')}）`, `no token in the reply (tried ${paths.join(', ')})`)
    const expires = Number(firstText(data, s.response.expiresIn))
    const expiresInSeconds = Number.isFinite(expires) && expires > 0 ? expires : (profile.identity.tokenLifetimeSeconds ?? 3600)
    return { kind: 'token', token, expiresInSeconds }
  }
  return { kind: 'user', user: mapPlatformUser(profile, at(data, s.response.user ?? '')) }
}

/** An outbound HTTP call to the platform, ready for any HTTP client (and for signRequest when `signed`). */
export interface IdentityRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: string
  signed: boolean
}

/**
 * Build the request of one identity step. `values` fills the `{name}`
 * placeholders: the configured values (app id, password…), the entry
 * credential under its parameter name (`accessLink`, `ticketId`, `code`) and
 * `token` from an earlier step.
 * @example buildIdentityRequest(hebei, 'userInfo', { appId, appPassword, accessLink }, 'https://platform.example')
 */
export function buildIdentityRequest(profile: IdentityProfile, stepId: string, values: Record<string, string>, baseUrl: string): IdentityRequest {
  const s = step(profile, stepId)
  const params: Record<string, string> = {}
  for (const [name, template] of Object.entries(s.request.params)) {
    params[name] = template.replace(/\{([A-Za-z][A-Za-z0-9]*)\}/g, (_, key: string) => {
      const v = values[key]
      if (v === undefined) {
        throw new YjError({
          code: 'YJ_SPEC_IDENTITY_VALUE_MISSING',
          message: { zh: `身份认证步骤 ${stepId} 需要取值 ${key}`, en: `identity step ${stepId} needs a value for ${key}` },
          hint: { zh: `在适配器配置中提供 ${key}`, en: `provide ${key} in the adapter configuration` },
        })
      }
      return v
    })
  }
  // Append to the base path (https://gw.example/restapi/prod + /uc/sso/…); new URL(path, base) would drop it.
  const base = new URL(baseUrl)
  const url = new URL(`${base.origin}${base.pathname.replace(/\/$/, '')}${s.request.path}`)
  const headers: Record<string, string> = {}
  let body: string | undefined
  if (s.request.encoding === 'query') {
    for (const [k, v] of Object.entries(params)) url.searchParams.append(k, v)
  } else if (s.request.encoding === 'form') {
    body = new URLSearchParams(params).toString()
    headers['content-type'] = 'application/x-www-form-urlencoded'
  } else {
    body = JSON.stringify(params)
    headers['content-type'] = 'application/json; charset=utf-8'
  }
  return { method: s.request.method, url: url.toString(), headers, ...(body !== undefined ? { body } : {}), signed: s.request.signed ?? false }
}

/**
 * The entry credential (accessLink, ticketId, code…) from the URL the
 * platform opened, or undefined when it is absent.
 * @example readEntryCredential(hebei, 'https://dept.example/app?accessLink=abc') // 'abc'
 */
export function readEntryCredential(profile: Pick<AccessProfile, 'identity'>, pageUrl: string): string | undefined {
  const url = new URL(pageUrl, 'http://placeholder.invalid')
  const value = url.searchParams.get(profile.identity.entry.param)
  return value === null || value === '' ? undefined : value
}
