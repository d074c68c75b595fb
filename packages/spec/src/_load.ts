import { readdir } from 'node:fs/promises'
import { dirname, isAbsolute, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv, { type ValidateFunction } from 'ajv'
import {
  closest,
  compareFindings,
  finding,
  readYamlFile,
  schemaFindings,
  YjError,
  type Finding,
  type Localized,
  type ParsedDocument,
  type Severity,
  type ValuePath,
} from '@yingjie/model'
import schema from '../schema/profile.schema.json'
import { isKeyedAlgorithm } from './_algorithms'
import { mergeCapabilities } from './_capabilities'
import { hookNames, HOOKS } from './_hooks'
import { parsePositions } from './_masking'
import { AUTOMATIC_REVIEW_CHECKS, isAutomaticReviewCheck } from './_review'
import type { AccessProfile, CapabilityEntry, CapabilityMapDocument, IdentityKind, ProfileDocument, SigningAlgorithm } from './_types'

// Same relative place from src/ (tests) and dist/ (the built package).
/** Folder of the shipped profiles, `<id>.yaml`. */
export const PROFILES_DIR = fileURLToPath(new URL('../profiles/', import.meta.url))
/** Folder of the shipped base capability maps, `<name>.yaml`. */
export const CAPABILITY_MAPS_DIR = fileURLToPath(new URL('../capabilities/', import.meta.url))

/** The published JSON Schema for profile and capability map files. */
export const profileSchema: object = schema

const ID = /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/

let validate: ValidateFunction | undefined

/** Compile the schema once per process, and only when a profile is read. */
function validator(): ValidateFunction {
  // verbose: schemaFindings reads parentSchema for "did you mean" hints.
  validate ??= new Ajv({ allErrors: true, strict: false, verbose: true }).compile(schema)
  return validate
}

/** A profile that failed validation. Carries every finding; the thrown message names the first error. */
export class ProfileError extends YjError {
  readonly findings: Finding[]
  constructor(findings: Finding[]) {
    const errors = findings.filter((f) => f.severity === 'error')
    const first = errors[0]!
    super({
      code: first.code,
      message: {
        zh: errors.length > 1 ? `接入规范配置有 ${errors.length} 个错误，第一个：${first.message.zh}` : first.message.zh,
        en: errors.length > 1 ? `the profile has ${errors.length} errors; the first: ${first.message.en}` : first.message.en,
      },
      hint: {
        zh: `${first.hint.zh}；运行 yingjie spec check 查看全部`,
        en: `${first.hint.en}; run yingjie spec check to see them all`,
      },
      ...(first.location ? { location: first.location } : {}),
    })
    this.name = 'ProfileError'
    this.findings = findings
  }
}

interface SpecFile {
  findings: Finding[]
  profile?: AccessProfile
  map?: CapabilityMapDocument
}

async function listYaml(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.yaml')).map((f) => f.slice(0, -5)).sort()
  } catch {
    return []
  }
}

/** Read, schema-check and semantically check one profile or capability map file. */
async function readSpecFile(file: string): Promise<SpecFile> {
  const parsed = await readYamlFile(file)
  const findings = [...parsed.findings]
  const [doc, extra] = parsed.documents
  if (extra) {
    findings.push(
      finding({
        code: 'YJ_SPEC_DOCUMENTS',
        message: { zh: '接入规范配置文件只能包含一个文档', en: 'a profile file holds exactly one document' },
        hint: { zh: '删除多余的 --- 及其后的内容，或拆成多个文件', en: 'remove the extra --- and what follows, or split the file' },
        location: extra.locate([]),
      }),
    )
  }
  if (!doc) {
    if (!findings.some((f) => f.severity === 'error')) {
      findings.push(
        finding({
          code: 'YJ_SPEC_EMPTY',
          message: { zh: '文件中没有接入规范配置', en: 'the file holds no profile' },
          hint: { zh: '参照 yingjie spec show hebei-jishiban --format json 填写', en: 'start from yingjie spec show hebei-jishiban --format json' },
          location: { file, line: 1, column: 1 },
        }),
      )
    }
    return { findings }
  }
  const check = validator()
  if (!check(doc.value)) {
    findings.push(...schemaFindings(check.errors, doc))
    return { findings }
  }
  const value = doc.value as ProfileDocument | CapabilityMapDocument
  if (value.kind === 'CapabilityMap') {
    findings.push(...duplicateApis(value.entries, doc, ['entries']), ...capabilityEntryFindings(value.entries, doc, ['entries']))
    return { findings, map: value }
  }
  findings.push(...profileFindings(value, doc))
  const base = await loadBase(value, doc, file)
  findings.push(...base.findings)
  if (findings.some((f) => f.severity === 'error')) return { findings }
  const { capabilities, ...spec } = value.spec
  const profile: AccessProfile = {
    id: value.metadata.id,
    file,
    metadata: value.metadata,
    ...spec,
    ...(capabilities.base !== undefined ? { capabilityBase: capabilities.base } : {}),
    capabilities: mergeCapabilities(base.entries, capabilities.entries ?? [], spec.platform.name),
  }
  return { findings, profile }
}

async function loadBase(value: ProfileDocument, doc: ParsedDocument, file: string): Promise<{ entries: CapabilityEntry[]; findings: Finding[] }> {
  const base = value.spec.capabilities.base
  if (base === undefined) return { entries: [], findings: [] }
  const path: ValuePath = ['spec', 'capabilities', 'base']
  let baseFile: string
  if (ID.test(base)) {
    const known = await listYaml(CAPABILITY_MAPS_DIR)
    if (!known.includes(base)) {
      const guess = closest(base, known)
      return {
        entries: [],
        findings: [
          located(doc, path, 'YJ_SPEC_CAPABILITY_BASE', { zh: `未知的基础能力映射表 “${base}”`, en: `unknown base capability map "${base}"` }, {
            zh: guess ? `是否应为 “${guess}”？可用：${known.join('、')}` : `可用：${known.join('、')}；也可写相对路径 ./xxx.yaml`,
            en: guess ? `did you mean "${guess}"? available: ${known.join(', ')}` : `available: ${known.join(', ')}; or a relative path ./xxx.yaml`,
          }),
        ],
      }
    }
    baseFile = join(CAPABILITY_MAPS_DIR, `${base}.yaml`)
  } else {
    baseFile = isAbsolute(base) ? base : resolve(dirname(file), base)
  }
  const read = await readSpecFile(baseFile)
  if (read.map) return { entries: read.map.entries, findings: read.findings }
  const problem =
    read.profile !== undefined
      ? { zh: `${base} 是接入规范配置，不是能力映射表（kind: CapabilityMap）`, en: `${base} is a profile, not a capability map (kind: CapabilityMap)` }
      : { zh: `基础能力映射表 ${base} 无法使用，见该文件的错误`, en: `base capability map ${base} cannot be used; see its errors` }
  return {
    entries: [],
    findings: [
      ...read.findings,
      located(doc, path, 'YJ_SPEC_CAPABILITY_BASE', problem, { zh: '修正该文件或改用随工具发布的 h5-container', en: 'fix that file or use the shipped h5-container' }),
    ],
  }
}

function located(doc: ParsedDocument, path: ValuePath, code: string, message: Localized, hint: Localized, severity: Severity = 'error', target: 'key' | 'value' = 'value'): Finding {
  return finding({ code, severity, message, hint, path, location: doc.locate(path, target) })
}

function duplicates<T>(items: readonly T[], key: (item: T) => string, doc: ParsedDocument, listPath: ValuePath, field: string, code: string, label: Localized): Finding[] {
  const first = new Map<string, number>()
  const out: Finding[] = []
  items.forEach((item, i) => {
    const k = key(item)
    const seen = first.get(k)
    if (seen === undefined) {
      first.set(k, i)
      return
    }
    const firstAt = doc.locate([...listPath, seen, field])
    out.push(
      located(doc, [...listPath, i, field], code, { zh: `${label.zh} “${k}” 重复（第 ${firstAt.line} 行已出现）`, en: `duplicate ${label.en} "${k}" (first at line ${firstAt.line})` }, {
        zh: '删除或合并重复的条目',
        en: 'remove or merge the repeated entry',
      }),
    )
  })
  return out
}

function duplicateApis(entries: readonly CapabilityEntry[], doc: ParsedDocument, listPath: ValuePath): Finding[] {
  return duplicates(entries, (e) => e.api, doc, listPath, 'api', 'YJ_SPEC_CAPABILITY_DUPLICATE', { zh: '能力映射 API', en: 'capability API' })
}

function capabilityEntryFindings(entries: readonly CapabilityEntry[], doc: ParsedDocument, listPath: ValuePath): Finding[] {
  const out: Finding[] = []
  entries.forEach((e, i) => {
    if (e.status === 0 && e.needs !== undefined) {
      out.push(
        located(doc, [...listPath, i, 'needs'], 'YJ_SPEC_CAPABILITY_NEEDS', { zh: `${e.api} 状态为 0（原样支持），却需要平台服务 ${e.needs}`, en: `${e.api} has status 0 (supported as is) but needs ${e.needs}` }, {
          zh: '删除 needs，或把状态改为 2',
          en: 'remove needs or set status to 2',
        }),
      )
    }
  })
  return out
}

function hookFinding(doc: ParsedDocument, path: ValuePath, kind: keyof typeof HOOKS, name: string): Finding | undefined {
  if (HOOKS[kind][name]) return undefined
  const names = hookNames(kind)
  const guess = closest(name, names)
  return located(doc, path, 'YJ_SPEC_HOOK_UNKNOWN', { zh: `未知的代码钩子 “${name}”`, en: `unknown code hook "${name}"` }, {
    zh: guess ? `是否应为 “${guess}”？可用：${names.join('、')}` : `可用：${names.join('、')}`,
    en: guess ? `did you mean "${guess}"? available: ${names.join(', ')}` : `available: ${names.join(', ')}`,
  })
}

function profileFindings(value: ProfileDocument, doc: ParsedDocument): Finding[] {
  const out: Finding[] = []
  const push = (f: Finding | undefined) => f && out.push(f)
  const { signing, identity, envelopes, inbound, errors, masking, review, capabilities } = value.spec
  const envelopeNames = Object.keys(envelopes)

  // Signing: the secret must enter the digest, and the replay guard must be signed.
  const parts = signing.canonical.parts
  if (!isKeyedAlgorithm(signing.algorithm) && !parts.includes('secret')) {
    push(
      located(doc, ['spec', 'signing', 'canonical', 'parts'], 'YJ_SPEC_SIGNING_NO_SECRET', {
        zh: `算法 ${signing.algorithm} 不使用密钥，签名串中却没有 secret，任何人都能算出签名`,
        en: `algorithm ${signing.algorithm} takes no key and the canonical parts lack secret, so anyone can compute the signature`,
      }, { zh: '在 parts 中加入 secret，或改用 hmac-sha256 / hmac-sm3', en: 'add secret to parts, or use hmac-sha256 / hmac-sm3' }),
    )
  }
  if (signing.algorithm === 'md5') {
    push(located(doc, ['spec', 'signing', 'algorithm'], 'YJ_SPEC_SIGNING_WEAK', { zh: 'MD5 已不安全，仅用于仍要求它的旧网关', en: 'MD5 is broken; use it only for old gateways that still require it' }, { zh: '平台支持时改用 hmac-sha256 或 hmac-sm3', en: 'switch to hmac-sha256 or hmac-sm3 when the platform allows' }, 'warning'))
  }
  if ((parts.includes('nonce') || signing.nonce?.required) && !signing.headers.nonce) {
    push(
      located(doc, ['spec', 'signing', 'headers'], 'YJ_SPEC_SIGNING_NONCE', { zh: '签名使用 nonce，但 headers 中没有 nonce 请求头', en: 'the signature uses a nonce but headers name no nonce header' }, {
        zh: '在 headers 下添加 nonce: 请求头名称',
        en: 'add nonce: <header name> under headers',
      }),
    )
  }
  if (signing.headers.nonce && !parts.includes('nonce')) {
    push(
      located(doc, ['spec', 'signing', 'canonical', 'parts'], 'YJ_SPEC_SIGNING_NONCE', { zh: 'nonce 没有参与签名，重放时可以随意更换，防重放无效', en: 'the nonce is not signed, so a replay can swap it and the replay guard is void' }, {
        zh: '在 parts 中加入 nonce',
        en: 'add nonce to parts',
      }, 'warning'),
    )
  }
  if (signing.nonce && signing.nonce.ttlSeconds < 2 * signing.timestamp.skewSeconds) {
    push(
      located(doc, ['spec', 'signing', 'nonce', 'ttlSeconds'], 'YJ_SPEC_NONCE_TTL', {
        zh: `nonce 只保留 ${signing.nonce.ttlSeconds} 秒，短于时间窗口 ${2 * signing.timestamp.skewSeconds} 秒（两倍时钟偏差），窗口内的重放可能漏检`,
        en: `nonces are kept ${signing.nonce.ttlSeconds} s, less than the ${2 * signing.timestamp.skewSeconds} s window (twice the skew), so replays may slip through`,
      }, { zh: `把 ttlSeconds 设为不小于 ${2 * signing.timestamp.skewSeconds}`, en: `set ttlSeconds to at least ${2 * signing.timestamp.skewSeconds}` }, 'warning'),
    )
  }
  if (signing.nonce?.pattern !== undefined) {
    try {
      new RegExp(signing.nonce.pattern)
    } catch (error) {
      push(located(doc, ['spec', 'signing', 'nonce', 'pattern'], 'YJ_SPEC_PATTERN_INVALID', { zh: `nonce 的正则表达式无效：${(error as Error).message}`, en: `invalid nonce pattern: ${(error as Error).message}` }, { zh: '修正正则表达式', en: 'fix the regular expression' }))
    }
  }
  if (signing.canonical.query !== undefined) push(hookFinding(doc, ['spec', 'signing', 'canonical', 'query'], 'canonicalQuery', signing.canonical.query))

  // Envelopes and the references to them.
  for (const [name, env] of Object.entries(envelopes)) {
    if (env.body) push(hookFinding(doc, ['spec', 'envelopes', name, 'body', 'codec'], 'bodyCodec', env.body.codec))
  }
  const envelopeRef = (path: ValuePath, name: string) => {
    if (envelopes[name]) return
    const guess = closest(name, envelopeNames)
    push(
      located(doc, path, 'YJ_SPEC_REF_UNKNOWN', { zh: `envelopes 中没有名为 “${name}” 的信封`, en: `no envelope named "${name}" under envelopes` }, {
        zh: guess ? `是否应为 “${guess}”？` : `已定义：${envelopeNames.join('、')}`,
        en: guess ? `did you mean "${guess}"?` : `defined: ${envelopeNames.join(', ')}`,
      }),
    )
  }
  envelopeRef(['spec', 'inbound', 'envelope'], inbound.envelope)

  // Identity: steps end with the user, placeholders resolve.
  out.push(...duplicates(identity.steps, (s) => s.id, doc, ['spec', 'identity', 'steps'], 'id', 'YJ_SPEC_DUPLICATE', { zh: '身份认证步骤', en: 'identity step' }))
  const userSteps = identity.steps.filter((s) => s.produces === 'user')
  if (userSteps.length !== 1 || identity.steps[identity.steps.length - 1]?.produces !== 'user') {
    push(
      located(doc, ['spec', 'identity', 'steps'], 'YJ_SPEC_IDENTITY_STEPS', { zh: '身份认证步骤必须以唯一一个 produces: user 的步骤结束', en: 'the identity steps must end with the single step that produces: user' }, {
        zh: '把获取用户信息的步骤放在最后，其余步骤 produces: token',
        en: 'put the user-information step last; the others produce: token',
      }),
    )
  }
  const known = new Set([...(identity.config ?? []), identity.entry.param])
  identity.steps.forEach((s, i) => {
    envelopeRef(['spec', 'identity', 'steps', i, 'response', 'envelope'], s.response.envelope)
    for (const [param, template] of Object.entries(s.request.params)) {
      for (const m of template.matchAll(/\{([^}]*)\}/g)) {
        const name = m[1]!
        if (known.has(name)) continue
        push(
          located(doc, ['spec', 'identity', 'steps', i, 'request', 'params', param], 'YJ_SPEC_IDENTITY_PLACEHOLDER', {
            zh: `参数 ${param} 引用了未知取值 {${name}}`,
            en: `parameter ${param} refers to an unknown value {${name}}`,
          }, {
            zh: `可用：${[...known].map((k) => `{${k}}`).join('、')}；配置项须列在 identity.config 中，{token} 须来自前面的步骤`,
            en: `available: ${[...known].map((k) => `{${k}}`).join(', ')}; configured values go in identity.config, {token} comes from an earlier step`,
          }),
        )
      }
    }
    if (s.produces === 'token') known.add('token')
  })
  if (identity.user.kind && identity.user.kind.legalPerson.length > 0 && !identity.user.org) {
    push(
      located(doc, ['spec', 'identity', 'user'], 'YJ_SPEC_IDENTITY_ORG', { zh: '配置了法人用户，但没有 org 字段映射', en: 'legal persons are recognised but org fields are not mapped' }, {
        zh: '在 user 下添加 org.name 等字段路径',
        en: 'add org.name and the other field paths under user',
      }),
    )
  }

  // Tables.
  out.push(...duplicates(errors, (e) => e.code, doc, ['spec', 'errors'], 'code', 'YJ_SPEC_DUPLICATE', { zh: '错误码', en: 'error code' }))
  out.push(...duplicates(review, (r) => r.id, doc, ['spec', 'review'], 'id', 'YJ_SPEC_DUPLICATE', { zh: '审核检查项', en: 'review item' }))
  review.forEach((r, i) => {
    if (!r.automatic || isAutomaticReviewCheck(r.id)) return
    const guess = closest(r.id, AUTOMATIC_REVIEW_CHECKS)
    push(
      located(doc, ['spec', 'review', i, 'automatic'], 'YJ_SPEC_REVIEW_NOT_AUTOMATABLE', { zh: `检查项 ${r.id} 没有对应的自动检查`, en: `review item ${r.id} has no automatic check` }, {
        zh: guess ? `是否应为 “${guess}”？否则改为 automatic: false` : `改为 automatic: false；可自动检查的有：${AUTOMATIC_REVIEW_CHECKS.join('、')}`,
        en: guess ? `did you mean "${guess}"? otherwise set automatic: false` : `set automatic: false; automatic checks: ${AUTOMATIC_REVIEW_CHECKS.join(', ')}`,
      }),
    )
  })
  for (const [kind, rule] of Object.entries(masking.rules)) {
    if (rule.strategy !== 'keep-positions') continue
    try {
      parsePositions(rule.positions)
    } catch {
      push(located(doc, ['spec', 'masking', 'rules', kind, 'positions'], 'YJ_SPEC_MASK_POSITIONS', { zh: `保留位置 “${rule.positions}” 中有倒置的范围`, en: `positions "${rule.positions}" contain a reversed range` }, { zh: '范围写成 小-大，例如 5-12', en: 'write ranges low-high, e.g. 5-12' }))
    }
  }
  const entries = capabilities.entries ?? []
  out.push(...duplicateApis(entries, doc, ['spec', 'capabilities', 'entries']), ...capabilityEntryFindings(entries, doc, ['spec', 'capabilities', 'entries']))
  return out
}

/**
 * Check a profile (or capability map) file: YAML syntax, schema, references,
 * hooks, duplicates and signing sanity. Every finding is located.
 * @example const findings = await checkProfileFile('baoding-jishiban.yaml')
 */
export async function checkProfileFile(file: string): Promise<Finding[]> {
  return (await readSpecFile(resolve(file))).findings.sort(compareFindings)
}

export interface LoadProfileOptions {
  /**
   * Folder that relative file paths are resolved against.
   * @default process.cwd()
   */
  cwd?: string
}

function looksLikeFile(ref: string): boolean {
  return ref.includes('/') || ref.includes('\\') || /\.ya?ml$/i.test(ref)
}

/**
 * Load and validate a profile: a shipped one by id (`hebei-jishiban`) or a
 * city's own file by path. Throws {@link ProfileError} (a YjError with every
 * finding) when the file has errors, and YjError `YJ_SPEC_PROFILE_UNKNOWN`
 * for an unknown id.
 * @example const profile = await loadProfile('zhejiang-zlb')
 */
export async function loadProfile(ref: string, options: LoadProfileOptions = {}): Promise<AccessProfile> {
  let file: string
  if (looksLikeFile(ref)) {
    file = resolve(options.cwd ?? process.cwd(), ref)
  } else {
    const ids = await listYaml(PROFILES_DIR)
    if (!ids.includes(ref)) {
      const guess = closest(ref, ids)
      throw new YjError({
        code: 'YJ_SPEC_PROFILE_UNKNOWN',
        message: { zh: `没有名为 “${ref}” 的接入规范配置`, en: `no profile named "${ref}"` },
        hint: {
          zh: `${guess ? `是否应为 “${guess}”？` : ''}可用：${ids.join('、')}；自己的配置请写文件路径`,
          en: `${guess ? `did you mean "${guess}"? ` : ''}available: ${ids.join(', ')}; give a file path for your own profile`,
        },
      })
    }
    file = join(PROFILES_DIR, `${ref}.yaml`)
  }
  const read = await readSpecFile(file)
  if (read.findings.some((f) => f.severity === 'error')) throw new ProfileError(read.findings.sort(compareFindings))
  if (!read.profile) {
    throw new YjError({
      code: 'YJ_SPEC_NOT_PROFILE',
      message: { zh: '该文件是能力映射表（CapabilityMap），不是接入规范配置', en: 'the file is a capability map, not a profile' },
      hint: { zh: '给出 kind: AccessProfile 的文件', en: 'give a file with kind: AccessProfile' },
      location: { file, line: 1, column: 1 },
    })
  }
  return read.profile
}

/** One line per shipped profile, for `yingjie spec list`. */
export interface ProfileSummary {
  id: string
  name: string
  nameEn?: string
  province?: string
  default: boolean
  description?: Localized
  platform: Localized
  file: string
  signing: SigningAlgorithm
  identity: IdentityKind
  capabilities: number
  assumptions: number
}

/** The shipped profiles, default first, then by id. */
export async function listProfiles(): Promise<ProfileSummary[]> {
  const ids = await listYaml(PROFILES_DIR)
  const profiles = await Promise.all(ids.map((id) => loadProfile(id)))
  return profiles
    .map((p) => ({
      id: p.id,
      name: p.metadata.name,
      ...(p.metadata.nameEn !== undefined ? { nameEn: p.metadata.nameEn } : {}),
      ...(p.metadata.province !== undefined ? { province: p.metadata.province } : {}),
      default: p.metadata.default === true,
      ...(p.metadata.description !== undefined ? { description: p.metadata.description } : {}),
      platform: p.platform.name,
      file: p.file,
      signing: p.signing.algorithm,
      identity: p.identity.kind,
      capabilities: p.capabilities.length,
      assumptions: p.assumptions?.length ?? 0,
    }))
    .sort((a, b) => Number(b.default) - Number(a.default) || (a.id < b.id ? -1 : 1))
}

/** The profile marked `default: true` among the shipped ones (冀时办). */
export async function loadDefaultProfile(): Promise<AccessProfile> {
  const list = await listProfiles()
  const found = list.find((p) => p.default) ?? list[0]
  if (!found) throw new YjError({ code: 'YJ_SPEC_NO_PROFILES', message: { zh: '没有随工具发布的接入规范配置', en: 'no shipped profiles' }, hint: { zh: '重新安装 @yingjie/spec', en: 'reinstall @yingjie/spec' } })
  return loadProfile(found.id)
}
