export { invalid, pick, valid, type Lang, type Localized, type ValidationResult } from './_localized'
export {
  compareFindings,
  finding,
  formatFinding,
  formatLocation,
  isYjError,
  YjError,
  type Finding,
  type FindingInit,
  type Severity,
  type SourceLocation,
  type ValuePath,
} from './_findings'
export { decodeUtf8, DEFAULT_MAX_YAML_BYTES, formatBytes, parseYamlText, readYamlFile, type ParsedDocument, type ParsedFile, type ReadYamlOptions } from './_yaml'
export { closest, editDistance, pointerToPath, schemaFindings } from './_schema'
export { writeFileAtomic } from './_atomic'
export { inventorySchema, loadInventory, type Inventory, type LoadInventoryOptions } from './_inventory'
export {
  ACCESS_MODES,
  API_VERSION,
  CHANNEL_TYPES,
  DECISIONS,
  isKind,
  KINDS,
  ORG_LEVELS,
  STAGES,
  type AccessMode,
  type AnyEntity,
  type ChannelSpec,
  type ChannelType,
  type Contact,
  type Decision,
  type Entity,
  type FieldSpec,
  type InterfaceSpec,
  type Kind,
  type Metadata,
  type MigrationSpec,
  type OperationSpec,
  type OrganizationSpec,
  type OrgLevel,
  type RegionSpec,
  type ServiceItem,
  type ServiceListSpec,
  type ServiceRef,
  type SpecByKind,
  type Stage,
  type StageEvent,
} from './_entities'
export * from './validators/index'
