/**
 * Answers: the values of a template's parameters, gathered from layers
 * (template defaults < remembered answers < an inventory Interface < an
 * answers file < --set flags < prompts), coerced and checked against each
 * parameter's type and validation. Problems are findings, located in the
 * answers file or template.yaml where they come from one.
 */
import { closest, finding, readYamlFile, type Finding, type ParsedDocument, type ValuePath } from '@yingjie/model'
import type { ValidateFunction } from 'ajv'
import { ajv } from './_ajv'
import { ScaffoldError } from './_errors'
import type { AdapterTemplate, TemplateParameter, TemplateProtocol } from './_template'

export type Answers = Record<string, unknown>

export const FIELD_TYPES = ['string', 'number', 'integer', 'boolean', 'date'] as const
export const PERSONAL_KINDS = ['name', 'idNumber', 'phone', 'email', 'bankCard', 'address'] as const
export const IDENTITY_KINDS = ['required', 'optional', 'none'] as const
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const

/** One field of a legacy operation, as in the inventory's Interface entity. */
export interface FieldAnswer {
  name: string
  label?: string
  type?: (typeof FIELD_TYPES)[number]
  required?: boolean
  personal?: (typeof PERSONAL_KINDS)[number]
}

/** One operation: the inventory's Interface operation plus what an adapter needs on top. */
export interface OperationAnswer {
  /** Operation id in the adapter's URL (`POST /api/<id>`). */
  id: string
  name: string
  /** Service item code (高频事项 or implementation code). */
  item?: string
  /** @default 'required' when an input field carries a name or ID number, else 'none' */
  identity?: (typeof IDENTITY_KINDS)[number]
  idempotent?: boolean
  method?: (typeof HTTP_METHODS)[number]
  path?: string
  soapAction?: string
  /** SOAP body element; @default the last segment of soapAction */
  soapOperation?: string
  input?: FieldAnswer[]
  output?: FieldAnswer[]
}

const FIELD_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100 },
    label: { type: 'string', maxLength: 200 },
    type: { enum: FIELD_TYPES },
    required: { type: 'boolean' },
    personal: { enum: PERSONAL_KINDS },
  },
}

const OPERATIONS_SCHEMA = {
  type: 'array',
  minItems: 1,
  maxItems: 200,
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['id', 'name'],
    properties: {
      id: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{0,63}$', description: '操作 id：字母开头，只含字母、数字、_ 和 -' },
      name: { type: 'string', minLength: 1, maxLength: 200 },
      item: { type: 'string', minLength: 1, maxLength: 100 },
      identity: { enum: IDENTITY_KINDS },
      idempotent: { type: 'boolean' },
      method: { enum: HTTP_METHODS },
      path: { type: 'string', pattern: "^/[A-Za-z0-9\\-._~!$&'()*+,;=:@%/{}]*$", maxLength: 500, description: '以 / 开头的路径，只含网址允许的 ASCII 字符，{参数} 表示路径参数' },
      soapAction: { type: 'string', minLength: 1, maxLength: 500 },
      soapOperation: { type: 'string', pattern: '^[A-Za-z_][A-Za-z0-9_.-]*$', description: 'XML 元素名' },
      input: { type: 'array', items: FIELD_SCHEMA, maxItems: 200 },
      output: { type: 'array', items: FIELD_SCHEMA, maxItems: 200 },
    },
  },
}

let validateOperations: ValidateFunction | undefined

/** XML element names the connector's SOAP client accepts. */
export const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

/**
 * Element names the connector's XML parser (fast-xml-parser) refuses or
 * renames to keep JavaScript objects safe: a SOAP field with one of these
 * names could not be read back, so the scaffold refuses it up front.
 */
export const XML_UNSAFE_NAMES: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  'hasOwnProperty',
  'toString',
  'valueOf',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
])

export interface AnswerProblem {
  /** Path inside the parameter's value, e.g. [0, 'input', 2, 'name']. */
  path: ValuePath
  reason: { zh: string; en: string }
}

const codePoints = (s: string) => [...s].length

/** The SOAP body element of an operation: given, else the soapAction's last segment, else the id in PascalCase. */
export function soapOperationName(op: OperationAnswer): string {
  if (op.soapOperation) return op.soapOperation
  const last = op.soapAction?.split(/[/:#]/).filter(Boolean).pop()
  if (last && XML_NAME.test(last)) return last
  return op.id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('')
}

/** Path parameters of a REST path: `/cards/{id}` → ['id']. */
export function pathParameters(path: string | undefined): string[] {
  return [...(path ?? '').matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!)
}

function checkOperations(value: unknown, protocol: TemplateProtocol, answers: Answers): AnswerProblem[] {
  validateOperations ??= ajv.compile(OPERATIONS_SCHEMA)
  if (!validateOperations(value)) {
    return (validateOperations.errors ?? []).map((e) => {
      const path = e.instancePath.split('/').filter(Boolean).map((p) => (/^\d+$/.test(p) ? Number(p) : p.replace(/~1/g, '/').replace(/~0/g, '~')))
      const about = (e.parentSchema as { description?: string } | undefined)?.description
      return { path, reason: { zh: `${e.instancePath || '操作列表'} ${e.message ?? ''}${about ? `（${about}）` : ''}`, en: `${e.instancePath || 'operations'} ${e.message ?? ''}` } }
    })
  }
  const ops = value as OperationAnswer[]
  const problems: AnswerProblem[] = []
  const seen = new Set<string>()
  // GBK cannot carry characters beyond the BMP (emoji); a form page in GBK would turn them into '?'.
  const gbk = protocol === 'html-form' && (answers.encoding ?? 'gbk') === 'gbk'
  ops.forEach((op, i) => {
    if (seen.has(op.id)) problems.push({ path: [i, 'id'], reason: { zh: `操作 id “${op.id}” 重复`, en: `operation id '${op.id}' is repeated` } })
    seen.add(op.id)
    for (const side of ['input', 'output'] as const) {
      const names = new Set<string>()
      ;(op[side] ?? []).forEach((f, j) => {
        if (names.has(f.name)) problems.push({ path: [i, side, j, 'name'], reason: { zh: `操作 ${op.id} 的字段 “${f.name}” 重复`, en: `operation ${op.id}: field '${f.name}' is repeated` } })
        names.add(f.name)
        if (protocol === 'soap' && !XML_NAME.test(f.name)) {
          problems.push({ path: [i, side, j, 'name'], reason: { zh: `SOAP 字段名 “${f.name}” 不是合法的 XML 元素名（字母或 _ 开头，只含字母、数字、_ . -）`, en: `SOAP field name '${f.name}' is not an XML element name` } })
        } else if (protocol === 'soap' && XML_UNSAFE_NAMES.has(f.name)) {
          problems.push({ path: [i, side, j, 'name'], reason: { zh: `SOAP 字段名 “${f.name}” 会被 XML 解析器出于安全原因拒绝或改名，无法读取；请在映射中换用其他元素名`, en: `SOAP field name '${f.name}' is refused or renamed by the XML parser for safety and cannot be read` } })
        }
        if (gbk) {
          for (const [key, text] of [['name', f.name], ['label', f.label ?? '']] as const) {
            const bad = [...text].find((c) => c.codePointAt(0)! > 0xffff)
            if (bad) problems.push({ path: [i, side, j, key], reason: { zh: `“${bad}” 无法用 GBK 编码，旧系统会收到或显示为 “?”；改用 gb18030 编码，或换掉这个字符`, en: `'${bad}' cannot be encoded in GBK; use gb18030 or another character` } })
          }
        }
      })
    }
    if (protocol === 'soap') {
      const element = soapOperationName(op)
      if (!XML_NAME.test(element)) problems.push({ path: [i, 'soapOperation'], reason: { zh: `SOAP 操作名 “${element}” 不是合法的 XML 元素名`, en: `SOAP operation '${element}' is not an XML element name` } })
    } else {
      if (!op.path) problems.push({ path: [i], reason: { zh: `操作 ${op.id} 缺少 path（旧接口的路径，如 /api/query）`, en: `operation ${op.id} has no path (the legacy path, e.g. /api/query)` } })
      if (protocol === 'html-form' && op.method && op.method !== 'GET' && op.method !== 'POST') {
        problems.push({ path: [i, 'method'], reason: { zh: 'HTML 表单只能用 GET 或 POST', en: 'HTML forms use GET or POST only' } })
      }
      const inputs = new Set((op.input ?? []).map((f) => f.name))
      for (const p of pathParameters(op.path)) {
        if (!inputs.has(p)) problems.push({ path: [i, 'path'], reason: { zh: `路径参数 {${p}} 不是该操作的输入字段`, en: `path parameter {${p}} is not an input field` } })
      }
    }
  })
  return problems
}

/** Check one value against its parameter. `answers` gives the context some checks need (encoding). */
export function checkAnswer(param: TemplateParameter, value: unknown, protocol: TemplateProtocol, answers: Answers = {}): AnswerProblem[] {
  const problem = (zh: string, en: string): AnswerProblem[] => [{ path: [], reason: { zh, en } }]
  const v = param.validation ?? {}
  const custom = v.message
  switch (param.type) {
    case 'string':
    case 'url':
    case 'profile':
    case 'enum': {
      if (typeof value !== 'string') return problem('应为文本', 'must be text')
      if (v.minLength !== undefined && codePoints(value) < v.minLength) return problem(custom ?? `至少 ${v.minLength} 个字符`, `at least ${v.minLength} characters`)
      if (v.maxLength !== undefined && codePoints(value) > v.maxLength) return problem(custom ?? `最多 ${v.maxLength} 个字符`, `at most ${v.maxLength} characters`)
      if (v.pattern !== undefined && !new RegExp(v.pattern, 'u').test(value)) return problem(custom ?? `应符合 ${v.pattern}`, `must match ${v.pattern}`)
      if (param.type === 'enum' && !(param.choices ?? []).includes(value)) return problem(`应为 ${(param.choices ?? []).join('、')} 之一`, `must be one of ${(param.choices ?? []).join(', ')}`)
      if (param.type === 'url') {
        let url: URL | undefined
        try {
          url = new URL(value)
        } catch {
          url = undefined
        }
        if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || /\s/.test(value)) return problem(custom ?? '应为 http:// 或 https:// 开头的网址', 'must be an http:// or https:// URL')
      }
      if (param.type === 'profile' && !/^[a-z0-9][a-z0-9-]*$/.test(value) && !/\.ya?ml$/.test(value)) {
        return problem('应为接入规范配置 id（如 hebei-jishiban）或 .yaml 文件路径', 'must be a profile id (e.g. hebei-jishiban) or a .yaml file')
      }
      return []
    }
    case 'integer': {
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return problem('应为整数', 'must be an integer')
      if (v.minimum !== undefined && value < v.minimum) return problem(custom ?? `不能小于 ${v.minimum}`, `must be at least ${v.minimum}`)
      if (v.maximum !== undefined && value > v.maximum) return problem(custom ?? `不能大于 ${v.maximum}`, `must be at most ${v.maximum}`)
      return []
    }
    case 'boolean':
      return typeof value === 'boolean' ? [] : problem('应为 true 或 false', 'must be true or false')
    case 'operations':
      return checkOperations(value, protocol, answers)
  }
}

/** Turn typed text (a flag, a prompt answer) into the parameter's type; unchanged when it cannot. */
export function coerceAnswer(param: TemplateParameter, text: string): unknown {
  switch (param.type) {
    case 'integer':
      return /^-?\d+$/.test(text.trim()) ? Number(text.trim()) : text
    case 'boolean': {
      const t = text.trim().toLowerCase()
      if (['true', 'yes', 'y', '1', '是', 'on'].includes(t)) return true
      if (['false', 'no', 'n', '0', '否', 'off'].includes(t)) return false
      return text
    }
    case 'operations':
      try {
        return JSON.parse(text) as unknown
      } catch {
        return text
      }
    default:
      return text
  }
}

/** `--set name=value` flags to a map; a flag without `=` is a problem. */
export function parseSetFlags(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const item of values) {
    const eq = item.indexOf('=')
    if (eq <= 0) {
      throw new ScaffoldError([
        finding({
          code: 'YJ_ANSWER_INVALID',
          message: { zh: `--set ${item} 应写成 名称=值`, en: `--set ${item} must be name=value` },
          hint: { zh: '例如 --set timeoutMs=3000', en: 'e.g. --set timeoutMs=3000' },
        }),
      ])
    }
    out[item.slice(0, eq)] = item.slice(eq + 1)
  }
  return out
}

export interface AnswersFile {
  file: string
  values: Answers
  document: ParsedDocument
}

/** Read an answers file (YAML or JSON): a mapping of parameter name → value; `template` may name the template. */
export async function readAnswersFile(file: string): Promise<AnswersFile> {
  const parsed = await readYamlFile(file)
  const errors = parsed.findings.filter((f) => f.severity === 'error')
  if (errors.length) throw new ScaffoldError(parsed.findings)
  const doc = parsed.documents[0]
  if (!doc || doc.value === null || typeof doc.value !== 'object' || Array.isArray(doc.value)) {
    throw new ScaffoldError([
      finding({
        code: 'YJ_ANSWER_INVALID',
        message: { zh: '应答文件应为“参数名: 值”的映射', en: 'the answers file must be a mapping of parameter: value' },
        hint: { zh: '例如 name: bd-mzj-adapter（YAML）或 {"name": "bd-mzj-adapter"}（JSON）', en: 'e.g. name: bd-mzj-adapter (YAML) or {"name": "bd-mzj-adapter"} (JSON)' },
        location: { file, line: 1, column: 1 },
      }),
    ])
  }
  return { file, values: doc.value as Answers, document: doc }
}

/** Where a layer of answers came from; later layers win. */
export type AnswerLayer =
  | { source: 'remembered'; values: Answers }
  | { source: 'interface'; values: Answers; id: string }
  | { source: 'file'; file: AnswersFile }
  | { source: 'flags'; values: Record<string, string> }
  | { source: 'prompt'; values: Answers }

export type AnswerOrigin = 'default' | AnswerLayer['source']

export interface ResolvedAnswers {
  answers: Answers
  origin: Record<string, AnswerOrigin>
  /** Required parameters with no value from any layer. */
  missing: TemplateParameter[]
  findings: Finding[]
}

/** Required unless it says otherwise or has a default. */
export function isRequired(p: TemplateParameter): boolean {
  return p.required ?? p.default === undefined
}

/**
 * Merge the layers over the template's defaults and check every value.
 * Unknown names in a file or in flags are errors (with a did-you-mean);
 * remembered and Interface-derived answers the template no longer has are
 * dropped quietly.
 */
export function resolveAnswers(template: AdapterTemplate, layers: readonly AnswerLayer[]): ResolvedAnswers {
  const params = new Map(template.parameters.map((p) => [p.name, p]))
  const answers: Answers = {}
  const origin: Record<string, AnswerOrigin> = {}
  const findings: Finding[] = []
  const fileOf = new Map<string, AnswersFile>()
  for (const p of template.parameters) {
    if (p.default !== undefined) {
      answers[p.name] = structuredClone(p.default)
      origin[p.name] = 'default'
    }
  }
  for (const layer of layers) {
    const values = layer.source === 'file' ? layer.file.values : layer.values
    for (const [name, raw] of Object.entries(values)) {
      if (name === 'template' && layer.source === 'file') continue
      const param = params.get(name)
      if (!param) {
        if (layer.source === 'file' || layer.source === 'flags') {
          const guess = closest(name, params.keys())
          findings.push(
            finding({
              code: 'YJ_ANSWER_UNKNOWN',
              message: { zh: `模板 ${template.name} 没有参数 “${name}”`, en: `template ${template.name} has no parameter "${name}"` },
              hint: guess
                ? { zh: `是否应为 “${guess}”？`, en: `did you mean "${guess}"?` }
                : { zh: `可用参数：${[...params.keys()].join('、')}`, en: `parameters: ${[...params.keys()].join(', ')}` },
              ...(layer.source === 'file' ? { location: layer.file.document.locate([name], 'key') } : {}),
            }),
          )
        }
        continue
      }
      answers[name] = layer.source === 'flags' || (layer.source === 'prompt' && typeof raw === 'string') ? coerceAnswer(param, raw as string) : raw
      origin[name] = layer.source
      if (layer.source === 'file') fileOf.set(name, layer.file)
      else fileOf.delete(name)
    }
  }
  const missing: TemplateParameter[] = []
  for (const p of template.parameters) {
    if (!(p.name in answers) || answers[p.name] === null) {
      delete answers[p.name]
      if (isRequired(p)) missing.push(p)
      continue
    }
    for (const problem of checkAnswer(p, answers[p.name], template.protocol, answers)) {
      const file = fileOf.get(p.name)
      const from = origin[p.name]
      const where = from === 'flags' ? `--set ${p.name}` : from === 'interface' ? `${p.name}（来自清单接口）` : p.name
      findings.push(
        finding({
          code: 'YJ_ANSWER_INVALID',
          message: { zh: `参数 ${where} 的取值不符合要求：${problem.reason.zh}`, en: `parameter ${p.name}: ${problem.reason.en}` },
          hint: { zh: `${p.description}`, en: p.descriptionEn ?? p.description },
          ...(file ? { location: file.document.locate([p.name, ...problem.path], 'value') } : {}),
          path: [p.name, ...problem.path],
        }),
      )
    }
  }
  return { answers, origin, missing, findings }
}

/** Problems in the parameter definitions themselves (template authors' mistakes), located in template.yaml. */
export function checkParameterDefinitions(template: AdapterTemplate): Finding[] {
  const out: Finding[] = []
  const seen = new Set<string>()
  template.parameters.forEach((p, i) => {
    const at = (...path: (string | number)[]) => template.document.locate(['parameters', i, ...path])
    const bad = (zh: string, en: string, path: (string | number)[]) =>
      out.push(finding({ code: 'YJ_TEMPLATE_INVALID', message: { zh: `参数 ${p.name}：${zh}`, en: `parameter ${p.name}: ${en}` }, hint: { zh: '修改 template.yaml', en: 'fix template.yaml' }, location: at(...path) }))
    if (seen.has(p.name)) bad('重复定义', 'defined twice', ['name'])
    seen.add(p.name)
    if (p.type === 'enum' && !p.choices?.length) bad('enum 类型需要 choices', 'an enum needs choices', [])
    if (p.validation?.pattern !== undefined) {
      try {
        new RegExp(p.validation.pattern, 'u')
      } catch (error) {
        bad(`pattern 不是有效的正则表达式：${(error as Error).message}`, `pattern is not a valid regular expression: ${(error as Error).message}`, ['validation', 'pattern'])
        return
      }
    }
    if (p.default !== undefined) {
      for (const problem of checkAnswer(p, p.default, template.protocol, Object.fromEntries(template.parameters.filter((q) => q.default !== undefined).map((q) => [q.name, q.default])))) {
        bad(`默认值不符合自身的校验规则：${problem.reason.zh}`, `the default breaks its own rule: ${problem.reason.en}`, ['default', ...problem.path.map((x) => x)])
      }
    }
  })
  return out
}
