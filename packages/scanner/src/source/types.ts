/**
 * The source scan report: plain data, the same for JSON, Markdown, HTML and
 * the terminal. Paths are relative to the scanned folder they came from
 * (prefixed with that folder's name when several were scanned); no clock
 * times, so a report of the same tree is byte-for-byte the same.
 */
import type { Localized } from '@yingjie/model'
import type { CapabilityCategory, CapabilityStatus, PlatformService } from '@yingjie/spec'

export const PROJECT_KINDS = ['wechat-native', 'alipay-native', 'uni-app', 'taro', 'h5-vue', 'h5-react', 'h5-plain', 'unknown'] as const
export type ProjectKind = (typeof PROJECT_KINDS)[number]

/** A capability status from the profile's map, or 'unknown' when the map has no entry for the API. */
export type ApiStatus = CapabilityStatus | 'unknown'

export interface Position {
  file: string
  line: number
  column: number
}

export interface ApiLocation extends Position {
  /** How the code reached the API: a direct call, an alias, destructuring, a wrapper, `wx['x']`, a component… */
  via: string
}

export interface ApiReport {
  api: string
  status: ApiStatus
  category?: CapabilityCategory
  capability?: string
  needs?: PlatformService
  reason?: Localized
  uses: number
  locations: ApiLocation[]
}

export interface FileReport {
  file: string
  status: ApiStatus | 'none'
  apis: number
  byStatus: StatusCounts
}

export interface StatusCounts {
  supported: number
  differs: number
  unsupported: number
  unknown: number
}

export interface EndpointReport {
  /** Upper case when visible (GET, POST…); undefined when the code does not show it. */
  method?: string
  /** As folded; unknown pieces written `{name}`. */
  url: string
  /** Host (and port) when the url is absolute. */
  host?: string
  path: string
  /** 'full' when every piece was folded, 'partial' when some are placeholders. */
  resolved: 'full' | 'partial'
  /** The request API or library and any wrappers the call went through, outermost first. */
  via: string[]
  locations: Position[]
}

export interface UnresolvedRequest extends Position {
  via: string[]
  /** What could be folded, e.g. `{baseUrl}/api`. */
  partial: string
}

export interface CloudFunctionReport {
  name: string
  /** Defined in the project's cloud function folder. */
  defined: boolean
  locations: Position[]
}

export interface LinkReport extends Position {
  kind: 'web-view' | 'navigator' | 'link' | 'frame' | 'form' | 'script' | 'asset'
  target: string
  attrs?: Record<string, string>
}

export interface DomainReport {
  host: string
  /** backend: the code sends requests there; platform: the provincial platform; external: anything else referenced. */
  role: 'backend' | 'platform' | 'external'
  references: number
  /** The first few places it appears. */
  locations: Position[]
}

export interface SdkReport {
  name: string
  version?: string
  /** package.json, or a vendored file recognised by name. */
  source: string
  category?: string
  note?: Localized
}

export interface PluginReport {
  name: string
  provider?: string
  version?: string
  file: string
}

export interface BlockerReport {
  /** The platform service needed, or 'rewrite' when the capability has no counterpart. */
  service: PlatformService | 'rewrite'
  apis: string[]
  reason: Localized
}

export interface EffortLine {
  key: string
  label: Localized
  count: number
  weight: number
  days: number
}

export interface EffortReport {
  days: number
  lines: EffortLine[]
  /** The rule in words. */
  rule: Localized
}

export interface ProjectReport {
  /** Folder of the project, relative to the scanned folder ('.' for the folder itself). */
  root: string
  /** The scanned folder's name joined with `root`, e.g. `bd-rsj-wx` or `city-apps/h5`. */
  path: string
  kind: ProjectKind
  /** Files that identified the project. */
  markers: string[]
  name?: string
  appid?: string
  pages: { count: number; subpackages: number; list: string[] }
  plugins: PluginReport[]
  /** Privacy-relevant permissions the configuration declares (scope.userLocation, requiredPrivateInfos…). */
  permissions: string[]
  sdks: SdkReport[]
  files: { scanned: number; parsed: number; unparsed: number }
  totals: { apis: StatusCounts; calls: StatusCounts }
  apis: ApiReport[]
  fileStatus: FileReport[]
  blockers: BlockerReport[]
  endpoints: EndpointReport[]
  unresolvedRequests: UnresolvedRequest[]
  cloudFunctions: CloudFunctionReport[]
  links: LinkReport[]
  domains: DomainReport[]
  effort: EffortReport
}

export interface SkippedEntry {
  path: string
  reason: 'dependencies' | 'build-output' | 'minified' | 'too-large' | 'binary' | 'symlink-loop' | 'unreadable' | 'not-found'
  /** Size in bytes for files skipped by size. */
  bytes?: number
}

export interface UnparsedFile extends Position {
  message: string
}

export interface SuggestedOperation {
  id: string
  name: string
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path: string
}

export interface SuggestedInterface {
  id: string
  host: string
  endpoint: string
  protocol: 'rest-json' | 'soap' | 'html-form' | 'other'
  operations: SuggestedOperation[]
  /** Projects whose code calls it. */
  projects: string[]
}

export interface SourceScanReport {
  kind: 'SourceScanReport'
  version: 1
  profile: { id: string; platform: Localized }
  roots: string[]
  summary: {
    projects: number
    files: { scanned: number; parsed: number; unparsed: number; skipped: number; other: number }
    bytes: number
    apis: StatusCounts
    endpoints: number
    hosts: number
    cloudFunctions: number
    blockers: number
    effortDays: number
  }
  projects: ProjectReport[]
  interfaces: SuggestedInterface[]
  unparsed: UnparsedFile[]
  skipped: SkippedEntry[]
}
