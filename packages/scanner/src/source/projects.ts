/**
 * Which projects a tree holds and what their configuration declares.
 * Markers: project.config.json / app.json (WeChat), mini.project.json or
 * .axml files (Alipay), pages.json + manifest.json (uni-app), a package.json
 * naming @tarojs/taro, @dcloudio/*, vue or react, and index.html (plain H5).
 * A folder may hold several; a marker inside a project of the same family
 * (a Taro project's project.config.json, a uni-app's src/pages.json) belongs
 * to that project.
 */
import { parseExpression } from '@babel/parser'
import { posix } from 'node:path'
import type { SourceFile } from './files'
import type { PluginReport, ProjectKind, SdkReport } from './types'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type N = any

/** JSON as mini-program tools write it: comments and trailing commas allowed (uni-app's pages.json has both). */
export function parseJsonLoose(text: string): { value: unknown; lineOf: (obj: object, key: string) => number } {
  const lines = new WeakMap<object, Record<string, number>>()
  const node = parseExpression(text.replace(/^\uFEFF/, ''), { errorRecovery: false })
  const toValue = (n: N): unknown => {
    switch (n.type) {
      case 'ObjectExpression': {
        const obj: Record<string, unknown> = {}
        const at: Record<string, number> = {}
        for (const p of n.properties) {
          if (p.type !== 'ObjectProperty') continue
          const key = p.key.type === 'StringLiteral' ? p.key.value : p.key.type === 'Identifier' ? p.key.name : String(p.key.value)
          obj[key] = toValue(p.value)
          at[key] = p.key.loc.start.line
        }
        lines.set(obj, at)
        return obj
      }
      case 'ArrayExpression':
        return n.elements.map((e: N) => (e ? toValue(e) : null))
      case 'StringLiteral':
      case 'NumericLiteral':
      case 'BooleanLiteral':
        return n.value
      case 'UnaryExpression':
        return n.operator === '-' && n.argument.type === 'NumericLiteral' ? -n.argument.value : null
      default:
        return null
    }
  }
  return { value: toValue(node), lineOf: (obj, key) => lines.get(obj)?.[key] ?? 1 }
}

export interface ProjectInfo {
  /** Relative to the scanned folder, '' for the folder itself. */
  root: string
  kind: ProjectKind
  markers: string[]
  /** Folder a leading `/` in imports points at (relative). */
  appRoot: string
  /** Folders `@/` points at (relative). */
  aliasRoots: string[]
  name?: string
  appid?: string
  pages: string[]
  subpackages: number
  plugins: PluginReport[]
  permissions: string[]
  sdks: SdkReport[]
  /** Cloud functions defined in the project's cloud function folder. */
  cloudFunctionsDefined: string[]
  /** Taro's app.config.* (pages are folded from it after the scripts are read). */
  appConfigFile?: string
  envFiles: string[]
}

type ReadJson = (file: SourceFile) => { value: unknown; lineOf: (obj: object, key: string) => number } | undefined

const FAMILY: Record<ProjectKind, string> = {
  'wechat-native': 'mp',
  'alipay-native': 'mp',
  'uni-app': 'framework',
  taro: 'framework',
  'h5-vue': 'framework',
  'h5-react': 'framework',
  'h5-plain': 'h5',
  unknown: 'unknown',
}

/** Known third-party SDKs by package name (prefix match for scoped families). */
const KNOWN_SDKS: [RegExp, string, { zh: string; en: string }?][] = [
  [/^(weixin-js-sdk|jweixin-module|weixin-jsapi)$/, 'wechat-jssdk', { zh: '微信 JS-SDK：在省级平台 H5 容器中不可用', en: 'WeChat JS-SDK: not available in the provincial H5 container' }],
  [/^@tarojs\//, 'framework'],
  [/^@dcloudio\//, 'framework'],
  [/^(vue|vue-router|vuex|pinia|react|react-dom|react-router|react-router-dom|redux|mobx)$/, 'framework'],
  [/^(axios|flyio|luch-request|uni-request|umi-request|whatwg-fetch)$/, 'http'],
  [/^(vant|@vant\/weapp|uview-ui|uview-plus|taro-ui|@nutui\/|element-ui|element-plus|antd|antd-mobile|mint-ui|weui|@antmjs\/|mini-ali-ui|@alipay\/|lin-ui)/, 'ui'],
  [/^(crypto-js|jsencrypt|sm-crypto|gm-crypt|node-rsa|js-md5|js-sha256|md5|jsrsasign)$/, 'crypto', { zh: '加解密：核对与省级平台签名、国密要求是否一致', en: 'cryptography: check it against the platform signing and SM (国密) rules' }],
  [/^(echarts|@antv\/|ucharts|@qiun\/|wx-f2|f2)/, 'charts'],
  [/^(qqmap-wx-jssdk|@amap\/|amap-wx|@map-component\/)/, 'map', { zh: '地图 SDK：需要地图服务密钥和 H5 版 SDK', en: 'map SDK: needs a map service key and the SDK’s H5 edition' }],
  [/^(mp-html|@vant\/area-data|dayjs|moment|lodash|lodash-es|qs|js-base64|decimal\.js|bignumber\.js)$/, 'utility'],
  [/^(umtrack-wx|umeng|sa-sdk-miniprogram|@sentry\/|fundebug)/, 'analytics', { zh: '统计/监控 SDK：上报第三方前须评估个人信息合规', en: 'analytics/monitoring SDK: assess personal-data compliance before sending data to a third party' }],
]

/** Vendored SDK files recognised by name (copied into utils/ or libs/ rather than installed). */
const VENDORED: [RegExp, string, string][] = [
  [/qqmap-wx-jssdk/i, 'qqmap-wx-jssdk', 'map'],
  [/amap-wx/i, 'amap-wx', 'map'],
  [/jweixin|weixin-js-sdk/i, 'weixin-js-sdk', 'wechat-jssdk'],
  [/^(sm-crypto|sm2|sm4)(\.min)?\.js$/i, 'sm-crypto', 'crypto'],
  [/^crypto-js(\.min)?\.js$/i, 'crypto-js', 'crypto'],
  [/^jsencrypt(\.min)?\.js$/i, 'jsencrypt', 'crypto'],
  [/^jquery[-.\d]*(\.min)?\.js$/i, 'jquery', 'utility'],
  [/^echarts(\.min)?\.js$/i, 'echarts', 'charts'],
]

export function sdkOf(name: string, version: string | undefined, source: string): SdkReport {
  const known = KNOWN_SDKS.find(([re]) => re.test(name))
  return { name, ...(version ? { version } : {}), source, ...(known ? { category: known[1] } : {}), ...(known?.[2] ? { note: known[2] } : {}) }
}

export function vendoredSdk(fileName: string, rel: string): SdkReport | undefined {
  const hit = VENDORED.find(([re]) => re.test(fileName))
  if (!hit) return undefined
  return sdkOf(hit[1], undefined, rel)
}

function dirOf(rel: string): string {
  const i = rel.lastIndexOf('/')
  return i < 0 ? '' : rel.slice(0, i)
}

function within(dir: string, root: string): boolean {
  return root === '' || dir === root || dir.startsWith(`${root}/`)
}

function join(...parts: string[]): string {
  return posix.join(...parts.filter((p) => p !== '')).replace(/^\.$/, '').replace(/\/$/, '')
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
}

function pagesOf(config: Record<string, unknown>): { pages: string[]; subpackages: number } {
  const pages = strings(config.pages).map((p) => (isObject(p) ? '' : p))
  // pages.json lists objects: { path: 'pages/index/index' }
  if (Array.isArray(config.pages)) for (const p of config.pages) if (isObject(p) && typeof p.path === 'string') pages.push(p.path)
  let subpackages = 0
  for (const key of ['subpackages', 'subPackages']) {
    const subs = config[key]
    if (!Array.isArray(subs)) continue
    for (const s of subs) {
      if (!isObject(s)) continue
      subpackages++
      const root = typeof s.root === 'string' ? s.root : ''
      for (const p of Array.isArray(s.pages) ? s.pages : []) {
        const path = typeof p === 'string' ? p : isObject(p) && typeof p.path === 'string' ? p.path : undefined
        if (path) pages.push(join(root, path))
      }
    }
  }
  return { pages: [...new Set(pages.filter(Boolean))], subpackages }
}

/** Permission scopes and private-info APIs a mini-program configuration declares. */
function permissionsOf(config: Record<string, unknown>): string[] {
  const out: string[] = []
  if (isObject(config.permission)) out.push(...Object.keys(config.permission))
  out.push(...strings(config.requiredPrivateInfos).map((p) => `requiredPrivateInfos:${p}`))
  return out
}

function pluginsOf(config: Record<string, unknown>, file: string): PluginReport[] {
  const out: PluginReport[] = []
  const add = (plugins: unknown): void => {
    if (!isObject(plugins)) return
    for (const [name, p] of Object.entries(plugins)) {
      const provider = isObject(p) && typeof p.provider === 'string' ? p.provider : undefined
      const version = isObject(p) && typeof p.version === 'string' ? p.version : undefined
      out.push({ name, file, ...(provider ? { provider } : {}), ...(version ? { version } : {}) })
    }
  }
  add(config.plugins)
  for (const key of ['subpackages', 'subPackages']) {
    const subs = config[key]
    if (Array.isArray(subs)) for (const s of subs) if (isObject(s)) add(s.plugins)
  }
  return out
}

interface Candidate {
  dir: string
  kind: ProjectKind
  markers: string[]
}

/**
 * Detect the projects of one scanned folder from its file list. JSON files
 * are read through `readJson` (which reports unparsable ones).
 */
export function detectProjects(files: readonly SourceFile[], dirs: readonly string[], readJson: ReadJson): ProjectInfo[] {
  const byDir = new Map<string, SourceFile[]>()
  for (const f of files) {
    const d = dirOf(f.rel)
    const list = byDir.get(d)
    if (list) list.push(f)
    else byDir.set(d, [f])
  }
  const named = (dir: string, name: string): SourceFile | undefined => byDir.get(dir)?.find((f) => f.rel === join(dir, name))
  const json = (f: SourceFile | undefined): Record<string, unknown> | undefined => {
    if (!f) return undefined
    const v = readJson(f)?.value
    return isObject(v) ? v : undefined
  }
  const hasKind = (dir: string, kind: SourceFile['kind']): boolean => byDir.get(dir)?.some((f) => f.kind === kind) ?? false

  const candidates: Candidate[] = []
  for (const dir of [...dirs].sort((a, b) => a.split('/').length - b.split('/').length || (a < b ? -1 : 1))) {
    const markers: string[] = []
    let kind: ProjectKind | undefined
    const pkg = json(named(dir, 'package.json'))
    const deps = { ...(isObject(pkg?.dependencies) ? pkg.dependencies : {}), ...(isObject(pkg?.devDependencies) ? pkg.devDependencies : {}) }
    const depNames = Object.keys(deps)
    if (depNames.some((d) => d === '@tarojs/taro')) kind = 'taro'
    else if (depNames.some((d) => d.startsWith('@dcloudio/'))) kind = 'uni-app'
    else if (depNames.some((d) => d === 'vue' || d === 'nuxt')) kind = 'h5-vue'
    else if (depNames.some((d) => d === 'react' || d === 'next') && !depNames.includes('react-native')) kind = 'h5-react'
    if (kind) markers.push(join(dir, 'package.json'))
    const pagesJson = named(dir, 'pages.json')
    if (pagesJson && json(pagesJson)?.pages) {
      kind ??= 'uni-app'
      markers.push(pagesJson.rel)
    }
    if (named(dir, 'mini.project.json')) {
      kind ??= 'alipay-native'
      markers.push(join(dir, 'mini.project.json'))
    }
    if (named(dir, 'project.config.json')) {
      kind ??= 'wechat-native'
      markers.push(join(dir, 'project.config.json'))
    }
    const appJson = named(dir, 'app.json')
    if (appJson && json(appJson)?.pages) {
      kind ??= hasKind(dir, 'axml') ? 'alipay-native' : 'wechat-native'
      markers.push(appJson.rel)
    }
    const index = named(dir, 'index.html')
    if (index && !kind) {
      kind = 'h5-plain'
      markers.push(index.rel)
    }
    if (kind) candidates.push({ dir, kind, markers })
  }

  // A marker inside a project of the same family is part of that project.
  const roots: Candidate[] = []
  for (const c of candidates) {
    const outer = roots.filter((r) => within(c.dir, r.dir)).pop()
    const merge =
      outer &&
      (FAMILY[outer.kind] === 'framework' ||
        (FAMILY[outer.kind] === 'mp' && FAMILY[c.kind] === 'mp') ||
        (outer.kind === 'h5-plain' && c.kind === 'h5-plain'))
    if (outer && merge) outer.markers.push(...c.markers)
    else roots.push({ ...c, markers: [...c.markers] })
  }

  return roots.map((c) => describeProject(c, files, byDir, readJson, named))
}

function describeProject(
  c: Candidate,
  files: readonly SourceFile[],
  byDir: Map<string, SourceFile[]>,
  readJson: ReadJson,
  named: (dir: string, name: string) => SourceFile | undefined,
): ProjectInfo {
  const info: ProjectInfo = {
    root: c.dir,
    kind: c.kind,
    markers: c.markers.sort(),
    appRoot: c.dir,
    aliasRoots: [join(c.dir, 'src'), c.dir],
    pages: [],
    subpackages: 0,
    plugins: [],
    permissions: [],
    sdks: [],
    cloudFunctionsDefined: [],
    envFiles: [],
  }
  const read = (rel: string): Record<string, unknown> | undefined => {
    const f = files.find((x) => x.rel === rel)
    const v = f ? readJson(f)?.value : undefined
    return isObject(v) ? v : undefined
  }
  // A native mini-program's package.json (for its npm packages) is no marker, but its dependencies are SDKs.
  const extraPackage = [c.dir, info.appRoot].map((d) => join(d, 'package.json')).find((p) => !info.markers.includes(p) && files.some((f) => f.rel === p))
  for (const m of extraPackage ? [...info.markers, extraPackage] : info.markers) {
    const base = m.slice(m.lastIndexOf('/') + 1)
    const dir = dirOf(m)
    const cfg = read(m)
    if (!cfg) continue
    if (base === 'project.config.json') {
      if (typeof cfg.appid === 'string' && cfg.appid !== 'touristappid') info.appid ??= cfg.appid
      if (typeof cfg.projectname === 'string') info.name ??= decodeURIComponent(cfg.projectname)
      if (typeof cfg.miniprogramRoot === 'string' && info.kind === 'wechat-native') info.appRoot = join(dir, cfg.miniprogramRoot)
      if (typeof cfg.cloudfunctionRoot === 'string') {
        const cloudRoot = join(dir, cfg.cloudfunctionRoot)
        const names = new Set<string>()
        for (const f of files) {
          if (f.rel.startsWith(`${cloudRoot}/`)) {
            const rest = f.rel.slice(cloudRoot.length + 1)
            if (rest.includes('/')) names.add(rest.slice(0, rest.indexOf('/')))
          }
        }
        info.cloudFunctionsDefined = [...names].sort()
      }
    } else if (base === 'app.json' || base === 'pages.json') {
      const p = pagesOf(cfg)
      info.pages.push(...p.pages.map((x) => x.replace(/^\//, '')))
      info.subpackages += p.subpackages
      info.plugins.push(...pluginsOf(cfg, m))
      info.permissions.push(...permissionsOf(cfg))
      if (base === 'app.json' && info.kind !== 'taro') info.appRoot = dir
      if (base === 'pages.json') info.aliasRoots = [dir, ...info.aliasRoots.filter((r) => r !== dir)]
    } else if (base === 'package.json') {
      if (typeof cfg.name === 'string') info.name ??= cfg.name
      const deps = isObject(cfg.dependencies) ? cfg.dependencies : {}
      for (const [name, version] of Object.entries(deps)) info.sdks.push(sdkOf(name, typeof version === 'string' ? version : undefined, m))
    } else if (base === 'mini.project.json' && typeof cfg.miniprogramRoot === 'string') {
      info.appRoot = join(dir, cfg.miniprogramRoot)
    }
  }
  // uni-app: manifest.json beside pages.json has the name, appids and the mp-weixin permissions.
  if (info.kind === 'uni-app') {
    for (const dir of [c.dir, join(c.dir, 'src')]) {
      const manifest = named(dir, 'manifest.json')
      const cfg = manifest ? readJson(manifest)?.value : undefined
      if (!isObject(cfg)) continue
      info.markers.push(manifest!.rel)
      if (typeof cfg.name === 'string') info.name = cfg.name
      const mp = cfg['mp-weixin']
      if (isObject(mp)) {
        if (typeof mp.appid === 'string' && mp.appid) info.appid ??= mp.appid
        info.permissions.push(...permissionsOf(mp))
        info.plugins.push(...pluginsOf(mp, manifest!.rel))
      }
      break
    }
  }
  if (info.kind === 'taro') {
    const cfg = files.find((f) => /^(src\/)?app\.config\.(ts|js)$/.test(f.rel.slice(c.dir ? c.dir.length + 1 : 0)) && within(dirOf(f.rel), c.dir))
    if (cfg) info.appConfigFile = cfg.rel
  }
  for (const f of byDir.get(c.dir) ?? []) if (f.kind === 'env' && !/\.(local|development|dev|test)$/.test(f.rel)) info.envFiles.push(f.rel)
  // .env is read first, .env.production last: the live values win.
  info.envFiles.sort((a, b) => (a.endsWith('.env') ? -1 : b.endsWith('.env') ? 1 : a < b ? -1 : 1))
  info.markers = [...new Set(info.markers)].sort()
  info.pages = [...new Set(info.pages)]
  info.permissions = [...new Set(info.permissions)]
  return info
}

/** The innermost project holding a file, or undefined. */
export function projectOf<P extends { root: string }>(projects: readonly P[], rel: string): P | undefined {
  let best: P | undefined
  for (const p of projects) if (within(dirOf(rel), p.root) && (!best || p.root.length > best.root.length)) best = p
  return best
}
