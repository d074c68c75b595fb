/**
 * scanWeb: a whole scan. For every planned organization, probe its declared
 * H5 URLs and crawl its websites, all through one client (one connection
 * pool, one scheduler), then reconcile what was seen with the inventory.
 * Aborting keeps what finished.
 */
import { setMaxListeners } from 'node:events'
import type { AccessProfile } from '@yingjie/spec'
import { WebClient } from './_web-client'
import { addMention, crawlSite, finalizeCandidate, foldByName, type CrawlOptions } from './_web-crawl'
import { reconcile, type WebScanPlan } from './_web-plan'
import { probeWith, resolveProbeOptions, type ProbeOptions } from './_web-probe'
import { reviewProbe } from './_web-review'
import type { ChannelCandidate, ChannelProbe, ProbeClassification, SiteResult, WebScanResult, WebScanSummary } from './_web-types'

export interface WebScanOptions extends Omit<ProbeOptions, 'allowedHosts'>, Omit<CrawlOptions, 'onProgress'> {
  /** The access-spec profile: platform name and domains, review checklist. */
  profile: Pick<AccessProfile, 'id' | 'platform' | 'review'>
  /**
   * Crawl the organizations' websites for channels nobody declared; false
   * only probes the declared H5 URLs.
   * @default true
   */
  discover?: boolean
  /** Progress, for a UI. */
  onEvent?: (event: WebScanEvent) => void
}

export interface OrganizationCounts {
  pages: number
  candidates: number
  errors: number
  /** Declared H5 URLs probed so far, and in all. */
  probed: number
  probes: number
}

export type WebScanEvent =
  | { type: 'organization-start'; organization: string; name: string; counts: OrganizationCounts }
  | { type: 'progress'; organization: string; counts: OrganizationCounts }
  | { type: 'organization-done'; organization: string; complete: boolean; counts: OrganizationCounts }

/** Declared H5 URLs of one organization probed at once; the scheduler limits the requests themselves. */
const PROBES_PER_ORGANIZATION = 64

const FAILED: ReadonlySet<ProbeClassification> = new Set(['http-error', 'timeout', 'dns', 'tls-error', 'too-large', 'redirect-error', 'unreachable'])

function byString<T>(key: (t: T) => string) {
  return (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)
}

/** Candidates seen by several organizations' crawls become one. */
function mergeCandidates(sites: readonly SiteResult[]): ChannelCandidate[] {
  const merged = new Map<string, ChannelCandidate>()
  for (const site of sites) {
    for (const c of site.candidates) {
      const m = merged.get(c.key)
      if (!m) {
        merged.set(c.key, { ...c, identifiers: { ...c.identifiers }, organizations: [...c.organizations], evidence: [...c.evidence] })
        continue
      }
      m.mentions += c.mentions
      m.evidence.push(...c.evidence)
      for (const o of c.organizations) if (!m.organizations.includes(o)) m.organizations.push(o)
      if (!m.name && c.name) m.name = c.name
      m.identifiers = { ...c.identifiers, ...m.identifiers }
    }
  }
  return foldByName([...merged.values()]).map(finalizeCandidate).sort(byString((c) => c.key))
}

/**
 * Scan the planned organizations. Resolves with everything that finished;
 * when `signal` aborts, `complete` is false and unfinished parts are left out.
 */
export async function scanWeb(plan: WebScanPlan, options: WebScanOptions): Promise<WebScanResult> {
  const startedAt = new Date().toISOString()
  const { profile } = options
  const client = options.client ?? new WebClient(options)
  const base = resolveProbeOptions({
    ...options,
    platformDomains: options.platformDomains ?? profile.platform.domains,
    platformName: options.platformName ?? profile.platform.name.zh,
    allowedHosts: plan.scope,
  })
  // Every queued and running request listens to the one signal.
  if (options.signal) setMaxListeners(0, options.signal)
  const aborted = () => Boolean(options.signal?.aborted)
  const channels = new Map(plan.channels.map((c) => [c.id, c]))
  const probes: ChannelProbe[] = []
  const sites: SiteResult[] = []
  const pages = new Set<string>()
  const emit = options.onEvent ?? (() => undefined)

  try {
    await Promise.all(
      plan.organizations.map(async (org) => {
        const counts: OrganizationCounts = { pages: 0, candidates: 0, errors: 0, probed: 0, probes: org.probes.length }
        emit({ type: 'organization-start', organization: org.id, name: org.name, counts: { ...counts } })
        let probeErrors = 0
        let crawlErrors = 0
        // A bounded pool per organization: thousands of H5 URLs need not all be in flight at once.
        let next = 0
        const probeOne = async (id: string) => {
          const channel = channels.get(id)!
          try {
            const { evidence } = await probeWith(client, channel.h5Url!, base)
            const probe: ChannelProbe = { channel: channel.id, name: channel.name, evidence, review: reviewProbe(evidence, profile.review, channel.serviceNames) }
            if (channel.owner) probe.owner = channel.owner
            probes.push(probe)
            counts.probed++
            if (FAILED.has(evidence.classification)) probeErrors++
            counts.errors = probeErrors + crawlErrors
            emit({ type: 'progress', organization: org.id, counts: { ...counts } })
          } catch (error) {
            if (!aborted()) throw error
          }
        }
        const worker = async () => {
          while (next < org.probes.length && !aborted()) await probeOne(org.probes[next++]!)
        }
        const probeTasks = Array.from({ length: Math.min(org.probes.length, PROBES_PER_ORGANIZATION) }, worker)
        const crawl =
          options.discover !== false && org.websites.length > 0
            ? crawlSite(client, { organization: org.id, websites: org.websites }, base, {
                ...options,
                onProgress: (p) => {
                  pages.add(p.url)
                  counts.pages = p.pages
                  counts.candidates = p.candidates
                  crawlErrors = p.errors
                  counts.errors = probeErrors + crawlErrors
                  emit({ type: 'progress', organization: org.id, counts: { ...counts } })
                },
              })
            : undefined
        const [site] = await Promise.all([crawl, ...probeTasks])
        if (site) {
          sites.push(site)
          counts.pages = site.pages
          counts.candidates = site.candidates.length
          counts.errors = probeErrors + site.errors.length
        }
        emit({ type: 'organization-done', organization: org.id, complete: !aborted() && (site?.complete ?? true), counts: { ...counts } })
      }),
    )
  } finally {
    if (!options.client) client.close()
  }

  sites.sort(byString((s) => s.organization))
  probes.sort(byString((p) => p.channel))
  const candidates = mergeCandidates(sites)
  const reconciliation = reconcile({
    channels: plan.channels,
    candidates,
    crawled: new Set(sites.filter((s) => s.complete).map((s) => s.organization)),
    pages,
    probes: new Map(probes.map((p) => [p.channel, p.evidence.classification])),
  })
  const byClassification: WebScanSummary['byClassification'] = {}
  for (const p of probes) byClassification[p.evidence.classification] = (byClassification[p.evidence.classification] ?? 0) + 1
  const summary: WebScanSummary = {
    organizations: plan.organizations.length,
    probes: probes.length,
    byClassification,
    pages: sites.reduce((n, s) => n + s.pages, 0),
    candidates: candidates.length,
    matched: reconciliation.matched.length,
    undeclared: reconciliation.undeclared.length,
    notFound: reconciliation.notFound.length,
    errors: sites.reduce((n, s) => n + s.errors.length, 0),
  }
  return {
    version: 1,
    startedAt,
    finishedAt: new Date().toISOString(),
    complete: !aborted(),
    platform: { profile: profile.id, name: profile.platform.name.zh, domains: [...base.platformDomains] },
    scope: plan.scope,
    probes,
    sites,
    reconciliation,
    summary,
  }
}
