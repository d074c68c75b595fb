/**
 * Channel mentions on a page: app-store and `.apk` links, mini-programs
 * (wording near QR images, `weixin://` and `alipays://` links, appids),
 * official accounts, and mobile (H5) sub-sites. Pure: a parsed page in,
 * mentions with their evidence out.
 */
import type { AnyNode, Element, Text } from 'domhandler'
import { collapse, hostUnder, selectorPath, type PageLink, type ParsedPage } from './_web-html'
import type { CandidateIdentifiers, CandidateType, MentionEvidence } from './_web-types'

/**
 * App stores whose links count as app mentions. Hosts match themselves and
 * their subdomains.
 */
export const DEFAULT_STORE_HOSTS: readonly string[] = [
  'apps.apple.com',
  'itunes.apple.com',
  'play.google.com',
  'app.mi.com',
  'appgallery.huawei.com',
  'appgallery.cloud.huawei.com',
  'appstore.huawei.com',
  'sj.qq.com',
  'a.app.qq.com',
  'android.myapp.com',
  'shouji.baidu.com',
  'mobile.baidu.com',
  'zhushou.360.cn',
  'app.so.com',
  'app.flyme.cn',
  'app.vivo.com.cn',
  'appstore.vivo.com.cn',
  'store.oppomobile.com',
  'app.cdo.oppomobile.com',
  'wandoujia.com',
  'app.hicloud.com',
]

export interface Mention {
  key: string
  type: CandidateType
  name?: string
  identifiers: CandidateIdentifiers
  evidence: MentionEvidence
}

export interface MentionOptions {
  /** @default DEFAULT_STORE_HOSTS */
  storeHosts?: readonly string[]
  /** Hosts of the site being crawled. */
  ownHosts: ReadonlySet<string>
  /** Links there are the platform, not a channel. */
  platformDomains: readonly string[]
}

const SNIPPET_CHARS = 160
const WX_APPID = /\bwx[0-9a-f]{16}\b/g
const ALIPAY_APPID = /\b20\d{14}\b/g
const GH_ID = /\bgh_[0-9a-f]{12}\b/g
const MOBILE_WORDS = /手机版|移动版|移动端|手机端|触屏版|微网站|掌上|H5版|\bH5\b|wap版/i
const MOBILE_HOST = /^(m|wap|h5|mobile|wx|weixin|3g)[.-]/i
const MOBILE_PATH = /^\/(m|h5|wap|mobile|weixin|wx|app)(\/|$)/i
const QR_WORDS = /二维码|扫码|扫一扫|扫描|qr/i
const NAME_CHARS = '[\\u4e00-\\u9fa5A-Za-z0-9·]'
const MINIPROGRAM_NAME = new RegExp(`[“"「『]?(${NAME_CHARS}{2,20}?)[”"」』]?\\s*(?:微信|支付宝|百度|抖音)?小程序`)
const ACCOUNT_AFTER = new RegExp(`(?:微信)?(?:公众号|服务号|订阅号)[：:\\s]*[“"「『]?(${NAME_CHARS}{2,20})[”"」』]?`)
const ACCOUNT_BEFORE = new RegExp(`[“"「『]?(${NAME_CHARS}{2,20}?)[”"」』]?\\s*(?:微信)?(?:公众号|服务号|订阅号)`)
const NAME_PREFIX = /^(?:请|可|欢迎|用|使用|打开|微信|支付宝|扫码|扫一扫|扫描|长按|识别|关注|搜索|下方|上方|二维码|进入|访问|登录|下载|或|及|和|、)+/
const NAME_STOPWORDS = new Set(['二维码', '扫码', '关注', '官方', '我们', '本局', '本单位', '下方', '微信', '支付宝', '搜索', '小程序', '公众号'])

function snippetAround(text: string, keyword?: string): string {
  const t = collapse(text)
  if (t.length <= SNIPPET_CHARS) return t
  const at = keyword ? t.indexOf(keyword) : -1
  const start = at < 0 ? 0 : Math.max(0, Math.min(at - 60, t.length - SNIPPET_CHARS))
  return t.slice(start, start + SNIPPET_CHARS)
}

function cleanName(raw: string | undefined): string | undefined {
  if (!raw) return undefined
  const n = raw
    .replace(/[“”"「」『』《》]/g, '')
    .replace(NAME_PREFIX, '')
    .trim()
  if (n.length < 2 || NAME_STOPWORDS.has(n)) return undefined
  return n
}

/**
 * The text around an element: its own (alt, title, text) and its parent's,
 * or its grandparent's when the parent says little; a QR code's caption is
 * usually a sibling.
 */
function nearbyText(page: ParsedPage, element: Element): string {
  const $ = page.$
  const own = collapse(`${$(element).attr('alt') ?? ''} ${$(element).attr('title') ?? ''} ${$(element).text()}`)
  let node: Element | null = element.parent?.type === 'tag' ? (element.parent as Element) : null
  let around = own
  for (let depth = 0; node && depth < 2; depth++) {
    const text = collapse($(node).text())
    if (text.length > 400) break
    around = collapse(`${own} ${text}`)
    if (text.length - collapse($(element).text()).length >= 8) break
    node = node.parent?.type === 'tag' ? (node.parent as Element) : null
  }
  return around.slice(0, 400)
}

/** A name without bracketed remarks such as （微信小程序）, which would hide it from the name patterns. */
function withoutRemarks(text: string): string {
  return text.replace(/（[^）]*）|\([^)]*\)|【[^】]*】/g, ' ')
}

function packageFrom(url: URL): string | undefined {
  for (const name of ['id', 'pkgname', 'apkName', 'package_name', 'packageName', 'pkg', 'appId']) {
    const v = url.searchParams.get(name)
    if (v && /^[a-zA-Z][\w]*(\.[a-zA-Z_][\w]*)+$/.test(v)) return v
  }
  const m = /\/(?:apps|appdetail|details|detail|app)\/([a-zA-Z][\w]*(?:\.[a-zA-Z_][\w]*)+)/.exec(url.pathname)
  return m?.[1]
}

function storeMention(link: PageLink, storeHosts: readonly string[]): Omit<Mention, 'evidence'> | undefined {
  const { url } = link
  if (!/^https?:$/.test(url.protocol) || !hostUnder(url.hostname, storeHosts)) return undefined
  const identifiers: CandidateIdentifiers = { storeLink: url.href }
  const ios = /apple\.com$/.test(url.hostname) ? /\/id(\d{6,})/.exec(url.pathname)?.[1] : undefined
  if (ios) identifiers.iosAppId = ios
  const pkg = ios ? undefined : packageFrom(url)
  if (pkg) identifiers.androidPackage = pkg
  const key = pkg ? `app:android:${pkg}` : ios ? `app:ios:${ios}` : `app:store:${url.hostname}${url.pathname}${url.search}`
  return { key, type: 'app', ...(cleanName(link.text) ? { name: cleanName(link.text)! } : {}), identifiers }
}

/** The registrable part of a host, approximately: two labels, three under gov.cn-style second levels. */
export function siteOf(host: string): string {
  const labels = host.toLowerCase().split('.')
  const n = /^(gov|com|org|net|edu|ac)$/.test(labels[labels.length - 2] ?? '') && labels[labels.length - 1] === 'cn' ? 3 : 2
  return labels.slice(-n).join('.')
}

function h5Mention(link: PageLink, options: MentionOptions, ownSites: ReadonlySet<string>): Omit<Mention, 'evidence'> | undefined {
  const { url } = link
  if (!/^https?:$/.test(url.protocol) || hostUnder(url.hostname, options.platformDomains)) return undefined
  const host = url.hostname.toLowerCase()
  const own = options.ownHosts.has(host)
  if (!own && !ownSites.has(siteOf(host))) return undefined
  const mobilePath = MOBILE_PATH.exec(url.pathname)
  const mobile = MOBILE_HOST.test(host) || mobilePath || MOBILE_WORDS.test(link.text)
  if (!mobile) return undefined
  // On the site's own host only a mobile section counts; any page of it is not a new channel.
  if (own && !mobilePath) return undefined
  // A mobile host is one channel; elsewhere the mobile section (/m/, /h5/…) is.
  const base = !MOBILE_HOST.test(host) && mobilePath ? `${url.protocol}//${url.host}/${mobilePath[1]}/` : `${url.protocol}//${url.host}/`
  return { key: `h5:${base.replace(/^https?:\/\//, '')}`, type: 'h5', ...(cleanName(link.text) ? { name: cleanName(link.text)! } : {}), identifiers: { h5Url: base } }
}

function linkMention(link: PageLink, options: MentionOptions, ownSites: ReadonlySet<string>): Omit<Mention, 'evidence'> | undefined {
  const { url } = link
  const name = cleanName(link.text)
  if (url.protocol === 'weixin:') {
    return { key: `miniprogram:link:${url.href}`, type: 'miniprogram', ...(name ? { name } : {}), identifiers: { miniprogramHost: 'wechat' } }
  }
  if (url.protocol === 'alipays:' || url.protocol === 'alipay:') {
    const appid = url.searchParams.get('appId') ?? url.searchParams.get('appid') ?? undefined
    return {
      key: appid ? `miniprogram:${appid}` : `miniprogram:link:${url.href}`,
      type: 'miniprogram',
      ...(name ? { name } : {}),
      identifiers: { miniprogramHost: 'alipay', ...(appid ? { appid } : {}) },
    }
  }
  if (!/^https?:$/.test(url.protocol)) return undefined
  if (/\.apk$/i.test(url.pathname)) {
    return { key: `app:apk:${url.href}`, type: 'app', ...(name ? { name } : {}), identifiers: { apkUrl: url.href } }
  }
  const store = storeMention(link, options.storeHosts ?? DEFAULT_STORE_HOSTS)
  if (store) return store
  if (url.hostname === 'mp.weixin.qq.com') {
    const biz = url.searchParams.get('__biz')
    if (biz) return { key: `official-account:biz:${biz}`, type: 'official-account', ...(name ? { name } : {}), identifiers: { officialAccountId: biz } }
    return undefined
  }
  return h5Mention(link, options, ownSites)
}

function textNodes(page: ParsedPage): Text[] {
  const out: Text[] = []
  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') out.push(node as Text)
      else if (node.type === 'tag') walk((node as Element).children)
    }
  }
  // cheerio's script/style nodes have their own node types, so they are skipped.
  walk(page.$.root().toArray().flatMap((r) => (r as unknown as Element).children ?? []))
  return out
}

/** Every channel mention on a parsed page. */
export function findMentions(page: ParsedPage, options: MentionOptions): Mention[] {
  const $ = page.$
  const pageUrl = page.baseUrl.href
  const ownSites = new Set([...options.ownHosts].map(siteOf))
  const out: Mention[] = []
  const add = (m: Omit<Mention, 'evidence'> | undefined, element: AnyNode, text: string, keyword?: string) => {
    if (!m) return
    out.push({ ...m, evidence: { pageUrl, snippet: snippetAround(text, keyword) || m.name || m.key, where: selectorPath(element) } })
  }

  for (const link of page.links) add(linkMention(link, options, ownSites), link.element, link.text || nearbyText(page, link.element))

  // Mini-programs and official accounts shown as QR codes.
  $('img').each((_, el) => {
    const text = nearbyText(page, el)
    const src = $(el).attr('src') ?? ''
    const probe = `${text} ${src}`
    const qr = QR_WORDS.test(probe) || /qr|erweima|ewm/i.test(src)
    if (/小程序/.test(text) && (qr || /小程序/.test($(el).attr('alt') ?? ''))) {
      const appid = text.match(WX_APPID)?.[0] ?? (/支付宝/.test(text) ? text.match(ALIPAY_APPID)?.[0] : undefined)
      const name = cleanName(MINIPROGRAM_NAME.exec(withoutRemarks(text))?.[1])
      const host = /支付宝/.test(text) ? 'alipay' : /微信/.test(text) || appid ? 'wechat' : 'other'
      const key = appid ? `miniprogram:${appid}` : name ? `miniprogram:name:${name}` : `miniprogram:qr:${src}`
      add({ key, type: 'miniprogram', ...(name ? { name } : {}), identifiers: { miniprogramHost: host, ...(appid ? { appid } : {}) } }, el, text, '小程序')
    } else if (/公众号|服务号|订阅号/.test(text) && qr) {
      const plain = withoutRemarks(text)
      const name = cleanName(ACCOUNT_AFTER.exec(plain)?.[1]) ?? cleanName(ACCOUNT_BEFORE.exec(plain)?.[1])
      const gh = text.match(GH_ID)?.[0]
      const key = gh ? `official-account:${gh}` : name ? `official-account:name:${name}` : `official-account:qr:${src}`
      add({ key, type: 'official-account', ...(name ? { name } : {}), identifiers: gh ? { officialAccountId: gh } : {} }, el, text, '公众号')
    }
  })

  // Appids, account ids and account names written in the text.
  for (const node of textNodes(page)) {
    const raw = node.data
    if (!/wx[0-9a-f]|gh_|公众号|服务号|订阅号|小程序/.test(raw)) continue
    const parent = node.parent as Element | null
    if (!parent || parent.name === 'a') continue // links were handled above
    const text = collapse(raw)
    const name = cleanName(MINIPROGRAM_NAME.exec(withoutRemarks(text))?.[1])
    const named = name ? { name } : {}
    for (const appid of new Set(text.match(WX_APPID) ?? [])) {
      add({ key: `miniprogram:${appid}`, type: 'miniprogram', ...named, identifiers: { miniprogramHost: 'wechat', appid } }, parent, text, appid)
    }
    if (/小程序/.test(text)) {
      for (const appid of new Set(text.match(ALIPAY_APPID) ?? [])) {
        add({ key: `miniprogram:${appid}`, type: 'miniprogram', ...named, identifiers: { miniprogramHost: 'alipay', appid } }, parent, text, appid)
      }
    }
    for (const gh of new Set(text.match(GH_ID) ?? [])) {
      add({ key: `official-account:${gh}`, type: 'official-account', identifiers: { officialAccountId: gh } }, parent, text, gh)
    }
    if (/公众号|服务号|订阅号/.test(text) && !/\bgh_[0-9a-f]{12}\b/.test(text)) {
      const name = cleanName(ACCOUNT_AFTER.exec(text)?.[1]) ?? cleanName(ACCOUNT_BEFORE.exec(text)?.[1])
      if (name) add({ key: `official-account:name:${name}`, type: 'official-account', name, identifiers: {} }, parent, text, '公众号')
    }
  }
  return out
}
