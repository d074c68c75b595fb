/**
 * The template language. Every value written into a file goes through a
 * named encoder that knows the file's syntax (`{{json x}}` in code,
 * `{{md x}}` in Markdown, `{{env x}}` in .env files); a bare `{{x}}` is a
 * template error. So a department's system name with quotes, backticks,
 * `${`, backslashes or newlines, or a field called `__proto__`, can never
 * turn into code: it is always a literal.
 *
 *   {{json path}}  {{key path}}  {{ident path}}  {{md path}}  {{comment path}}
 *   {{slug path}}  {{int path}}  {{env path}}
 *   {{#each path as name}} … {{/each}}     (@index, @first, @last inside)
 *   {{#if path}} … {{else}} … {{/if}}      {{#unless path}} … {{/unless}}
 *   {{! a comment }}
 *
 * A line holding only a block tag or a comment disappears entirely, so
 * blocks can sit on lines of their own without leaving blank lines.
 */
import { YjError, type SourceLocation } from '@yingjie/model'

type Node =
  | { type: 'text'; value: string }
  | { type: 'out'; encoder: string; path: string; loc: SourceLocation }
  | { type: 'each'; path: string; name: string; body: Node[]; loc: SourceLocation }
  | { type: 'if'; path: string; negate: boolean; then: Node[]; otherwise: Node[]; loc: SourceLocation }

/** Words that cannot be a binding name in strict-mode ES modules, nor a TypeScript type-position keyword people trip over. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null ' +
    'return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined NaN Infinity'
  ).split(' '),
)

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

function oneLine(value: string): string {
  // Line and paragraph separators, tabs and every other control character become one space.
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ')
}

export class EncodeError extends Error {}

function literal(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value)
    if (text === undefined) throw new EncodeError(`${typeof value} has no JSON form`)
    return text
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : literal(v))).join(', ')}]`
  const entries = Object.entries(value).filter(([, v]) => v !== undefined)
  if (entries.length === 0) return '{}'
  return `{ ${entries.map(([k, v]) => `${k === '__proto__' ? '["__proto__"]' : JSON.stringify(k)}: ${literal(v)}`).join(', ')} }`
}

/** The encoders a template may name. Each returns text that is inert in its target syntax, or throws. */
export const ENCODERS: Readonly<Record<string, (value: unknown) => string>> = {
  /**
   * A JavaScript/TypeScript literal that is also JSON (strings, numbers, booleans, null, arrays, plain
   * objects), spaced for reading. A `__proto__` key is written computed, so it stays an own property.
   */
  json(value) {
    if (value === undefined) throw new EncodeError('undefined has no JSON form')
    return literal(value).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029')
  },
  /** An object-literal property key: bare when it is an identifier name, quoted otherwise; `__proto__` computed so it stays an own property. */
  key(value) {
    const s = String(value)
    if (s === '__proto__') return '["__proto__"]'
    return IDENTIFIER.test(s) ? s : ENCODERS.json!(s)
  },
  /** A property access: `.name` for identifier names, `["…"]` otherwise. */
  member(value) {
    const s = String(value)
    return IDENTIFIER.test(s) && s !== '__proto__' ? `.${s}` : `[${ENCODERS.json!(s)}]`
  },
  /** An identifier the template declares; must already be one and not a reserved word (sanitise with toIdentifier first). */
  ident(value) {
    const s = String(value)
    if (!IDENTIFIER.test(s) || RESERVED_WORDS.has(s)) throw new EncodeError(`'${s}' is not a usable identifier`)
    return s
  },
  /** One line of Markdown text: control characters folded, Markdown and HTML punctuation escaped. */
  md(value) {
    return oneLine(String(value)).replace(/[\\`*_[\]<>|#~&!{}]/g, (c) => `\\${c}`)
  },
  /** A Markdown inline code span, fenced with more backticks than the value holds (CommonMark). */
  code(value) {
    const s = oneLine(String(value))
    const longest = Math.max(0, ...[...s.matchAll(/`+/g)].map((m) => m[0].length))
    const fence = '`'.repeat(longest + 1)
    const pad = s.startsWith('`') || s.endsWith('`') || (s.startsWith(' ') && s.endsWith(' ') && s.trim() !== '') ? ' ' : ''
    return `${fence}${pad}${s}${pad}${fence}`
  },
  /** One shell word: bare when plain, single-quoted otherwise. */
  shell(value) {
    const s = oneLine(String(value))
    return /^[A-Za-z0-9_./:=@%+,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`
  },
  /** One line of text inside a `//`, `#` or `/* *\/` comment. */
  comment(value) {
    return oneLine(String(value)).replace(/\*\//g, '*\\/')
  },
  /** A name safe in file names, shell words, systemd units and Dockerfiles. */
  slug(value) {
    const s = String(value)
    if (!/^[a-z0-9][a-z0-9._-]*$/.test(s)) throw new EncodeError(`'${s}' is not a slug ([a-z0-9._-])`)
    return s
  },
  int(value) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new EncodeError(`${String(value)} is not an integer`)
    return String(value)
  },
  /** A value in a .env file: bare when plain, quoted otherwise; never a newline. */
  env(value) {
    const s = String(value)
    if (/^[A-Za-z0-9_./:@%+=,~-]*$/.test(s)) return s
    if (/[\r\n\u2028\u2029]/.test(s)) throw new EncodeError('a .env value cannot hold a newline')
    if (!s.includes("'")) return `'${s}'`
    if (!s.includes('"') && !s.includes('\\')) return `"${s}"`
    throw new EncodeError('a .env value cannot hold both quote characters')
  },
}

const TAG = /\{\{([\s\S]*?)\}\}/g

interface Token {
  kind: 'text' | 'tag'
  value: string
  offset: number
}

function locate(source: string, file: string, offset: number): SourceLocation {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (source.charCodeAt(i) === 10) {
      line++
      lineStart = i + 1
    }
  }
  return { file, line, column: offset - lineStart + 1 }
}

function templateError(loc: SourceLocation, zh: string, en: string): YjError {
  return new YjError({
    code: 'YJ_TEMPLATE_SYNTAX',
    message: { zh: `模板有误：${zh}`, en: `template error: ${en}` },
    hint: {
      zh: '值必须经过编码器输出，如 {{json name}}、{{md title}}；块标签 {{#each xs as x}}…{{/each}}、{{#if x}}…{{/if}} 须成对',
      en: 'write values through an encoder, e.g. {{json name}}, {{md title}}; block tags {{#each xs as x}}…{{/each}}, {{#if x}}…{{/if}} must pair up',
    },
    location: loc,
  })
}

function isBlockTag(inner: string): boolean {
  const t = inner.trim()
  return t.startsWith('#') || t.startsWith('/') || t.startsWith('!') || t === 'else'
}

/** Split into text and tags, dropping the whole line around a standalone block tag. */
function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let last = 0
  for (const m of source.matchAll(TAG)) {
    const start = m.index
    let end = start + m[0].length
    let textEnd = start
    if (isBlockTag(m[1]!)) {
      const lineStart = source.lastIndexOf('\n', start - 1) + 1
      const nl = source.indexOf('\n', end)
      const lineEnd = nl < 0 ? source.length : nl
      // Standalone only when nothing else (no other tag) shares the line.
      const before = source.slice(lineStart, start)
      const after = source.slice(end, lineEnd)
      if (/^[ \t]*$/.test(before) && /^[ \t\r]*$/.test(after) && lineStart >= last) {
        textEnd = lineStart
        end = nl < 0 ? source.length : nl + 1
      }
    }
    if (textEnd > last) tokens.push({ kind: 'text', value: source.slice(last, textEnd), offset: last })
    tokens.push({ kind: 'tag', value: m[1]!, offset: start })
    last = end
  }
  if (last < source.length) tokens.push({ kind: 'text', value: source.slice(last), offset: last })
  return tokens
}

const PATH = /^@?[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/

function parse(source: string, file: string): Node[] {
  const tokens = tokenize(source)
  const root: Node[] = []
  const stack: { node: Extract<Node, { type: 'each' | 'if' }>; into: Node[]; keyword: string; elseSeen: boolean }[] = []
  let current = root
  for (const token of tokens) {
    if (token.kind === 'text') {
      current.push({ type: 'text', value: token.value })
      continue
    }
    const loc = locate(source, file, token.offset)
    const inner = token.value.trim()
    if (inner.startsWith('!')) continue
    if (inner.startsWith('#')) {
      const each = /^#each\s+(\S+)\s+as\s+([A-Za-z_][A-Za-z0-9_]*)$/.exec(inner)
      const cond = /^#(if|unless)\s+(\S+)$/.exec(inner)
      if (each) {
        if (!PATH.test(each[1]!)) throw templateError(loc, `无效的路径 “${each[1]}”`, `invalid path '${each[1]}'`)
        const node: Node = { type: 'each', path: each[1]!, name: each[2]!, body: [], loc }
        current.push(node)
        stack.push({ node, into: current, keyword: 'each', elseSeen: false })
        current = node.body
      } else if (cond) {
        if (!PATH.test(cond[2]!)) throw templateError(loc, `无效的路径 “${cond[2]}”`, `invalid path '${cond[2]}'`)
        const node: Node = { type: 'if', path: cond[2]!, negate: cond[1] === 'unless', then: [], otherwise: [], loc }
        current.push(node)
        stack.push({ node, into: current, keyword: cond[1]!, elseSeen: false })
        current = node.then
      } else {
        throw templateError(loc, `无法识别的块标签 {{${inner}}}`, `unknown block tag {{${inner}}}`)
      }
      continue
    }
    if (inner === 'else') {
      const top = stack[stack.length - 1]
      if (!top || top.node.type !== 'if' || top.elseSeen) throw templateError(loc, '{{else}} 不在 {{#if}} 或 {{#unless}} 之内', '{{else}} outside {{#if}} or {{#unless}}')
      top.elseSeen = true
      current = top.node.otherwise
      continue
    }
    if (inner.startsWith('/')) {
      const keyword = inner.slice(1).trim()
      const top = stack.pop()
      if (!top || top.keyword !== keyword) throw templateError(loc, `多余或不匹配的 {{/${keyword}}}`, `unexpected {{/${keyword}}}`)
      current = top.into
      continue
    }
    const out = /^([a-z]+)\s+(\S+)$/.exec(inner)
    if (!out) throw templateError(loc, `{{${inner}}} 没有指明编码器`, `{{${inner}}} names no encoder`)
    if (!Object.hasOwn(ENCODERS, out[1]!)) {
      throw templateError(loc, `未知的编码器 “${out[1]}”，可用：${Object.keys(ENCODERS).join('、')}`, `unknown encoder '${out[1]}'; known: ${Object.keys(ENCODERS).join(', ')}`)
    }
    if (!PATH.test(out[2]!)) throw templateError(loc, `无效的路径 “${out[2]}”`, `invalid path '${out[2]}'`)
    current.push({ type: 'out', encoder: out[1]!, path: out[2]!, loc })
  }
  const open = stack.pop()
  if (open) throw templateError(open.node.loc, `{{#${open.keyword}}} 没有对应的 {{/${open.keyword}}}`, `{{#${open.keyword}}} is never closed`)
  return root
}

type Scope = { name: string; value: unknown; index?: number; length?: number }[]

function lookup(path: string, context: Record<string, unknown>, scope: Scope, loc: SourceLocation, strict: boolean): unknown {
  const [head, ...rest] = path.split('.')
  let value: unknown
  let found = false
  if (head!.startsWith('@')) {
    const frame = scope[scope.length - 1]
    if (!frame || frame.index === undefined) throw templateError(loc, `${head} 只能在 {{#each}} 中使用`, `${head} only works inside {{#each}}`)
    value = head === '@index' ? frame.index : head === '@first' ? frame.index === 0 : head === '@last' ? frame.index === frame.length! - 1 : undefined
    found = value !== undefined
  } else {
    for (let i = scope.length - 1; i >= 0; i--) {
      if (scope[i]!.name === head) {
        value = scope[i]!.value
        found = true
        break
      }
    }
    if (!found && Object.hasOwn(context, head!)) {
      value = context[head!]
      found = true
    }
  }
  for (const part of rest) {
    if (!found) break
    if (value !== null && typeof value === 'object' && Object.hasOwn(value, part)) value = (value as Record<string, unknown>)[part]
    else found = false
  }
  if (!found) {
    if (strict) throw templateError(loc, `没有值 “${path}”`, `no value '${path}'`)
    return undefined
  }
  return value
}

function truthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value)
}

function renderNodes(nodes: Node[], context: Record<string, unknown>, scope: Scope, out: string[]): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out.push(node.value)
        break
      case 'out': {
        const value = lookup(node.path, context, scope, node.loc, true)
        try {
          out.push(ENCODERS[node.encoder]!(value))
        } catch (error) {
          if (!(error instanceof EncodeError)) throw error
          throw new YjError({
            code: 'YJ_TEMPLATE_VALUE',
            message: { zh: `值 ${node.path} 不能用 ${node.encoder} 输出：${error.message}`, en: `value ${node.path} cannot be written as ${node.encoder}: ${error.message}` },
            hint: { zh: '检查参数的校验规则，或在模板中换用合适的编码器', en: "check the parameter's validation, or use a fitting encoder in the template" },
            location: node.loc,
          })
        }
        break
      }
      case 'each': {
        const list = lookup(node.path, context, scope, node.loc, true)
        if (!Array.isArray(list)) throw templateError(node.loc, `${node.path} 不是列表`, `${node.path} is not a list`)
        list.forEach((item, index) => renderNodes(node.body, context, [...scope, { name: node.name, value: item, index, length: list.length }], out))
        break
      }
      case 'if': {
        const yes = truthy(lookup(node.path, context, scope, node.loc, false)) !== node.negate
        renderNodes(yes ? node.then : node.otherwise, context, scope, out)
        break
      }
    }
  }
}

export interface CompiledTemplate {
  file: string
  render(context: Record<string, unknown>): string
}

/**
 * Parse a template once; render it many times.
 * @throws YjError `YJ_TEMPLATE_SYNTAX` with the tag's line and column
 */
export function compileTemplate(source: string, file: string): CompiledTemplate {
  const nodes = parse(source, file)
  return {
    file,
    render(context) {
      const out: string[] = []
      renderNodes(nodes, context, [], out)
      return out.join('')
    },
  }
}

/**
 * Turn any text into a usable identifier: letters, digits, `_` and `$`
 * kept, the rest folded into camel case; a leading digit or a reserved
 * word gets a `_` in front.
 * @example toIdentifier('query-account') // 'queryAccount'
 * @example toIdentifier('class') // '_class'
 */
export function toIdentifier(text: string, fallback = 'value'): string {
  const parts = text.split(/[^A-Za-z0-9_$]+/).filter(Boolean)
  let id = parts.map((p, i) => (i === 0 ? p : p[0]!.toUpperCase() + p.slice(1))).join('')
  if (id === '') id = fallback
  if (/^[0-9]/.test(id)) id = `_${id}`
  if (RESERVED_WORDS.has(id)) id = `_${id}`
  return id
}
