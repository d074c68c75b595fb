/**
 * From API uses to what migration takes: each API's status in the
 * profile's capability map, the worst status per file, totals per
 * project, blockers grouped by the platform service they need, and the
 * effort estimate with its rule.
 */
import type { Localized } from '@yingjie/model'
import { capabilityFor, type AccessProfile, type PlatformService } from '@yingjie/spec'
import type { ApiLocation, ApiReport, ApiStatus, BlockerReport, EffortLine, EffortReport, FileReport, ProjectKind, StatusCounts } from './types'

/** Weights of the effort estimate, in person-days. Every figure is shown in the report next to its count. */
export interface EffortRule {
  /** Per project: packaging, review, joint testing with the platform. @default 2 */
  base: number
  /** Per page, by project kind: native mini-program pages are rewritten as H5; framework pages are rebuilt for the H5 target. */
  perPage: Record<ProjectKind, number>
  /** Per distinct API supported with differences (status 1). @default 0.5 */
  differs: number
  /** Per distinct API unsupported or needing a platform service (status 2). @default 2 */
  unsupported: number
  /** Per distinct API the capability map does not know. @default 1 */
  unknown: number
  /** Per back-end host: one adapter each. @default 2 */
  host: number
  /** Per distinct back-end operation mapped in an adapter. @default 0.5 */
  operation: number
  /** Per cloud function moved to the department back end. @default 1 */
  cloudFunction: number
  /** Per mini-program plugin replaced. @default 2 */
  plugin: number
}

export const DEFAULT_EFFORT_RULE: EffortRule = {
  base: 2,
  perPage: { 'wechat-native': 1, 'alipay-native': 1, 'uni-app': 0.25, taro: 0.25, 'h5-vue': 0.1, 'h5-react': 0.1, 'h5-plain': 0.2, unknown: 0.2 },
  differs: 0.5,
  unsupported: 2,
  unknown: 1,
  host: 2,
  operation: 0.5,
  cloudFunction: 1,
  plugin: 2,
}

export function emptyCounts(): StatusCounts {
  return { supported: 0, differs: 0, unsupported: 0, unknown: 0 }
}

const KEY: Record<string, keyof StatusCounts> = { '0': 'supported', '1': 'differs', '2': 'unsupported', unknown: 'unknown' }

export function countKey(status: ApiStatus): keyof StatusCounts {
  return KEY[String(status)]!
}

/** Ordering from harmless to blocking; 'unknown' sits between differs and unsupported. */
export function severity(status: ApiStatus | 'none'): number {
  return status === 'none' ? -1 : status === 'unknown' ? 1.5 : status
}

export interface RawApiUse extends ApiLocation {
  api: string
}

export function assessApis(uses: readonly RawApiUse[], profile: Pick<AccessProfile, 'capabilities'>): { apis: ApiReport[]; files: FileReport[]; totals: { apis: StatusCounts; calls: StatusCounts } } {
  const byApi = new Map<string, ApiReport>()
  const seen = new Set<string>()
  for (const u of uses) {
    // The same API at the same place through two routes (a call that is also a reference) counts once.
    const key = `${u.api}\0${u.file}\0${u.line}\0${u.column}`
    if (seen.has(key)) continue
    seen.add(key)
    let report = byApi.get(u.api)
    if (!report) {
      const entry = u.api.endsWith('.*') ? undefined : capabilityFor(profile, u.api)
      report = {
        api: u.api,
        status: entry ? entry.status : 'unknown',
        ...(entry ? { category: entry.category, capability: entry.capability } : {}),
        ...(entry?.needs ? { needs: entry.needs } : {}),
        ...(entry?.reason ? { reason: entry.reason } : {}),
        uses: 0,
        locations: [],
      }
      byApi.set(u.api, report)
    }
    report.uses++
    report.locations.push({ file: u.file, line: u.line, column: u.column, via: u.via })
  }
  const apis = [...byApi.values()].sort((a, b) => severity(b.status) - severity(a.status) || (a.api < b.api ? -1 : 1))
  for (const a of apis) a.locations.sort(byPosition)

  const files = new Map<string, FileReport>()
  const totals = { apis: emptyCounts(), calls: emptyCounts() }
  for (const a of apis) {
    totals.apis[countKey(a.status)]++
    totals.calls[countKey(a.status)] += a.uses
    const perFile = new Set<string>()
    for (const l of a.locations) {
      let f = files.get(l.file)
      if (!f) {
        f = { file: l.file, status: 'none', apis: 0, byStatus: emptyCounts() }
        files.set(l.file, f)
      }
      if (!perFile.has(l.file)) {
        perFile.add(l.file)
        f.apis++
        f.byStatus[countKey(a.status)]++
      }
      if (severity(a.status) > severity(f.status)) f.status = a.status
    }
  }
  return { apis, files: [...files.values()].sort((a, b) => severity(b.status) - severity(a.status) || (a.file < b.file ? -1 : 1)), totals }
}

const SERVICE_ORDER: (PlatformService | 'rewrite')[] = ['unified-identity', 'unified-payment', 'face-verification', 'message-push', 'platform-bridge', 'rewrite']

export const SERVICE_NAMES: Record<PlatformService | 'rewrite', Localized> = {
  'unified-identity': { zh: '统一身份认证', en: 'unified identity' },
  'unified-payment': { zh: '统一支付', en: 'unified payment' },
  'face-verification': { zh: '人脸核验', en: 'face verification' },
  'message-push': { zh: '消息推送', en: 'message push' },
  'platform-bridge': { zh: '平台 JS 桥能力', en: 'platform JS bridge' },
  rewrite: { zh: '无对应能力，须改写', en: 'no counterpart: rewrite' },
}

/** Unsupported APIs (and plugins) grouped by the platform service they need. */
export function blockersOf(apis: readonly ApiReport[], plugins: readonly { name: string }[], platform: Localized): BlockerReport[] {
  const groups = new Map<PlatformService | 'rewrite', BlockerReport>()
  for (const a of apis) {
    if (a.status !== 2) continue
    const service = a.needs ?? 'rewrite'
    let g = groups.get(service)
    if (!g) {
      g = { service, apis: [], reason: a.reason ?? { zh: `${platform.zh}不支持`, en: `not supported by ${platform.en}` } }
      groups.set(service, g)
    }
    g.apis.push(a.api)
  }
  if (plugins.length > 0) {
    let g = groups.get('rewrite')
    if (!g) {
      g = { service: 'rewrite', apis: [], reason: { zh: '小程序插件在 H5 中不可用，须改用 H5 实现或平台能力', en: 'mini-program plugins do not exist in H5; replace them with H5 code or a platform capability' } }
      groups.set('rewrite', g)
    }
    for (const p of plugins) g.apis.push(`plugin:${p.name}`)
  }
  return SERVICE_ORDER.filter((s) => groups.has(s)).map((s) => groups.get(s)!)
}

export interface EffortInput {
  kind: ProjectKind
  pages: number
  totals: StatusCounts
  hosts: number
  operations: number
  cloudFunctions: number
  plugins: number
}

const round = (n: number): number => Math.round(n * 100) / 100

export function estimateEffort(input: EffortInput, rule: EffortRule = DEFAULT_EFFORT_RULE): EffortReport {
  const line = (key: string, label: Localized, count: number, weight: number): EffortLine => ({ key, label, count, weight, days: round(count * weight) })
  const lines: EffortLine[] = [
    line('base', { zh: '项目基础（打包、审核、联调）', en: 'project base (packaging, review, joint testing)' }, 1, rule.base),
    line('pages', { zh: `页面（${input.kind}）`, en: `pages (${input.kind})` }, input.pages, rule.perPage[input.kind]),
    line('differs', { zh: '有差异的接口（状态 1）', en: 'APIs that differ (status 1)' }, input.totals.differs, rule.differs),
    line('unsupported', { zh: '不支持或需平台服务的接口（状态 2）', en: 'APIs unsupported or needing a platform service (status 2)' }, input.totals.unsupported, rule.unsupported),
    line('unknown', { zh: '能力映射表未收录的接口', en: 'APIs the capability map does not know' }, input.totals.unknown, rule.unknown),
    line('hosts', { zh: '后端主机（每个一个适配器）', en: 'back-end hosts (one adapter each)' }, input.hosts, rule.host),
    line('operations', { zh: '后端接口操作', en: 'back-end operations' }, input.operations, rule.operation),
    line('cloudFunctions', { zh: '云函数迁到部门后端', en: 'cloud functions moved to the department back end' }, input.cloudFunctions, rule.cloudFunction),
    line('plugins', { zh: '小程序插件替换', en: 'mini-program plugins replaced' }, input.plugins, rule.plugin),
  ]
  const days = round(lines.reduce((s, l) => s + l.days, 0))
  const used = lines.filter((l) => l.count > 0)
  return {
    days,
    lines,
    rule: {
      zh: `工作量（人日）= ${used.map((l) => `${l.label.zh} ${l.count} × ${l.weight}`).join(' + ')} = ${days}`,
      en: `effort (person-days) = ${used.map((l) => `${l.label.en} ${l.count} × ${l.weight}`).join(' + ')} = ${days}`,
    },
  }
}

export function byPosition(a: { file: string; line: number; column: number }, b: { file: string; line: number; column: number }): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column
}
