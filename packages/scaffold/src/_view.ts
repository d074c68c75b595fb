/**
 * What templates see: the answers plus everything derived from them, so
 * template files hold no logic beyond loops and ifs. Operations come out
 * with their platform-side input schema, where each legacy field comes
 * from (the platform's verified user, or the request), examples that pass
 * the schema, a sample legacy reply, and the values the mapping turns them
 * into, so generated tests can assert the mapping exactly.
 */
import { idNumberCheckChar } from '@yingjie/model'
import { pathParameters, soapOperationName, type Answers, type FieldAnswer, type OperationAnswer } from './_answers'
import { profileFacts, type ProfileFacts } from './_profile'
import type { AdapterTemplate } from './_template'

/** The environment variable of a legacy system's URL; the connector reads the same (its legacyUrlEnvName). */
export function legacyUrlEnvName(key: string): string {
  return `${legacyEnvPrefix(key)}_URL`
}

function legacyEnvPrefix(key: string): string {
  return `YINGJIE_LEGACY_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}`
}

/** The environment variable for a platform configuration value; the connector reads the same. */
export function platformEnvName(config: string): string {
  return `YINGJIE_PLATFORM_${config.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase()}`
}

type Personal = NonNullable<FieldAnswer['personal']>

/** The user the generated mapping tests call with (fictional; the check character is computed). */
export const SAMPLE_USER = { name: '张三', idNumber: withCheck('13060219900307123'), phone: '13812345678' }

function withCheck(first17: string): string {
  return first17 + idNumberCheckChar(first17)
}

const PERSONAL_EXAMPLE: Record<Personal, string> = {
  name: '李四',
  idNumber: withCheck('13062419851112004'),
  phone: '13912345678',
  email: 'lisi@example.invalid',
  bankCard: '6222020000000000000',
  address: '河北省保定市竞秀区示例路 1 号',
}

const PERSONAL_PATTERN: Partial<Record<Personal, string>> = {
  idNumber: '^[0-9]{17}[0-9Xx]$',
  phone: '^1[3-9][0-9]{9}$',
  bankCard: '^[0-9]{12,19}$',
}

const DATE_PATTERN = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'

function fieldSchema(f: FieldAnswer): Record<string, unknown> {
  const title = f.label ? { title: f.label } : {}
  switch (f.type ?? 'string') {
    case 'number':
      return { type: 'number', ...title }
    case 'integer':
      return { type: 'integer', ...title }
    case 'boolean':
      return { type: 'boolean', ...title }
    case 'date':
      return { type: 'string', pattern: DATE_PATTERN, ...title }
    default: {
      const pattern = f.personal ? PERSONAL_PATTERN[f.personal] : undefined
      return { type: 'string', maxLength: 500, ...(pattern ? { pattern } : {}), ...title }
    }
  }
}

function exampleValue(f: FieldAnswer, index: number): string | number | boolean {
  switch (f.type ?? 'string') {
    case 'number':
      return 12.5
    case 'integer':
      return 3
    case 'boolean':
      return true
    case 'date':
      return '2024-01-31'
    default:
      return f.personal ? PERSONAL_EXAMPLE[f.personal] : `示例${index + 1}`
  }
}

/** A legacy reply value: text for SOAP and forms (they carry no types), typed JSON for REST. */
function replyValue(f: FieldAnswer, index: number, typed: boolean): string | number | boolean {
  const personal: Partial<Record<Personal, string>> = { name: SAMPLE_USER.name, idNumber: SAMPLE_USER.idNumber, phone: SAMPLE_USER.phone }
  switch (f.type ?? 'string') {
    case 'number':
      return typed ? 12.5 : '12.50'
    case 'integer':
      return typed ? 3 : '3'
    case 'boolean':
      return typed ? true : 'true'
    case 'date':
      return '2024-01-31'
    default:
      return f.personal ? (personal[f.personal] ?? PERSONAL_EXAMPLE[f.personal]) : `结果${index + 1}`
  }
}

const CONVERT = { string: 'asText', date: 'asText', number: 'asNumber', integer: 'asInteger', boolean: 'asBoolean' } as const

function converted(f: FieldAnswer, raw: string | number | boolean): string | number | boolean {
  switch (f.type ?? 'string') {
    case 'number':
      return Number(raw)
    case 'integer':
      return Math.trunc(Number(raw))
    case 'boolean':
      return raw === true || raw === 'true'
    default:
      return String(raw)
  }
}

const USER_FIELDS: readonly Personal[] = ['idNumber', 'name', 'phone']

function operationView(op: OperationAnswer, protocol: AdapterTemplate['protocol']) {
  const inputs = op.input ?? []
  const outputs = op.output ?? []
  const identity = op.identity ?? (inputs.some((f) => f.personal === 'idNumber' || f.personal === 'name') ? 'required' : 'none')
  const idempotent = op.idempotent ?? false
  // With a verified platform user, the first name / ID number / mobile field is the user's own, not typed by them.
  const taken = new Set<Personal>()
  const legacyParams = inputs.map((f) => {
    let userField: Personal | undefined
    if (identity === 'required' && f.personal && USER_FIELDS.includes(f.personal) && !taken.has(f.personal)) {
      userField = f.personal
      taken.add(f.personal)
    }
    return { name: f.name, label: f.label ?? f.name, fromUser: userField !== undefined, userField: userField ?? '' }
  })
  const platformInputs = inputs.filter((_, i) => !legacyParams[i]!.fromUser).map((f) => ({ name: f.name, label: f.label ?? f.name, schema: fieldSchema(f), required: f.required === true }))
  // Null-prototype records: a field may be called __proto__ and must stay an own key.
  const example: Record<string, unknown> = Object.create(null)
  inputs.forEach((f, i) => {
    if (!legacyParams[i]!.fromUser) example[f.name] = exampleValue(f, i)
  })
  const expectedLegacy: Record<string, unknown> = Object.create(null)
  inputs.forEach((f, i) => {
    const p = legacyParams[i]!
    expectedLegacy[f.name] = p.fromUser ? SAMPLE_USER[p.userField as keyof typeof SAMPLE_USER] : example[f.name]
  })
  const typedReply = protocol === 'rest-json'
  const sampleReply: Record<string, unknown> = Object.create(null)
  const expectedOutput: Record<string, unknown> = Object.create(null)
  const outputProperties: Record<string, unknown> = Object.create(null)
  outputs.forEach((f, i) => {
    const raw = replyValue(f, i, typedReply)
    sampleReply[f.name] = raw
    expectedOutput[f.name] = converted(f, raw)
    const schema = fieldSchema(f)
    delete schema.maxLength
    delete schema.pattern
    outputProperties[f.name] = schema
  })
  const method = op.method ?? (idempotent ? 'GET' : 'POST')
  const pathParams = pathParameters(op.path)
  // What the legacy system receives: the path with its parameters filled, the rest as query or body.
  const expectedPath = (op.path ?? '').replace(/\{([^{}]+)\}/g, (_, name: string) => String(expectedLegacy[name] ?? ''))
  const expectedBody: Record<string, unknown> = Object.create(null)
  const expectedStrings: Record<string, string> = Object.create(null)
  for (const [name, value] of Object.entries(expectedLegacy)) {
    if (value === undefined) continue
    expectedStrings[name] = String(value)
    if (!pathParams.includes(name)) expectedBody[name] = value
  }
  // A form sends text: booleans as a checkbox would (1 / 0).
  const expectedForm: Record<string, string> = Object.create(null)
  for (const [name, value] of Object.entries(expectedLegacy)) if (value !== undefined) expectedForm[name] = typeof value === 'boolean' ? (value ? '1' : '0') : String(value)
  const expectedQuery: Record<string, string> = Object.create(null)
  for (const [name, value] of Object.entries(expectedBody)) expectedQuery[name] = String(value)
  return {
    id: op.id,
    name: op.name,
    title: `${op.name}（${op.id}）`,
    item: op.item ?? 'TODO',
    identity,
    identityRequired: identity === 'required',
    idempotent,
    method,
    path: op.path ?? '',
    pathParams,
    hasPathParams: pathParams.length > 0,
    // GET and DELETE carry their fields in the query string; the others in the body.
    sendsQuery: method === 'GET' || method === 'DELETE',
    soapOperation: protocol === 'soap' ? soapOperationName(op) : '',
    soapAction: op.soapAction ?? '',
    hasSoapAction: op.soapAction !== undefined,
    legacyParams,
    platformInputs,
    required: platformInputs.filter((f) => f.required).map((f) => f.name),
    outputs: outputs.map((f) => ({ name: f.name, label: f.label ?? f.name, convert: CONVERT[f.type ?? 'string'] })),
    hasOutputs: outputs.length > 0,
    outputSchema: { type: 'object', properties: outputProperties },
    example,
    exampleJson: JSON.stringify(example),
    expectedLegacy,
    expectedPath,
    expectedQuery,
    expectedBody,
    expectedStrings,
    expectedForm,
    sampleReply,
    expectedOutput,
    replyRows: outputs.map((f) => ({ label: f.label ?? f.name, value: String(sampleReply[f.name]) })),
  }
}

export type OperationView = ReturnType<typeof operationView>

export interface TemplateView extends Record<string, unknown> {
  template: { name: string; version: string }
  answers: Answers
  operations: OperationView[]
}

/** Everything a template file may use. Reads the profile the answers name (ids or files relative to `cwd`). */
export async function buildView(template: AdapterTemplate, answers: Answers, options: { cwd?: string; profile?: ProfileFacts } = {}): Promise<TemplateView> {
  const profile = options.profile ?? (await profileFacts(String(answers.profile ?? 'hebei-jishiban'), options.cwd))
  const operations = ((answers.operations ?? []) as OperationAnswer[]).map((op) => operationView(op, template.protocol))
  const legacyKey = String(answers.legacyKey ?? 'legacy')
  const prefix = legacyEnvPrefix(legacyKey)
  const needsIdentity = operations.some((op) => op.identity !== 'none')
  const platformEnv = needsIdentity
    ? [
        { name: 'YINGJIE_PLATFORM_URL', about: `${profile.platformName}身份认证接口的地址`, value: '' },
        ...profile.identityConfig.map((c) => ({ name: platformEnvName(c), about: `${profile.platformName}分配的 ${c}`, value: '' })),
        ...(profile.signedIdentity
          ? [
              { name: 'YINGJIE_PLATFORM_ACCESS_KEY', about: '调用平台身份接口所用的 AK', value: '' },
              { name: 'YINGJIE_PLATFORM_SECRET_KEY', about: '调用平台身份接口所用的 SK', value: '' },
            ]
          : []),
      ]
    : []
  const auth = String(answers.auth ?? 'none')
  return {
    template: { name: template.name, version: template.version },
    answers,
    operations,
    hasIdempotent: operations.some((op) => op.idempotent),
    firstOperation: operations[0] ?? { id: 'operation', exampleJson: '{}' },
    adapter: {
      name: answers.name,
      title: answers.title ?? answers.name,
      channel: answers.channel,
      profile: answers.profile ?? 'hebei-jishiban',
      port: answers.port ?? 8080,
      connector: answers.connector ?? '^0.1.0',
      // link: is pnpm's: npm cannot install it.
      linked: String(answers.connector ?? '').startsWith('link:'),
      sourceInterface: answers.sourceInterface ?? '',
      hasSourceInterface: Boolean(answers.sourceInterface),
    },
    legacy: {
      key: legacyKey,
      title: answers.system ?? legacyKey,
      // Serialised: quotes and spaces percent-encoded, so it is one word in .env files and READMEs.
      endpoint: new URL(String(answers.endpoint ?? 'http://127.0.0.1:9000/')).href,
      envName: `${prefix}_URL`,
      timeoutMs: answers.timeoutMs ?? 5000,
      concurrency: answers.concurrency ?? 16,
      encoding: answers.encoding ?? 'utf-8',
      namespace: answers.namespace ?? '',
      soapVersion: answers.soapVersion ?? '1.1',
      authNone: auth === 'none',
      authBasic: auth === 'basic',
      authBearer: auth === 'bearer',
      authNote: answers.authNote ?? '',
      hasAuthNote: Boolean(answers.authNote),
      userEnv: `${prefix}_USER`,
      passwordEnv: `${prefix}_PASSWORD`,
      tokenEnv: `${prefix}_TOKEN`,
    },
    platform: {
      id: profile.id,
      name: profile.platformName,
      credentialParam: profile.credentialParam,
      needsIdentity,
      env: platformEnv,
    },
    sampleUser: SAMPLE_USER,
  }
}
