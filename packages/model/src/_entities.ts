import type { ParsedDocument } from './_yaml'

export const API_VERSION = 'yingjie/v1'

export const KINDS = ['Region', 'Organization', 'Channel', 'Interface', 'ServiceList', 'Migration'] as const
export type Kind = (typeof KINDS)[number]

export const STAGES = ['inventoried', 'planned', 'developing', 'testing', 'live', 'parallel', 'notice', 'shutdown', 'verified'] as const
export type Stage = (typeof STAGES)[number]

export const CHANNEL_TYPES = ['app', 'miniprogram', 'h5', 'official-account'] as const
export type ChannelType = (typeof CHANNEL_TYPES)[number]

export const ORG_LEVELS = ['province', 'city', 'county', 'district', 'zone', 'township'] as const
export type OrgLevel = (typeof ORG_LEVELS)[number]

export const DECISIONS = ['connect', 'rebuild', 'retire', 'merge'] as const
export type Decision = (typeof DECISIONS)[number]

export const ACCESS_MODES = ['self', 'province', 'city-hosted'] as const
export type AccessMode = (typeof ACCESS_MODES)[number]

export interface Metadata {
  id: string
  name: string
  owner?: string
  description?: string
  labels?: Record<string, string>
}

export interface Contact {
  name: string
  phone: string
  email?: string
  title?: string
}

export interface RegionSpec {
  province: string
  city?: string
  regionCode?: string
  platform: string
  platformName?: string
  include?: string[]
  coordinator?: { office: string; contact?: Contact }
  milestones?: { contactsDue?: string; connectDeadline?: string; legacyShutdown?: string; [name: string]: string | undefined }
  rules?: {
    belowCountySelfBuilt?: boolean
    filingRequired?: boolean
    itemCode?: { length?: number; usccPrefix?: boolean; pattern?: string }
  }
}

export interface OrganizationSpec {
  uscc: string
  level: OrgLevel
  regionCode: string
  region?: string
  parent?: string
  contact?: Contact
  websites?: string[]
}

export interface ServiceRef {
  name: string
  item?: string
  itemCode?: string
}

export interface ChannelSpec {
  type: ChannelType
  identifiers?: {
    androidPackage?: string
    iosAppId?: string
    storeLinks?: string[]
    miniprogram?: { host: 'wechat' | 'alipay' | 'baidu' | 'douyin' | 'other'; appid: string }
    h5Url?: string
    officialAccount?: { platform: string; name: string; accountId?: string }
  }
  vendor?: string
  launchDate?: string
  users?: { registered?: number; monthlyActive?: number }
  personalData?: boolean
  mlpsLevel?: number
  filingNumber?: string
  services?: ServiceRef[]
  interfaces?: string[]
  decision?: Decision
  mergeInto?: string
  accessMode?: AccessMode
  source?: { path?: string; repository?: string }
}

export interface FieldSpec {
  name: string
  label?: string
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'date'
  required?: boolean
  personal?: 'name' | 'idNumber' | 'phone' | 'email' | 'bankCard' | 'address'
}

export interface OperationSpec {
  id: string
  name: string
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE'
  path?: string
  soapAction?: string
  idempotent?: boolean
  item?: string
  input?: FieldSpec[]
  output?: FieldSpec[]
}

export interface InterfaceSpec {
  system: string
  protocol: 'rest-json' | 'soap' | 'html-form' | 'other'
  endpoint: string
  encoding?: 'utf-8' | 'gbk' | 'gb18030'
  auth?: { type: string; note?: string }
  operations?: OperationSpec[]
}

export interface ServiceItem {
  code: string
  name: string
  domain: string
  department?: string
  itemCode?: string
}

export interface ServiceListSpec {
  issuer: string
  version?: string
  updated?: string
  items: ServiceItem[]
}

export interface StageEvent {
  date: string
  stage: Stage
  by?: string
  note?: string
  reason?: string
  evidence?: string[]
}

export interface MigrationSpec {
  channel: string
  wave?: number | string
  targets?: Partial<Record<Stage, string>>
  events?: StageEvent[]
}

export interface SpecByKind {
  Region: RegionSpec
  Organization: OrganizationSpec
  Channel: ChannelSpec
  Interface: InterfaceSpec
  ServiceList: ServiceListSpec
  Migration: MigrationSpec
}

/** A schema-valid entity together with the document it came from. */
export interface Entity<K extends Kind = Kind> {
  apiVersion: typeof API_VERSION
  kind: K
  metadata: Metadata
  spec: SpecByKind[K]
  /** Where it was read from; used to locate every later finding. */
  source: ParsedDocument
}

export type AnyEntity = { [K in Kind]: Entity<K> }[Kind]

export function isKind<K extends Kind>(entity: AnyEntity, kind: K): entity is Extract<AnyEntity, { kind: K }> {
  return entity.kind === kind
}
