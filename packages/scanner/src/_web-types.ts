/**
 * Public shapes of the web scanner's evidence and results. They are written
 * to results files and read by other tools (cutover verification), so every
 * field is plain JSON and changes only by adding fields.
 */

/**
 * What a probe found at a URL.
 *
 * - `ok`: a page answered 2xx and says nothing about shutting down
 * - `redirected-to-platform`: an HTTP redirect, meta refresh or script redirect leads to the provincial platform
 * - `notice-page`: the page carries shutdown / migration wording (停止服务, 已迁移至…)
 * - `http-error`: 4xx / 5xx, or a body that could not be decoded
 * - `timeout`: a phase (lookup, connect, TLS, send, first byte, idle, total) took too long
 * - `dns`: the host name does not resolve (or is under `.invalid` and not mapped)
 * - `tls-error`: the certificate is expired, untrusted or for another name, or the handshake failed
 * - `too-large`: the body, or the body after decompression, exceeds the cap
 * - `robots-refused`: robots.txt disallows the URL for our user agent
 * - `redirect-error`: a redirect loop, too many redirects, or a redirect without a usable Location
 * - `out-of-scope`: a redirect leads to a host the inventory does not name, or the host resolves to a
 *   private address nobody declared; the target is reported, never contacted
 * - `unreachable`: connection refused or reset
 */
export type ProbeClassification =
  | 'ok'
  | 'redirected-to-platform'
  | 'notice-page'
  | 'http-error'
  | 'timeout'
  | 'dns'
  | 'tls-error'
  | 'too-large'
  | 'robots-refused'
  | 'redirect-error'
  | 'out-of-scope'
  | 'unreachable'

export const PROBE_CLASSIFICATIONS: readonly ProbeClassification[] = [
  'ok',
  'redirected-to-platform',
  'notice-page',
  'http-error',
  'timeout',
  'dns',
  'tls-error',
  'too-large',
  'robots-refused',
  'redirect-error',
  'out-of-scope',
  'unreachable',
]

/** One step from a URL to the next. */
export interface RedirectHop {
  url: string
  /** HTTP status of the hop; absent for meta refresh and script redirects. */
  status?: number
  location: string
  kind: 'http' | 'meta-refresh' | 'script'
}

/** The server certificate as seen during the handshake. */
export interface TlsEvidence {
  /** e.g. `TLSv1.3`. */
  protocol?: string
  /** Issuer as `CN=…, O=…`. */
  issuer?: string
  subject?: string
  /** ISO date the certificate expires. */
  validTo?: string
  /** Whole days from the probe until expiry; negative once expired. */
  daysToExpiry?: number
  /** The chain verified against the trusted CAs and the host name matched. */
  authorized: boolean
  /** OpenSSL / Node code when it did not verify, e.g. `CERT_HAS_EXPIRED`. */
  error?: string
}

/** Evidence from one probe: what was asked, what came back, what it means. */
export interface ProbeEvidence {
  /** The URL as asked. */
  url: string
  /** ISO time the probe started. */
  startedAt: string
  durationMs: number
  /** HTTP exchanges tried for the last hop, retries included. */
  attempts: number
  classification: ProbeClassification
  /**
   * Machine-readable detail: `redirect-loop`, `too-many-redirects`, `content-length`,
   * `body-size`, `decompressed-size`, `timeout:<phase>`, `ENOTFOUND`, `ECONNREFUSED`,
   * `CERT_HAS_EXPIRED`, `private-address`, `status:404`, …
   */
  reason?: string
  /** Last HTTP status received. */
  status?: number
  /** Where the redirect chain ended (may be a host that was not contacted). */
  finalUrl: string
  redirects: RedirectHop[]
  contentType?: string
  charset?: string
  charsetSource?: 'bom' | 'header' | 'meta' | 'sniff' | 'default'
  /** Body bytes after decompression. */
  bytes?: number
  /** SHA-256 (hex) of the body after decompression, before charset decoding. */
  sha256?: string
  title?: string
  description?: string
  /** The start of the page's visible text, whitespace collapsed. */
  snippet?: string
  /** Links to the provincial platform found on the final page. */
  platformLinks: string[]
  /** Plain-HTTP scripts, styles, images and frames an HTTPS page loads (at most five). */
  mixedContent?: string[]
  /** The shutdown / migration wording that made it a notice page, with some context. */
  notice?: string
  tls?: TlsEvidence
}

/** Result of one automatic review checklist item for a declared channel. */
export interface ReviewCheckResult {
  id: string
  title: { zh: string; en: string }
  status: 'pass' | 'fail' | 'unknown'
  detail: { zh: string; en: string }
}

export type CandidateType = 'app' | 'miniprogram' | 'official-account' | 'h5'

/** Where a channel was mentioned. */
export interface MentionEvidence {
  pageUrl: string
  /** Text around the mention, whitespace collapsed, at most 160 characters. */
  snippet: string
  /** Where on the page: a short selector path, e.g. `footer > div.qr > img`. */
  where: string
}

/** Identifiers a mention reveals; whichever are known. */
export interface CandidateIdentifiers {
  androidPackage?: string
  iosAppId?: string
  storeLink?: string
  apkUrl?: string
  miniprogramHost?: 'wechat' | 'alipay' | 'other'
  appid?: string
  officialAccountId?: string
  h5Url?: string
}

/** A channel seen on a website, possibly on many pages. */
export interface ChannelCandidate {
  /** Stable key: the strongest identifier, e.g. `miniprogram:wx0995452ebef26119`, `app:ios:1519950468`. */
  key: string
  type: CandidateType
  name?: string
  identifiers: CandidateIdentifiers
  /** Organizations whose website mentions it. */
  organizations: string[]
  /** At most five places it was seen. */
  evidence: MentionEvidence[]
  /** How many mentions in all. */
  mentions: number
}

/** A page or resource the crawl could not read. */
export interface CrawlError {
  url: string
  classification: ProbeClassification
  reason?: string
  status?: number
}

/** One organization's websites, crawled. */
export interface SiteResult {
  organization: string
  websites: string[]
  /** False when the crawl was interrupted. */
  complete: boolean
  /** Pages fetched and parsed. */
  pages: number
  /** Links not followed, by reason. */
  skipped: { robots: number; outOfScope: number; pageLimit: number; depthLimit: number; notHtml: number }
  sitemaps: string[]
  errors: CrawlError[]
  candidates: ChannelCandidate[]
  /** Distinct links to the provincial platform seen on the site. */
  platformLinks: string[]
}

export type MatchedBy = 'appid' | 'androidPackage' | 'iosAppId' | 'storeLink' | 'h5Url' | 'officialAccountId' | 'name'

export interface ReconcileMatch {
  channel: string
  owner?: string
  candidate: string
  type: CandidateType
  matchedBy: MatchedBy
  evidence: MentionEvidence[]
}

export interface DeclaredNotFound {
  channel: string
  owner?: string
  type: CandidateType
  name: string
  /** For H5 channels: how the probe classified the declared URL. */
  probe?: ProbeClassification
}

/** Candidates against the inventory. */
export interface Reconciliation {
  matched: ReconcileMatch[]
  /** Seen on a website, not in the inventory. */
  undeclared: ChannelCandidate[]
  /** In the inventory, owned by a crawled organization, mentioned on none of the pages crawled. */
  notFound: DeclaredNotFound[]
}

/** A declared channel's URL, probed. */
export interface ChannelProbe {
  channel: string
  owner?: string
  name: string
  evidence: ProbeEvidence
  review: ReviewCheckResult[]
}

/** Everything one scan produced; the results file. */
export interface WebScanResult {
  /** Results file format version. */
  version: 1
  startedAt: string
  finishedAt: string
  /** False when the scan was interrupted; the parts that finished are kept. */
  complete: boolean
  platform: { profile: string; name: string; domains: string[] }
  /** Hosts the scan was allowed to contact. */
  scope: string[]
  probes: ChannelProbe[]
  sites: SiteResult[]
  reconciliation: Reconciliation
  summary: WebScanSummary
}

export interface WebScanSummary {
  organizations: number
  probes: number
  byClassification: Partial<Record<ProbeClassification, number>>
  pages: number
  candidates: number
  matched: number
  undeclared: number
  notFound: number
  errors: number
}
