import { invalid, valid, type ValidationResult } from '../_localized'

/**
 * Hosts whose AppID format is checked strictly. Any other host (百度, 抖音,
 * QQ, …) is accepted with a loose check, since its format is not pinned down.
 */
export type MiniProgramHost = 'wechat' | 'alipay'

/**
 * Checks a WeChat mini-program / official-account AppID: `wx` followed by
 * 16 lowercase hexadecimal characters, 18 in all.
 * @example validateWechatAppId('wx1234567890abcdef') // { ok: true }
 */
export function validateWechatAppId(v: string): ValidationResult {
  if (v === '') return invalid('微信 AppID 为空', 'WeChat AppID is empty')
  if (/\s/.test(v)) return invalid('微信 AppID 含空白字符，请删除', 'WeChat AppID contains whitespace; remove it')
  // The 原始 ID (gh_ + 12 hex) sits next to the AppID in the WeChat console
  // and is the most common mix-up.
  if (v.startsWith('gh_')) {
    return invalid(
      `“${v}”是小程序/公众号的原始 ID，不是 AppID；AppID 以 wx 开头，见微信公众平台“开发管理 → 开发设置”`,
      `'${v}' is the original ID (原始 ID), not the AppID; the AppID starts with wx and is shown under Development → Settings in the WeChat console`,
    )
  }
  if (/^\d{16}$/.test(v)) {
    return invalid(
      `“${v}”像是支付宝小程序 AppID；微信 AppID 以 wx 开头，请核对宿主平台`,
      `'${v}' looks like an Alipay AppID; WeChat AppIDs start with wx — check the host platform`,
    )
  }
  if (!v.startsWith('wx')) {
    return invalid(`微信 AppID 应以小写 wx 开头，实际为“${v.slice(0, 2)}”`, `a WeChat AppID must start with lowercase wx, got '${v.slice(0, 2)}'`)
  }
  if (v.length !== 18) {
    return invalid(
      `微信 AppID 应为 wx 加 16 位十六进制字符，共 18 位，实际为 ${v.length} 位`,
      `a WeChat AppID is wx plus 16 hex characters, 18 in all; got ${v.length}`,
    )
  }
  const body = v.slice(2)
  if (/[A-F]/.test(body) && /^[0-9a-fA-F]{16}$/.test(body)) {
    return invalid(`微信 AppID 中的字母应为小写，应写作 ${v.toLowerCase()}`, `letters in a WeChat AppID are lowercase: ${v.toLowerCase()}`)
  }
  const bad = [...body].findIndex((c) => !/[0-9a-f]/.test(c))
  if (bad >= 0) {
    return invalid(
      `微信 AppID 第 ${bad + 3} 位“${body[bad]}”不是十六进制字符（0–9、a–f）`,
      `WeChat AppID position ${bad + 3} '${body[bad]}' is not a hex character (0-9, a-f)`,
    )
  }
  return valid
}

/**
 * Checks an Alipay mini-program AppID: 16 digits starting with 20 (the year
 * the application was created, e.g. 2021…).
 * @example validateAlipayAppId('2021001234567890') // { ok: true }
 */
export function validateAlipayAppId(v: string): ValidationResult {
  if (v === '') return invalid('支付宝 AppID 为空', 'Alipay AppID is empty')
  if (/\s/.test(v)) return invalid('支付宝 AppID 含空白字符，请删除', 'Alipay AppID contains whitespace; remove it')
  if (v.startsWith('wx')) {
    return invalid(
      `“${v}”像是微信 AppID；支付宝 AppID 为 16 位数字，请核对宿主平台`,
      `'${v}' looks like a WeChat AppID; Alipay AppIDs are 16 digits — check the host platform`,
    )
  }
  const nonDigit = [...v].findIndex((c) => c < '0' || c > '9')
  if (nonDigit >= 0) {
    return invalid(
      `支付宝 AppID 只能由数字组成，第 ${nonDigit + 1} 位是“${[...v][nonDigit]}”`,
      `an Alipay AppID is digits only; position ${nonDigit + 1} is '${[...v][nonDigit]}'`,
    )
  }
  if (v.length !== 16) {
    return invalid(`支付宝 AppID 应为 16 位数字，实际为 ${v.length} 位`, `an Alipay AppID is 16 digits, got ${v.length}`)
  }
  // The merchant PID (2088…) is also 16 digits and is shown on the same
  // Alipay console pages.
  if (v.startsWith('2088')) {
    return invalid(
      `“${v}”是支付宝账号 PID（2088 开头），不是小程序 AppID`,
      `'${v}' is an Alipay account PID (starts with 2088), not a mini-program AppID`,
    )
  }
  if (!v.startsWith('20')) {
    return invalid(`支付宝 AppID 应以 20 开头，实际为“${v.slice(0, 2)}”`, `an Alipay AppID starts with 20, got '${v.slice(0, 2)}'`)
  }
  return valid
}

/**
 * Checks a mini-program AppID for its host: strict formats for `wechat` and
 * `alipay`; for any other host only that it is non-empty without whitespace.
 * @example validateMiniProgramAppId('wechat', 'wx1234567890abcdef') // { ok: true }
 */
export function validateMiniProgramAppId(host: MiniProgramHost | (string & {}), v: string): ValidationResult {
  if (host === 'wechat') return validateWechatAppId(v)
  if (host === 'alipay') return validateAlipayAppId(v)
  if (v === '') return invalid(`${host} 小程序 AppID 为空`, `${host} mini-program AppID is empty`)
  if (/\s/.test(v)) return invalid(`${host} 小程序 AppID 含空白字符，请删除`, `${host} mini-program AppID contains whitespace; remove it`)
  return valid
}
