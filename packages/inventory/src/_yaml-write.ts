/**
 * Changing inventory YAML the way a careful person would: touch only the
 * values that changed, keep every comment, key order, quoting style and the
 * other documents of the file byte for byte. Pure text in, text out; the
 * importer does the file I/O.
 */
import jsyaml from 'js-yaml'
import { Document, isMap, isNode, isScalar, parseAllDocuments, type Node } from 'yaml'
import type { ValuePath } from '@yingjie/model'

/** One change to a document: set `value` at `path`, or delete `path` when `value` is undefined. */
export interface ValueEdit {
  path: ValuePath
  value?: unknown
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]))
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a)
    const kb = Object.keys(b)
    return ka.length === kb.length && ka.every((k) => k in b && deepEqual(a[k], b[k]))
  }
  return false
}

/**
 * The edits that turn `before` into `after`: objects are compared key by
 * key, anything else (scalars, lists) is replaced whole when it differs.
 */
export function diffValues(before: unknown, after: unknown, path: (string | number)[] = []): ValueEdit[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const edits: ValueEdit[] = []
    for (const key of Object.keys(before)) if (!(key in after)) edits.push({ path: [...path, key] })
    for (const key of Object.keys(after)) {
      if (!(key in before)) edits.push({ path: [...path, key], value: after[key] })
      else edits.push(...diffValues(before[key], after[key], [...path, key]))
    }
    return edits
  }
  return deepEqual(before, after) ? [] : [{ path, value: after }]
}

const STRINGIFY = { lineWidth: 0 } as const

function entityKey(value: unknown): string | undefined {
  if (!isPlainObject(value)) return undefined
  const meta = value.metadata
  return isPlainObject(meta) && typeof meta.id === 'string' ? `${String(value.kind)}:${meta.id}` : undefined
}

/**
 * Apply edits to the document whose kind and id match, in YAML text that
 * may hold several documents. Scalars that change are rewritten in place
 * (keeping their quoting); anything else re-renders that one document with
 * `yaml`'s Document API, which keeps comments and key order.
 * @throws Error when no document has that kind and id.
 */
export function editEntityInYaml(text: string, kind: string, id: string, edits: readonly ValueEdit[]): string {
  const docs = parseAllDocuments(text)
  const list = 'empty' in docs ? [] : docs
  const doc = list.find((d) => d.errors.length === 0 && entityKey(d.toJS()) === `${kind}:${id}`)
  if (!doc || !doc.contents) throw new Error(`no ${kind} ${id} in the file`)
  const expected = applyToValue(doc.toJS(), edits)
  const inPlace = editScalarsInPlace(text, doc, edits)
  if (inPlace !== undefined && sameEntity(inPlace, kind, id, expected)) return inPlace
  for (const edit of edits) {
    if (edit.value === undefined) doc.deleteIn(edit.path)
    else doc.setIn(edit.path, edit.value)
  }
  const body = doc.clone()
  body.commentBefore = null
  body.comment = null
  if (body.directives) body.directives.docStart = null
  // Comments above the document stay where they are in the text (before the
  // spliced range); yaml may hang them on the contents or on its first key.
  if (body.contents && 'commentBefore' in body.contents) {
    ;(body.contents as Node).commentBefore = undefined
    ;(body.contents as Node).spaceBefore = false
  }
  const firstKey = isMap(body.contents) ? body.contents.items[0]?.key : undefined
  if (isNode(firstKey)) {
    firstKey.commentBefore = undefined
    firstKey.spaceBefore = false
  }
  const contents = doc.contents as Node
  const start = contents.range![0]
  const end = doc.range[1]
  const rendered = body.toString(STRINGIFY)
  const splice = (middle: string): string => `${text.slice(0, start)}${middle}${text.slice(end)}`
  // yaml pads every flow collection alike ({ a: 1 } and [ a ]); lines that did not
  // change go back to exactly how they were written, checked by reading the result.
  const restored = splice(restoreUnchangedLines(rendered, text.slice(start, end)))
  if (sameEntity(restored, kind, id, expected)) return restored
  const plain = splice(rendered)
  if (!sameEntity(plain, kind, id, expected)) throw new Error(`editing ${kind} ${id} would not give the intended value; nothing written`)
  return plain
}

/** Spacing that YAML ignores: around flow brackets and commas, before comments, at line ends. */
function layoutKey(line: string): string {
  return line
    .replace(/\s+/g, ' ')
    .replace(/([[{]) /g, '$1')
    .replace(/ ([\]}])/g, '$1')
    .trimEnd()
}

function restoreUnchangedLines(rendered: string, original: string): string {
  const byKey = new Map<string, string>()
  for (const line of original.split('\n')) if (!byKey.has(layoutKey(line))) byKey.set(layoutKey(line), line)
  return rendered
    .split('\n')
    .map((line) => byKey.get(layoutKey(line)) ?? line)
    .join('\n')
}

function editScalarsInPlace(text: string, doc: Document.Parsed, edits: readonly ValueEdit[]): string | undefined {
  const replacements: { start: number; end: number; text: string }[] = []
  for (const edit of edits) {
    const value = edit.value
    if (value === undefined || (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')) return undefined
    if (typeof value === 'string' && /[\n\r]/.test(value)) return undefined
    const node = doc.getIn(edit.path, true)
    if (!isScalar(node) || !node.range) return undefined
    const rendered = new Document(value)
    if (node.type && node.type !== 'BLOCK_FOLDED' && node.type !== 'BLOCK_LITERAL') (rendered.contents as { type?: string }).type = node.type
    replacements.push({ start: node.range[0], end: node.range[1], text: rendered.toString(STRINGIFY).replace(/\n$/, '') })
  }
  replacements.sort((a, b) => b.start - a.start)
  let out = text
  for (const r of replacements) out = `${out.slice(0, r.start)}${r.text}${out.slice(r.end)}`
  return out
}

/** Check an edited text: it parses and the entity now has exactly the intended value. */
function sameEntity(text: string, kind: string, id: string, expected: unknown): boolean {
  const docs = parseAllDocuments(text)
  if ('empty' in docs) return false
  const doc = docs.find((d) => d.errors.length === 0 && entityKey(d.toJS()) === `${kind}:${id}`)
  return doc !== undefined && docs.every((d) => d.errors.length === 0) && deepEqual(doc.toJS(), expected)
}

function applyToValue(value: unknown, edits: readonly ValueEdit[]): unknown {
  const copy = structuredClone(value) as Record<string, unknown>
  for (const edit of edits) {
    let node: Record<string, unknown> = copy
    for (const seg of edit.path.slice(0, -1)) {
      if (!isPlainObject(node[seg])) node[seg] = {}
      node = node[seg] as Record<string, unknown>
    }
    const last = String(edit.path[edit.path.length - 1])
    if (edit.value === undefined) delete node[last]
    else node[last] = structuredClone(edit.value)
  }
  return copy
}

/**
 * YAML text of one new entity document (no `---`). New documents have no
 * comments or layout to keep, so the faster js-yaml serializer writes them
 * (an import may add thousands); its core schema quotes exactly the strings
 * that would otherwise read back as numbers or booleans.
 */
export function renderEntity(value: object): string {
  return jsyaml.dump(value, { schema: jsyaml.CORE_SCHEMA, lineWidth: -1, noRefs: true, quotingType: '"' })
}

/**
 * Add new entity documents to a file's text, or start a new file with the
 * schema header so editors complete and check it.
 */
export function appendEntities(text: string | undefined, values: readonly object[], schemaHeader?: string): string {
  const rendered = values.map(renderEntity)
  if (text === undefined || text.trim() === '') {
    const head = schemaHeader ? `# yaml-language-server: $schema=${schemaHeader}\n` : ''
    return `${head}${rendered.join('---\n')}`
  }
  return `${text.replace(/\n*$/, '\n')}${rendered.map((r) => `---\n${r}`).join('')}`
}
