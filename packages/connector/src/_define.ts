/**
 * What a department writes: an adapter is its profile, the channel it
 * serves, its operations and its legacy systems, as one plain object.
 */
import type { AccessProfile, PlatformUser } from '@yingjie/spec'
import type { Logger } from 'pino'
import { configError } from './_errors'
import type { FormClient } from './_form'
import type { RestClient } from './_rest'
import type { SoapClient } from './_soap'
import type { FormSystemDefinition, LegacyDefinition, RestSystemDefinition, SoapSystemDefinition } from './_system'

/** A JSON Schema (draft 2020-12 subset that ajv understands). */
export type JsonSchema = Record<string, unknown>

/** The client a handler gets for each kind of legacy definition. */
export type LegacyClient<D> = D extends SoapSystemDefinition ? SoapClient : D extends FormSystemDefinition ? FormClient : D extends RestSystemDefinition ? RestClient : never

export type LegacyClients<L extends Record<string, LegacyDefinition>> = { [K in keyof L]: LegacyClient<L[K]> }

/**
 * - `required`: the call must carry the platform's credential; without one it is refused with the profile's unauthorized code.
 * - `optional`: the user is resolved when a credential is sent.
 * - `none`: public information; no credential is read.
 */
export type IdentityRequirement = 'required' | 'optional' | 'none'

/** What a handler receives. */
export interface OperationContext<L extends Record<string, LegacyDefinition> = Record<string, LegacyDefinition>, Input = Record<string, unknown>> {
  /** The request body, validated against the operation's `input` schema. */
  input: Input
  /** The platform user; always set when the operation's identity is `required`. */
  user: PlatformUser | undefined
  /** One client per legacy system, defaulting to the operation's idempotency. */
  legacy: LegacyClients<L>
  /** The audit logger for this request; everything written is masked by the profile's rules. */
  log: Logger
  /** Id of this request, also in the audit line. */
  requestId: string
}

export interface OperationDefinition<L extends Record<string, LegacyDefinition> = Record<string, LegacyDefinition>, Input = any> {
  /** What people call it, e.g. `社保参保查询`. */
  name: string
  /** The service item (高频事项 code or implementation code) the operation serves. */
  item: string
  identity: IdentityRequirement
  /**
   * Safe to repeat: a query rather than a submission. Only idempotent
   * operations retry legacy calls after timeouts.
   * @default false
   */
  idempotent?: boolean
  /** JSON Schema of the request body. Unknown properties are refused unless the schema allows them. */
  input: JsonSchema
  /** JSON Schema of the data in a success envelope, for the OpenAPI document. */
  output?: JsonSchema
  /** A valid input, shown in the OpenAPI document and used by the conformance kit for its successful call. */
  example?: Input
  /**
   * Return personal data unmasked. By default every string in a reply is
   * masked by the profile's rules (ID numbers, mobiles, bank cards); the
   * conformance kit fails an adapter that turns this on.
   * @default false
   */
  revealPersonalData?: boolean
  handler(ctx: OperationContext<L, Input>): unknown
}

export interface AdapterDefinition<L extends Record<string, LegacyDefinition> = Record<string, LegacyDefinition>> {
  /** A shipped profile id (`hebei-jishiban`) or a profile file path, or a loaded profile. */
  profile: string | AccessProfile
  /** Id of the inventory Channel whose services this adapter takes over, e.g. `bd-rsj-app`. */
  channel: string
  /** Operation id → operation. Ids appear in URLs: `POST /api/<id>`. */
  operations: Record<string, OperationDefinition<L>>
  /** Legacy system key → settings from `restSystem`, `soapSystem` or `formSystem`. */
  legacy: L
  /** Shown in the OpenAPI document. @default '0.0.0' */
  version?: string
}

/** A checked adapter definition, ready for `serve`. Plain data: it can be passed between module copies. */
export interface Adapter<L extends Record<string, LegacyDefinition> = Record<string, LegacyDefinition>> extends AdapterDefinition<L> {
  readonly kind: 'yingjie-adapter'
}

const OPERATION_ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/
const LEGACY_KEY = /^[A-Za-z][A-Za-z0-9_]{0,31}$/
const IDENTITY: readonly IdentityRequirement[] = ['required', 'optional', 'none']

/**
 * Declare an adapter. Checks the shape at once, so a mistake shows when the
 * module loads rather than on the first request.
 * @example
 * export default defineAdapter({
 *   profile: 'hebei-jishiban',
 *   channel: 'bd-rsj-app',
 *   legacy: { hr: soapSystem({ namespace: 'http://hr.example.invalid/ws', encoding: 'gbk' }) },
 *   operations: {
 *     queryInsured: {
 *       name: '社保参保查询', item: 'HB-RS-001', identity: 'required', idempotent: true,
 *       input: { type: 'object', properties: {}, additionalProperties: false },
 *       handler: ({ user, legacy }) => legacy.hr.call('QueryInsured', { idCard: user!.idNumber }),
 *     },
 *   },
 * })
 */
export function defineAdapter<L extends Record<string, LegacyDefinition>>(definition: AdapterDefinition<L>): Adapter<L> {
  const fail = (zh: string, en: string, hintZh: string, hintEn: string): never => {
    throw configError('YJ_ADAPTER_DEFINITION', { zh: `适配器定义有误：${zh}`, en: `adapter definition: ${en}` }, { zh: hintZh, en: hintEn })
  }
  if (!definition || typeof definition !== 'object') fail('不是对象', 'not an object', '传入 { profile, channel, operations, legacy }', 'pass { profile, channel, operations, legacy }')
  if (!definition.profile) fail('缺少 profile', 'profile is missing', '写明省级平台接入规范，如 hebei-jishiban', 'name the access-spec profile, e.g. hebei-jishiban')
  if (typeof definition.channel !== 'string' || !/^[a-z0-9-]+$/.test(definition.channel)) {
    fail('channel 应为清单中的渠道 id', 'channel must be an inventory Channel id', '如 bd-rsj-app（小写字母、数字和 -）', 'e.g. bd-rsj-app (lower-case letters, digits, -)')
  }
  const ops = Object.entries(definition.operations ?? {})
  if (ops.length === 0) fail('没有任何操作', 'no operations', '在 operations 中至少声明一个操作', 'declare at least one operation')
  for (const [key] of Object.entries(definition.legacy ?? {})) {
    if (!LEGACY_KEY.test(key)) fail(`旧系统键名 “${key}” 不合法`, `legacy key '${key}' is not valid`, '以字母开头，只含字母、数字和下划线', 'start with a letter; letters, digits and _ only')
  }
  for (const [id, op] of ops) {
    if (!OPERATION_ID.test(id)) fail(`操作 id “${id}” 不合法`, `operation id '${id}' is not valid`, '以字母开头，只含字母、数字、_ 和 -，最长 64 个字符', 'start with a letter; letters, digits, _ and -, at most 64 characters')
    if (!IDENTITY.includes(op.identity)) fail(`操作 ${id} 的 identity 应为 required、optional 或 none`, `operation ${id}: identity must be required, optional or none`, '需要用户身份的操作写 required', 'use required for operations that need the user')
    if (typeof op.handler !== 'function') fail(`操作 ${id} 缺少 handler`, `operation ${id} has no handler`, '提供 handler(ctx) 函数', 'provide a handler(ctx) function')
    if (!op.input || typeof op.input !== 'object') fail(`操作 ${id} 缺少 input 模式`, `operation ${id} has no input schema`, '用 JSON Schema 描述请求体', 'describe the request body with a JSON Schema')
    if (typeof op.item !== 'string' || op.item === '') fail(`操作 ${id} 缺少 item`, `operation ${id} has no item`, '写明所服务的政务服务事项编码', 'name the service item it serves')
  }
  return { ...definition, kind: 'yingjie-adapter' }
}

export function isAdapter(value: unknown): value is Adapter {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'yingjie-adapter'
}

/** The profile's inbound error kind for each outcome, and the HTTP status that goes with it. */
export const ERROR_STATUS = { badRequest: 400, unauthorized: 401, notFound: 404, legacyUnavailable: 503, internal: 500 } as const
