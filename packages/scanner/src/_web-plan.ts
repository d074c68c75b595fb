/**
 * From inventory entities to what a web scan does: which organizations'
 * websites to crawl, which declared H5 URLs to probe, which hosts may be
 * contacted at all; and, afterwards, candidates reconciled with the
 * declared channels. Pure.
 */
import { YjError, type AnyEntity, type ChannelType } from '@yingjie/model'
import { normalizeServiceName } from './_web-review'
import type { CandidateType, ChannelCandidate, DeclaredNotFound, MatchedBy, ProbeClassification, ReconcileMatch, Reconciliation } from './_web-types'

/** A declared channel, reduced to what matching needs. */
export interface PlannedChannel {
  id: string
  owner?: string
  name: string
  type: ChannelType
  h5Url?: string
  androidPackage?: string
  iosAppId?: string
  storeLinks: string[]
  appid?: string
  officialAccount?: { name: string; accountId?: string }
  /** The channel's name and its services' names: what a page title should say. */
  serviceNames: string[]
}

export interface PlannedOrganization {
  id: string
  name: string
  websites: string[]
  /** Ids of its H5 channels with a URL to probe. */
  probes: string[]
}

export interface WebScanPlan {
  organizations: PlannedOrganization[]
  /** Every declared channel of the inventory. */
  channels: PlannedChannel[]
  /** Host names the scan may contact: the organizations' websites and the declared H5 URLs. */
  scope: string[]
}

export interface PlanOptions {
  /** Scan only these organization ids. @default every organization with a website or an H5 channel */
  organizations?: readonly string[]
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const u = new URL(url)
    return /^https?:$/.test(u.protocol) ? u.hostname.toLowerCase() : undefined
  } catch {
    return undefined
  }
}

/** What to scan, from schema-valid inventory entities. */
export function planWebScan(entities: readonly AnyEntity[], options: PlanOptions = {}): WebScanPlan {
  const channels: PlannedChannel[] = []
  const orgs = new Map<string, PlannedOrganization>()
  const scope = new Set<string>()
  for (const e of entities) {
    if (e.kind === 'Organization') {
      const websites = (e.spec.websites ?? []).filter((w) => hostOf(w) !== undefined)
      for (const w of websites) scope.add(hostOf(w)!)
      orgs.set(e.metadata.id, { id: e.metadata.id, name: e.metadata.name, websites, probes: [] })
    }
  }
  for (const e of entities) {
    if (e.kind !== 'Channel') continue
    const ids = e.spec.identifiers ?? {}
    const c: PlannedChannel = {
      id: e.metadata.id,
      name: e.metadata.name,
      type: e.spec.type,
      storeLinks: ids.storeLinks ?? [],
      serviceNames: [e.metadata.name, ...(e.spec.services ?? []).map((s) => s.name)],
    }
    if (e.metadata.owner) c.owner = e.metadata.owner
    if (ids.h5Url) c.h5Url = ids.h5Url
    if (ids.androidPackage) c.androidPackage = ids.androidPackage
    if (ids.iosAppId) c.iosAppId = ids.iosAppId.replace(/^id/i, '')
    if (ids.miniprogram?.appid) c.appid = ids.miniprogram.appid
    if (ids.officialAccount) c.officialAccount = { name: ids.officialAccount.name, ...(ids.officialAccount.accountId ? { accountId: ids.officialAccount.accountId } : {}) }
    channels.push(c)
    const host = c.type === 'h5' ? hostOf(c.h5Url) : undefined
    if (host) {
      scope.add(host)
      const owner = c.owner ?? '-'
      if (!orgs.has(owner)) orgs.set(owner, { id: owner, name: owner, websites: [], probes: [] })
      orgs.get(owner)!.probes.push(c.id)
    }
  }
  let selected = [...orgs.values()].filter((o) => o.websites.length > 0 || o.probes.length > 0)
  if (options.organizations && options.organizations.length > 0) {
    const unknown = options.organizations.filter((id) => !orgs.has(id))
    if (unknown.length > 0) {
      throw new YjError({
        code: 'YJ_SCAN_ORG_UNKNOWN',
        message: { zh: `清单中没有单位 ${unknown.join('、')}`, en: `no organization ${unknown.join(', ')} in the inventory` },
        hint: { zh: '--org 取单位的 metadata.id，可在 yingjie inventory report 中查看', en: 'use the metadata.id of an Organization; yingjie inventory report lists them' },
      })
    }
    const wanted = new Set(options.organizations)
    selected = selected.filter((o) => wanted.has(o.id))
  }
  return { organizations: selected, channels, scope: [...scope].sort() }
}

function hostPath(url: string): string | undefined {
  try {
    const u = new URL(url)
    return `${u.host.toLowerCase()}${u.pathname}`
  } catch {
    return undefined
  }
}

function sameLink(a: string, b: string): boolean {
  const x = hostPath(a)
  return x !== undefined && x === hostPath(b)
}

function matchCandidate(c: ChannelCandidate, channels: readonly PlannedChannel[]): { channel: PlannedChannel; by: MatchedBy } | undefined {
  const ids = c.identifiers
  const typed = channels.filter((ch) => (ch.type as CandidateType) === c.type)
  const by = (test: (ch: PlannedChannel) => boolean, how: MatchedBy) => {
    const channel = typed.find(test)
    return channel ? { channel, by: how } : undefined
  }
  let hit: { channel: PlannedChannel; by: MatchedBy } | undefined
  if (c.type === 'miniprogram' && ids.appid) hit = by((ch) => ch.appid === ids.appid, 'appid')
  if (!hit && c.type === 'app') {
    if (ids.androidPackage) hit = by((ch) => ch.androidPackage === ids.androidPackage, 'androidPackage')
    if (!hit && ids.iosAppId) hit = by((ch) => ch.iosAppId === ids.iosAppId, 'iosAppId')
    const link = ids.storeLink ?? ids.apkUrl
    if (!hit && link) hit = by((ch) => ch.storeLinks.some((s) => sameLink(s, link)), 'storeLink')
  }
  if (!hit && c.type === 'official-account' && ids.officialAccountId) hit = by((ch) => ch.officialAccount?.accountId === ids.officialAccountId, 'officialAccountId')
  if (!hit && c.type === 'h5' && ids.h5Url) {
    const base = hostPath(ids.h5Url)
    if (base) {
      hit = by((ch) => {
        const declared = ch.h5Url ? hostPath(ch.h5Url) : undefined
        return declared !== undefined && (declared.startsWith(base) || base.startsWith(declared))
      }, 'h5Url')
    }
  }
  if (!hit && c.name) {
    const n = normalizeServiceName(c.name)
    if (n.length >= 2) hit = by((ch) => normalizeServiceName(ch.type === 'official-account' ? (ch.officialAccount?.name ?? ch.name) : ch.name) === n, 'name')
  }
  return hit
}

export interface ReconcileInput {
  channels: readonly PlannedChannel[]
  candidates: readonly ChannelCandidate[]
  /** Organizations whose crawl finished: only their channels can be "not found". */
  crawled: ReadonlySet<string>
  /** Page URLs fetched by the crawls (an H5 channel crawled as a page is found). */
  pages?: ReadonlySet<string>
  /** Probe classification per H5 channel id. */
  probes?: ReadonlyMap<string, ProbeClassification>
}

/** Candidates against the inventory: matched, undeclared, declared but not found. */
export function reconcile(input: ReconcileInput): Reconciliation {
  const matched: ReconcileMatch[] = []
  const undeclared: ChannelCandidate[] = []
  const found = new Set<string>()
  for (const c of input.candidates) {
    const hit = matchCandidate(c, input.channels)
    if (!hit) {
      undeclared.push(c)
      continue
    }
    found.add(hit.channel.id)
    const m: ReconcileMatch = { channel: hit.channel.id, candidate: c.key, type: c.type, matchedBy: hit.by, evidence: c.evidence }
    if (hit.channel.owner) m.owner = hit.channel.owner
    matched.push(m)
  }
  const notFound: DeclaredNotFound[] = []
  const pages = new Set([...(input.pages ?? [])].map(hostPath))
  for (const ch of input.channels) {
    if (found.has(ch.id) || !ch.owner || !input.crawled.has(ch.owner)) continue
    if (ch.h5Url && pages.has(hostPath(ch.h5Url))) continue
    const nf: DeclaredNotFound = { channel: ch.id, owner: ch.owner, type: ch.type as CandidateType, name: ch.name }
    const probe = input.probes?.get(ch.id)
    if (probe) nf.probe = probe
    notFound.push(nf)
  }
  const byKey = (a: { candidate?: string; key?: string; channel?: string }, b: typeof a) => {
    const x = `${a.channel ?? ''}|${a.candidate ?? a.key ?? ''}`
    const y = `${b.channel ?? ''}|${b.candidate ?? b.key ?? ''}`
    return x < y ? -1 : x > y ? 1 : 0
  }
  return { matched: matched.sort(byKey), undeclared: undeclared.sort(byKey), notFound: notFound.sort(byKey) }
}
