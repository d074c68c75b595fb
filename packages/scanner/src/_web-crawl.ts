/**
 * discoverChannels: crawl an organization's website breadth-first within its
 * own host(s), honouring robots.txt and using sitemap.xml, and collect every
 * channel mention with where it was seen.
 */
import { setMaxListeners } from 'node:events'
import { WebClient, DEFAULT_MAX_BYTES } from './_web-client'
import { findMentions, type Mention } from './_web-mentions'
import { probeWith, resolveProbeOptions, robotsFor, type ProbeOptions, type ResolvedProbeOptions } from './_web-probe'
import { parseSitemap, type RobotsRules } from './_web-robots'
import { decodeText } from './_web-charset'
import { normalizeServiceName } from './_web-review'
import type { ChannelCandidate, CrawlError, MentionEvidence, SiteResult } from './_web-types'

export interface CrawlOptions {
  /**
   * Link depth from the start pages; sitemap URLs count as depth 1.
   * @default 3
   */
  maxDepth?: number
  /**
   * Documents fetched per organization, whatever the outcome.
   * @default 200
   */
  maxPages?: number
  /**
   * App-store hosts whose links are app mentions.
   * @default DEFAULT_STORE_HOSTS
   */
  storeHosts?: readonly string[]
  /** Read sitemap.xml (from robots.txt, else `/sitemap.xml`). @default true */
  sitemaps?: boolean
  /** Called after each document with running counts. */
  onProgress?: (progress: CrawlProgress) => void
}

export interface CrawlProgress {
  organization: string
  url: string
  pages: number
  candidates: number
  errors: number
}

export interface SiteTarget {
  /** Organization id. */
  organization: string
  /** Start pages; their hosts are the crawl's scope. */
  websites: readonly string[]
}

export interface DiscoverOptions extends ProbeOptions, CrawlOptions {}

const NOT_HTML = /\.(pdf|docx?|xlsx?|pptx?|wps|et|zip|rar|7z|gz|tar|apk|ipa|exe|msi|dmg|jpe?g|png|gif|bmp|webp|svg|ico|mp[34]|avi|mov|flv|wmv|wav|css|js|json|txt|xml|csv)$/i
const MAX_SITEMAP_FILES = 10

/**
 * Crawl one organization's websites and return what was found. Only the
 * websites' own hosts are contacted. Never throws for network trouble; when
 * `signal` aborts it resolves with what was found so far and `complete: false`.
 */
export async function discoverChannels(site: SiteTarget, options: DiscoverOptions = {}): Promise<SiteResult> {
  const client = options.client ?? new WebClient(options)
  // Every queued and running request listens to the one signal.
  if (options.signal) setMaxListeners(0, options.signal)
  try {
    return await crawlSite(client, site, resolveProbeOptions(options), options)
  } finally {
    if (!options.client) client.close()
  }
}

function hostsOf(websites: readonly string[]): Set<string> {
  const hosts = new Set<string>()
  for (const w of websites) {
    try {
      hosts.add(new URL(w).hostname.toLowerCase())
    } catch {
      // an invalid website URL is reported by `inventory check`
    }
  }
  return hosts
}

function withoutHash(url: URL): string {
  const u = new URL(url.href)
  u.hash = ''
  return u.href
}

function sortEvidence(list: MentionEvidence[]): MentionEvidence[] {
  return [...list].sort((a, b) => (a.pageUrl < b.pageUrl ? -1 : a.pageUrl > b.pageUrl ? 1 : a.where < b.where ? -1 : a.where > b.where ? 1 : 0))
}

/** Merge a mention into the candidates, at most once per page. */
export function addMention(candidates: Map<string, ChannelCandidate>, seen: Set<string>, organization: string, m: Mention): void {
  const once = `${m.key}\u0000${m.evidence.pageUrl}`
  if (seen.has(once)) return
  seen.add(once)
  const c = candidates.get(m.key)
  if (!c) {
    candidates.set(m.key, { key: m.key, type: m.type, ...(m.name ? { name: m.name } : {}), identifiers: { ...m.identifiers }, organizations: [organization], evidence: [m.evidence], mentions: 1 })
    return
  }
  c.mentions++
  c.evidence.push(m.evidence)
  if (!c.name && m.name) c.name = m.name
  Object.assign(c.identifiers, { ...m.identifiers, ...c.identifiers })
  if (!c.organizations.includes(organization)) c.organizations.push(organization)
}

/** Identifiers beat names; names beat a bare QR image or an opaque link. */
function keyStrength(key: string): number {
  if (key.includes(':name:')) return 1
  if (key.includes(':qr:') || key.includes(':link:')) return 0
  return 2
}

/**
 * One channel is often shown twice on a page: a QR code with its name, and
 * a link or a line of text with its appid. Candidates of one type and one
 * name are folded into the one with the strongest key; two different
 * identifiers under one name stay apart.
 */
export function foldByName(list: readonly ChannelCandidate[]): ChannelCandidate[] {
  const groups = new Map<string, ChannelCandidate[]>()
  const out: ChannelCandidate[] = []
  for (const c of list) {
    const name = c.name ? normalizeServiceName(c.name) : ''
    if (name.length < 2) {
      out.push(c)
      continue
    }
    const key = `${c.type}|${name}`
    groups.set(key, [...(groups.get(key) ?? []), c])
  }
  for (const group of groups.values()) {
    const sorted = [...group].sort((a, b) => keyStrength(b.key) - keyStrength(a.key) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    const target = sorted[0]!
    const strong = sorted.filter((c) => keyStrength(c.key) === 2)
    const kept = strong.length > 0 ? strong : [target]
    const merged = kept.map((c) => ({ ...c, identifiers: { ...c.identifiers }, organizations: [...c.organizations], evidence: [...c.evidence] }))
    for (const weak of sorted.filter((c) => !kept.includes(c))) {
      const into = merged[0]!
      into.mentions += weak.mentions
      into.evidence.push(...weak.evidence)
      for (const o of weak.organizations) if (!into.organizations.includes(o)) into.organizations.push(o)
      into.identifiers = { ...weak.identifiers, ...into.identifiers }
    }
    out.push(...merged)
  }
  return out
}

/** Final form of a candidate: five evidence entries in a stable order. */
export function finalizeCandidate(c: ChannelCandidate): ChannelCandidate {
  return { ...c, organizations: [...c.organizations].sort(), evidence: sortEvidence(c.evidence).slice(0, 5) }
}

export async function crawlSite(client: WebClient, site: SiteTarget, base: ResolvedProbeOptions, options: CrawlOptions = {}): Promise<SiteResult> {
  const maxDepth = Math.max(0, options.maxDepth ?? 3)
  const maxPages = Math.max(1, options.maxPages ?? 200)
  const scope = hostsOf(site.websites)
  const o: ResolvedProbeOptions = { ...base, allowedHosts: scope }
  const result: SiteResult = {
    organization: site.organization,
    websites: [...site.websites],
    complete: false,
    pages: 0,
    skipped: { robots: 0, outOfScope: 0, pageLimit: 0, depthLimit: 0, notHtml: 0 },
    sitemaps: [],
    errors: [],
    candidates: [],
    platformLinks: [],
  }
  const candidates = new Map<string, ChannelCandidate>()
  const mentionSeen = new Set<string>()
  const platformLinks = new Set<string>()
  const visited = new Set<string>()
  const outOfScopeSeen = new Set<string>()
  const robots = new Map<string, RobotsRules | 'unreachable'>()
  let fetched = 0
  const aborted = () => Boolean(o.signal?.aborted)
  const progress = (url: string) =>
    options.onProgress?.({ organization: site.organization, url, pages: result.pages, candidates: candidates.size, errors: result.errors.length })

  const rulesFor = async (origin: string): Promise<RobotsRules | 'unreachable'> => {
    let r = robots.get(origin)
    if (!r) {
      r = o.robots ? await robotsFor(client, origin, o) : { isAllowed: () => true, sitemaps: [] }
      robots.set(origin, r)
    }
    return r
  }

  /** Can this link be crawled? Counts the reason when not. */
  const admit = async (url: URL, depth: number): Promise<boolean> => {
    if (!/^https?:$/.test(url.protocol)) return false
    const key = withoutHash(url)
    if (visited.has(key)) return false
    if (!scope.has(url.hostname.toLowerCase())) {
      if (!outOfScopeSeen.has(key)) {
        outOfScopeSeen.add(key)
        result.skipped.outOfScope++
      }
      return false
    }
    visited.add(key)
    if (NOT_HTML.test(url.pathname)) {
      result.skipped.notHtml++
      return false
    }
    if (depth > maxDepth) {
      result.skipped.depthLimit++
      return false
    }
    const rules = await rulesFor(url.origin)
    // Without a readable robots.txt, only the declared start pages are fetched.
    if (rules === 'unreachable' || !rules.isAllowed(`${url.pathname}${url.search}`)) {
      result.skipped.robots++
      return false
    }
    return true
  }

  try {
    let frontier: { url: string; depth: number }[] = []
    for (const w of site.websites) {
      let url: URL
      try {
        url = new URL(w)
      } catch {
        continue
      }
      const key = withoutHash(url)
      if (visited.has(key)) continue
      visited.add(key)
      frontier.push({ url: key, depth: 0 })
    }

    if (options.sitemaps ?? true) {
      for (const origin of new Set(frontier.map((f) => new URL(f.url).origin))) {
        const rules = await rulesFor(origin)
        // No readable robots.txt: nothing beyond the start pages, sitemap included.
        if (rules === 'unreachable') continue
        const queue = rules.sitemaps.length > 0 ? [...rules.sitemaps] : [`${origin}/sitemap.xml`]
        for (let i = 0; i < queue.length && i < MAX_SITEMAP_FILES && !aborted(); i++) {
          let sitemapUrl: URL
          try {
            sitemapUrl = new URL(queue[i]!)
          } catch {
            continue
          }
          if (!scope.has(sitemapUrl.hostname.toLowerCase())) continue
          const response = await client.fetch(sitemapUrl, { ...o.limits, maxBytes: DEFAULT_MAX_BYTES, maxDecodedBytes: 4 * DEFAULT_MAX_BYTES }, o.signal).catch((error) => {
            if (aborted()) throw error
            return undefined
          })
          if (!response || response.status < 200 || response.status >= 300) continue
          result.sitemaps.push(sitemapUrl.href)
          const entries = parseSitemap(decodeText(response.body, 'utf-8'))
          queue.push(...entries.sitemaps)
          for (const loc of entries.urls) {
            let url: URL
            try {
              url = new URL(loc)
            } catch {
              continue
            }
            if (await admit(url, 1)) frontier.push({ url: withoutHash(url), depth: 1 })
          }
        }
      }
    }

    while (frontier.length > 0 && !aborted()) {
      const room = maxPages - fetched
      if (room <= 0) {
        result.skipped.pageLimit += frontier.length
        break
      }
      const batch = frontier.slice(0, room)
      result.skipped.pageLimit += frontier.length - batch.length
      fetched += batch.length
      const outcomes = await Promise.all(
        batch.map(async (item) => {
          const outcome = await probeWith(client, item.url, o)
          const e = outcome.evidence
          if (outcome.page && (e.classification === 'ok' || e.classification === 'notice-page')) {
            result.pages++
            for (const m of findMentions(outcome.page, { ownHosts: scope, platformDomains: o.platformDomains, ...(options.storeHosts ? { storeHosts: options.storeHosts } : {}) })) {
              addMention(candidates, mentionSeen, site.organization, m)
            }
          } else if (e.classification === 'robots-refused') {
            result.skipped.robots++
          } else if (e.classification === 'out-of-scope') {
            result.skipped.outOfScope++
          } else if (e.classification !== 'redirected-to-platform') {
            const error: CrawlError = { url: item.url, classification: e.classification }
            if (e.reason) error.reason = e.reason
            if (e.status !== undefined) error.status = e.status
            result.errors.push(error)
          }
          for (const link of e.platformLinks) platformLinks.add(link)
          if (e.classification === 'redirected-to-platform') platformLinks.add(e.finalUrl)
          visited.add(e.finalUrl)
          progress(item.url)
          return { item, outcome }
        }),
      )
      // Links are queued in page order, not completion order, so a crawl is the same run to run.
      const next: { url: string; depth: number }[] = []
      for (const { item, outcome } of outcomes) {
        if (!outcome.page || (outcome.evidence.classification !== 'ok' && outcome.evidence.classification !== 'notice-page')) continue
        for (const link of outcome.page.links) {
          if (await admit(link.url, item.depth + 1)) next.push({ url: withoutHash(link.url), depth: item.depth + 1 })
        }
      }
      frontier = next
    }
    result.complete = !aborted()
  } catch (error) {
    if (!aborted()) throw error
  }
  result.candidates = foldByName([...candidates.values()]).map(finalizeCandidate).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  result.errors.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
  result.platformLinks = [...platformLinks].sort()
  return result
}
