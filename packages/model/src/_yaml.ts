import { readFile, stat } from 'node:fs/promises'
import jsyaml from 'js-yaml'
import { isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml'
import { finding, type Finding, type SourceLocation, type ValuePath } from './_findings'

/** One YAML document with its plain value and a way back to source positions. */
export interface ParsedDocument {
  file: string
  /** 0-based index of the document in its file. */
  index: number
  value: unknown
  /**
   * Position of the value (or its key) at `path`. When the path does not exist
   * (a required field is missing) the deepest existing ancestor is returned,
   * which is where the user has to add it.
   */
  locate(path: ValuePath, target?: 'key' | 'value'): SourceLocation
}

export interface ParsedFile {
  file: string
  documents: ParsedDocument[]
  findings: Finding[]
}

export interface ReadYamlOptions {
  /**
   * Files larger than this are refused with `YJ_FILE_TOO_LARGE` before being read.
   * @default 10 MiB
   */
  maxBytes?: number
  /**
   * How many alias dereferences a document may make; guards against alias bombs.
   * @default 100
   */
  maxAliasCount?: number
}

export const DEFAULT_MAX_YAML_BYTES = 10 * 1024 * 1024

const YAML_CODES: Record<string, { code: string; zh: string; en: string; hintZh: string; hintEn: string }> = {
  DUPLICATE_KEY: {
    code: 'YJ_YAML_DUPLICATE_KEY',
    zh: '同一对象中出现重复的键',
    en: 'duplicate key in the same mapping',
    hintZh: '删除或合并重复的键，每个键只能出现一次',
    hintEn: 'remove or merge the repeated key; each key may appear once',
  },
  TAB_AS_INDENT: {
    code: 'YJ_YAML_TAB',
    zh: 'YAML 缩进中使用了制表符（Tab）',
    en: 'tab character used for indentation',
    hintZh: '把制表符换成空格（建议每级 2 个空格）',
    hintEn: 'replace tabs with spaces (2 per level is usual)',
  },
}

function at(file: string, lc: LineCounter, offset: number): SourceLocation {
  const pos = lc.linePos(offset)
  return { file, line: pos.line, column: pos.col }
}

// An anchor (&a) or alias (*a) starting a token. Files with one take the
// careful path, which limits alias expansion; a false positive only costs time.
const ANCHOR_OR_ALIAS = /(?:^|[\s,[{])[&*][^\s,[\]{}]/m

/**
 * Parse YAML text (already decoded) into documents that remember positions.
 *
 * Two parsers, one authority. `yaml` builds a full syntax tree with source
 * ranges and precise errors, but costs about 1 s per 2 MB; js-yaml is several
 * times faster and keeps no positions. Clean files (the overwhelming case)
 * are read with js-yaml and their tree is built with `yaml` only when a
 * finding needs a position; any file js-yaml rejects, or that uses anchors,
 * goes through `yaml`, whose findings are the ones reported.
 */
export function parseYamlText(text: string, file: string, options: ReadYamlOptions = {}): ParsedFile {
  return fastParse(text, file, options) ?? parseWithPositions(text, file, options)
}

function fastParse(text: string, file: string, options: ReadYamlOptions): ParsedFile | undefined {
  if (ANCHOR_OR_ALIAS.test(text)) return undefined
  let values: unknown[]
  try {
    values = jsyaml.loadAll(text, undefined, { schema: jsyaml.CORE_SCHEMA, filename: file })
  } catch {
    return undefined
  }
  let careful: ParsedFile | undefined
  const documents: ParsedDocument[] = []
  values.forEach((value, index) => {
    if (value === null || value === undefined) return
    const locate = (path: ValuePath, target?: 'key' | 'value'): SourceLocation => {
      careful ??= parseWithPositions(text, file, options)
      const doc = careful.documents.find((d) => d.index === index)
      return doc ? doc.locate(path, target) : { file, line: 1, column: 1 }
    }
    documents.push({ file, index, value, locate })
  })
  return { file, documents, findings: [] }
}

function parseWithPositions(text: string, file: string, options: ReadYamlOptions): ParsedFile {
  const maxAliasCount = options.maxAliasCount ?? 100
  const lineCounter = new LineCounter()
  const findings: Finding[] = []
  const documents: ParsedDocument[] = []
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  const list: Document.Parsed[] = 'empty' in docs ? [] : docs
  if ('empty' in docs) {
    // An EmptyStream still carries stream-level errors (e.g. stray directives).
    for (const error of docs.errors) findings.push(syntaxFinding(file, lineCounter, error.code, error.message, error.pos[0]))
  }
  list.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      for (const error of doc.errors) findings.push(syntaxFinding(file, lineCounter, error.code, error.message, error.pos[0]))
      return
    }
    if (doc.contents === null) return // empty document, e.g. a trailing `---`
    let value: unknown
    try {
      value = doc.toJS({ maxAliasCount })
    } catch (error) {
      findings.push(
        finding({
          code: 'YJ_YAML_ALIAS_LIMIT',
          message: {
            zh: `文档使用了过多的别名引用（超过 ${maxAliasCount} 次），可能是“别名炸弹”`,
            en: `document dereferences too many aliases (over ${maxAliasCount}); possibly an alias bomb`,
          },
          hint: { zh: '清单文件不需要别名（*name），请直接写出取值', en: 'inventory files do not need aliases (*name); write values out' },
          location: at(file, lineCounter, doc.contents.range[0]),
        }),
      )
      void error
      return
    }
    if (value === null || value === undefined) return // empty document, e.g. a trailing `---`
    documents.push({ file, index, value, locate: (path, target) => locateIn(doc, file, lineCounter, path, target ?? 'value') })
  })
  return { file, documents, findings }
}

function syntaxFinding(file: string, lc: LineCounter, yamlCode: string, message: string, offset: number): Finding {
  const known = YAML_CODES[yamlCode]
  const firstLine = message.split('\n')[0] ?? message
  return finding({
    code: known?.code ?? 'YJ_YAML_SYNTAX',
    message: known ? { zh: known.zh, en: known.en } : { zh: `YAML 语法错误：${firstLine}`, en: `YAML syntax error: ${firstLine}` },
    hint: known
      ? { zh: known.hintZh, en: known.hintEn }
      : { zh: '检查该位置的缩进、冒号和引号', en: 'check indentation, colons and quotes at this position' },
    location: at(file, lc, offset),
  })
}

function locateIn(doc: Document.Parsed, file: string, lc: LineCounter, path: ValuePath, target: 'key' | 'value'): SourceLocation {
  let node: unknown = doc.contents
  let best: { range?: [number, number, number] | null } | null = node as Node
  let keyNode: Node | null = null
  for (const segment of path) {
    keyNode = null
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment))
      if (!pair) break
      keyNode = pair.key as Node
      node = pair.value
      best = (pair.value as Node | null) ?? keyNode
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment]
      if (item === undefined) break
      node = item
      best = item as Node
    } else {
      break
    }
  }
  const chosen = target === 'key' && keyNode ? keyNode : best
  const offset = chosen?.range?.[0] ?? 0
  return at(file, lc, offset)
}

/** Read, size-check and decode a YAML file, then parse it. Never throws for bad content. */
export async function readYamlFile(file: string, options: ReadYamlOptions = {}): Promise<ParsedFile> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_YAML_BYTES
  const fail = (f: Finding): ParsedFile => ({ file, documents: [], findings: [f] })
  let size: number
  try {
    size = (await stat(file)).size
  } catch (error) {
    return fail(unreadable(file, error))
  }
  if (size > maxBytes) {
    return fail(
      finding({
        code: 'YJ_FILE_TOO_LARGE',
        message: {
          zh: `文件过大（${formatBytes(size)}），超过上限 ${formatBytes(maxBytes)}`,
          en: `file is too large (${formatBytes(size)}); the limit is ${formatBytes(maxBytes)}`,
        },
        hint: { zh: '把清单拆分成多个较小的文件', en: 'split the inventory into several smaller files' },
        location: { file, line: 1, column: 1 },
      }),
    )
  }
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    return fail(unreadable(file, error))
  }
  const decoded = decodeUtf8(bytes, file)
  if ('finding' in decoded) return fail(decoded.finding)
  if (decoded.text.trim() === '') {
    return fail(
      finding({
        code: 'YJ_FILE_EMPTY',
        severity: 'warning',
        message: { zh: '文件为空', en: 'file is empty' },
        hint: { zh: '填写实体内容，或删除该文件', en: 'add entities to it or delete the file' },
        location: { file, line: 1, column: 1 },
      }),
    )
  }
  return parseYamlText(decoded.text, file, options)
}

function unreadable(file: string, error: unknown): Finding {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO'
  return finding({
    code: 'YJ_FILE_UNREADABLE',
    message: { zh: `无法读取文件（${code}）`, en: `cannot read file (${code})` },
    hint: { zh: '检查文件是否存在以及读取权限', en: 'check that the file exists and is readable' },
    location: { file, line: 1, column: 1 },
  })
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/** Strict UTF-8 with BOM removal; anything else (GBK, UTF-16) is a located error. */
export function decodeUtf8(bytes: Uint8Array, file: string): { text: string } | { finding: Finding } {
  let start = 0
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)
  try {
    if (utf16) throw new Error('utf-16')
    return { text: utf8.decode(bytes.subarray(start)) }
  } catch {
    const offset = utf16 ? 0 : firstInvalidUtf8(bytes, start)
    const head = Buffer.from(bytes.subarray(start, offset)).toString('utf8')
    const lines = head.split('\n')
    return {
      finding: finding({
        code: 'YJ_FILE_ENCODING',
        message: {
          zh: utf16 ? '文件是 UTF-16 编码，清单文件必须是 UTF-8' : '文件不是 UTF-8 编码（可能是 GBK/GB18030）',
          en: utf16 ? 'file is UTF-16; inventory files must be UTF-8' : 'file is not valid UTF-8 (GBK/GB18030?)',
        },
        hint: {
          zh: '用编辑器另存为 UTF-8，例如：iconv -f GBK -t UTF-8 旧文件 > 新文件',
          en: 'save it as UTF-8, e.g. iconv -f GBK -t UTF-8 old > new',
        },
        location: { file, line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 },
      }),
    }
  }
}

function firstInvalidUtf8(bytes: Uint8Array, start: number): number {
  let i = start
  while (i < bytes.length) {
    const b = bytes[i]!
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1
    if (need < 0) return i
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i
    i += need + 1
  }
  return i
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${n} B`
}
