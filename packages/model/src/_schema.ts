import type { ErrorObject } from 'ajv'
import { finding, type Finding, type ValuePath } from './_findings'
import type { ParsedDocument } from './_yaml'

/** Turn a JSON pointer (`/spec/services/0`) into a value path. */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '') return []
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s))
}

function describe(path: ValuePath): string {
  return path.length === 0 ? '(root)' : path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[')
}

/** Levenshtein distance, for "did you mean" hints; stops early once it exceeds `cap`. */
export function editDistance(a: string, b: string, cap = Infinity): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!
    prev[0] = i
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = tmp
      if (prev[j]! < rowMin) rowMin = prev[j]!
    }
    if (rowMin > cap) return cap + 1
  }
  return prev[b.length]!
}

/**
 * The candidate closest to `word`, if it is close enough to be a likely typo
 * (at most `maxDistance` edits; by default 2, or a third of the word).
 */
export function closest(word: string, candidates: Iterable<string>, maxDistance = Math.max(2, Math.floor(word.length / 3))): string | undefined {
  let best: string | undefined
  let bestDistance = maxDistance + 1
  const w = word.toLowerCase()
  for (const c of candidates) {
    // Length alone bounds the distance; skipping keeps large inventories fast.
    if (Math.abs(c.length - w.length) >= bestDistance) continue
    const d = editDistance(w, c.toLowerCase(), bestDistance - 1)
    if (d < bestDistance) {
      best = c
      bestDistance = d
    }
  }
  return best
}

/**
 * Map JSON Schema (ajv) errors on one document to located findings with
 * stable codes. Compile with `new Ajv({ allErrors: true, verbose: true })`:
 * `verbose` gives each error its parent schema, from which the hints take
 * field lists and descriptions. Errors from `if` branches are bookkeeping and dropped; one
 * finding per path and code.
 */
export function schemaFindings(
  errors: readonly ErrorObject[] | null | undefined,
  doc: ParsedDocument,
  entity?: { kind: string; id: string },
): Finding[] {
  const out: Finding[] = []
  const seen = new Set<string>()
  for (const e of errors ?? []) {
    if (e.keyword === 'if' || e.keyword === 'allOf') continue
    const path = pointerToPath(e.instancePath)
    const f = mapError(e, path, doc, entity)
    if (!f) continue
    const key = `${f.code}|${describe(f.path ?? path)}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push(f)
  }
  return out
}

function mapError(e: ErrorObject, path: (string | number)[], doc: ParsedDocument, entity?: { kind: string; id: string }): Finding | undefined {
  const where = describe(path)
  const schema = (e.parentSchema ?? {}) as { description?: string; properties?: Record<string, unknown>; enum?: unknown[] }
  const about = schema.description ? `（${schema.description}）` : ''
  const aboutEn = ''
  const base = { entity, path }
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String((e.params as { additionalProperty: string }).additionalProperty)
      const allowed = Object.keys(schema.properties ?? {})
      const guess = closest(prop, allowed)
      const fieldPath = [...path, prop]
      return finding({
        ...base,
        path: fieldPath,
        code: 'YJ_FIELD_UNKNOWN',
        message: { zh: `未知字段 “${prop}”（位于 ${where}）`, en: `unknown field "${prop}" in ${where}` },
        hint: guess
          ? { zh: `是否应为 “${guess}”？`, en: `did you mean "${guess}"?` }
          : { zh: `允许的字段：${allowed.join('、')}`, en: `allowed fields: ${allowed.join(', ')}` },
        location: doc.locate(fieldPath, 'key'),
      })
    }
    case 'propertyNames': {
      const prop = String((e.params as { propertyName: string }).propertyName)
      const fieldPath = [...path, prop]
      return finding({
        ...base,
        path: fieldPath,
        code: 'YJ_FIELD_UNKNOWN',
        message: { zh: `不允许的键 “${prop}”（位于 ${where}）`, en: `key "${prop}" is not allowed in ${where}` },
        hint: { zh: '检查键名拼写', en: 'check the spelling of the key' },
        location: doc.locate(fieldPath, 'key'),
      })
    }
    case 'required': {
      const prop = String((e.params as { missingProperty: string }).missingProperty)
      const propSchema = (schema.properties?.[prop] ?? {}) as { description?: string }
      const label = propSchema.description ? `（${propSchema.description}）` : ''
      return finding({
        ...base,
        path: [...path, prop],
        code: 'YJ_FIELD_REQUIRED',
        message: { zh: `缺少必填字段 “${prop}”${label}（位于 ${where}）`, en: `missing required field "${prop}" in ${where}` },
        hint: { zh: `在 ${where} 下添加 ${prop}`, en: `add ${prop} under ${where}` },
        location: doc.locate(path, 'value'),
      })
    }
    case 'type': {
      const expected = String((e.params as { type: string | string[] }).type)
      return finding({
        ...base,
        code: 'YJ_TYPE_INVALID',
        message: { zh: `${where} 的类型应为 ${typeZh(expected)}${about}`, en: `${where} should be of type ${expected}${aboutEn}` },
        hint: typeHint(expected),
        location: doc.locate(path),
      })
    }
    case 'enum':
    case 'const': {
      const allowed = e.keyword === 'enum' ? ((e.params as { allowedValues: unknown[] }).allowedValues ?? []) : [(e.params as { allowedValue: unknown }).allowedValue]
      return finding({
        ...base,
        code: 'YJ_VALUE_NOT_ALLOWED',
        message: { zh: `${where} 的取值不在允许范围内${about}`, en: `${where} has a value that is not allowed` },
        hint: { zh: `可选值：${allowed.map(String).join('、')}`, en: `allowed values: ${allowed.map(String).join(', ')}` },
        location: doc.locate(path),
      })
    }
    case 'pattern':
    case 'format':
      return finding({
        ...base,
        code: 'YJ_VALUE_FORMAT',
        message: { zh: `${where} 的格式不正确${about}`, en: `${where} is not in the expected format` },
        hint: {
          zh: schema.description ? `按要求填写：${schema.description}` : `应匹配 ${String((e.params as { pattern?: string }).pattern ?? '')}`,
          en: `it must match ${String((e.params as { pattern?: string }).pattern ?? e.message ?? '')}`,
        },
        location: doc.locate(path),
      })
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return finding({
        ...base,
        code: 'YJ_VALUE_RANGE',
        message: { zh: `${where} 超出允许范围（${e.message ?? ''}）${about}`, en: `${where} is out of range (${e.message ?? ''})` },
        hint: { zh: '修改为允许范围内的值', en: 'use a value within the allowed range' },
        location: doc.locate(path),
      })
    default:
      return finding({
        ...base,
        code: 'YJ_SCHEMA',
        message: { zh: `${where} 不符合清单格式：${e.message ?? e.keyword}`, en: `${where} does not match the schema: ${e.message ?? e.keyword}` },
        hint: { zh: '对照 JSON Schema 检查该字段', en: 'compare the field with the JSON Schema' },
        location: doc.locate(path),
      })
  }
}

function typeZh(t: string): string {
  const map: Record<string, string> = { string: '文本', integer: '整数', number: '数字', boolean: '布尔值（true/false）', object: '对象（键: 值）', array: '列表（- 项）' }
  return t
    .split(',')
    .map((x) => map[x] ?? x)
    .join(' 或 ')
}

function typeHint(t: string): { zh: string; en: string } {
  if (t === 'string') return { zh: '用引号把取值括起来，例如 "0312-1234567"', en: 'quote the value, e.g. "0312-1234567"' }
  if (t === 'array') return { zh: '写成列表，每项以 “- ” 开头', en: 'write a list, each item starting with "- "' }
  if (t === 'object') return { zh: '写成 “键: 值” 的对象', en: 'write a mapping of "key: value"' }
  return { zh: `改为${typeZh(t)}`, en: `use a ${t}` }
}
