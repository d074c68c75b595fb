/**
 * Folding across modules: evaluates the {@link Sym}s that js.ts kept, with
 * imports resolved to the scanned files, `process.env` read from the
 * project's .env files, and functions that forward a url to a request API
 * (custom wrappers, several levels deep) applied at their call sites.
 */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { apiName, PLATFORM_ROOTS, type CallSite, type FnInfo, type Loc, type ModuleFacts } from './js'
import type { ObjEntry, Sym } from './sym'

/** Where a module sits, for resolving `@/x`, `/utils/x` and `process.env`. */
export interface ModuleHome {
  /** Folders that `@/` and `~/` point at, tried in order. */
  aliasRoots: string[]
  /** Folder that a leading `/` points at (the mini-program root). */
  appRoot: string
  env: ReadonlyMap<string, string>
}

export interface Hole {
  hole: string
  param?: { fn: FnInfo; i: number }
}
export type Part = string | Hole

export type Val =
  | { t: 'str'; parts: Part[] }
  | { t: 'alts'; options: Extract<Val, { t: 'str' }>[] }
  | { t: 'obj'; entries: ObjEntry[]; ctx: Ctx }
  | { t: 'arr'; items: Sym[]; ctx: Ctx }
  | { t: 'fn'; fn: FnInfo }
  | { t: 'ns'; mod: ModuleFacts }
  | { t: 'api'; path: string; wrapped: boolean }
  | { t: 'lib'; lib: 'axios' | 'fetch' | 'jquery'; member: string[]; config?: Val }
  | { t: 'param'; fn: FnInfo; i: number; path: string[]; name: string }
  | { t: 'unknown'; name: string }

type Str = Extract<Val, { t: 'str' }>

export interface Ctx {
  mod: ModuleFacts
  /** Actual arguments of the functions being applied. */
  env: Map<FnInfo, Val[]> | undefined
}

export interface RequestHit {
  kind: 'http' | 'cloud' | 'socket'
  url: Val
  method: Val | undefined
  /** The APIs or functions the call went through, outermost first. */
  via: string[]
}

const MAX_ALTS = 4
const MAX_DEPTH = 80
const EXTENSIONS = ['', '.ts', '.js', '.mjs', '.cjs', '.tsx', '.jsx', '.vue', '.json']
const PASS_FIRST = new Set(['defineConfig', 'defineAppConfig', 'definePageConfig', 'defineComponent', 'reactive', 'readonly', 'markRaw', 'freeze'])
const URLISH = /url|uri|path|api|endpoint|action|address|link|href|src|^u$/i

export const unknownVal = (name: string): Val => ({ t: 'unknown', name })

export class Program {
  private readonly memo = new WeakMap<ModuleFacts, Map<string, Val>>()
  private readonly busy = new WeakMap<ModuleFacts, Set<string>>()
  private readonly summaries = new Map<FnInfo, CallSite | null>()
  private readonly siteModule = new Map<CallSite, ModuleFacts>()
  private readonly resolved = new WeakMap<ModuleFacts, Map<string, ModuleFacts | null>>()
  /** How many call sites applied each wrapper. */
  readonly applied = new Map<FnInfo, number>()
  private readonly axiosBase = new Map<string, Val>()

  constructor(
    readonly modules: ReadonlyMap<string, ModuleFacts>,
    private readonly homeOf: (file: string) => ModuleHome,
  ) {
    for (const m of modules.values()) {
      for (const f of m.fns) f.mod = m
      for (const s of m.sites) this.siteModule.set(s, m)
    }
  }

  moduleOfSite(site: CallSite): ModuleFacts {
    return this.siteModule.get(site)!
  }

  // --- module resolution ---------------------------------------------------

  resolveModule(from: ModuleFacts, source: string): ModuleFacts | undefined {
    let cache = this.resolved.get(from)
    if (!cache) {
      cache = new Map()
      this.resolved.set(from, cache)
    }
    const hit = cache.get(source)
    if (hit !== undefined) return hit ?? undefined
    const home = this.homeOf(from.file)
    let bases: string[]
    if (source.startsWith('.')) bases = [resolve(dirname(from.file), source)]
    else if (source.startsWith('@/') || source.startsWith('~/')) bases = home.aliasRoots.map((r) => join(r, source.slice(2)))
    else if (source.startsWith('/')) bases = [join(home.appRoot, source)]
    else bases = []
    let found: ModuleFacts | undefined
    outer: for (const base of bases) {
      for (const ext of EXTENSIONS) {
        const m = this.modules.get(base + ext)
        if (m) {
          found = m
          break outer
        }
      }
      for (const ext of EXTENSIONS.slice(1)) {
        const m = this.modules.get(join(base, `index${ext}`))
        if (m) {
          found = m
          break outer
        }
      }
    }
    cache.set(source, found ?? null)
    return found
  }

  private packageValue(source: string, imported: string): Val {
    if (source === '@tarojs/taro') return { t: 'api', path: imported === 'default' || imported === '*' ? 'Taro' : `Taro.${imported}`, wrapped: false }
    if (source === 'weixin-js-sdk' || source === 'jweixin-module' || source === 'weixin-jsapi') return { t: 'api', path: imported === 'default' || imported === '*' ? 'wx' : `wx.${imported}`, wrapped: false }
    if (source === 'axios') return imported === 'default' || imported === '*' ? { t: 'lib', lib: 'axios', member: [] } : { t: 'lib', lib: 'axios', member: [imported] }
    if (source === 'jquery') return { t: 'lib', lib: 'jquery', member: [] }
    return unknownVal(imported === 'default' || imported === '*' ? source : imported)
  }

  /** Memoised per module; a key being computed (a cycle) reads as unknown. */
  private cached(mod: ModuleFacts, key: string, compute: () => Val, fallback: string): Val {
    let memo = this.memo.get(mod)
    if (!memo) {
      memo = new Map()
      this.memo.set(mod, memo)
    }
    const hit = memo.get(key)
    if (hit) return hit
    let busy = this.busy.get(mod)
    if (!busy) {
      busy = new Set()
      this.busy.set(mod, busy)
    }
    if (busy.has(key)) return unknownVal(fallback)
    busy.add(key)
    try {
      const v = compute()
      memo.set(key, v)
      return v
    } finally {
      busy.delete(key)
    }
  }

  topLevelValue(mod: ModuleFacts, name: string): Val {
    return this.cached(mod, `t:${name}`, () => {
      const sym = mod.topLevel.get(name)
      return sym ? this.eval(sym, { mod, env: undefined }, 0) : unknownVal(name)
    }, name)
  }

  exportValue(mod: ModuleFacts, name: string): Val {
    return this.cached(mod, `e:${name}`, () => {
      if (name === '*') return { t: 'ns', mod }
      const sym = mod.exports.get(name)
      if (sym) return this.eval(sym, { mod, env: undefined }, 0)
      if (mod.cjsExports) {
        const cjs = this.eval(mod.cjsExports, { mod, env: undefined }, 0)
        return name === 'default' ? cjs : this.member(cjs, name, 0)
      }
      for (const source of mod.exportAll) {
        const target = this.resolveModule(mod, source)
        if (target && target !== mod) {
          const v = this.exportValue(target, name)
          if (v.t !== 'unknown') return v
        }
      }
      return unknownVal(name)
    }, name)
  }

  private importValue(mod: ModuleFacts, source: string, imported: string): Val {
    const target = this.resolveModule(mod, source)
    if (!target) return this.packageValue(source, imported)
    if (imported === 'default' && !target.exports.has('default') && target.cjsExports === undefined) return { t: 'ns', mod: target }
    return this.exportValue(target, imported)
  }

  private requireValue(mod: ModuleFacts, source: string): Val {
    const target = this.resolveModule(mod, source)
    if (!target) return this.packageValue(source, 'default')
    if (target.cjsExports) return this.exportValue(target, 'default')
    return { t: 'ns', mod: target }
  }

  // --- evaluation ----------------------------------------------------------

  eval(sym: Sym, ctx: Ctx, depth: number): Val {
    if (depth > MAX_DEPTH) return unknownVal('…')
    const d = depth + 1
    switch (sym.k) {
      case 'str':
        return { t: 'str', parts: [sym.v] }
      case 'cat':
        return concat(sym.parts.map((p) => this.eval(p, ctx, d)))
      case 'ref':
        return this.topLevelValue(ctx.mod, sym.name)
      case 'import':
        return this.importValue(ctx.mod, sym.source, sym.imported)
      case 'require':
        return this.requireValue(ctx.mod, sym.source)
      case 'global':
        if (PLATFORM_ROOTS.has(sym.name)) return { t: 'api', path: sym.name, wrapped: false }
        if (sym.name === 'fetch') return { t: 'lib', lib: 'fetch', member: [] }
        if (sym.name === 'axios') return { t: 'lib', lib: 'axios', member: [] }
        if (sym.name === '$' || sym.name === 'jQuery') return { t: 'lib', lib: 'jquery', member: [] }
        return unknownVal(sym.name)
      case 'param': {
        const fn = ctx.mod.fns[sym.fn]!
        const actual = ctx.env?.get(fn)
        if (!actual) return { t: 'param', fn, i: sym.i, path: sym.path, name: sym.name }
        let v: Val = actual[sym.i] ?? unknownVal('undefined')
        for (const p of sym.path) v = this.member(v, p, d)
        if (v.t === 'unknown' && sym.def) return this.eval(sym.def, ctx, d)
        return v
      }
      case 'mem': {
        const obj = this.eval(sym.obj, ctx, d)
        let prop: string | undefined
        if (typeof sym.prop === 'string') prop = sym.prop
        else {
          const p = this.eval(sym.prop, ctx, d)
          prop = p.t === 'str' && p.parts.length === 1 && typeof p.parts[0] === 'string' ? p.parts[0] : undefined
        }
        if (prop === undefined) return obj.t === 'api' ? { t: 'api', path: `${obj.path}.*`, wrapped: obj.wrapped } : unknownVal('…')
        return this.member(obj, prop, d)
      }
      case 'obj':
        return { t: 'obj', entries: sym.entries, ctx }
      case 'class':
        return { t: 'obj', entries: sym.methods, ctx }
      case 'arr':
        return { t: 'arr', items: sym.items, ctx }
      case 'alt': {
        const a = this.eval(sym.a, ctx, d)
        const b = this.eval(sym.b, ctx, d)
        if ((a.t === 'str' || a.t === 'alts') && (b.t === 'str' || b.t === 'alts')) return alternatives([a, b])
        return a.t !== 'unknown' ? a : b
      }
      case 'or': {
        const a = this.eval(sym.a, ctx, d)
        if (isKnown(a)) return a
        const b = this.eval(sym.b, ctx, d)
        return isKnown(b) || a.t === 'unknown' ? b : a
      }
      case 'call':
        return this.call(sym, ctx, d)
      case 'new': {
        const c = this.eval(sym.callee, ctx, d)
        return c.t === 'obj' ? c : unknownVal('new')
      }
      case 'fn':
        return { t: 'fn', fn: ctx.mod.fns[sym.fn]! }
      case 'env': {
        const v = this.homeOf(ctx.mod.file).env.get(sym.name)
        return v !== undefined ? { t: 'str', parts: [v] } : unknownVal(sym.name)
      }
      case 'unknown':
        return unknownVal(sym.name)
    }
  }

  member(obj: Val, prop: string, depth: number): Val {
    switch (obj.t) {
      case 'api':
        return { t: 'api', path: `${obj.path}.${prop}`, wrapped: obj.wrapped }
      case 'lib':
        return { ...obj, member: [...obj.member, prop] }
      case 'ns':
        return this.exportValue(obj.mod, prop)
      case 'param':
        return { ...obj, path: [...obj.path, prop], name: prop }
      case 'obj': {
        for (let i = obj.entries.length - 1; i >= 0; i--) {
          const e = obj.entries[i]!
          if ('key' in e) {
            if (e.key === prop) return this.eval(e.value, obj.ctx, depth + 1)
          } else {
            const inner = this.member(this.eval(e.spread, obj.ctx, depth + 1), prop, depth + 1)
            if (inner.t !== 'unknown') return inner
          }
        }
        return unknownVal(prop)
      }
      case 'arr': {
        const item = /^\d+$/.test(prop) ? obj.items[Number(prop)] : undefined
        return item ? this.eval(item, obj.ctx, depth + 1) : unknownVal(prop)
      }
      default:
        return unknownVal(prop)
    }
  }

  private call(sym: Extract<Sym, { k: 'call' }>, ctx: Ctx, d: number): Val {
    const callee = this.eval(sym.callee, ctx, d)
    if (callee.t === 'lib' && callee.lib === 'axios' && callee.member.length === 1 && callee.member[0] === 'create') {
      return { t: 'lib', lib: 'axios', member: [], config: sym.args[0] ? this.eval(sym.args[0], ctx, d) : undefined }
    }
    const calleeName = sym.callee.k === 'global' ? sym.callee.name : sym.callee.k === 'mem' && typeof sym.callee.prop === 'string' ? sym.callee.prop : callee.t === 'unknown' ? callee.name : ''
    if (calleeName === 'assign' && sym.callee.k === 'mem' && sym.callee.obj.k === 'global' && sym.callee.obj.name === 'Object') {
      return { t: 'obj', entries: sym.args.map((a) => ({ spread: a })), ctx }
    }
    if (PASS_FIRST.has(calleeName) && sym.args[0]) return this.eval(sym.args[0], ctx, d)
    if (callee.t === 'api' || callee.t === 'lib') return unknownVal('…')
    // promisify(wx.login), promisifyAll(wx): a wrapper that passes the API through.
    for (const a of sym.args) {
      const v = this.eval(a, ctx, d)
      if (v.t === 'api') return { ...v, wrapped: true }
      if (v.t === 'lib') return v
    }
    return unknownVal(calleeName || '…')
  }

  // --- requests ------------------------------------------------------------

  /** What a call site sends, evaluated with `env` binding the parameters of the functions being applied. */
  classify(site: CallSite, env: Map<FnInfo, Val[]> | undefined, depth = 0): RequestHit | undefined {
    if (depth > 12) return undefined
    const mod = this.moduleOfSite(site)
    const ctx: Ctx = { mod, env }
    const arg = (i: number): Val => (site.args[i] ? this.eval(site.args[i]!, ctx, 0) : unknownVal('undefined'))
    if (site.xhr) return { kind: 'http', url: arg(1), method: arg(0), via: ['XMLHttpRequest'] }
    const callee = this.eval(site.callee, ctx, 0)
    if (callee.t === 'api') {
      const parts = callee.path.split('.')
      const last = parts[parts.length - 1]!
      const api = apiName(parts[0]!, parts.slice(1))
      if (last === 'callFunction') {
        return { kind: 'cloud', url: this.member(arg(0), 'name', 0), method: undefined, via: [api] }
      }
      if (last === 'request' || last === 'httpRequest') {
        const opts = arg(0)
        const method = this.member(opts, 'method', 0)
        return { kind: 'http', url: this.member(opts, 'url', 0), method: isKnown(method) || method.t === 'param' ? method : str('GET'), via: [api] }
      }
      if (last === 'uploadFile') return { kind: 'http', url: this.member(arg(0), 'url', 0), method: str('POST'), via: [api] }
      if (last === 'downloadFile') return { kind: 'http', url: this.member(arg(0), 'url', 0), method: str('GET'), via: [api] }
      if (last === 'connectSocket') return { kind: 'socket', url: this.member(arg(0), 'url', 0), method: undefined, via: [api] }
      return undefined
    }
    if (callee.t === 'lib') return this.libRequest(callee, arg, mod)
    if (callee.t === 'fn') {
      const inner = this.summary(callee.fn)
      if (!inner) return undefined
      const actual = site.args.map((a) => this.eval(a, ctx, 0))
      const nextEnv = new Map(env ?? [])
      nextEnv.set(callee.fn, actual)
      const hit = this.classify(inner, nextEnv, depth + 1)
      if (!hit) return undefined
      this.applied.set(callee.fn, (this.applied.get(callee.fn) ?? 0) + 1)
      return { ...hit, via: [callee.fn.name || '(anonymous)', ...hit.via] }
    }
    return undefined
  }

  private libRequest(callee: Extract<Val, { t: 'lib' }>, arg: (i: number) => Val, mod: ModuleFacts): RequestHit | undefined {
    const m = callee.member
    if (callee.lib === 'fetch') return m.length === 0 ? { kind: 'http', url: arg(0), method: orDefault(this.member(arg(1), 'method', 0), 'GET'), via: ['fetch'] } : undefined
    if (callee.lib === 'jquery') {
      const name = m[0]
      if (name === 'ajax') {
        const a0 = arg(0)
        const settings = isStringish(a0) ? arg(1) : a0
        const url = isStringish(a0) ? a0 : this.member(settings, 'url', 0)
        const type = this.member(settings, 'type', 0)
        return { kind: 'http', url, method: orDefault(isKnown(type) ? type : this.member(settings, 'method', 0), 'GET'), via: ['$.ajax'] }
      }
      if (name === 'get' || name === 'getJSON' || name === 'post') return { kind: 'http', url: arg(0), method: str(name === 'post' ? 'POST' : 'GET'), via: [`$.${name}`] }
      return undefined
    }
    // axios and its instances
    const base = callee.config ? this.member(callee.config, 'baseURL', 0) : this.axiosDefault(mod)
    const via = [callee.config ? 'axios instance' : 'axios']
    const withBase = (url: Val, cfg: Val): Val => {
      const own = this.member(cfg, 'baseURL', 0)
      const b = isKnown(own) ? own : base
      return b && isKnown(b) && !isAbsolute(url) ? joinUrl(b, url) : url
    }
    const name = m[0]
    if (m.length === 0 || (m.length === 1 && name === 'request')) {
      const a0 = arg(0)
      const cfg = isStringish(a0) && name !== 'request' ? arg(1) : a0
      const url = isStringish(a0) && name !== 'request' ? a0 : this.member(cfg, 'url', 0)
      return { kind: 'http', url: withBase(url, cfg), method: orDefault(this.member(cfg, 'method', 0), 'GET'), via }
    }
    if (m.length === 1 && (name === 'get' || name === 'delete' || name === 'head' || name === 'options')) {
      return { kind: 'http', url: withBase(arg(0), arg(1)), method: str(name.toUpperCase()), via: [`${via[0]}.${name}`] }
    }
    if (m.length === 1 && (name === 'post' || name === 'put' || name === 'patch')) {
      return { kind: 'http', url: withBase(arg(0), arg(2)), method: str(name.toUpperCase()), via: [`${via[0]}.${name}`] }
    }
    return undefined
  }

  /** `axios.defaults.baseURL = …` anywhere in the module's project. */
  private axiosDefault(mod: ModuleFacts): Val | undefined {
    const home = this.homeOf(mod.file)
    const key = home.appRoot
    if (!this.axiosBase.has(key)) {
      let found: Val = unknownVal('baseURL')
      for (const m of this.modules.values()) {
        if (this.homeOf(m.file).appRoot !== key) continue
        for (const a of m.axiosDefaults) {
          const target = this.eval(a.target, { mod: m, env: undefined }, 0)
          if (target.t === 'lib' && target.lib === 'axios' && !target.config) found = this.eval(a.value, { mod: m, env: undefined }, 0)
        }
      }
      this.axiosBase.set(key, found)
    }
    return this.axiosBase.get(key)
  }

  /**
   * The call site inside `fn` that sends a request whose url (or cloud
   * function name) comes from `fn`'s parameters: `fn` is then a wrapper
   * and its callers are where the endpoints are.
   */
  summary(fn: FnInfo): CallSite | undefined {
    if (this.summaries.has(fn)) return this.summaries.get(fn) ?? undefined
    this.summaries.set(fn, null)
    for (const site of fn.sites ?? []) {
      const hit = this.classify(site, undefined)
      if (hit && wrapperOf(hit) === fn) {
        this.summaries.set(fn, site)
        return site
      }
    }
    return undefined
  }

  /** Whether a call site is a wrapper's inner request (so not an endpoint by itself). */
  isWrapperSite(site: CallSite, hit: RequestHit): FnInfo | undefined {
    const fn = wrapperOf(hit)
    return fn && this.summary(fn) === site ? fn : undefined
  }
}

/**
 * The function a request's target depends on, when the dependency makes it a
 * wrapper: the url's first parameter-derived piece has a url-like name or
 * comes right after the host; a cloud function name from any parameter.
 */
export function wrapperOf(hit: RequestHit): FnInfo | undefined {
  const options = hit.url.t === 'alts' ? hit.url.options : [hit.url]
  for (const v of options) {
    if (v.t === 'param') return v.fn
    if (v.t !== 'str') continue
    let prefix = ''
    for (const p of v.parts) {
      if (typeof p === 'string') {
        prefix += p
        continue
      }
      if (!p.param) {
        prefix += '{x}'
        continue
      }
      if (hit.kind === 'cloud' || URLISH.test(p.hole) || pathOf(prefix) === '') return p.param.fn
      break
    }
  }
  return undefined
}

function pathOf(prefix: string): string {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/[^/]*(.*)$/i.exec(prefix)
  const path = m ? m[1]! : prefix
  return path.replace(/^\{x\}/, '').replace(/\/$/, '')
}

function str(s: string): Str {
  return { t: 'str', parts: [s] }
}

function orDefault(v: Val, def: string): Val {
  return isKnown(v) || v.t === 'param' ? v : str(def)
}

export function isKnown(v: Val): boolean {
  if (v.t === 'str') return v.parts.some((p) => typeof p === 'string' && p !== '')
  return v.t !== 'unknown' && v.t !== 'param'
}

function isStringish(v: Val): boolean {
  return v.t === 'str' || v.t === 'alts' || v.t === 'param' || v.t === 'unknown'
}

function isAbsolute(v: Val): boolean {
  const first = v.t === 'str' ? v.parts[0] : v.t === 'alts' ? v.options[0]?.parts[0] : undefined
  return typeof first === 'string' && /^(?:[a-z]+:)?\/\//i.test(first)
}

function joinUrl(base: Val, path: Val): Val {
  return concat([base, path])
}

function partsOf(v: Val): Part[][] {
  switch (v.t) {
    case 'str':
      return [v.parts]
    case 'alts':
      return v.options.map((o) => o.parts)
    case 'param':
      return [[{ hole: v.name, param: { fn: v.fn, i: v.i } }]]
    case 'unknown':
      return [[{ hole: v.name }]]
    default:
      return [[{ hole: '…' }]]
  }
}

/** String concatenation; alternatives multiply, up to {@link MAX_ALTS}. */
export function concat(vals: Val[]): Val {
  let acc: Part[][] = [[]]
  for (const v of vals) {
    const next: Part[][] = []
    for (const a of acc) for (const b of partsOf(v)) if (next.length < MAX_ALTS) next.push([...a, ...b])
    acc = next
  }
  const options = acc.map((parts): Str => ({ t: 'str', parts: mergeParts(parts) }))
  return options.length === 1 ? options[0]! : { t: 'alts', options }
}

function alternatives(vals: Val[]): Val {
  const options: Str[] = []
  for (const v of vals) for (const o of v.t === 'alts' ? v.options : [v as Str]) if (options.length < MAX_ALTS && !options.some((x) => sameParts(x.parts, o.parts))) options.push(o)
  return options.length === 1 ? options[0]! : { t: 'alts', options }
}

function sameParts(a: Part[], b: Part[]): boolean {
  return a.length === b.length && a.every((p, i) => (typeof p === 'string' ? p === b[i] : typeof b[i] !== 'string' && (b[i] as Hole).hole === p.hole))
}

function mergeParts(parts: Part[]): Part[] {
  const out: Part[] = []
  for (const p of parts) {
    if (p === '') continue
    const last = out[out.length - 1]
    if (typeof p === 'string' && typeof last === 'string') out[out.length - 1] = last + p
    else out.push(p)
  }
  return out
}

/** The text forms of a string value, holes written `{name}`. */
export function texts(v: Val): { text: string; holes: number; literal: number }[] {
  return partsOf(v).map((parts) => {
    let text = ''
    let holes = 0
    let literal = 0
    for (const p of parts) {
      if (typeof p === 'string') {
        text += p
        literal += p.length
      } else {
        text += `{${p.hole}}`
        holes++
      }
    }
    return { text, holes, literal }
  })
}

export function locText(loc: Loc): string {
  return `${loc.line}:${loc.column}`
}

/** Read KEY=VALUE lines of .env files (later files override earlier ones). */
export function parseEnvFiles(texts: readonly string[]): Map<string, string> {
  const env = new Map<string, string>()
  for (const text of texts) {
    for (const line of text.split(/\r?\n/)) {
      const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*?)\s*$/.exec(line)
      if (!m) continue
      let value = m[2]!
      const q = /^(['"`])(.*)\1$/.exec(value)
      if (q) value = q[2]!
      else value = value.replace(/\s+#.*$/, '')
      env.set(m[1]!, value)
    }
  }
  return env
}

export function fileExists(path: string): boolean {
  return existsSync(path)
}
