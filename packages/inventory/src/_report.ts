import { CHANNEL_TYPES, DECISIONS, ACCESS_MODES, ORG_LEVELS, type Entity, type Inventory, type Lang } from '@yingjie/model'
import type { CheckResult } from './_check'
import { indexInventory } from './_index'

type Counts = Record<string, number>

export interface OrganizationSummary {
  id: string
  name: string
  level: string
  channels: number
  byType: Counts
  interfaces: number
  undecided: number
}

export interface CoverageItem {
  code: string
  name: string
  domain: string
  channels: string[]
}

export interface DuplicateGroup {
  reason: 'identifier' | 'same-name' | 'same-services'
  channels: string[]
  detail: string
}

export interface InventoryReport {
  root: string
  region?: { id: string; name: string; platform: string; platformName?: string; milestones: Record<string, string> }
  totals: { organizations: number; channels: number; interfaces: number; migrations: number; serviceItems: number }
  channelsByType: Counts
  channelsByOwnerLevel: Counts
  channelsByDecision: Counts
  channelsByAccessMode: Counts
  organizations: OrganizationSummary[]
  coverage: {
    items: number
    covered: CoverageItem[]
    uncovered: CoverageItem[]
    byDomain: { domain: string; items: number; covered: number }[]
  }
  possibleDuplicates: DuplicateGroup[]
  findings: { errors: number; warnings: number; byCode: Counts }
}

function zeroCounts(keys: readonly string[]): Counts {
  return Object.fromEntries(keys.map((k) => [k, 0]))
}

/** Summarise an inventory for the city office: pure data, rendered separately. */
export function buildReport(inventory: Inventory, check: CheckResult): InventoryReport {
  const index = indexInventory(inventory.entities)
  const { Channel: channels, Organization: orgs } = index.byKind
  const orgById = new Map(orgs.map((o) => [o.metadata.id, o]))
  const byType = zeroCounts(CHANNEL_TYPES)
  const byLevel = zeroCounts(ORG_LEVELS)
  const byDecision: Counts = { ...zeroCounts(DECISIONS), undecided: 0 }
  const byMode: Counts = { ...zeroCounts(ACCESS_MODES), unset: 0 }
  const perOrg = new Map<string, OrganizationSummary>(
    orgs.map((o) => [o.metadata.id, { id: o.metadata.id, name: o.metadata.name, level: o.spec.level, channels: 0, byType: zeroCounts(CHANNEL_TYPES), interfaces: 0, undecided: 0 }]),
  )
  const itemChannels = new Map<string, string[]>()
  for (const c of channels) {
    byType[c.spec.type] = (byType[c.spec.type] ?? 0) + 1
    const owner = orgById.get(c.metadata.owner ?? '')
    if (owner) byLevel[owner.spec.level] = (byLevel[owner.spec.level] ?? 0) + 1
    byDecision[c.spec.decision ?? 'undecided'] = (byDecision[c.spec.decision ?? 'undecided'] ?? 0) + 1
    byMode[c.spec.accessMode ?? 'unset'] = (byMode[c.spec.accessMode ?? 'unset'] ?? 0) + 1
    const summary = perOrg.get(c.metadata.owner ?? '')
    if (summary) {
      summary.channels++
      summary.byType[c.spec.type] = (summary.byType[c.spec.type] ?? 0) + 1
      if (!c.spec.decision) summary.undecided++
    }
    for (const svc of c.spec.services ?? []) {
      if (!svc.item) continue
      const list = itemChannels.get(svc.item) ?? []
      if (!list.includes(c.metadata.id)) list.push(c.metadata.id)
      itemChannels.set(svc.item, list)
    }
  }
  for (const i of index.byKind.Interface) {
    const summary = perOrg.get(i.metadata.owner ?? '')
    if (summary) summary.interfaces++
  }
  const covered: CoverageItem[] = []
  const uncovered: CoverageItem[] = []
  const domains = new Map<string, { items: number; covered: number }>()
  for (const [code, item] of index.items) {
    const entry = { code, name: item.name, domain: item.domain, channels: itemChannels.get(code) ?? [] }
    ;(entry.channels.length > 0 ? covered : uncovered).push(entry)
    const d = domains.get(item.domain) ?? { items: 0, covered: 0 }
    d.items++
    if (entry.channels.length > 0) d.covered++
    domains.set(item.domain, d)
  }
  const byCode: Counts = {}
  for (const f of check.findings) byCode[f.code] = (byCode[f.code] ?? 0) + 1
  const region = index.byKind.Region[0]
  return {
    root: inventory.root,
    region: region && {
      id: region.metadata.id,
      name: region.metadata.name,
      platform: region.spec.platform,
      platformName: region.spec.platformName,
      milestones: Object.fromEntries(Object.entries(region.spec.milestones ?? {}).filter((e): e is [string, string] => e[1] !== undefined)),
    },
    totals: {
      organizations: orgs.length,
      channels: channels.length,
      interfaces: index.byKind.Interface.length,
      migrations: index.byKind.Migration.length,
      serviceItems: index.items.size,
    },
    channelsByType: byType,
    channelsByOwnerLevel: byLevel,
    channelsByDecision: byDecision,
    channelsByAccessMode: byMode,
    organizations: [...perOrg.values()].sort((a, b) => b.channels - a.channels || (a.id < b.id ? -1 : 1)),
    coverage: {
      items: index.items.size,
      covered,
      uncovered,
      byDomain: [...domains].map(([domain, d]) => ({ domain, ...d })),
    },
    possibleDuplicates: findPossibleDuplicates(channels, check),
    findings: { errors: check.errors, warnings: check.warnings, byCode },
  }
}

function normalizeName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/(APP|App|app|小程序|公众号|H5|h5|客户端|移动端|掌上|手机)/g, '')
}

/**
 * Channels that may be the same service built twice: the same identifier
 * (also an error from check), the same name apart from the channel word
 * ("保定人社APP" / "保定人社小程序"), or one owner serving the same items twice.
 */
function findPossibleDuplicates(channels: Entity<'Channel'>[], check: CheckResult): DuplicateGroup[] {
  const groups: DuplicateGroup[] = []
  for (const f of check.findings) {
    if (f.code === 'YJ_CHANNEL_DUPLICATE' && f.entity) {
      const other = /渠道 ([a-z0-9-]+)/.exec(f.message.zh)?.[1]
      groups.push({ reason: 'identifier', channels: other ? [other, f.entity.id] : [f.entity.id], detail: f.message.en })
    }
  }
  const byName = new Map<string, string[]>()
  const byServices = new Map<string, string[]>()
  for (const c of channels) {
    const key = normalizeName(c.metadata.name)
    if (key) byName.set(key, [...(byName.get(key) ?? []), c.metadata.id])
    const items = (c.spec.services ?? []).map((s) => s.item).filter((x): x is string => Boolean(x)).sort()
    if (items.length > 0) {
      const k = `${c.metadata.owner ?? ''}|${items.join(',')}`
      byServices.set(k, [...(byServices.get(k) ?? []), c.metadata.id])
    }
  }
  for (const [name, ids] of byName) if (ids.length > 1) groups.push({ reason: 'same-name', channels: ids, detail: name })
  for (const [key, ids] of byServices) if (ids.length > 1) groups.push({ reason: 'same-services', channels: ids, detail: key.split('|')[1] ?? '' })
  return groups
}

const L = {
  title: { zh: '政务服务移动端渠道清单汇总', en: 'Government-service mobile channel inventory summary' },
  illustrative: { zh: '', en: '' },
  region: { zh: '地区', en: 'Region' },
  platform: { zh: '省级平台', en: 'Provincial platform' },
  milestones: { zh: '时间节点', en: 'Milestones' },
  totals: { zh: '总体情况', en: 'Totals' },
  orgs: { zh: '单位', en: 'Organizations' },
  channels: { zh: '渠道', en: 'Channels' },
  interfaces: { zh: '接口', en: 'Interfaces' },
  migrations: { zh: '迁移记录', en: 'Migrations' },
  byType: { zh: '按渠道类型', en: 'By channel type' },
  byLevel: { zh: '按所属单位层级', en: 'By owner level' },
  byDecision: { zh: '按处置方式', en: 'By decision' },
  byMode: { zh: '按接入方式', en: 'By access mode' },
  perOrg: { zh: '各单位情况', en: 'Per organization' },
  coverage: { zh: '高频事项覆盖', en: 'High-frequency item coverage' },
  uncovered: { zh: '尚无渠道提供的事项', en: 'Items no channel serves' },
  duplicates: { zh: '可能重复建设的渠道', en: 'Possible duplicates' },
  findings: { zh: '检查结果', en: 'Check results' },
  none: { zh: '无', en: 'none' },
  count: { zh: '数量', en: 'Count' },
  errors: { zh: '错误', en: 'Errors' },
  warnings: { zh: '警告', en: 'Warnings' },
} as const

export const LABELS: Record<string, { zh: string; en: string }> = {
  app: { zh: 'APP', en: 'App' },
  miniprogram: { zh: '小程序', en: 'Mini-program' },
  h5: { zh: 'H5', en: 'H5' },
  'official-account': { zh: '公众号', en: 'Official account' },
  province: { zh: '省级', en: 'Province' },
  city: { zh: '市级', en: 'City' },
  county: { zh: '县（市）', en: 'County' },
  district: { zh: '区', en: 'District' },
  zone: { zh: '开发区', en: 'Zone' },
  township: { zh: '乡镇', en: 'Township' },
  connect: { zh: '接入', en: 'Connect' },
  rebuild: { zh: '重建', en: 'Rebuild' },
  retire: { zh: '下线', en: 'Retire' },
  merge: { zh: '合并', en: 'Merge' },
  undecided: { zh: '未定', en: 'Undecided' },
  self: { zh: '部门自行开发对接', en: 'Department connects itself' },
  'city-hosted': { zh: '市级平台承载', en: 'Hosted by the city platform' },
  unset: { zh: '未填写', en: 'Not set' },
  contactsDue: { zh: '上报联系人', en: 'Contacts due' },
  connectDeadline: { zh: '全部接入', en: 'Connect deadline' },
  legacyShutdown: { zh: '原渠道停止服务', en: 'Legacy shutdown' },
  identifier: { zh: '标识相同', en: 'Same identifier' },
  'same-name': { zh: '名称相同', en: 'Same name' },
  'same-services': { zh: '同一单位提供相同事项', en: 'Same owner, same items' },
}
// "province" as an access mode reads differently from the owner level.
const ACCESS_PROVINCE = { zh: '省级代为开发', en: 'Developed by the province' }

function label(key: string, lang: Lang): string {
  return LABELS[key]?.[lang] ?? key
}

function table(head: string[], rows: (string | number)[][]): string {
  const esc = (v: string | number): string => String(v).replace(/\|/g, '\\|')
  return [`| ${head.map(esc).join(' | ')} |`, `|${head.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n')
}

function countTable(counts: Counts, lang: Lang, heading: string, labelFor = label): string {
  const rows = Object.entries(counts).map(([k, n]) => [labelFor(k, lang), n])
  return table([heading, L.count[lang]], rows)
}

/** Markdown for people: Chinese by default. */
export function renderReportMarkdown(r: InventoryReport, lang: Lang): string {
  const out: string[] = [`# ${L.title[lang]}`, '']
  if (r.region) {
    out.push(`- ${L.region[lang]}：${r.region.name}（${r.region.id}）`.replace('：', lang === 'zh' ? '：' : ': '))
    out.push(`- ${L.platform[lang]}${lang === 'zh' ? '：' : ': '}${r.region.platformName ?? ''} (${r.region.platform})`)
    const ms = Object.entries(r.region.milestones).map(([k, d]) => `${label(k, lang)} ${d}`)
    if (ms.length) out.push(`- ${L.milestones[lang]}${lang === 'zh' ? '：' : ': '}${ms.join(lang === 'zh' ? '；' : '; ')}`)
    out.push('')
  }
  out.push(`## ${L.totals[lang]}`, '')
  out.push(
    table(
      [L.orgs[lang], L.channels[lang], L.interfaces[lang], L.migrations[lang], L.errors[lang], L.warnings[lang]],
      [[r.totals.organizations, r.totals.channels, r.totals.interfaces, r.totals.migrations, r.findings.errors, r.findings.warnings]],
    ),
    '',
  )
  out.push(`## ${L.byType[lang]}`, '', countTable(r.channelsByType, lang, L.byType[lang]), '')
  out.push(`## ${L.byLevel[lang]}`, '', countTable(r.channelsByOwnerLevel, lang, L.byLevel[lang]), '')
  out.push(`## ${L.byDecision[lang]}`, '', countTable(r.channelsByDecision, lang, L.byDecision[lang]), '')
  out.push(`## ${L.byMode[lang]}`, '', countTable(r.channelsByAccessMode, lang, L.byMode[lang], (k, l) => (k === 'province' ? ACCESS_PROVINCE[l] : label(k, l))), '')
  out.push(`## ${L.perOrg[lang]}`, '')
  out.push(
    table(
      [L.orgs[lang], 'id', lang === 'zh' ? '层级' : 'Level', L.channels[lang], ...CHANNEL_TYPES.map((t) => label(t, lang)), L.interfaces[lang], label('undecided', lang)],
      r.organizations.map((o) => [o.name, o.id, label(o.level, lang), o.channels, ...CHANNEL_TYPES.map((t) => o.byType[t] ?? 0), o.interfaces, o.undecided]),
    ),
    '',
  )
  out.push(`## ${L.coverage[lang]}`, '')
  if (r.coverage.items === 0) {
    out.push(lang === 'zh' ? '未载入高频事项清单。' : 'No service list loaded.', '')
  } else {
    const pct = ((r.coverage.covered.length / r.coverage.items) * 100).toFixed(1)
    out.push(
      lang === 'zh'
        ? `共 ${r.coverage.items} 项，已有渠道提供 ${r.coverage.covered.length} 项（${pct}%），尚无渠道提供 ${r.coverage.uncovered.length} 项。`
        : `${r.coverage.items} items; ${r.coverage.covered.length} served by at least one channel (${pct}%), ${r.coverage.uncovered.length} by none.`,
      '',
    )
    out.push(table([lang === 'zh' ? '领域' : 'Domain', lang === 'zh' ? '事项数' : 'Items', lang === 'zh' ? '已覆盖' : 'Covered'], r.coverage.byDomain.map((d) => [d.domain, d.items, d.covered])), '')
    out.push(`### ${L.uncovered[lang]}`, '')
    out.push(
      r.coverage.uncovered.length === 0
        ? L.none[lang]
        : table([lang === 'zh' ? '编码' : 'Code', lang === 'zh' ? '事项' : 'Item', lang === 'zh' ? '领域' : 'Domain'], r.coverage.uncovered.map((i) => [i.code, i.name, i.domain])),
      '',
    )
  }
  out.push(`## ${L.duplicates[lang]}`, '')
  out.push(
    r.possibleDuplicates.length === 0
      ? L.none[lang]
      : table([lang === 'zh' ? '原因' : 'Reason', L.channels[lang], lang === 'zh' ? '说明' : 'Detail'], r.possibleDuplicates.map((d) => [label(d.reason, lang), d.channels.join(', '), d.detail])),
    '',
  )
  out.push(`## ${L.findings[lang]}`, '')
  const codes = Object.entries(r.findings.byCode).sort((a, b) => b[1] - a[1])
  out.push(codes.length === 0 ? L.none[lang] : table([lang === 'zh' ? '代码' : 'Code', L.count[lang]], codes), '')
  return out.join('\n')
}
