/**
 * What a page says, read with cheerio: title, description, the start of its
 * visible text, links, meta refresh and script redirects, links to the
 * provincial platform, and shutdown-notice wording. Pure: text in, facts out.
 */
import { load, type CheerioAPI } from 'cheerio/slim'
import type { AnyNode, Document, Element, Text } from 'domhandler'
import { parseDocument } from 'htmlparser2'

export interface PageLink {
  /** Absolute URL without the fragment. */
  url: URL
  /** Link text (or image alt inside it), whitespace collapsed. */
  text: string
  element: Element
}

export interface ParsedPage {
  /** cheerio over the parsed tree, made on first use (making one costs more than parsing a small page). */
  readonly $: CheerioAPI
  /** The page URL, or its `<base href>`. */
  baseUrl: URL
  title?: string
  description?: string
  snippet?: string
  metaRefresh?: { delay: number; url: string }
  /** A `location = '…'` style redirect in an inline script. */
  scriptRedirect?: string
  links: PageLink[]
  /** `http:` scripts, stylesheets, images and frames the page loads (at most five). */
  insecureResources: string[]
  /** Visible text outside links and navigation, for notice wording (first few thousand characters). */
  noticeText: string
}

const SNIPPET_CHARS = 200
const NOTICE_TEXT_CHARS = 4000

/**
 * Wording that a page announces the end of a service or its move. Link text
 * is excluded when these are matched, so a news list that merely links to
 * a shutdown notice does not make the home page a notice page.
 */
export const DEFAULT_NOTICE_PATTERNS: readonly RegExp[] = [
  /停止(?:对外)?(?:服务|运营|运行|受理)/,
  /(?:已|正式|将)(?:关停|下线|停用|停服)/,
  /停服(?:公告|通知|说明)/,
  /不再(?:对外)?(?:提供|受理)(?:服务|业务)?/,
  /(?:业务|服务|功能|事项)(?:已|将|均已|已全部)?(?:迁移|整合|并入|转移|迁入)(?:至|到)/,
]

export function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

function resolveUrl(href: string | undefined, base: URL): URL | undefined {
  if (!href) return undefined
  const h = href.trim()
  if (!h || h.startsWith('#') || /^(javascript|mailto|tel|data):/i.test(h)) return undefined
  try {
    const u = new URL(h, base)
    u.hash = ''
    return u
  } catch {
    return undefined
  }
}

/** `0; url=…`, `5;URL='…'` → delay and target. */
export function parseRefresh(content: string | undefined, base: URL): { delay: number; url: string } | undefined {
  if (!content) return undefined
  const m = /^\s*(\d+(?:\.\d+)?)?\s*[;,]?\s*(?:url\s*=\s*)?(["']?)(.*?)\2\s*$/i.exec(content)
  if (!m || !m[3]) return undefined
  const url = resolveUrl(m[3], base)
  return url && /^https?:$/.test(url.protocol) ? { delay: Number(m[1] ?? 0), url: url.href } : undefined
}

const SCRIPT_REDIRECT = [
  /(?:window\.|document\.|top\.|self\.|parent\.)?location(?:\.href)?\s*=\s*(["'])(https?:\/\/[^"']+|\/[^"']*)\1/,
  /location\.(?:replace|assign)\(\s*(["'])(https?:\/\/[^"']+|\/[^"']*)\1\s*\)/,
]

/** Text content of a node (script text included), no separators. */
function textContent(node: AnyNode): string {
  if (node.type === 'text') return (node as Text).data
  const children = (node as Element).children
  if (!children) return ''
  let out = ''
  for (const c of children) out += textContent(c)
  return out
}

function firstImageAlt(node: Element): string | undefined {
  for (const c of node.children) {
    if (c.type !== 'tag') continue
    const el = c as Element
    if (el.name === 'img' && el.attribs.alt) return el.attribs.alt
    const inner = firstImageAlt(el)
    if (inner) return inner
  }
  return undefined
}

const RESOURCE_TAGS = new Set(['script', 'link', 'img', 'iframe', 'frame', 'audio', 'video', 'source'])

/**
 * Parse a page and read its facts in one walk over the tree (selector
 * queries compile their selector on every call; a probe reads thousands of
 * pages). `$` stays available for the mention finders.
 */
export function parsePage(html: string, pageUrl: string): ParsedPage {
  // The parser cheerio's slim build uses, with its defaults; cheerio wraps the same tree when asked.
  const document = parseDocument(html) as unknown as Document
  let cheerio: CheerioAPI | undefined
  const elements: Element[] = []
  const collect = (list: readonly AnyNode[]) => {
    for (const node of list) {
      // htmlparser2 gives <script> and <style> their own node types.
      if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
        elements.push(node as Element)
        collect((node as Element).children)
      }
    }
  }
  const root = document
  collect(root.children)

  let baseUrl = new URL(pageUrl)
  const baseEl = elements.find((el) => el.name === 'base' && el.attribs.href)
  if (baseEl) baseUrl = resolveUrl(baseEl.attribs.href, baseUrl) ?? baseUrl

  const page: ParsedPage = {
    get $() {
      cheerio ??= load(document)
      return cheerio
    },
    baseUrl,
    links: [],
    insecureResources: [],
    noticeText: '',
  }
  let title: string | undefined
  let body: Element | undefined
  for (const el of elements) {
    const a = el.attribs
    switch (el.name) {
      case 'title':
        title ??= collapse(textContent(el))
        break
      case 'body':
        body ??= el
        break
      case 'meta': {
        if (!page.description && (a.name ?? '').toLowerCase() === 'description' && a.content) page.description = collapse(a.content) || undefined
        if (!page.metaRefresh && (a['http-equiv'] ?? '').toLowerCase() === 'refresh') {
          const refresh = parseRefresh(a.content, baseUrl)
          if (refresh) page.metaRefresh = refresh
        }
        break
      }
      case 'script':
        if (!a.src && !page.scriptRedirect) {
          const code = textContent(el)
          for (const re of SCRIPT_REDIRECT) {
            const m = re.exec(code)
            const target = m ? resolveUrl(m[2], baseUrl) : undefined
            if (target) {
              page.scriptRedirect = target.href
              break
            }
          }
        }
        break
    }
    const isLink = ((el.name === 'a' || el.name === 'area') && a.href !== undefined) || ((el.name === 'iframe' || el.name === 'frame') && a.src !== undefined)
    if (isLink) {
      const url = resolveUrl(a.href ?? a.src, baseUrl)
      if (url) page.links.push({ url, text: collapse(textContent(el) || firstImageAlt(el) || a.title || ''), element: el })
    }
    if (RESOURCE_TAGS.has(el.name) && page.insecureResources.length < 5 && (a.src !== undefined || (el.name === 'link' && a.href !== undefined))) {
      if (el.name === 'link' && !/stylesheet|icon|preload|manifest/i.test(a.rel ?? '')) continue
      const url = resolveUrl(a.src ?? a.href, baseUrl)
      if (url?.protocol === 'http:') page.insecureResources.push(url.href)
    }
  }
  if (title) page.title = title
  if (!page.description) delete page.description

  // Visible text, with a space where blocks meet (cheerio's text() runs "标题正文" together).
  const roots: AnyNode[] = body ? [body] : [root as AnyNode]
  const snippet = visibleText(roots, SKIP_ALWAYS).slice(0, SNIPPET_CHARS)
  if (snippet) page.snippet = snippet
  page.noticeText = `${title ?? ''} ${visibleText(roots, SKIP_FOR_NOTICE)}`.slice(0, NOTICE_TEXT_CHARS)
  return page
}

const BLOCK = new Set(
  'address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul'.split(' '),
)
const SKIP_ALWAYS = new Set(['noscript', 'template', 'script', 'style'])
const SKIP_FOR_NOTICE = new Set([...SKIP_ALWAYS, 'a', 'nav', 'select', 'option'])

/** Text of the nodes, skipping some elements, with block boundaries as spaces; whitespace collapsed. */
function visibleText(nodes: readonly AnyNode[], skip: ReadonlySet<string>): string {
  const parts: string[] = []
  const walk = (list: readonly AnyNode[]) => {
    for (const node of list) {
      if (node.type === 'text') parts.push((node as Text).data)
      else if (node.type === 'tag' || node.type === 'root') {
        const el = node as Element
        if (skip.has(el.name)) continue
        const block = BLOCK.has(el.name)
        if (block) parts.push(' ')
        walk(el.children)
        if (block) parts.push(' ')
      }
    }
  }
  walk(nodes)
  return collapse(parts.join(''))
}

/** Escape for use inside a RegExp. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The patterns plus, when the platform's name is known, "请前往/使用 …冀时办" style wording. */
export function noticePatterns(platformName?: string, extra: readonly RegExp[] = DEFAULT_NOTICE_PATTERNS): RegExp[] {
  const list = [...extra]
  if (platformName) {
    const name = escapeRegExp(platformName)
    list.push(new RegExp(`(?:请|可|敬请)(?:前往|使用|移步|通过|登录|下载|搜索|访问)[^。！!？?\\n]{0,24}${name}`))
    list.push(new RegExp(`(?:迁移|迁入|整合|并入|转移)(?:至|到)[^。！!？?\\n]{0,12}${name}`))
  }
  return list
}

/** The first notice wording in the page, with up to 40 characters of context each side. */
export function findNotice(text: string, patterns: readonly RegExp[]): string | undefined {
  for (const re of patterns) {
    const m = re.exec(text)
    if (m) {
      const start = Math.max(0, m.index - 40)
      return text.slice(start, m.index + m[0].length + 40).trim()
    }
  }
  return undefined
}

/** Is `host` one of `domains` or under one of them? */
export function hostUnder(host: string, domains: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  return domains.some((d) => {
    const dd = d.toLowerCase().replace(/^\*?\./, '')
    return h === dd || h.endsWith(`.${dd}`)
  })
}

/** Distinct links on the page that go to the platform. */
export function platformLinksOf(page: ParsedPage, domains: readonly string[], limit = 20): string[] {
  const out = new Set<string>()
  for (const link of page.links) {
    if (out.size >= limit) break
    if (/^https?:$/.test(link.url.protocol) && hostUnder(link.url.hostname, domains)) out.add(link.url.href)
  }
  return [...out]
}

/** A short, readable selector for an element: up to four ancestors, with the nearest landmark in front. */
export function selectorPath(element: AnyNode): string {
  const parts: string[] = []
  let node: AnyNode | null = element
  let landmark: string | undefined
  while (node && node.type === 'tag') {
    const el = node as Element
    if (el.name === 'body' || el.name === 'html') break
    const id = el.attribs.id
    const cls = (el.attribs.class ?? '').trim().split(/\s+/)[0]
    const part = id ? `${el.name}#${id}` : cls ? `${el.name}.${cls}` : el.name
    if (parts.length < 4) parts.unshift(part)
    else if (!landmark && (/^(header|footer|nav|main|aside)$/.test(el.name) || /foot|head|nav|side|main/i.test(`${id ?? ''} ${cls ?? ''}`))) landmark = part
    node = el.parent
  }
  const path = parts.join(' > ')
  return landmark ? `${landmark} … ${path}` : path || 'body'
}
