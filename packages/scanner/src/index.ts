// Explicit re-exports only. Web part (issue 7) and source part (issue 8).

// --- web ---

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
