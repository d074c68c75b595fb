import { YjError, type Localized } from '@yingjie/model'
import type { AccessProfile, PlatformErrorKind } from './_types'

const KIND_HINT: Record<PlatformErrorKind, Localized> = {
  'credential-invalid': { zh: '核对向平台申请的应用标识、密码或 AK/SK', en: 'check the app id, password or AK/SK issued by the platform' },
  'ticket-invalid': { zh: '请用户从平台重新进入服务，凭据只能使用一次', en: 'ask the user to open the service from the platform again; the credential is single use' },
  'ticket-expired': { zh: '请用户从平台重新进入服务，凭据有效期很短', en: 'ask the user to open the service from the platform again; the credential is short-lived' },
  'token-invalid': { zh: '重新走一遍身份认证流程', en: 'run the identity flow again' },
  'token-expired': { zh: '重新走一遍身份认证流程', en: 'run the identity flow again' },
  'user-not-found': { zh: '请用户在平台完成注册', en: 'ask the user to register with the platform' },
  'user-not-verified': { zh: '请用户在平台完成实名认证', en: 'ask the user to complete real-name verification on the platform' },
  'permission-denied': { zh: '向平台申请相应接口权限', en: 'request access to the interface from the platform' },
  'signature-invalid': { zh: '检查签名串、时间戳和服务器时钟', en: 'check the canonical string, the timestamp and the server clock' },
  'rate-limited': { zh: '稍后重试，并降低调用频率', en: 'retry later and call less often' },
  'bad-request': { zh: '检查请求参数', en: 'check the request parameters' },
  'bad-response': { zh: '平台应答与接入规范配置不符，核对配置中的信封和字段名', en: "the platform's reply does not match the profile; check its envelope and field names" },
  'platform-unavailable': { zh: '平台暂时不可用，稍后重试；持续出现请联系省级平台', en: 'the platform is unavailable; retry later and contact the province if it persists' },
  unknown: { zh: '在配置的 errors 中补充该错误码的含义', en: "add the code's meaning to the profile's errors" },
}

const RETRYABLE: ReadonlySet<PlatformErrorKind> = new Set(['rate-limited', 'platform-unavailable'])

/** A failure reported by the provincial platform, mapped through the profile's error table. */
export class PlatformError extends YjError {
  readonly kind: PlatformErrorKind
  /** The code as the platform sent it (empty for replies that could not be read). */
  readonly platformCode: string
  readonly platformMessage: string
  readonly retryable: boolean
  constructor(init: { kind: PlatformErrorKind; platformCode: string; platformMessage: string; retryable: boolean; message: Localized; hint: Localized }) {
    super({ code: `YJ_PLATFORM_${init.kind.toUpperCase().replace(/-/g, '_')}`, message: init.message, hint: init.hint })
    this.name = 'PlatformError'
    this.kind = init.kind
    this.platformCode = init.platformCode
    this.platformMessage = init.platformMessage
    this.retryable = init.retryable
  }
}

export function isPlatformError(error: unknown): error is PlatformError {
  return error instanceof PlatformError
}

/**
 * The typed error for a platform error code: its kind, text and hint come
 * from the profile's error table; unknown codes become kind `unknown`.
 */
export function platformError(profile: Pick<AccessProfile, 'errors' | 'platform'>, platformCode: string, platformMessage = ''): PlatformError {
  const entry = profile.errors.find((e) => e.code === platformCode)
  const kind = entry?.kind ?? 'unknown'
  const said = platformMessage ? `（${platformMessage}）` : ''
  const saidEn = platformMessage ? ` (${platformMessage})` : ''
  return new PlatformError({
    kind,
    platformCode,
    platformMessage,
    retryable: entry?.retryable ?? RETRYABLE.has(kind),
    message: {
      zh: `${profile.platform.name.zh}返回错误 ${platformCode}：${entry?.zh ?? '未知错误码'}${said}`,
      en: `${profile.platform.name.en} returned error ${platformCode}: ${entry?.en ?? 'unknown error code'}${saidEn}`,
    },
    hint: entry?.hint ?? KIND_HINT[kind],
  })
}

/** A reply that does not have the shape the profile declares. */
export function badResponse(profile: Pick<AccessProfile, 'platform'>, zh: string, en: string): PlatformError {
  return new PlatformError({
    kind: 'bad-response',
    platformCode: '',
    platformMessage: '',
    retryable: false,
    message: { zh: `${profile.platform.name.zh}的应答无法解析：${zh}`, en: `cannot read the reply of ${profile.platform.name.en}: ${en}` },
    hint: KIND_HINT['bad-response'],
  })
}
