/**
 * The review checklist items a probe can decide by itself: HTTPS everywhere,
 * certificate validity (at least N days left), and page title equal to the
 * service name. Which items apply, their titles and parameters come from the
 * access-spec profile. Pure.
 */
import type { ReviewItem } from '@yingjie/spec'
import type { ProbeEvidence, ReviewCheckResult } from './_web-types'

/** Review items this scanner decides from a probe. */
export const WEB_REVIEW_CHECKS = ['https', 'certificate-validity', 'title-matches-service'] as const

const FAILED_BEFORE_PAGE = new Set(['timeout', 'dns', 'unreachable', 'robots-refused', 'out-of-scope', 'redirect-error', 'too-large'])

/** Names compared without brackets, spaces, punctuation and channel-type words. */
export function normalizeServiceName(name: string): string {
  return name
    .replace(/（[^）]*）|\([^)]*\)|【[^】]*】|\[[^\]]*\]/g, '')
    .replace(/微信|支付宝|小程序|公众号|服务号|订阅号|官方|客户端|手机版|移动端|APP|App|app|H5|h5/g, '')
    .replace(/[\s\p{P}\p{S}]/gu, '')
    .toLowerCase()
}

function httpsCheck(e: ProbeEvidence): Omit<ReviewCheckResult, 'id' | 'title'> {
  const plain = [e.url, ...e.redirects.map((r) => r.url), e.finalUrl].find((u) => u.startsWith('http:'))
  if (plain) return { status: 'fail', detail: { zh: `使用明文 HTTP：${plain}`, en: `plain HTTP: ${plain}` } }
  if (e.mixedContent && e.mixedContent.length > 0) {
    return { status: 'fail', detail: { zh: `页面加载了 HTTP 资源：${e.mixedContent[0]}`, en: `the page loads HTTP resources: ${e.mixedContent[0]}` } }
  }
  if (e.classification === 'tls-error') return { status: 'fail', detail: { zh: `HTTPS 握手失败（${e.reason}）`, en: `the HTTPS handshake failed (${e.reason})` } }
  if (e.status === undefined) return { status: 'unknown', detail: { zh: `未取得页面（${e.classification}）`, en: `no page was received (${e.classification})` } }
  return { status: 'pass', detail: { zh: '页面及其资源均使用 HTTPS', en: 'the page and its resources use HTTPS' } }
}

function certificateCheck(e: ProbeEvidence, minDays: number): Omit<ReviewCheckResult, 'id' | 'title'> {
  if (e.finalUrl.startsWith('http:') && !e.tls) return { status: 'fail', detail: { zh: '未使用 HTTPS，没有证书', en: 'no HTTPS, so no certificate' } }
  const tls = e.tls
  if (!tls) return { status: 'unknown', detail: { zh: `未取得证书（${e.classification}）`, en: `no certificate was seen (${e.classification})` } }
  const days = tls.daysToExpiry
  if (!tls.authorized) {
    const when = days !== undefined ? (days < 0 ? `，已过期 ${-days} 天` : `，剩余 ${days} 天`) : ''
    const whenEn = days !== undefined ? (days < 0 ? `, expired ${-days} days ago` : `, ${days} days left`) : ''
    return { status: 'fail', detail: { zh: `证书不受信任（${tls.error ?? '未知原因'}${when}）`, en: `the certificate is not trusted (${tls.error ?? 'unknown reason'}${whenEn})` } }
  }
  if (days === undefined) return { status: 'unknown', detail: { zh: '证书有效期未知', en: 'certificate expiry unknown' } }
  if (days < minDays) return { status: 'fail', detail: { zh: `证书剩余 ${days} 天，少于 ${minDays} 天`, en: `the certificate has ${days} days left, fewer than ${minDays}` } }
  return { status: 'pass', detail: { zh: `证书剩余 ${days} 天，签发者 ${tls.issuer ?? '未知'}`, en: `${days} days left, issued by ${tls.issuer ?? 'unknown'}` } }
}

function titleCheck(e: ProbeEvidence, expected: readonly string[]): Omit<ReviewCheckResult, 'id' | 'title'> {
  if (e.classification === 'redirected-to-platform') {
    return { status: 'unknown', detail: { zh: '已跳转到省级平台，页面不再由部门提供', en: 'redirected to the platform; the department no longer serves a page' } }
  }
  if (!e.title) {
    if (FAILED_BEFORE_PAGE.has(e.classification) || e.status === undefined) return { status: 'unknown', detail: { zh: `未取得页面（${e.classification}）`, en: `no page was received (${e.classification})` } }
    return { status: 'fail', detail: { zh: '页面没有标题', en: 'the page has no title' } }
  }
  const title = normalizeServiceName(e.title)
  const hit = expected.find((name) => {
    const n = normalizeServiceName(name)
    return n.length > 0 && (title === n || title.includes(n) || n.includes(title))
  })
  if (hit) return { status: 'pass', detail: { zh: `标题“${e.title}”与“${hit}”一致`, en: `title "${e.title}" matches "${hit}"` } }
  return {
    status: 'fail',
    detail: { zh: `标题“${e.title}”与服务名称（${expected.join('、')}）不一致`, en: `title "${e.title}" does not match the service names (${expected.join(', ')})` },
  }
}

/**
 * Decide the profile's automatic review items that a probe can decide.
 * `serviceNames` are the channel's name and its services' names.
 */
export function reviewProbe(evidence: ProbeEvidence, items: readonly ReviewItem[], serviceNames: readonly string[]): ReviewCheckResult[] {
  const out: ReviewCheckResult[] = []
  for (const item of items) {
    if (!item.automatic) continue
    let r: Omit<ReviewCheckResult, 'id' | 'title'> | undefined
    if (item.id === 'https') r = httpsCheck(evidence)
    else if (item.id === 'certificate-validity') r = certificateCheck(evidence, Number(item.params?.minDays ?? 30))
    else if (item.id === 'title-matches-service') r = titleCheck(evidence, serviceNames)
    if (r) out.push({ id: item.id, title: { zh: item.title.zh, en: item.title.en }, ...r })
  }
  return out
}
