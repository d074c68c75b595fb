/**
 * `scanSource(paths)`: list the files, parse each once, detect projects,
 * fold values across modules, and build the report.
 */
import { readFileSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { YjError } from '@yingjie/model'
import { loadDefaultProfile, loadProfile, type AccessProfile } from '@yingjie/spec'
import { assessApis, blockersOf, byPosition, DEFAULT_EFFORT_RULE, emptyCounts, estimateEffort, type EffortRule, type RawApiUse } from './assess'
import { isKnown, parseEnvFiles, Program, texts, type ModuleHome, type Val } from './evaluate'
import { DEFAULT_MAX_SOURCE_BYTES, listSourceTree, looksBinary, looksMinified, type SourceFile } from './files'
import { suggestInterfaces } from './interfaces'
import { analyzeScript, emptyModule, PLATFORM_ROOTS, ScriptParseError, type FnInfo, type ModuleFacts } from './js'
import { analyzeMarkup, type MarkupFacts } from './markup'
import { detectProjects, parseJsonLoose, projectOf, vendoredSdk, type ProjectInfo } from './projects'
import type { Sym } from './sym'
import type {
  CloudFunctionReport,
  DomainReport,
  EndpointReport,
  LinkReport,
  Position,
  ProjectKind,
  ProjectReport,
  SdkReport,
  SkippedEntry,
  SourceScanReport,
  UnparsedFile,
  UnresolvedRequest,
} from './types'

export interface ScanSourceOptions {
  /**
   * Access-spec profile whose capability map rates the APIs: a shipped id or a file path.
   * @default the default profile (hebei-jishiban)
   */
  profile?: string | AccessProfile
  /** Folder that a profile path is resolved against. @default process.cwd() */
  cwd?: string
  /** Files larger than this are skipped and reported. @default 2 MiB */
  maxFileBytes?: number
  /** Weights of the effort estimate. @default DEFAULT_EFFORT_RULE */
  effortRule?: EffortRule
  /** Prefix of suggested Interface ids. @default 'scanned' */
  idPrefix?: string
  /**
   * How a scanned folder is named in the report.
   * @default the folder's base name
   * @example (abs) => path.relative(process.cwd(), abs)
   */
  displayRoot?: (abs: string) => string
}

interface Loaded {
  file: SourceFile
  /** Display path. */
  path: string
  rootIndex: number
  module?: ModuleFacts
  markup?: MarkupFacts
  text?: string
}

interface ScannedRoot {
  abs: string
  display: string
  prefix: string
  projects: ProjectInfo[]
}

const MAX_DOMAIN_LOCATIONS = 5
const READ_BATCH = 64

/**
 * Scan source trees of mini-programs and H5 projects: platform APIs and
 * their status on the provincial platform, back-end endpoints, cloud
 * functions, domains, SDKs, blockers and an effort estimate.
 * @example const report = await scanSource(['./bd-rsj-wx'], { profile: 'hebei-jishiban' })
 */
export async function scanSource(paths: readonly string[], options: ScanSourceOptions = {}): Promise<SourceScanReport> {
  const cwd = options.cwd ?? process.cwd()
  const profile = typeof options.profile === 'object' ? options.profile : options.profile ? await loadProfile(options.profile, { cwd }) : await loadDefaultProfile()
  const max = options.maxFileBytes ?? DEFAULT_MAX_SOURCE_BYTES
  const display = options.displayRoot ?? ((abs: string) => basename(abs))

  const skipped: SkippedEntry[] = []
  const unparsed: UnparsedFile[] = []
  const loaded: Loaded[] = []
  const roots: ScannedRoot[] = []
  let other = 0
  let bytes = 0

  const absPaths = paths.map((p) => resolve(cwd, p))
  for (const [i, abs] of absPaths.entries()) {
    const s = await stat(abs).catch(() => undefined)
    if (!s) {
      throw new YjError({
        code: 'YJ_SOURCE_NOT_FOUND',
        message: { zh: `找不到要扫描的源码：${paths[i]}`, en: `source to scan not found: ${paths[i]}` },
        hint: { zh: '给出小程序或 H5 项目的源码目录', en: 'give the folder of a mini-program or H5 project' },
      })
    }
  }
  const multi = absPaths.length > 1
  for (const [rootIndex, abs] of absPaths.entries()) {
    const listing = await listSourceTree(abs, { maxFileBytes: max })
    const prefix = multi ? `${basename(abs)}/` : ''
    roots.push({ abs: (await stat(abs)).isFile() ? resolve(abs, '..') : abs, display: display(abs), prefix, projects: [] })
    skipped.push(...listing.skipped.map((s) => ({ ...s, path: prefix + s.path })))
    other += listing.other
    for (let i = 0; i < listing.files.length; i += READ_BATCH) {
      const batch = listing.files.slice(i, i + READ_BATCH)
      // Synchronous reads: a scan is one job, and the thread-pool round trips cost more than they overlap.
      const contents = batch.map((f) => {
        try {
          return readFileSync(f.abs)
        } catch {
          return undefined
        }
      })
      batch.forEach((file, k) => {
        const path = prefix + file.rel
        const buf = contents[k]
        if (!buf) {
          skipped.push({ path, reason: 'unreadable' })
          return
        }
        if (looksBinary(buf)) {
          skipped.push({ path, reason: 'binary', bytes: buf.length })
          return
        }
        const text = buf.toString('utf8')
        if ((file.kind === 'js' || file.kind === 'ts') && looksMinified(file.rel, text)) {
          skipped.push({ path, reason: 'minified', bytes: buf.length })
          loaded.push({ file, path, rootIndex })
          return
        }
        bytes += buf.length
        loaded.push({ file, path, rootIndex, ...analyzeFile(file, path, text, unparsed) })
      })
    }
    const mine = loaded.filter((l) => l.rootIndex === rootIndex)
    const jsonCache = new Map<string, ReturnType<typeof parseJsonLoose> | undefined>()
    const readJson = (f: SourceFile): ReturnType<typeof parseJsonLoose> | undefined => {
      if (jsonCache.has(f.rel)) return jsonCache.get(f.rel)
      const l = mine.find((x) => x.file === f)
      let parsed: ReturnType<typeof parseJsonLoose> | undefined
      try {
        parsed = l?.text !== undefined ? parseJsonLoose(l.text) : undefined
      } catch (error) {
        const e = error as { message?: string; loc?: { line: number; column: number } }
        unparsed.push({ file: prefix + f.rel, line: e.loc?.line ?? 1, column: (e.loc?.column ?? 0) + 1, message: String(e.message ?? error).replace(/\s*\(\d+:\d+\)$/, '') })
      }
      jsonCache.set(f.rel, parsed)
      return parsed
    }
    roots[rootIndex]!.projects = detectProjects(
      mine.map((l) => l.file),
      listing.dirs,
      readJson,
    )
    for (const l of mine) if (l.file.kind === 'json') readJson(l.file)
  }

  // --- fold across modules -------------------------------------------------
  const homes = new Map<string, ModuleHome>()
  const envOf = new Map<ProjectInfo, Map<string, string>>()
  const homeOf = (file: string): ModuleHome => {
    const known = homes.get(file)
    if (known) return known
    const l = loadedByAbs.get(file)
    const root = l ? roots[l.rootIndex]! : undefined
    const project = root && l ? projectOf(root.projects, l.file.rel) : undefined
    let env = project ? envOf.get(project) : undefined
    if (project && !env) {
      env = parseEnvFiles(project.envFiles.map((rel) => loaded.find((x) => x.rootIndex === l!.rootIndex && x.file.rel === rel)?.text ?? ''))
      envOf.set(project, env)
    }
    const home: ModuleHome = root
      ? {
          aliasRoots: (project?.aliasRoots ?? ['src', '']).map((r) => join(root.abs, r)),
          appRoot: join(root.abs, project?.appRoot ?? ''),
          env: env ?? new Map(),
        }
      : { aliasRoots: [], appRoot: '/', env: new Map() }
    homes.set(file, home)
    return home
  }
  const loadedByAbs = new Map(loaded.map((l) => [l.file.abs, l]))
  const modules = new Map<string, ModuleFacts>()
  for (const l of loaded) if (l.module) modules.set(l.file.abs, l.module)
  const program = new Program(modules, homeOf)

  // --- per project ---------------------------------------------------------
  const projectReports: ProjectReport[] = []
  const allEndpoints: (EndpointReport & { project: string })[] = []
  for (const [rootIndex, root] of roots.entries()) {
    const mine = loaded.filter((l) => l.rootIndex === rootIndex)
    const projects = [...root.projects]
    const orphans = mine.filter((l) => !projectOf(projects, l.file.rel) && (l.module || l.markup))
    if (orphans.length > 0) projects.push(orphanProject())
    for (const project of projects) {
      const files = mine.filter((l) => (project.kind === 'unknown' && !root.projects.includes(project) ? !projectOf(root.projects, l.file.rel) : projectOf(root.projects, l.file.rel) === project))
      const report = buildProjectReport(project, files, root, program, profile, options.effortRule ?? DEFAULT_EFFORT_RULE, unparsed, skipped)
      projectReports.push(report)
      for (const e of report.endpoints) allEndpoints.push({ ...e, project: report.path })
    }
  }

  const interfaces = suggestInterfaces(allEndpoints, { idPrefix: options.idPrefix ?? 'scanned' })
  const summaryApis = emptyCounts()
  for (const p of projectReports) for (const k of Object.keys(summaryApis) as (keyof typeof summaryApis)[]) summaryApis[k] += p.totals.apis[k]
  const hosts = new Set(allEndpoints.map((e) => e.host).filter(Boolean))
  unparsed.sort(byPosition)
  skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  const scanned = loaded.filter((l) => !skipped.some((s) => s.path === l.path)).length
  return {
    kind: 'SourceScanReport',
    version: 1,
    profile: { id: profile.id, platform: profile.platform.name },
    roots: roots.map((r) => r.display),
    summary: {
      projects: projectReports.length,
      files: { scanned, parsed: scanned - new Set(unparsed.map((u) => u.file)).size, unparsed: new Set(unparsed.map((u) => u.file)).size, skipped: skipped.length, other },
      bytes,
      apis: summaryApis,
      endpoints: projectReports.reduce((s, p) => s + p.endpoints.length, 0),
      hosts: hosts.size,
      cloudFunctions: projectReports.reduce((s, p) => s + p.cloudFunctions.length, 0),
      blockers: projectReports.reduce((s, p) => s + p.blockers.reduce((n, b) => n + b.apis.length, 0), 0),
      effortDays: Math.round(projectReports.reduce((s, p) => s + p.effort.days, 0) * 100) / 100,
    },
    projects: projectReports,
    interfaces,
    unparsed,
    skipped,
  }
}

function orphanProject(): ProjectInfo {
  return { root: '', kind: 'unknown', markers: [], appRoot: '', aliasRoots: ['src', ''], pages: [], subpackages: 0, plugins: [], permissions: [], sdks: [], cloudFunctionsDefined: [], envFiles: [] }
}

function analyzeFile(file: SourceFile, path: string, text: string, unparsed: UnparsedFile[]): Pick<Loaded, 'module' | 'markup' | 'text'> {
  const fail = (e: unknown): void => {
    if (e instanceof ScriptParseError) unparsed.push({ file: path, line: e.line, column: e.column, message: e.message })
    else unparsed.push({ file: path, line: 1, column: 1, message: String((e as Error)?.message ?? e) })
  }
  switch (file.kind) {
    case 'js':
    case 'jsx':
    case 'ts':
    case 'tsx': {
      const module = emptyModule(file.abs)
      try {
        analyzeScript(text, module, { lang: file.kind })
        return { module }
      } catch (e) {
        fail(e)
        return {}
      }
    }
    case 'vue':
    case 'html':
    case 'wxml':
    case 'axml': {
      let markup: MarkupFacts
      try {
        markup = analyzeMarkup(text, file.kind)
      } catch (e) {
        fail(e)
        return {}
      }
      if (markup.scripts.length === 0) return { markup }
      const module = emptyModule(file.abs)
      for (const s of markup.scripts) {
        try {
          analyzeScript(s.code, module, { lang: s.lang, startLine: s.startLine, startColumn: s.startColumn })
        } catch (e) {
          fail(e)
        }
      }
      return { markup, module }
    }
    case 'json':
    case 'env':
      return { text }
  }
}

const hostCache = new Map<string, { host?: string; path: string; scheme?: string }>()

function hostOf(url: string): { host?: string; path: string; scheme?: string } {
  let hit = hostCache.get(url)
  if (!hit) {
    hit = parseHost(url)
    if (hostCache.size > 10_000) hostCache.clear()
    hostCache.set(url, hit)
  }
  return hit
}

function parseHost(url: string): { host?: string; path: string; scheme?: string } {
  const m = /^(?:([a-z][a-z0-9+.-]*):)?\/\/([^/?#{}\s]+)([^#]*)/i.exec(url)
  if (!m) return { path: url }
  return { scheme: m[1]?.toLowerCase(), host: m[2]!.toLowerCase(), path: m[3] || '/' }
}

function methodOf(v: Val | undefined): string | undefined {
  if (!v || v.t !== 'str' || v.parts.length !== 1 || typeof v.parts[0] !== 'string') return undefined
  return v.parts[0].toUpperCase()
}

function isPlatformHost(host: string, domains: readonly string[]): boolean {
  return domains.some((d) => host === d || host.endsWith(`.${d}`))
}

function chainRoot(sym: Sym): Sym {
  let s = sym
  while (s.k === 'mem') s = s.obj
  return s
}

function buildProjectReport(
  project: ProjectInfo,
  files: Loaded[],
  root: ScannedRoot,
  program: Program,
  profile: AccessProfile,
  rule: EffortRule,
  unparsed: readonly UnparsedFile[],
  skipped: readonly SkippedEntry[],
): ProjectReport {
  const prefix = root.prefix
  const uses: RawApiUse[] = []
  const endpoints = new Map<string, EndpointReport>()
  const unresolved: UnresolvedRequest[] = []
  const cloud = new Map<string, CloudFunctionReport>()
  const links: LinkReport[] = []
  const domainRefs = new Map<string, { backend: boolean; count: number; locations: Position[] }>()
  const sdks: SdkReport[] = [...project.sdks]
  const componentRoot = project.kind === 'alipay-native' ? 'my' : project.kind === 'uni-app' ? 'uni' : project.kind === 'taro' ? 'Taro' : 'wx'

  const noteDomain = (url: string, at: Position, backend: boolean): void => {
    const { host } = hostOf(url)
    if (!host) return
    let d = domainRefs.get(host)
    if (!d) {
      d = { backend: false, count: 0, locations: [] }
      domainRefs.set(host, d)
    }
    d.backend ||= backend
    d.count++
    if (d.locations.length < MAX_DOMAIN_LOCATIONS) d.locations.push(at)
  }

  const wrapperSites = new Map<FnInfo, Position>()
  for (const l of files) {
    const vendored = vendoredSdk(l.file.rel.slice(l.file.rel.lastIndexOf('/') + 1), l.path)
    if (vendored && !sdks.some((s) => s.name === vendored.name)) sdks.push(vendored)
    const m = l.module
    const pos = (loc: { line: number; column: number }): Position => ({ file: l.path, line: loc.line, column: loc.column })
    if (m) {
      for (const u of m.apiUses) uses.push({ api: u.api, ...pos(u.loc), via: u.via })
      for (const c of m.chains) {
        const v = program.eval(c.sym, { mod: m, env: undefined }, 0)
        if (v.t !== 'api') continue
        const parts = v.path.split('.')
        if (!PLATFORM_ROOTS.has(parts[0]!) || parts.length < 2) continue
        const api = parts.length >= 3 && ['cloud', 'miniProgram', 'webView'].includes(parts[1]!) ? parts.slice(0, 3).join('.') : parts.slice(0, 2).join('.')
        const root = chainRoot(c.sym)
        uses.push({ api, ...pos(c.loc), via: v.wrapped ? 'wrapper' : root.k === 'import' ? 'import' : 'alias' })
      }
      for (const site of m.sites) {
        const hit = program.classify(site, undefined)
        if (!hit) continue
        const wrapper = program.isWrapperSite(site, hit)
        if (wrapper) {
          if (!wrapperSites.has(wrapper)) wrapperSites.set(wrapper, pos(site.loc))
          continue
        }
        const at = pos(site.loc)
        if (hit.kind === 'cloud') {
          for (const t of texts(hit.url)) {
            const name = t.text
            const c = cloud.get(name) ?? { name, defined: project.cloudFunctionsDefined.includes(name), locations: [] }
            c.locations.push(at)
            cloud.set(name, c)
          }
          continue
        }
        for (const t of texts(hit.url)) {
          const { host, path, scheme } = hostOf(t.text)
          const usable = t.literal > 0 && (host !== undefined || t.text.includes('/'))
          if (!usable || (host === undefined && t.text.startsWith('{') && !/\/[A-Za-z]/.test(t.text))) {
            unresolved.push({ ...at, via: hit.via, partial: t.text })
            continue
          }
          const method = hit.kind === 'socket' ? 'WS' : methodOf(hit.method)
          const url = t.text
          const key = `${method ?? ''} ${url}`
          const e = endpoints.get(key) ?? {
            ...(method ? { method } : {}),
            url,
            ...(host ? { host } : {}),
            path: host ? path : url,
            resolved: t.holes === 0 ? 'full' : 'partial',
            via: hit.via,
            locations: [],
          }
          e.locations.push(at)
          endpoints.set(key, e)
          if (host && (scheme === undefined || /^(https?|wss?)$/.test(scheme))) noteDomain(url, at, true)
        }
      }
      for (const link of m.links) {
        const v = program.eval(link.value, { mod: m, env: undefined }, 0)
        for (const t of texts(v)) if (isKnown(v)) links.push({ kind: link.kind, target: t.text, ...pos(link.loc), ...(link.attrs ? { attrs: link.attrs } : {}) })
      }
      for (const u of m.urls) noteDomain(u.url, pos(u.loc), false)
    }
    const mk = l.markup
    if (mk) {
      const root = l.file.kind === 'axml' ? 'my' : l.file.kind === 'wxml' ? 'wx' : componentRoot
      if (l.file.kind !== 'html' && (l.file.kind !== 'vue' || project.kind === 'uni-app' || project.kind === 'taro')) {
        for (const c of mk.components) uses.push({ api: `${root}.${c.member}`, ...pos(c.loc), via: `component ${c.markup}` })
      }
      for (const link of mk.links) {
        let target = link.value
        // <web-view :src="url"> with `const url = '…'` in the component's script
        if (link.expr && m && /^[A-Za-z_$][\w$]*$/.test(link.expr) && m.topLevel.has(link.expr)) {
          const v = program.topLevelValue(m, link.expr)
          if (isKnown(v)) target = texts(v)[0]!.text
        }
        links.push({ kind: link.kind, target, ...pos(link.loc), ...(link.attrs ? { attrs: link.attrs } : {}) })
        if (link.kind === 'script') {
          const sdk = vendoredSdk(link.value.slice(link.value.lastIndexOf('/') + 1), `${l.path}:${link.loc.line}`)
          if (sdk && !sdks.some((x) => x.name === sdk.name)) sdks.push(sdk)
        }
      }
      for (const u of mk.urls) noteDomain(u.url, pos(u.loc), false)
      if (l.file.kind === 'html') {
        for (const link of mk.links) {
          if (link.kind === 'form' && !link.value.includes('{{')) {
            const { host, path } = hostOf(link.value)
            const method = link.attrs?.method
            const key = `${method ?? ''} ${link.value}`
            const e = endpoints.get(key) ?? { ...(method ? { method } : {}), url: link.value, ...(host ? { host } : {}), path: host ? path : link.value, resolved: 'full' as const, via: ['<form>'], locations: [] }
            e.locations.push(pos(link.loc))
            endpoints.set(key, e)
          }
        }
      }
    }
  }
  // A wrapper no caller fed a known url: still say where it sends requests.
  for (const [fn, at] of wrapperSites) {
    if ((program.applied.get(fn) ?? 0) > 0) continue
    const site = program.summary(fn)
    const hit = site ? program.classify(site, undefined) : undefined
    if (hit) for (const t of texts(hit.url)) unresolved.push({ ...at, via: [fn.name || '(anonymous)', ...hit.via], partial: t.text })
  }
  for (const l of links) if (l.kind !== 'navigator' || /^(?:https?:)?\/\//i.test(l.target)) noteDomain(l.target, l, false)

  const assessed = assessApis(uses, profile)
  const endpointList = [...endpoints.values()].sort(
    (a, b) => ((a.host ?? '~') < (b.host ?? '~') ? -1 : (a.host ?? '~') > (b.host ?? '~') ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : (a.method ?? '') < (b.method ?? '') ? -1 : 1),
  )
  for (const e of endpointList) e.locations.sort(byPosition)
  const domains: DomainReport[] = [...domainRefs]
    .map(([host, d]): DomainReport => ({
      host,
      role: isPlatformHost(host, profile.platform.domains) ? 'platform' : d.backend ? 'backend' : 'external',
      references: d.count,
      locations: d.locations.sort(byPosition),
    }))
    .sort((a, b) => (a.role === b.role ? (a.host < b.host ? -1 : 1) : a.role === 'backend' ? -1 : b.role === 'backend' ? 1 : a.role < b.role ? -1 : 1))
  const hosts = new Set(endpointList.map((e) => e.host).filter((h): h is string => !!h))
  const operations = new Set(endpointList.map((e) => `${e.method ?? ''} ${e.host ?? ''}${e.path.split('?')[0]}`)).size
  if (project.appConfigFile && project.pages.length === 0) project.pages.push(...taroPages(project.appConfigFile, files, program))
  const pages = project.pages.length > 0 ? project.pages.length : countPages(project, files)
  const cloudFunctions = [...cloud.values()].sort((a, b) => (a.name < b.name ? -1 : 1))
  for (const name of project.cloudFunctionsDefined) if (!cloud.has(name)) cloudFunctions.push({ name, defined: true, locations: [] })
  cloudFunctions.sort((a, b) => (a.name < b.name ? -1 : 1))
  const inProject = (p: string): boolean => files.some((l) => l.path === p)
  const scannedCount = files.filter((l) => !skipped.some((s) => s.path === l.path)).length
  const unparsedCount = new Set(unparsed.filter((u) => inProject(u.file)).map((u) => u.file)).size
  const effort = estimateEffort(
    { kind: project.kind, pages, totals: assessed.totals.apis, hosts: hosts.size, operations, cloudFunctions: cloudFunctions.length, plugins: project.plugins.length },
    rule,
  )
  const pagesList = project.pages.length > 0 ? project.pages : []
  return {
    root: (prefix + project.root).replace(/\/$/, '') || '.',
    path: [root.display, project.root].filter(Boolean).join('/'),
    kind: project.kind,
    markers: project.markers.map((m) => prefix + m),
    ...(project.name ? { name: project.name } : {}),
    ...(project.appid ? { appid: project.appid } : {}),
    pages: { count: pages, subpackages: project.subpackages, list: pagesList },
    plugins: project.plugins.map((p) => ({ ...p, file: prefix + p.file })),
    permissions: project.permissions,
    sdks: sdks.map((s) => (s.source.startsWith(prefix) ? s : { ...s, source: prefix + s.source })).sort((a, b) => (a.name < b.name ? -1 : 1)),
    files: { scanned: scannedCount, parsed: scannedCount - unparsedCount, unparsed: unparsedCount },
    totals: assessed.totals,
    apis: assessed.apis,
    fileStatus: assessed.files,
    blockers: blockersOf(assessed.apis, project.plugins, profile.platform.name),
    endpoints: endpointList,
    unresolvedRequests: unresolved.sort(byPosition),
    cloudFunctions,
    links: links.sort(byPosition),
    domains,
    effort,
  }
}

/** Taro's pages, folded from `export default defineAppConfig({ pages: [...] })`. */
function taroPages(rel: string, files: readonly Loaded[], program: Program): string[] {
  const m = files.find((l) => l.file.rel === rel)?.module
  if (!m) return []
  const pages = program.member(program.exportValue(m, 'default'), 'pages', 0)
  if (pages.t !== 'arr') return []
  return pages.items.flatMap((item) => texts(program.eval(item, pages.ctx, 0)).filter((t) => t.holes === 0).map((t) => t.text))
}

/** Pages of a project without a page list: components under pages/ or views/, or the HTML files of a plain H5 site. */
function countPages(project: ProjectInfo, files: readonly Loaded[]): number {
  const kind: ProjectKind = project.kind
  if (kind === 'h5-plain' || kind === 'unknown') return files.filter((l) => l.file.kind === 'html').length
  return files.filter((l) => /(^|\/)(pages|views)\//.test(l.file.rel) && (l.file.kind === 'vue' || l.file.kind === 'jsx' || l.file.kind === 'tsx')).length
}
