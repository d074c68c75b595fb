/**
 * The shape of an access-spec profile, mirroring schema/profile.schema.json.
 * A profile file holds `{apiVersion, kind: AccessProfile, metadata, spec}`;
 * {@link AccessProfile} is the loaded form: metadata plus the spec's sections,
 * with the capability map already merged with its base.
 */
import type { Localized } from '@yingjie/model'

export type SigningAlgorithm = 'hmac-sha256' | 'sha256' | 'md5' | 'sm3' | 'hmac-sm3'
export type SignatureOutput = 'base64' | 'hex' | 'hex-upper'
export type TimestampFormat = 'rfc1123' | 'unix-seconds' | 'unix-millis' | 'iso8601'

export interface ProfileMetadata {
  id: string
  name: string
  nameEn?: string
  province?: string
  /** The profile used when none is named. Exactly one shipped profile has it. */
  default?: boolean
  description?: Localized
}

export interface PlatformInfo {
  name: Localized
  operator?: Localized
  /** Domains of the platform, for recognising links to it (no scheme, no path). */
  domains: string[]
  elderMode?: Localized
}

/** Something the profile assumes because the platform has not published it. */
export interface Assumption extends Localized {
  about: 'platform' | 'signing' | 'identity' | 'envelope' | 'errors' | 'masking' | 'review' | 'capabilities'
}

export interface SigningSpec {
  algorithm: SigningAlgorithm
  output: SignatureOutput
  headers: {
    accessKey: string
    timestamp: string
    nonce?: string
    signature: string
    /** A header that names the algorithm, sent with a fixed value. */
    algorithm?: { name: string; value: string }
  }
  timestamp: { format: TimestampFormat; skewSeconds: number }
  nonce?: { required: boolean; ttlSeconds: number; pattern?: string }
  canonical: {
    /**
     * What is signed, in order: `method`, `path`, `query`, `accessKey`,
     * `timestamp`, `nonce`, `secret`, `bodySha256`, `header:<name>` or
     * `literal:<text>`.
     */
    parts: string[]
    separator: string
    trailingSeparator?: boolean
    /** Name of a canonical-query hook; see {@link HOOKS}. */
    query?: string
  }
}

export type IdentityKind = 'access-link' | 'ticket' | 'oauth2-code'

export interface IdentityStep {
  id: string
  produces: 'token' | 'user'
  description?: Localized
  request: {
    method: 'GET' | 'POST'
    path: string
    encoding: 'json' | 'form' | 'query'
    /** Values may hold `{name}` placeholders filled from config, the entry credential and earlier steps. */
    params: Record<string, string>
    /** Sign the call with the profile's signing rules (e.g. calls through the IRS gateway). */
    signed?: boolean
  }
  response: {
    envelope: string
    token?: string[]
    expiresIn?: string[]
    /** Path of the user inside the data; '' is the data itself. */
    user?: string
  }
}

export type IdType = 'resident-id' | 'passport' | 'hk-macao-permit' | 'taiwan-permit' | 'foreign-permanent-resident' | 'other'
export type RealNameLevel = 'none' | 'basic' | 'verified' | 'face'

/** How the platform's user fields become a {@link PlatformUser}. Each list holds candidate field paths, tried in order. */
export interface UserMapping {
  kind?: { field: string[]; person: string[]; legalPerson: string[]; default: 'person' | 'legal-person' }
  platformUserId?: string[]
  name: string[]
  idNumber: string[]
  idType?: { field?: string[]; map?: Record<string, IdType>; default: IdType }
  phone?: string[]
  realNameLevel?: { field?: string[]; map?: Record<string, RealNameLevel>; default: RealNameLevel }
  org?: { name: string[]; uscc?: string[]; legalRepresentative?: string[] }
}

export interface IdentitySpec {
  kind: IdentityKind
  /** The credential the platform appends when it opens the department's page. */
  entry: { param: string; lifetimeSeconds: number; singleUse: boolean }
  /** Names of values the department gets from the platform and configures (app id, password…). */
  config?: string[]
  tokenLifetimeSeconds?: number
  steps: IdentityStep[]
  user: UserMapping
}

export type EnvelopeScalar = string | number | boolean | null

export interface EnvelopeIndicator {
  field: string
  /** Values meaning success; `null` also matches a missing field. */
  success?: EnvelopeScalar[]
  /** Value written when building an error envelope. */
  error?: EnvelopeScalar
}

export interface EnvelopeSpec {
  description?: Localized
  status?: EnvelopeIndicator
  code: EnvelopeIndicator
  message: { field: string; success?: string }
  /** Where the data sits and how it is encoded; absent: the whole reply is the data. */
  body?: { field: string; codec: string }
}

export type InboundErrorKind = 'badRequest' | 'unauthorized' | 'notFound' | 'legacyUnavailable' | 'internal'

export interface InboundSpec {
  envelope: string
  successCode?: string
  errorCodes?: Record<InboundErrorKind, string>
}

export type PlatformErrorKind =
  | 'credential-invalid'
  | 'ticket-invalid'
  | 'ticket-expired'
  | 'token-invalid'
  | 'token-expired'
  | 'user-not-found'
  | 'user-not-verified'
  | 'permission-denied'
  | 'signature-invalid'
  | 'rate-limited'
  | 'bad-request'
  | 'bad-response'
  | 'platform-unavailable'
  | 'unknown'

export interface ErrorCodeSpec extends Localized {
  code: string
  kind: PlatformErrorKind
  retryable?: boolean
  hint?: Localized
}

export type MaskKind = 'name' | 'idNumber' | 'phone' | 'email' | 'bankCard'

export type MaskRule =
  | { strategy: 'hide-first'; count: number }
  | { strategy: 'keep-ends'; first: number; last: number }
  | { strategy: 'keep-positions'; positions: string }
  | { strategy: 'email'; keepLocal: number }

export interface MaskingSpec {
  maskChar: string
  rules: Record<MaskKind, MaskRule>
}

export interface ReviewItem {
  id: string
  /** A tool can check it (see {@link AUTOMATIC_REVIEW_CHECKS}); otherwise a person does. */
  automatic: boolean
  title: Localized
  description: Localized
  params?: Record<string, string | number | boolean>
}

export type CapabilityStatus = 0 | 1 | 2
export type CapabilityCategory =
  | 'login'
  | 'user-info'
  | 'phone'
  | 'payment'
  | 'subscribe-message'
  | 'location'
  | 'scan'
  | 'media'
  | 'file'
  | 'network'
  | 'storage'
  | 'navigation'
  | 'mini-program'
  | 'web-view'
  | 'cloud'
  | 'face'
  | 'share'
  | 'clipboard'
  | 'system'
  | 'ui'
export type PlatformService = 'unified-identity' | 'unified-payment' | 'message-push' | 'face-verification' | 'platform-bridge'

export interface CapabilityEntry {
  /** e.g. `wx.login`, `uni.request`, `my.tradePay`, `Taro.scanCode`, `uniCloud.callFunction`. */
  api: string
  category: CapabilityCategory
  /** The provincial or H5 capability it maps to, e.g. `unified-identity`, `h5.geolocation`. */
  capability: string
  /** 0 supported as is, 1 supported with differences, 2 unsupported or needs a platform service. */
  status: CapabilityStatus
  needs?: PlatformService
  /** Required when status is not 0: what differs, or what is needed. */
  reason?: Localized
}

/** The `spec` section of a profile file. */
export interface ProfileSpec {
  platform: PlatformInfo
  assumptions?: Assumption[]
  signing: SigningSpec
  identity: IdentitySpec
  envelopes: Record<string, EnvelopeSpec>
  inbound: InboundSpec
  errors: ErrorCodeSpec[]
  masking: MaskingSpec
  review: ReviewItem[]
  capabilities: { base?: string; entries?: CapabilityEntry[] }
}

/** A profile file as written. */
export interface ProfileDocument {
  apiVersion: 'yingjie/v1'
  kind: 'AccessProfile'
  metadata: ProfileMetadata
  spec: ProfileSpec
}

/** A capability map file (`kind: CapabilityMap`), the base a profile's map extends. */
export interface CapabilityMapDocument {
  apiVersion: 'yingjie/v1'
  kind: 'CapabilityMap'
  metadata: ProfileMetadata
  entries: CapabilityEntry[]
}

/** A loaded, validated profile. */
export interface AccessProfile extends Omit<ProfileSpec, 'capabilities'> {
  id: string
  /** Absolute path of the file it was loaded from. */
  file: string
  metadata: ProfileMetadata
  /** Name or path of the base capability map, if any. */
  capabilityBase?: string
  /** The merged capability map: base entries overridden and extended by the profile's, `{platform}` filled in. */
  capabilities: CapabilityEntry[]
}
