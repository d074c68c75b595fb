/**
 * One pass over a JavaScript/TypeScript syntax tree (from @babel/parser)
 * that keeps only what the source scanner needs: platform API uses found
 * syntactically, call sites that may send requests, member chains through
 * aliases, module-level bindings, imports and exports, all as {@link Sym}s.
 * The tree is dropped afterwards; folding happens in evaluate.ts.
 *
 * Scopes are approximated: one scope per function (blocks share it), names
 * hoisted from the function's top-level statements. Good enough to tell a
 * local `my` from Alipay's global `my`.
 */
import { parse, type ParserPlugin } from '@babel/parser'
import { UNKNOWN, unknown, type ObjEntry, type Sym } from './sym'
import { CHILD_KEYS } from './visitor-keys'

const interned = new Map<string, string>()

/**
 * A flat copy of a name or string literal. Babel slices names and strings
 * out of the source text, and V8 keeps a slice's whole source alive: without
 * this, the facts kept for every module would hold every file's text.
 */
export function intern(s: string): string {
  const known = interned.get(s)
  if (known !== undefined) return known
  if (interned.size > 200_000) interned.clear()
  const copy = s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string)
  interned.set(copy, copy)
  return copy
}

/** Global objects of the mini-program frameworks whose members are platform APIs. */
export const PLATFORM_ROOTS = new Set(['wx', 'uni', 'my', 'Taro', 'qq', 'tt', 'uniCloud'])
/** Globals that send HTTP requests. */
const REQUEST_GLOBALS = new Set(['fetch', 'axios', '$', 'jQuery'])
/** Second-level namespaces whose members are the API (wx.cloud.callFunction). */
const API_NAMESPACES = new Set(['cloud', 'miniProgram', 'webView'])
const REQUEST_MEMBERS = new Set(['request', 'httpRequest', 'uploadFile', 'downloadFile', 'connectSocket', 'callFunction'])
const HTTP_VERBS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS'])

export interface Loc {
  line: number
  /** 1-based. */
  column: number
}

export type ApiVia = 'call' | 'reference' | 'computed' | 'destructuring' | 'alias' | 'wrapper' | 'import' | 'component'

export interface ApiUse {
  api: string
  loc: Loc
  via: ApiVia
}

export interface FnInfo {
  id: number
  name: string
  parent: FnInfo | undefined
  /** Call sites inside this function or functions nested in it (absent when none). */
  sites?: CallSite[]
  /** Set by evaluate.ts: the module that holds the function. */
  mod?: unknown
}

export interface CallSite {
  callee: Sym
  args: Sym[]
  loc: Loc
  fn: FnInfo | undefined
  /** `xhr.open('POST', url)`. */
  xhr?: boolean
}

export interface ChainUse {
  sym: Sym
  loc: Loc
  call: boolean
}

export interface UrlLiteral {
  url: string
  loc: Loc
}

export interface JsxLink {
  kind: 'web-view' | 'navigator' | 'link' | 'frame'
  value: Sym
  loc: Loc
  attrs?: Record<string, string>
}

export interface ModuleFacts {
  file: string
  topLevel: Map<string, Sym>
  exports: Map<string, Sym>
  exportAll: string[]
  /** `module.exports = X`. */
  cjsExports: Sym | undefined
  fns: FnInfo[]
  sites: CallSite[]
  chains: ChainUse[]
  apiUses: ApiUse[]
  urls: UrlLiteral[]
  links: JsxLink[]
  /** `axios.defaults.baseURL = …` (target is the object whose defaults change). */
  axiosDefaults: { target: Sym; value: Sym }[]
  /** Packages imported or required (bare specifiers). */
  packages: Set<string>
}

export function emptyModule(file: string): ModuleFacts {
  return {
    file,
    topLevel: new Map(),
    exports: new Map(),
    exportAll: [],
    cjsExports: undefined,
    fns: [],
    sites: [],
    chains: [],
    apiUses: [],
    urls: [],
    links: [],
    axiosDefaults: [],
    packages: new Set(),
  }
}

export type ScriptLang = 'js' | 'jsx' | 'ts' | 'tsx'

export interface ScriptOptions {
  lang: ScriptLang
  /** Line of the first character (for scripts inside .vue or .html files). @default 1 */
  startLine?: number
  /** 0-based column of the first character on its line. @default 0 */
  startColumn?: number
}

/** The parser options; exported so the benchmark's floor parses exactly the same way. */
export function parserOptions(lang: ScriptLang, startLine = 1, startColumn = 0): Parameters<typeof parse>[1] {
  const plugins: ParserPlugin[] =
    lang === 'ts' ? ['typescript', 'decorators-legacy'] : lang === 'tsx' ? ['typescript', 'jsx', 'decorators-legacy'] : ['jsx', 'decorators-legacy']
  return {
    sourceType: 'unambiguous',
    plugins,
    startLine,
    startColumn,
    allowReturnOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowAwaitOutsideFunction: true,
    allowSuperOutsideMethod: true,
    allowUndeclaredExports: true,
    // Recoverable errors (a redeclared name, a misplaced keyword) should not cost the whole file.
    errorRecovery: true,
  }
}

export class ScriptParseError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message)
    this.name = 'ScriptParseError'
  }
}

// Babel nodes are read loosely: the walker needs a handful of fields of each.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type N = any

/** A local `const x = …` not converted yet: most locals are never looked up where it matters. */
interface Lazy {
  k: 'lazy'
  node: N
  scope: Scope
  hint: string
}

interface Scope {
  parent: Scope | undefined
  vars: Map<string, Sym | Lazy>
  fn: FnInfo | undefined
  module: boolean
  thisSym?: Sym
}

const SKIP_KEYS = new Set([
  'type',
  'loc',
  'start',
  'end',
  'extra',
  'range',
  'leadingComments',
  'trailingComments',
  'innerComments',
  'typeAnnotation',
  'returnType',
  'typeParameters',
  'superTypeParameters',
  'typeArguments',
  'implements',
  'decorators',
])

const URL_IN_TEXT = /(?:https?:)?\/\/(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*(?::\d+)?(?:[/?#][^\s'"`<>]*)?|(?:https?:)?\/\/\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?(?:[/?#][^\s'"`<>]*)?/gi

/** Parse a script and add what it holds to `facts`. Throws {@link ScriptParseError}. */
export function analyzeScript(code: string, facts: ModuleFacts, options: ScriptOptions): void {
  let ast: N
  try {
    ast = parse(code, parserOptions(options.lang, options.startLine ?? 1, options.startColumn ?? 0))
  } catch (error) {
    const e = error as { message?: string; loc?: { line: number; column: number } }
    throw new ScriptParseError(String(e.message ?? error).replace(/\s*\(\d+:\d+\)$/, ''), e.loc?.line ?? options.startLine ?? 1, (e.loc?.column ?? 0) + 1)
  }
  new Walker(facts).program(ast.program)
}

function locOf(node: N): Loc {
  const s = node.loc?.start
  return s ? { line: s.line, column: s.column + 1 } : { line: 0, column: 0 }
}

function unwrap(node: N): N {
  while (
    node &&
    (node.type === 'TSAsExpression' ||
      node.type === 'TSSatisfiesExpression' ||
      node.type === 'TSNonNullExpression' ||
      node.type === 'TypeCastExpression' ||
      node.type === 'ParenthesizedExpression' ||
      node.type === 'TSTypeAssertion')
  ) {
    node = node.expression
  }
  return node
}

function isMember(node: N): boolean {
  return node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression'
}

/** A static property name; not interned (callers intern what they keep). */
function keyName(node: N, computed: boolean): string | undefined {
  if (!computed && node.type === 'Identifier') return node.name
  if (node.type === 'StringLiteral') return node.value
  if (node.type === 'NumericLiteral') return String(node.value)
  return undefined
}

/** `wx.cloud.callFunction` from a root and its member names. */
export function apiName(root: string, props: readonly string[]): string {
  if (props.length === 0) return intern(root)
  if (props.length >= 2 && API_NAMESPACES.has(props[0]!)) return intern(`${root}.${props[0]}.${props[1]}`)
  return intern(`${root}.${props[0]}`)
}

class Walker {
  // Plain maps: the walker lives for one file, and weak maps cost the collector more.
  private readonly objSyms = new Map<object, Sym>()
  private readonly fnIds = new Map<object, FnInfo>()
  /** `this` of objects passed straight to a call (Page({…}), Component({…})): page logic, not request wrappers. */
  private readonly argumentObjects = new Set<Sym>()
  private depth = 0

  constructor(private readonly facts: ModuleFacts) {}

  program(program: N): void {
    const scope: Scope = { parent: undefined, vars: new Map(), fn: undefined, module: true }
    for (const stmt of program.body) this.hoistModule(stmt, scope)
    for (const stmt of program.body) this.visit(stmt, scope)
  }

  // --- scopes -------------------------------------------------------------

  private hoistModule(stmt: N, scope: Scope): void {
    if (stmt.type === 'ImportDeclaration') {
      if (stmt.importKind === 'type' || stmt.importKind === 'typeof') return
      const source: string = intern(stmt.source.value)
      this.notePackage(source)
      for (const s of stmt.specifiers) {
        if (s.importKind === 'type') continue
        const imported = s.type === 'ImportDefaultSpecifier' ? 'default' : s.type === 'ImportNamespaceSpecifier' ? '*' : intern(keyName(s.imported, false) ?? 'default')
        scope.vars.set(intern(s.local.name), { k: 'import', source, imported })
      }
      return
    }
    const decl = stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration' ? stmt.declaration : stmt
    if (!decl) return
    for (const name of declaredNames(decl)) scope.vars.set(name, { k: 'ref', name })
  }

  private hoistFunction(body: N, scope: Scope): void {
    if (body?.type !== 'BlockStatement') return
    const stmts = body.body
    for (let i = 0; i < stmts.length; i++) {
      const stmt = stmts[i]
      if (stmt.type === 'FunctionDeclaration') {
        if (stmt.id) scope.vars.set(intern(stmt.id.name), { k: 'fn', fn: this.fnInfo(stmt, stmt.id.name, scope).id })
      } else if (stmt.type === 'VariableDeclaration') {
        for (const d of stmt.declarations) {
          if (d.id.type === 'Identifier') scope.vars.set(intern(d.id.name), unknown(intern(d.id.name)))
          else for (const name of patternNames(d.id)) scope.vars.set(name, unknown(name))
        }
      } else if (stmt.type === 'ClassDeclaration' && stmt.id) {
        scope.vars.set(stmt.id.name, unknown(stmt.id.name))
      }
    }
  }

  private lookup(name: string, scope: Scope): Sym {
    for (let s: Scope | undefined = scope; s; s = s.parent) {
      const v = s.vars.get(name)
      if (!v) continue
      if (v.k !== 'lazy') return v
      // Placeholder first: a self-reference reads as unknown rather than looping.
      s.vars.set(name, unknown(name))
      const sym = this.sym(v.node, v.scope, v.hint)
      s.vars.set(name, sym)
      return sym
    }
    return name === 'undefined' ? unknown('undefined') : { k: 'global', name: intern(name) }
  }

  private thisOf(scope: Scope): Sym {
    for (let s: Scope | undefined = scope; s; s = s.parent) if (s.thisSym) return s.thisSym
    return unknown('this')
  }

  private bind(name: string, sym: Sym, scope: Scope): void {
    if (scope.module) this.facts.topLevel.set(name, sym)
    else scope.vars.set(name, sym)
  }

  private bindPattern(pattern: N, sym: Sym, scope: Scope): void {
    switch (pattern?.type) {
      case 'Identifier':
        this.bind(intern(pattern.name), sym, scope)
        return
      case 'ObjectPattern': {
        const root = rootPath(sym)
        for (const p of pattern.properties) {
          if (p.type === 'RestElement') {
            this.bindPattern(p.argument, UNKNOWN, scope)
            continue
          }
          const name = keyName(p.key, p.computed)
          if (name === undefined) {
            this.bindPattern(p.value, UNKNOWN, scope)
            continue
          }
          const key = intern(name)
          // const { login } = wx: a use of wx.login where it is named.
          if (root) this.facts.apiUses.push({ api: apiName(root.root, [...root.props, key]), loc: locOf(p.key), via: 'destructuring' })
          this.bindPattern(p.value, { k: 'mem', obj: sym, prop: key }, scope)
        }
        return
      }
      case 'ArrayPattern':
        pattern.elements.forEach((el: N, i: number) => el && this.bindPattern(el, { k: 'mem', obj: sym, prop: String(i) }, scope))
        return
      case 'AssignmentPattern':
        this.bindPattern(pattern.left, { k: 'or', a: sym, b: this.sym(pattern.right, scope) }, scope)
        return
      case 'RestElement':
        this.bindPattern(pattern.argument, UNKNOWN, scope)
        return
      default:
        return
    }
  }

  private bindParam(pattern: N, fn: FnInfo, i: number, path: string[], scope: Scope, def?: Sym): void {
    switch (pattern?.type) {
      case 'Identifier':
        scope.vars.set(intern(pattern.name), { k: 'param', fn: fn.id, i, path, name: path.length ? path[path.length - 1]! : intern(pattern.name), ...(def ? { def } : {}) })
        return
      case 'AssignmentPattern':
        this.bindParam(pattern.left, fn, i, path, scope, this.sym(pattern.right, scope))
        return
      case 'ObjectPattern':
        for (const p of pattern.properties) {
          const key = p.type === 'RestElement' ? undefined : keyName(p.key, p.computed)
          if (key === undefined) this.bindPattern(p.type === 'RestElement' ? p.argument : p.value, UNKNOWN, scope)
          else this.bindParam(p.value, fn, i, [...path, intern(key)], scope)
        }
        return
      case 'TSParameterProperty':
        this.bindParam(pattern.parameter, fn, i, path, scope, def)
        return
      default:
        if (pattern) this.bindPattern(pattern, UNKNOWN, scope)
    }
  }

  private fnInfo(node: N, name: string | undefined, scope: Scope): FnInfo {
    let info = this.fnIds.get(node)
    if (!info) {
      info = { id: this.facts.fns.length, name: name ? intern(name) : '', parent: scope.fn }
      this.facts.fns.push(info)
      this.fnIds.set(node, info)
    } else if (!info.name && name) {
      info.name = intern(name)
    }
    return info
  }

  private notePackage(source: string): void {
    if (!source.startsWith('.') && !source.startsWith('/') && !source.startsWith('@/') && !source.startsWith('~')) this.facts.packages.add(source)
  }

  // --- expressions to symbols ----------------------------------------------

  sym(node: N, scope: Scope, nameHint?: string): Sym {
    if (!node) return UNKNOWN
    if (this.depth > 200) return UNKNOWN
    this.depth++
    try {
      return this.symInner(unwrap(node), scope, nameHint)
    } finally {
      this.depth--
    }
  }

  private symInner(node: N, scope: Scope, nameHint?: string): Sym {
    switch (node.type) {
      case 'StringLiteral':
        return { k: 'str', v: intern(node.value) }
      case 'NumericLiteral':
        return { k: 'str', v: String(node.value) }
      case 'TemplateLiteral': {
        const parts: Sym[] = []
        node.quasis.forEach((q: N, i: number) => {
          const text = q.value.cooked ?? q.value.raw
          if (text) parts.push({ k: 'str', v: intern(text) })
          const e = node.expressions[i]
          if (e) parts.push(this.sym(e, scope))
        })
        return parts.length === 1 && parts[0]!.k === 'str' ? parts[0]! : { k: 'cat', parts }
      }
      case 'BinaryExpression':
        if (node.operator !== '+') return unknown(node.operator)
        return { k: 'cat', parts: [this.sym(node.left, scope), this.sym(node.right, scope)] }
      case 'Identifier':
        return this.lookup(node.name, scope)
      case 'ThisExpression':
        return this.thisOf(scope)
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const env = envName(node, (n) => this.lookup(n, scope).k === 'global')
        if (env) return { k: 'env', name: env }
        const key = keyName(node.property, node.computed)
        const prop = key !== undefined ? intern(key) : node.computed ? this.sym(node.property, scope) : undefined
        if (prop === undefined) return unknown('#private')
        return { k: 'mem', obj: this.sym(node.object, scope), prop }
      }
      case 'ObjectExpression':
        return this.objectSym(node, scope)
      case 'ArrayExpression':
        return { k: 'arr', items: node.elements.map((e: N) => (e && e.type !== 'SpreadElement' ? this.sym(e, scope) : UNKNOWN)) }
      case 'ConditionalExpression':
        return { k: 'alt', a: this.sym(node.consequent, scope), b: this.sym(node.alternate, scope) }
      case 'LogicalExpression':
        return node.operator === '&&' ? this.sym(node.right, scope) : { k: 'or', a: this.sym(node.left, scope), b: this.sym(node.right, scope) }
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const callee = unwrap(node.callee)
        if (callee.type === 'Identifier' && callee.name === 'require' && node.arguments[0]?.type === 'StringLiteral' && this.lookup('require', scope).k === 'global') {
          const source: string = intern(node.arguments[0].value)
          this.notePackage(source)
          return { k: 'require', source }
        }
        if (callee.type === 'Import' && node.arguments[0]?.type === 'StringLiteral') return { k: 'require', source: node.arguments[0].value }
        return { k: 'call', callee: this.sym(callee, scope), args: node.arguments.map((a: N) => this.sym(a, scope)) }
      }
      case 'NewExpression':
        return { k: 'new', callee: this.sym(node.callee, scope), args: node.arguments.map((a: N) => this.sym(a, scope)) }
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
        return { k: 'fn', fn: this.fnInfo(node, nameHint ?? node.id?.name, scope).id }
      case 'ClassExpression':
      case 'ClassDeclaration':
        return this.classSym(node, scope)
      case 'AwaitExpression':
        return this.sym(node.argument, scope)
      case 'AssignmentExpression':
        return this.sym(node.right, scope)
      case 'SequenceExpression':
        return this.sym(node.expressions[node.expressions.length - 1], scope)
      case 'NullLiteral':
        return unknown('null')
      default:
        return unknown(node.type === 'BooleanLiteral' ? String(node.value) : '…')
    }
  }

  private objectSym(node: N, scope: Scope): Sym {
    const known = this.objSyms.get(node)
    if (known) return known
    const entries: ObjEntry[] = []
    const sym: Sym = { k: 'obj', entries }
    // Identity matters only for objects whose methods see them as `this`.
    if (node.properties.some((p: N) => p.type === 'ObjectMethod' || p.value?.type === 'FunctionExpression')) this.objSyms.set(node, sym)
    for (const p of node.properties) {
      if (p.type === 'SpreadElement') {
        entries.push({ spread: this.sym(p.argument, scope) })
        continue
      }
      const name = keyName(p.key, p.computed)
      if (name === undefined) continue
      const key = intern(name)
      if (p.type === 'ObjectMethod') {
        if (p.kind === 'method') entries.push({ key, value: { k: 'fn', fn: this.fnInfo(p, key, scope).id } })
        continue
      }
      entries.push({ key, value: this.sym(p.value, scope, key) })
    }
    return sym
  }

  private classSym(node: N, scope: Scope): Sym {
    const known = this.objSyms.get(node)
    if (known) return known
    const methods: ObjEntry[] = []
    const sym: Sym = { k: 'class', methods }
    this.objSyms.set(node, sym)
    for (const m of node.body.body) {
      const name = m.key ? keyName(m.key, m.computed) : undefined
      if (name === undefined || m.static) continue
      const key = intern(name)
      if (m.type === 'ClassMethod' && m.kind === 'method') methods.push({ key, value: { k: 'fn', fn: this.fnInfo(m, key, scope).id } })
      else if (m.type === 'ClassProperty' && m.value) methods.push({ key, value: this.sym(m.value, scope, key) })
    }
    if (node.superClass) methods.unshift({ spread: this.sym(node.superClass, scope) })
    return sym
  }

  // --- the walk ------------------------------------------------------------

  private visitChildren(node: N, scope: Scope): void {
    const keys = CHILD_KEYS[node.type]
    if (!keys) {
      // Type-only TypeScript nodes hold no calls; anything else unknown is walked generically.
      if (!node.type.startsWith('TS')) this.visitAnyChildren(node, scope)
      return
    }
    for (let i = 0; i < keys.length; i++) {
      const v = node[keys[i]!]
      if (v === null || v === undefined) continue
      if (Array.isArray(v)) {
        for (let j = 0; j < v.length; j++) {
          const c = v[j]
          if (c !== null && c !== undefined) this.visit(c, scope)
        }
      } else {
        this.visit(v, scope)
      }
    }
  }

  private visitAnyChildren(node: N, scope: Scope): void {
    for (const key in node) {
      if (SKIP_KEYS.has(key)) continue
      const v = node[key]
      if (v === null || typeof v !== 'object') continue
      if (Array.isArray(v)) {
        for (const c of v) if (c !== null && typeof c === 'object' && typeof c.type === 'string') this.visit(c, scope)
      } else if (typeof v.type === 'string') {
        this.visit(v, scope)
      }
    }
  }

  private visit(node: N, scope: Scope): void {
    switch (node.type) {
      case 'ImportDeclaration':
      case 'TSInterfaceDeclaration':
      case 'TSTypeAliasDeclaration':
      case 'TSDeclareFunction':
      case 'TSModuleDeclaration':
        return
      case 'ExportNamedDeclaration': {
        const facts = this.facts
        if (node.exportKind === 'type') return
        if (node.declaration) {
          for (const name of declaredNames(node.declaration)) facts.exports.set(name, { k: 'ref', name })
          this.visit(node.declaration, scope)
        }
        const source: string | undefined = node.source?.value
        if (source) this.notePackage(source)
        for (const s of node.specifiers ?? []) {
          const exported = intern(keyName(s.exported, false) ?? 'default')
          if (s.type === 'ExportNamespaceSpecifier') facts.exports.set(exported, { k: 'import', source: source ?? '', imported: '*' })
          else if (source) facts.exports.set(exported, { k: 'import', source, imported: s.type === 'ExportDefaultSpecifier' ? 'default' : intern(keyName(s.local, false) ?? 'default') })
          else facts.exports.set(exported, this.lookup(s.local.name, scope))
        }
        return
      }
      case 'ExportAllDeclaration':
        this.notePackage(node.source.value)
        this.facts.exportAll.push(node.source.value)
        return
      case 'ExportDefaultDeclaration': {
        const d = node.declaration
        if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
          this.facts.exports.set('default', { k: 'ref', name: d.id.name })
        } else if (d.type === 'FunctionDeclaration') {
          this.facts.exports.set('default', { k: 'fn', fn: this.fnInfo(d, 'default', scope).id })
        } else if (d.type === 'ClassDeclaration') {
          this.facts.exports.set('default', this.classSym(d, scope))
        } else {
          this.facts.exports.set('default', this.sym(d, scope, 'default'))
        }
        this.visit(d, scope)
        return
      }
      case 'VariableDeclaration':
        for (const d of node.declarations) {
          const hint = d.id.type === 'Identifier' ? intern(d.id.name) : undefined
          if (hint && d.init && !scope.module) scope.vars.set(hint, { k: 'lazy', node: d.init, scope, hint })
          else this.bindPattern(d.id, d.init ? this.sym(d.init, scope, hint) : unknown(hint ?? '…'), scope)
          if (d.init) this.visit(d.init, scope)
          else this.visitChildren(d.id, scope)
        }
        return
      case 'FunctionDeclaration': {
        const name: string | undefined = node.id ? intern(node.id.name) : undefined
        const info = this.fnInfo(node, name, scope)
        if (name) this.bind(name, { k: 'fn', fn: info.id }, scope)
        this.walkFunction(node, info, scope)
        return
      }
      case 'ClassDeclaration': {
        const sym = this.classSym(node, scope)
        if (node.id) this.bind(intern(node.id.name), sym, scope)
        this.walkClass(node, sym, scope)
        return
      }
      case 'ClassExpression':
        this.walkClass(node, this.classSym(node, scope), scope)
        return
      case 'ArrowFunctionExpression':
      case 'FunctionExpression':
      case 'ObjectMethod':
      case 'ClassMethod':
      case 'ClassPrivateMethod':
        this.walkFunction(node, this.fnInfo(node, node.id?.name, scope), scope)
        return
      case 'ObjectExpression':
        this.visitObject(node, scope, undefined)
        return
      case 'CallExpression':
      case 'OptionalCallExpression':
        this.call(node, scope)
        return
      case 'MemberExpression':
      case 'OptionalMemberExpression':
        this.member(node, scope, false)
        return
      case 'AssignmentExpression':
        this.assignment(node, scope)
        return
      case 'StringLiteral':
        this.noteUrls(node.value, node)
        return
      case 'TemplateLiteral':
        for (const q of node.quasis) this.noteUrls(q.value.cooked ?? q.value.raw, q)
        for (const e of node.expressions) this.visit(e, scope)
        return
      case 'JSXOpeningElement':
        this.jsxElement(node, scope)
        this.visitChildren(node, scope)
        return
      case 'Identifier':
        return
      default:
        this.visitChildren(node, scope)
    }
  }

  private walkFunction(node: N, info: FnInfo, outer: Scope, thisSym?: Sym): void {
    const scope: Scope = { parent: outer, vars: new Map(), fn: info, module: false }
    // Arrow functions keep the surrounding `this`; others get the object they sit in, if known.
    if (node.type !== 'ArrowFunctionExpression' && thisSym) scope.thisSym = thisSym
    else if (node.type !== 'ArrowFunctionExpression') scope.thisSym = unknown('this')
    node.params.forEach((p: N, i: number) => this.bindParam(p, info, i, [], scope))
    this.hoistFunction(node.body, scope)
    for (const p of node.params) if (p.type === 'AssignmentPattern') this.visit(p.right, scope)
    if (node.body.type === 'BlockStatement') this.visitChildren(node.body, scope)
    else this.visit(node.body, scope)
  }

  private walkClass(node: N, sym: Sym, scope: Scope): void {
    if (node.superClass) this.visit(node.superClass, scope)
    for (const m of node.body.body) {
      if (m.type === 'ClassMethod' || m.type === 'ClassPrivateMethod') {
        const key = m.key ? keyName(m.key, m.computed) : undefined
        this.walkFunction(m, this.fnInfo(m, key, scope), scope, sym)
      } else if (m.value && (m.value.type === 'ArrowFunctionExpression' || m.value.type === 'FunctionExpression')) {
        const key = keyName(m.key, m.computed)
        this.walkFunction(m.value, this.fnInfo(m.value, key, scope), { parent: scope, vars: new Map(), fn: scope.fn, module: false, thisSym: sym })
      } else if (m.value) {
        this.visit(m.value, scope)
      }
    }
  }

  /**
   * Methods of an object literal see the object as `this`. Vue components
   * (`{ methods: { a() { this.b() } } }`) see the component with its
   * methods merged in.
   */
  private visitObject(node: N, scope: Scope, thisOverride: Sym | undefined, argument = false): void {
    // Only methods and `function` values see the object as `this`; arrows keep the outer one.
    const props = node.properties
    let hasMethods = false
    for (let i = 0; i < props.length; i++) {
      const p = props[i]
      if (p.type === 'ObjectMethod' || p.value?.type === 'FunctionExpression' || (p.value?.type === 'ObjectExpression' && p.key?.name === 'methods')) {
        hasMethods = true
        break
      }
    }
    if (!hasMethods && !thisOverride) {
      this.visitChildren(node, scope)
      return
    }
    let self = thisOverride
    if (!self) {
      const own = this.objectSym(node, scope) as Extract<Sym, { k: 'obj' }>
      const methods = own.entries.find((e): e is { key: string; value: Sym } => 'key' in e && e.key === 'methods')
      self = methods ? { k: 'obj', entries: [...own.entries, { spread: methods.value }] } : own
      if (argument) this.argumentObjects.add(self)
    }
    for (const p of props) {
      if (p.type === 'SpreadElement') {
        this.visit(p.argument, scope)
        continue
      }
      const key = keyName(p.key, p.computed)
      if (p.computed) this.visit(p.key, scope)
      if (p.type === 'ObjectMethod') {
        this.walkFunction(p, this.fnInfo(p, key, scope), scope, self)
      } else if (p.value?.type === 'FunctionExpression') {
        this.walkFunction(p.value, this.fnInfo(p.value, key, scope), scope, self)
      } else if (p.value?.type === 'ObjectExpression' && (key === 'methods' || key === 'computed' || key === 'watch')) {
        this.visitObject(p.value, scope, self)
      } else if (p.value) {
        this.visit(p.value, scope)
      }
    }
  }

  private assignment(node: N, scope: Scope): void {
    const left = unwrap(node.left)
    if (left.type === 'Identifier') {
      // `let url; url = BASE + '/x'`: flow-insensitive, the last assignment wins.
      for (let s: Scope | undefined = scope; s; s = s.parent) {
        const v = s.vars.get(left.name)
        if (!v) continue
        if (s.module) {
          const current = this.facts.topLevel.get(left.name)
          if (!current || current.k === 'unknown') this.facts.topLevel.set(left.name, this.sym(node.right, scope, left.name))
        } else if (v.k !== 'param' && v.k !== 'fn') {
          s.vars.set(left.name, { k: 'lazy', node: node.right, scope, hint: left.name })
        }
        break
      }
    } else if (isMember(left)) {
      const chain = staticProps(left)
      if (chain && chain.base.type === 'Identifier') {
        const base = chain.base.name as string
        const bound = this.lookup(base, scope)
        // module.exports = X, module.exports.a = X, exports.a = X
        if (base === 'module' && bound.k === 'global' && chain.props[0] === 'exports') {
          if (chain.props.length === 1) this.facts.cjsExports = this.sym(node.right, scope, 'default')
          else if (chain.props.length === 2) this.facts.exports.set(intern(chain.props[1]!), this.sym(node.right, scope, chain.props[1]))
        } else if (base === 'exports' && bound.k === 'global' && chain.props.length === 1) {
          this.facts.exports.set(intern(chain.props[0]!), this.sym(node.right, scope, chain.props[0]))
        }
      }
      // axios.defaults.baseURL = BASE (also on an instance)
      if (!left.computed && left.property.name === 'baseURL' && isMember(left.object) && !left.object.computed && left.object.property.name === 'defaults') {
        this.facts.axiosDefaults.push({ target: this.sym(left.object.object, scope), value: this.sym(node.right, scope) })
      }
      this.member(left, scope, false)
    } else {
      this.visit(left, scope)
    }
    this.visit(node.right, scope)
  }

  /** Record a member chain: a platform API when it starts at wx/uni/my…, otherwise a chain to fold later. */
  private member(node: N, scope: Scope, called: boolean): void {
    // Most chains start at a parameter, `this` or plain data: find the base first, build nothing for those.
    let b = node
    while (isMember(b)) b = unwrap(b.object)
    if (b.type === 'Identifier') {
      const bound = this.lookup(b.name, scope)
      if (!(bound.k === 'global' && PLATFORM_ROOTS.has(b.name)) && !mayReachApi(bound, 0)) {
        for (let n = node; isMember(n); n = unwrap(n.object)) if (n.computed) this.visit(n.property, scope)
        return
      }
    } else if (b.type === 'ThisExpression') {
      for (let n = node; isMember(n); n = unwrap(n.object)) if (n.computed) this.visit(n.property, scope)
      return
    }
    const props: { name?: string; node?: N; computed: boolean }[] = []
    let base = node
    while (isMember(base)) {
      const p = base.property
      if (!base.computed) props.unshift({ name: p.type === 'Identifier' ? intern(p.name) : '#private', computed: false })
      else if (p.type === 'StringLiteral') props.unshift({ name: intern(p.value), computed: true })
      else props.unshift({ node: p, computed: true })
      base = unwrap(base.object)
    }
    if (base.type === 'Identifier') {
      const bound = this.lookup(base.name, scope)
      if (bound.k === 'global' && PLATFORM_ROOTS.has(base.name)) {
        const names: string[] = []
        let computed = false
        for (const p of props) {
          if (names.length >= 3) break
          computed ||= p.computed
          if (p.name !== undefined) {
            names.push(p.name)
            continue
          }
          // wx[method] where method folds to a constant in scope
          const v = this.constString(this.sym(p.node, scope), 0)
          if (v === undefined) {
            names.push('*')
            break
          }
          names.push(v)
        }
        if (names.length > 0) {
          const api = names.includes('*') ? `${base.name}.*` : apiName(base.name, names)
          this.facts.apiUses.push({ api, loc: locOf(base), via: computed ? 'computed' : called ? 'call' : 'reference' })
        }
      } else if (mayReachApi(bound, 0)) {
        this.facts.chains.push({ sym: this.sym(node, scope), loc: locOf(base), call: called })
      }
    } else {
      this.visit(base, scope)
    }
    for (const p of props) if (p.node) this.visit(p.node, scope)
  }

  /** A string known while walking: a literal, a module constant declared above, or a concatenation of them. */
  private constString(sym: Sym, depth: number): string | undefined {
    if (depth > 10) return undefined
    if (sym.k === 'str') return sym.v
    if (sym.k === 'ref') {
      const target = this.facts.topLevel.get(sym.name)
      return target ? this.constString(target, depth + 1) : undefined
    }
    if (sym.k === 'cat') {
      let out = ''
      for (const part of sym.parts) {
        const v = this.constString(part, depth + 1)
        if (v === undefined) return undefined
        out += v
      }
      return out
    }
    return undefined
  }

  private call(node: N, scope: Scope): void {
    const callee = unwrap(node.callee)
    const loc = locOf(callee.type === 'Identifier' || isMember(callee) ? rootOf(callee) : node)
    let record = false
    let xhr = false
    if (callee.type === 'Identifier') {
      const bound = this.lookup(callee.name, scope)
      if (bound.k === 'global') record = REQUEST_GLOBALS.has(callee.name)
      else if (mayReachApi(bound, 0) || bound.k === 'fn') {
        record = true
        if (bound.k !== 'fn') this.facts.chains.push({ sym: bound, loc, call: true })
      }
    } else if (isMember(callee)) {
      const chain = staticProps(callee)
      if (chain?.base.type === 'Identifier') {
        const bound = this.lookup(chain.base.name, scope)
        if (bound.k === 'global') {
          if (PLATFORM_ROOTS.has(chain.base.name)) record = chain.props.some((p) => REQUEST_MEMBERS.has(p))
          else record = REQUEST_GLOBALS.has(chain.base.name)
        } else {
          record = mayReachApi(bound, 0) || bound.k === 'fn'
        }
      } else if (chain && (chain.base.type === 'CallExpression' || chain.base.type === 'ImportExpression') && this.sym(chain.base, scope).k === 'require') {
        // require('./http').post(…)
        record = true
      } else if (chain?.base.type === 'ThisExpression' && chain.props.length === 1) {
        // this.request(…) inside a class or object that defines request: a wrapper method.
        const self = this.thisOf(scope)
        record = !this.argumentObjects.has(self) && hasMember(self, chain.props[0]!)
      }
      const last = callee.computed ? undefined : callee.property.name
      const verb = node.arguments[0]
      if (last === 'open' && node.arguments.length >= 2 && verb?.type === 'StringLiteral' && HTTP_VERBS.has(verb.value.toUpperCase())) {
        record = true
        xhr = true
      }
      this.member(callee, scope, true)
    } else {
      this.visit(callee, scope)
    }
    if (record) {
      const site: CallSite = { callee: xhr ? unknown('xhr') : this.sym(callee, scope), args: node.arguments.map((a: N) => this.sym(a, scope)), loc, fn: scope.fn, ...(xhr ? { xhr } : {}) }
      this.facts.sites.push(site)
      for (let f = scope.fn; f; f = f.parent) (f.sites ??= []).push(site)
    }
    for (const a of node.arguments) {
      if (a.type === 'ObjectExpression') this.visitObject(a, scope, undefined, true)
      else this.visit(a, scope)
    }
  }

  private jsxElement(node: N, scope: Scope): void {
    const name = node.name.type === 'JSXIdentifier' ? node.name.name : node.name.type === 'JSXMemberExpression' ? node.name.property.name : ''
    const lower = String(name).toLowerCase()
    const kind: JsxLink['kind'] | undefined =
      lower === 'webview' || lower === 'web-view' ? 'web-view' : lower === 'navigator' ? 'navigator' : lower === 'a' ? 'link' : lower === 'iframe' ? 'frame' : undefined
    if (!kind) return
    const wanted = kind === 'web-view' || kind === 'frame' ? 'src' : kind === 'navigator' ? 'url' : 'href'
    const attrs: Record<string, string> = {}
    let value: Sym | undefined
    let loc = locOf(node)
    for (const a of node.attributes) {
      if (a.type !== 'JSXAttribute' || a.name.type !== 'JSXIdentifier') continue
      const attr: string = a.name.name
      const v = a.value
      if (v?.type === 'StringLiteral') attrs[attr] = intern(v.value)
      if (attr === wanted && v) {
        value = v.type === 'StringLiteral' ? { k: 'str', v: intern(v.value) } : v.type === 'JSXExpressionContainer' ? this.sym(v.expression, scope) : UNKNOWN
        loc = locOf(a)
      }
    }
    if (value) this.facts.links.push({ kind, value, loc, ...(Object.keys(attrs).length ? { attrs } : {}) })
  }

  private noteUrls(text: string, node: N): void {
    if (!text.includes('//')) return
    const loc = locOf(node)
    for (const m of text.matchAll(URL_IN_TEXT)) this.facts.urls.push({ url: intern(m[0]), loc })
  }
}

/**
 * Whether a binding could lead to a platform API, a request library or a
 * wrapper once folded; literals, parameters and plain data cannot, so their
 * member chains are not kept.
 */
function mayReachApi(sym: Sym, depth: number): boolean {
  if (depth > 8) return false
  switch (sym.k) {
    case 'global':
      return PLATFORM_ROOTS.has(sym.name) || REQUEST_GLOBALS.has(sym.name)
    case 'import':
    case 'require':
    case 'ref':
    case 'call':
    case 'new':
      return true
    case 'mem':
      return mayReachApi(sym.obj, depth + 1)
    case 'or':
    case 'alt':
      return mayReachApi(sym.a, depth + 1) || mayReachApi(sym.b, depth + 1)
    case 'obj':
      return sym.entries.some((e) => 'spread' in e && mayReachApi(e.spread, depth + 1))
    default:
      return false
  }
}

function hasMember(sym: Sym, name: string): boolean {
  if (sym.k !== 'obj' && sym.k !== 'class') return false
  const entries = sym.k === 'obj' ? sym.entries : sym.methods
  return entries.some((e) => ('spread' in e ? true : e.key === name))
}

/** URLs (with or without scheme) in a piece of text. */
export function urlsInText(text: string): string[] {
  if (!text.includes('//')) return []
  return [...text.matchAll(URL_IN_TEXT)].map((m) => m[0])
}

function declaredNames(decl: N): string[] {
  switch (decl?.type) {
    case 'VariableDeclaration':
      return decl.declarations.flatMap((d: N) => patternNames(d.id))
    case 'FunctionDeclaration':
    case 'ClassDeclaration':
      return decl.id ? [intern(decl.id.name)] : []
    case 'TSEnumDeclaration':
      return [intern(decl.id.name)]
    default:
      return []
  }
}

function patternNames(p: N): string[] {
  switch (p?.type) {
    case 'Identifier':
      return [intern(p.name)]
    case 'ObjectPattern':
      return p.properties.flatMap((q: N) => patternNames(q.type === 'RestElement' ? q.argument : q.value))
    case 'ArrayPattern':
      return p.elements.flatMap((e: N) => patternNames(e))
    case 'AssignmentPattern':
      return patternNames(p.left)
    case 'RestElement':
      return patternNames(p.argument)
    default:
      return []
  }
}

function rootOf(node: N): N {
  let n = node
  while (isMember(n)) n = unwrap(n.object)
  return n
}

/** A member chain with static names only (`a.b['c']`), or undefined. */
function staticProps(node: N): { base: N; props: string[] } | undefined {
  const props: string[] = []
  let n = node
  while (isMember(n)) {
    const name = keyName(n.property, n.computed)
    if (name === undefined) return undefined
    props.unshift(name)
    n = unwrap(n.object)
  }
  return { base: n, props }
}

/** The root and static member names of a symbol like `wx.cloud`, when it reaches a platform global. */
function rootPath(sym: Sym): { root: string; props: string[] } | undefined {
  if (sym.k === 'global' && PLATFORM_ROOTS.has(sym.name)) return { root: sym.name, props: [] }
  if (sym.k === 'mem' && typeof sym.prop === 'string') {
    const inner = rootPath(sym.obj)
    return inner ? { root: inner.root, props: [...inner.props, sym.prop] } : undefined
  }
  return undefined
}

/** `process.env.NAME` or `import.meta.env.NAME`. */
function envName(node: N, isGlobal: (name: string) => boolean): string | undefined {
  if (node.computed) return undefined
  const obj = unwrap(node.object)
  if (!isMember(obj) || obj.computed || obj.property.name !== 'env') return undefined
  const base = unwrap(obj.object)
  const named = base.type === 'Identifier' && base.name === 'process' && isGlobal('process')
  const meta = base.type === 'MetaProperty' && base.meta.name === 'import' && base.property.name === 'meta'
  return named || meta ? node.property.name : undefined
}
