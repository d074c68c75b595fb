/**
 * probeUrl: ask one URL what it is today, and keep the evidence. Redirects
 * are followed here, hop by hop, so that each hop is checked against the
 * scope (only hosts the inventory names are contacted) and against the
 * platform's domains (a redirect there is the answer, not a place to go).
 */
import { createHash } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { decodeText, detectCharset } from './_web-charset'
import {
  classifyError,
  DEFAULT_MAX_BYTES,
  DEFAULT_TIMEOUTS,
  FetchFailure,
  WebClient,
  type FetchLimits,
  type ProbeTimeouts,
  type RawResponse,
  type WebClientOptions,
} from './_web-client'
import { findNotice, hostUnder, noticePatterns, parsePage, platformLinksOf, type ParsedPage } from './_web-html'
import { ALLOW_ALL, parseRobots, type RobotsRules } from './_web-robots'
import type { ProbeEvidence, RedirectHop } from './_web-types'

export interface ProbeOptions extends WebClientOptions {
  /**
   * Domains of the provincial platform (from the access-spec profile). A
   * redirect or script redirect there classifies the URL as
   * `redirected-to-platform`; the platform itself is not contacted.
   * @default []
   * @example ['hbzwfw.gov.cn']
   */
  platformDomains?: readonly string[]
  /**
   * The platform's name, e.g. 冀时办: "请前往冀时办办理" is notice wording.
   */
  platformName?: string
  /**
   * Wording that makes a page a notice page.
   * @default DEFAULT_NOTICE_PATTERNS plus two built from `platformName`
   */
  noticePatterns?: readonly RegExp[]
  /**
   * Host names that may be contacted. A redirect anywhere else ends the probe
   * as `out-of-scope` with the target in `finalUrl`.
   * @default the probed URL's own host
   */
  allowedHosts?: Iterable<string>
  /**
   * A client shared between probes (connection pool, scheduler, robots
   * cache). Without one, a client is made from these options and closed
   * when the probe ends.
   */
  client?: WebClient
  /** Per-phase limits in ms; missing phases keep their defaults. @default DEFAULT_TIMEOUTS */
  timeouts?: Partial<ProbeTimeouts>
  /**
   * Extra attempts after a timeout, a reset or refused connection, or a
   * 429 / 502 / 503 / 504, with exponential backoff (Retry-After honoured up to 10 s).
   * @default 2
   */
  retries?: number
  /** @default 10 */
  maxRedirects?: number
  /** Largest body on the wire. @default 5 MiB */
  maxBytes?: number
  /** Largest body after decompression. @default maxBytes */
  maxDecodedBytes?: number
  /**
   * Honour robots.txt: a disallowed URL is `robots-refused` and not fetched.
   * @default true
   */
  robots?: boolean
  /** Follow `<meta http-equiv="refresh">` with a delay of at most 10 s. @default true */
  followMetaRefresh?: boolean
  /** Base delay between retries in ms. @default 300 */
  retryDelay?: number
  signal?: AbortSignal
}

/** A probe's evidence plus the parsed page, for the crawler. */
export interface ProbeOutcome {
  evidence: ProbeEvidence
  page?: ParsedPage
}

const RETRY_STATUS = new Set([429, 502, 503, 504])
const MAX_META_REFRESH_DELAY = 10
const ROBOTS_MAX_BYTES = 512 * 1024

/** Options with defaults applied, shared by every probe of a scan. */
export interface ResolvedProbeOptions {
  platformDomains: readonly string[]
  notice: readonly RegExp[]
  allowedHosts?: ReadonlySet<string>
  limits: FetchLimits
  retries: number
  retryDelay: number
  maxRedirects: number
  robots: boolean
  followMetaRefresh: boolean
  signal?: AbortSignal
}

export function resolveProbeOptions(options: ProbeOptions = {}): ResolvedProbeOptions {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES
  const resolved: ResolvedProbeOptions = {
    platformDomains: options.platformDomains ?? [],
    notice: options.noticePatterns ? [...options.noticePatterns] : noticePatterns(options.platformName),
    limits: { timeouts: { ...DEFAULT_TIMEOUTS, ...options.timeouts }, maxBytes, maxDecodedBytes: options.maxDecodedBytes ?? maxBytes },
    retries: Math.max(0, options.retries ?? 2),
    retryDelay: Math.max(0, options.retryDelay ?? 300),
    maxRedirects: Math.max(0, options.maxRedirects ?? 10),
    robots: options.robots ?? true,
    followMetaRefresh: options.followMetaRefresh ?? true,
  }
  if (options.allowedHosts) resolved.allowedHosts = new Set([...options.allowedHosts].map((h) => h.toLowerCase()))
  if (options.signal) resolved.signal = options.signal
  return resolved
}

/**
 * Probe one URL and return the evidence: when, how long, status, redirect
 * chain, final URL, title, description, snippet, body SHA-256, charset,
 * certificate, links to the platform, shutdown wording, and one
 * classification (see {@link ProbeClassification}).
 *
 * Never throws for anything the server or network does; it rejects only
 * when `signal` aborts. Stable: `cutover verify` relies on it.
 *
 * @example
 * const e = await probeUrl('https://rsj.baoding.invalid/m/', {
 *   platformDomains: ['hbzwfw.gov.cn'], platformName: '冀时办',
 *   resolve: { 'rsj.baoding.invalid': '127.0.0.1:8443' },
 * })
 * if (e.classification === 'redirected-to-platform') …
 */
export async function probeUrl(url: string, options: ProbeOptions = {}): Promise<ProbeEvidence> {
  const client = options.client ?? new WebClient(options)
  try {
    return (await probeWith(client, url, resolveProbeOptions(options))).evidence
  } finally {
    if (!options.client) client.close()
  }
}

function normalizeForLoop(url: URL): string {
  const u = new URL(url.href)
  u.hash = ''
  return u.href
}

function isHtml(contentType: string | undefined, body: Buffer): boolean {
  if (contentType) return /html|xml/i.test(contentType) && !/^\s*(application|text)\/(rss|atom)/i.test(contentType)
  return /^\s*</.test(body.subarray(0, 64).toString('latin1'))
}

function retryAfterMs(header: string | string[] | undefined): number | undefined {
  const v = Array.isArray(header) ? header[0] : header
  if (!v) return undefined
  const seconds = Number(v)
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(v) - Date.now()
  return Number.isFinite(ms) && ms >= 0 ? Math.min(ms, 10_000) : undefined
}

/** GET with bounded retries. Returns the response or the failure of the last attempt. */
async function fetchWithRetries(
  client: WebClient,
  url: URL,
  o: ResolvedProbeOptions,
  limits: FetchLimits = o.limits,
): Promise<{ response?: RawResponse; failure?: FetchFailure; attempts: number }> {
  for (let attempt = 0; ; attempt++) {
    let delay: number | undefined
    try {
      const response = await client.fetch(url, limits, o.signal)
      if (!RETRY_STATUS.has(response.status) || attempt >= o.retries) return { response, attempts: attempt + 1 }
      delay = retryAfterMs(response.headers['retry-after'])
    } catch (error) {
      if (o.signal?.aborted) throw o.signal.reason
      const failure = classifyError(error)
      if (!failure.retryable || attempt >= o.retries) return { failure, attempts: attempt + 1 }
    }
    await sleep(delay ?? o.retryDelay * 2 ** attempt, undefined, o.signal ? { signal: o.signal } : {})
  }
}

/** robots.txt of an origin, once per client: rules, allow-all when missing (4xx), or 'unreachable'. */
export function robotsFor(client: WebClient, origin: string, o: ResolvedProbeOptions): Promise<RobotsRules | 'unreachable'> {
  let cached = client.robotsCache.get(origin)
  if (!cached) {
    cached = (async () => {
      let url = new URL('/robots.txt', origin)
      const limits = { ...o.limits, maxBytes: ROBOTS_MAX_BYTES, maxDecodedBytes: ROBOTS_MAX_BYTES }
      // RFC 9309: follow at least five redirects; here only within the same host.
      for (let hop = 0; hop <= 5; hop++) {
        const { response } = await fetchWithRetries(client, url, { ...o, retries: Math.min(o.retries, 1) }, limits)
        if (!response) return 'unreachable'
        const location = response.headers.location
        if (response.status >= 300 && response.status < 400 && location) {
          const next = new URL(location, url)
          if (next.hostname !== url.hostname) return ALLOW_ALL
          url = next
          continue
        }
        if (response.status >= 200 && response.status < 300) return parseRobots(decodeText(response.body, 'utf-8'), client.userAgent.split('/')[0]!)
        if (response.status >= 400 && response.status < 500) return ALLOW_ALL
        return 'unreachable'
      }
      return ALLOW_ALL
    })()
    client.robotsCache.set(origin, cached)
  }
  return cached
}

/** The probe itself, on a given client; also returns the parsed page for the crawler. */
export async function probeWith(client: WebClient, url: string, o: ResolvedProbeOptions): Promise<ProbeOutcome> {
  const started = Date.now()
  const evidence: ProbeEvidence = {
    url,
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    attempts: 0,
    classification: 'ok',
    finalUrl: url,
    redirects: [],
    platformLinks: [],
  }
  const finish = (classification: ProbeEvidence['classification'], reason?: string, page?: ParsedPage): ProbeOutcome => {
    evidence.classification = classification
    if (reason) evidence.reason = reason
    evidence.durationMs = Date.now() - started
    return page ? { evidence, page } : { evidence }
  }

  let current: URL
  try {
    current = new URL(url)
  } catch {
    return finish('http-error', 'invalid-url')
  }
  if (!/^https?:$/.test(current.protocol)) return finish('http-error', 'unsupported-scheme')
  const allowed = o.allowedHosts ?? new Set([current.hostname.toLowerCase()])
  const seen = new Set([normalizeForLoop(current)])

  /** Record a hop; returns a finished outcome when the hop ends the probe. */
  const hop = (next: URL, step: Omit<RedirectHop, 'location'>): ProbeOutcome | undefined => {
    evidence.redirects.push({ ...step, location: next.href })
    evidence.finalUrl = next.href
    if (hostUnder(next.hostname, o.platformDomains)) return finish('redirected-to-platform')
    if (seen.has(normalizeForLoop(next))) return finish('redirect-error', 'redirect-loop')
    if (evidence.redirects.length > o.maxRedirects) return finish('redirect-error', 'too-many-redirects')
    if (!/^https?:$/.test(next.protocol)) return finish('redirect-error', 'unsupported-scheme')
    seen.add(normalizeForLoop(next))
    current = next
    return undefined
  }

  for (;;) {
    evidence.finalUrl = current.href
    if (!allowed.has(current.hostname.toLowerCase())) {
      return finish('out-of-scope', evidence.redirects.length > 0 ? 'redirect-out-of-scope' : 'host-not-in-scope')
    }
    if (o.robots) {
      const rules = await robotsFor(client, current.origin, o)
      // An unreachable robots.txt does not stop a probe: fetching the page shows what is wrong.
      if (rules !== 'unreachable' && !rules.isAllowed(`${current.pathname}${current.search}`)) return finish('robots-refused')
    }
    const { response, failure, attempts } = await fetchWithRetries(client, current, o)
    evidence.attempts = attempts
    if (!response) {
      const f = failure!
      if (f.classification === 'tls-error') {
        const tls = await client.inspectCertificate(current, o.limits.timeouts.secureConnect + o.limits.timeouts.connect, o.signal)
        evidence.tls = { ...(tls ?? {}), authorized: false, error: f.reason }
      }
      return finish(f.classification, f.reason)
    }
    evidence.status = response.status
    if (response.tls) evidence.tls = response.tls

    const location = response.headers.location
    if (response.status >= 300 && response.status < 400) {
      if (!location) return finish('redirect-error', 'no-location')
      let next: URL
      try {
        next = new URL(location, current)
      } catch {
        return finish('redirect-error', 'bad-location')
      }
      const done = hop(next, { url: current.href, status: response.status, kind: 'http' })
      if (done) return done
      continue
    }

    const contentType = response.headers['content-type']
    if (contentType) evidence.contentType = contentType
    evidence.bytes = response.body.length
    evidence.sha256 = createHash('sha256').update(response.body).digest('hex')
    const charset = detectCharset(response.body, contentType)
    evidence.charset = charset.charset
    evidence.charsetSource = charset.source
    const text = decodeText(response.body, charset.charset)

    let page: ParsedPage | undefined
    let notice: string | undefined
    if (isHtml(contentType, response.body)) {
      page = parsePage(text, current.href)
      if (page.title) evidence.title = page.title
      if (page.description) evidence.description = page.description
      if (page.snippet) evidence.snippet = page.snippet
      evidence.platformLinks = platformLinksOf(page, o.platformDomains)
      if (current.protocol === 'https:' && page.insecureResources.length > 0) evidence.mixedContent = page.insecureResources
      else delete evidence.mixedContent
      if (o.followMetaRefresh && page.metaRefresh && page.metaRefresh.delay <= MAX_META_REFRESH_DELAY && response.status < 300) {
        const done = hop(new URL(page.metaRefresh.url), { url: current.href, status: response.status, kind: 'meta-refresh' })
        if (done) return done.evidence.classification === 'redirected-to-platform' ? { ...done, page } : done
        continue
      }
      if (page.scriptRedirect && hostUnder(new URL(page.scriptRedirect).hostname, o.platformDomains)) {
        evidence.redirects.push({ url: current.href, status: response.status, location: page.scriptRedirect, kind: 'script' })
        evidence.finalUrl = page.scriptRedirect
        return finish('redirected-to-platform', undefined, page)
      }
      notice = findNotice(page.noticeText, o.notice)
    } else {
      const plain = text.replace(/\s+/g, ' ').trim().slice(0, 200)
      if (plain && /^text\//i.test(contentType ?? '')) evidence.snippet = plain
    }
    if (notice) evidence.notice = notice
    evidence.finalUrl = current.href
    if (response.status >= 200 && response.status < 300) return finish(notice ? 'notice-page' : 'ok', undefined, page)
    if (response.status >= 400 && notice) return finish('notice-page', `status:${response.status}`, page)
    return finish('http-error', `status:${response.status}`, page)
  }
}
