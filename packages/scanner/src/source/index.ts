// The source scanner alone (`@yingjie/scanner/source`): loads without the web scanner's HTTP stack.
export { scanSource, type ScanSourceOptions } from './scan'
export { DEFAULT_EFFORT_RULE, SERVICE_NAMES, type EffortRule } from './assess'
export { DEFAULT_MAX_SOURCE_BYTES } from './files'
export { renderInterfacesYaml, OWNER_PLACEHOLDER, type InterfacesYamlOptions } from './interfaces'
export { renderSourceReportHtml, renderSourceReportMarkdown, renderSourceSummaryText } from './render'
export { inventorySchemaPath, SOURCE_REPORT_FILES, writeSourceReports, type WriteSourceReportsOptions } from './write'
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
} from './types'
