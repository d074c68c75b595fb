import { invalid, valid, type ValidationResult } from '../_localized'

/** Options for {@link validateUrl}. */
export interface UrlOptions {
  /**
   * Schemes the URL may use, without the colon, case-insensitive.
   * @default ['http', 'https']
   * @example { schemes: ['https'] }
   */
  schemes?: string[]
}

// WHATWG parsing is forgiving: for http(s) it turns 'http:example.com',
// 'http:/example.com' and 'http:\\example.com' into http://example.com/. A
// URL people will paste into browsers and review forms should be written out
// in full, so the raw text must show `scheme://authority` itself.
const SCHEME_AND_AUTHORITY = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)/

/**
 * Checks an absolute URL: parsable by WHATWG URL, no whitespace, written as
 * `scheme://host…`, a non-empty host, no user:password@ credentials, and a
 * scheme from the allowed list.
 * @example validateUrl('https://www.baoding.gov.cn/col/index.html') // { ok: true }
 */
export function validateUrl(v: string, options: UrlOptions = {}): ValidationResult {
  const schemes = (options.schemes ?? ['http', 'https']).map((s) => s.toLowerCase().replace(/:$/, ''))
  if (v === '') return invalid('网址为空', 'URL is empty')
  const space = [...v].findIndex((c) => /\s/.test(c))
  if (space >= 0) {
    return invalid(
      `网址第 ${space + 1} 个字符是空白字符；网址中不能有空格（需要时写作 %20）`,
      `URL has whitespace at character ${space + 1}; URLs cannot contain spaces (encode them as %20)`,
    )
  }

  const raw = SCHEME_AND_AUTHORITY.exec(v)
  if (!raw) {
    // 'www.example.gov.cn:8080/x' parses as a scheme too; a dot or a port
    // number after the colon means the scheme is missing, not the slashes.
    if (/^[A-Za-z][A-Za-z0-9+-]*:(?!\d)/.test(v)) {
      const scheme = v.slice(0, v.indexOf(':'))
      return invalid(
        `网址的协议“${scheme}:”后应紧跟 //，如 ${scheme}://example.gov.cn/`,
        `the scheme '${scheme}:' must be followed by //, as in ${scheme}://example.gov.cn/`,
      )
    }
    return invalid(
      `“${v}”缺少协议，应以 ${schemes.map((s) => `${s}://`).join(' 或 ')} 开头`,
      `'${v}' has no scheme; it should start with ${schemes.map((s) => `${s}://`).join(' or ')}`,
    )
  }
  const [, scheme, authority] = raw as unknown as [string, string, string]
  if (!schemes.includes(scheme.toLowerCase())) {
    return invalid(
      `网址协议“${scheme}”不被允许，只能是 ${schemes.join('、')}`,
      `URL scheme '${scheme}' is not allowed; use ${schemes.join(', ')}`,
    )
  }
  if (authority === '') return invalid('网址缺少主机名（// 后为空）', 'URL has no host (nothing after //)')
  // Credentials leak in logs and reports, and user@host is a phishing trick.
  if (authority.includes('@')) {
    return invalid(
      '网址中不能包含用户名或密码（user:pass@）；请删除 @ 及其前面的部分',
      'URL must not contain credentials (user:pass@); remove the part up to and including @',
    )
  }

  let url: URL
  try {
    url = new URL(v)
  } catch {
    return invalid(`“${v}”不是合法的网址，请检查主机名和端口`, `'${v}' is not a valid URL; check the host name and port`)
  }
  if (url.hostname === '') return invalid('网址缺少主机名', 'URL has no host')
  return valid
}

/**
 * Whether a URL uses plain, unencrypted http (the review checklist requires
 * HTTPS). False for anything that does not parse.
 * @example isPlainHttp('http://www.baoding.gov.cn') // true
 */
export function isPlainHttp(v: string): boolean {
  try {
    return new URL(v).protocol === 'http:'
  } catch {
    return false
  }
}
