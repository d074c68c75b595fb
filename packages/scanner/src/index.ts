// Explicit re-exports only. Web part (issue 7) and source part (issue 8).

// --- web ---
export { probeUrl, type ProbeOptions } from './_web-probe'
export { discoverChannels, type CrawlOptions, type CrawlProgress, type DiscoverOptions, type SiteTarget } from './_web-crawl'
export { scanWeb, type OrganizationCounts, type WebScanEvent, type WebScanOptions } from './_web-scan'
export { planWebScan, reconcile, type PlannedChannel, type PlannedOrganization, type PlanOptions, type ReconcileInput, type WebScanPlan } from './_web-plan'
export { reviewProbe, WEB_REVIEW_CHECKS } from './_web-review'
export { WebClient, DEFAULT_TIMEOUTS, DEFAULT_MAX_BYTES, DEFAULT_USER_AGENT, isPrivateAddress, type ProbeTimeouts, type WebClientOptions } from './_web-client'
export { DEFAULT_CONCURRENCY, DEFAULT_PER_HOST_CONCURRENCY, DEFAULT_PER_HOST_RATE, type SchedulerOptions } from './_web-queue'
export { DEFAULT_NOTICE_PATTERNS } from './_web-html'
export { DEFAULT_STORE_HOSTS } from './_web-mentions'
export {
  PROBE_CLASSIFICATIONS,
  type CandidateIdentifiers,
  type CandidateType,
  type ChannelCandidate,
  type ChannelProbe,
  type CrawlError,
  type DeclaredNotFound,
  type MatchedBy,
  type MentionEvidence,
  type ProbeClassification,
  type ProbeEvidence,
  type ReconcileMatch,
  type Reconciliation,
  type RedirectHop,
  type ReviewCheckResult,
  type SiteResult,
  type TlsEvidence,
  type WebScanResult,
  type WebScanSummary,
} from './_web-types'

// --- source ---
export { scanSource, type ScanSourceOptions } from './source/scan'
export { DEFAULT_EFFORT_RULE, SERVICE_NAMES, type EffortRule } from './source/assess'
export { DEFAULT_MAX_SOURCE_BYTES } from './source/files'
export { renderInterfacesYaml, OWNER_PLACEHOLDER, type InterfacesYamlOptions } from './source/interfaces'
export { renderSourceReportHtml, renderSourceReportMarkdown, renderSourceSummaryText } from './source/render'
export { inventorySchemaPath, SOURCE_REPORT_FILES, writeSourceReports, type WriteSourceReportsOptions } from './source/write'
export type {
  ApiLocation,
  ApiReport,
  ApiStatus,
  BlockerReport,
  CloudFunctionReport,
  DomainReport,
  EffortLine,
  EffortReport,
  EndpointReport,
  FileReport,
  LinkReport,
  PluginReport,
  Position,
  ProjectKind,
  ProjectReport,
  SdkReport,
  SkippedEntry,
  SourceScanReport,
  StatusCounts,
  SuggestedInterface,
  SuggestedOperation,
  UnparsedFile,
  UnresolvedRequest,
} from './source/types'
