/**
 * WXML, AXML, HTML and Vue single-file components, read with htmlparser2:
 * web-view sources, navigator targets, external links, buttons that open
 * platform capabilities (open-type), and the script blocks to parse as
 * JavaScript (Vue `<script>` / `<script setup>`, inline HTML scripts).
 */
import { Parser } from 'htmlparser2'
import { urlsInText, type Loc, type ScriptLang } from './js'

export type MarkupKind = 'wxml' | 'axml' | 'html' | 'vue'

export interface MarkupLink {
  kind: 'web-view' | 'navigator' | 'link' | 'frame' | 'form' | 'script' | 'asset'
  value: string
  loc: Loc
  /** Attributes that qualify it, e.g. target="miniProgram", app-id. */
  attrs?: Record<string, string>
  /** A Vue binding (`:src="url"`): the expression, folded against the component's script. */
  expr?: string
}

export interface MarkupComponentUse {
  /** The API the component stands for, without the framework root: `getPhoneNumber`, `navigateToMiniProgram`. */
  member: string
  loc: Loc
  /** The markup that implies it, e.g. `<button open-type="getPhoneNumber">`. */
  markup: string
}

export interface ScriptBlock {
  code: string
  lang: ScriptLang
  startLine: number
  startColumn: number
}

export interface MarkupFacts {
  links: MarkupLink[]
  components: MarkupComponentUse[]
  scripts: ScriptBlock[]
  urls: { url: string; loc: Loc }[]
}

/** Buttons whose open-type calls a platform capability, and the API each stands for. */
const OPEN_TYPES: Record<string, string> = {
  getphonenumber: 'getPhoneNumber',
  getrealtimephonenumber: 'getPhoneNumber',
  getuserinfo: 'getUserInfo',
  share: 'showShareMenu',
  opensetting: 'openSetting',
  contact: 'openCustomerServiceChat',
  chooseavatar: 'chooseAvatar',
  launchapp: 'launchApp',
  feedback: 'openFeedback',
}

/** Line starts of a text, for turning offsets into line:column. */
export function lineIndex(text: string): (offset: number) => Loc {
  const starts = [0]
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return (offset: number) => {
    let lo = 0
    let hi = starts.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (starts[mid]! <= offset) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 }
  }
}

function dynamic(value: string): boolean {
  return value.includes('{{') || value.includes('${')
}

export function analyzeMarkup(text: string, kind: MarkupKind): MarkupFacts {
  const facts: MarkupFacts = { links: [], components: [], scripts: [], urls: [] }
  const at = lineIndex(text)
  let depth = 0
  let scriptStart = -1
  let scriptAttrs: Record<string, string> = {}
  let inScript = false
  const parser: Parser = new Parser(
    {
      onopentag(name, attrs) {
        const loc = at(parser.startIndex)
        depth++
        if (name === 'script') {
          inScript = true
          scriptStart = parser.endIndex + 1
          scriptAttrs = attrs
          if (attrs.src) facts.links.push({ kind: 'script', value: attrs.src, loc })
        }
        onElement(name, attrs, loc)
      },
      onclosetag(name) {
        depth--
        if (name === 'script' && inScript) {
          inScript = false
          const end = parser.startIndex
          if (scriptStart >= 0 && end > scriptStart) addScript(text.slice(scriptStart, end), scriptStart, scriptAttrs, depth)
        }
      },
      ontext(data) {
        if (!inScript && data.includes('//')) {
          const loc = at(parser.startIndex)
          for (const url of urlsInText(data)) facts.urls.push({ url, loc })
        }
      },
    },
    { recognizeSelfClosing: true, lowerCaseAttributeNames: true, decodeEntities: true },
  )

  function addScript(code: string, offset: number, attrs: Record<string, string>, level: number): void {
    if (attrs.src) return
    const type = (attrs.type ?? '').toLowerCase()
    if (type && !/^(text|application)\/(javascript|ecmascript|babel)$|^module$|^text\/jsx$/.test(type)) return
    // In a .vue file only top-level blocks are scripts.
    if (kind === 'vue' && level !== 0) return
    const lang = (attrs.lang ?? '').toLowerCase()
    const start = at(offset)
    facts.scripts.push({
      code,
      lang: lang === 'ts' ? 'ts' : lang === 'tsx' ? 'tsx' : lang === 'jsx' ? 'jsx' : 'js',
      startLine: start.line,
      startColumn: start.column - 1,
    })
  }

  function onElement(name: string, attrs: Record<string, string>, loc: Loc): void {
    for (const [attr, value] of Object.entries(attrs)) {
      if (value.includes('//') && !attr.startsWith(':') && !attr.startsWith('v-bind')) for (const url of urlsInText(value)) facts.urls.push({ url, loc })
    }
    const get = (a: string): string | undefined => {
      const v = attrs[a]
      return v !== undefined && !dynamic(v) ? v : undefined
    }
    switch (name) {
      case 'web-view': {
        const src = get('src')
        const bound = attrs[':src'] ?? attrs['v-bind:src']
        if (src !== undefined) facts.links.push({ kind: 'web-view', value: src, loc })
        else if (bound !== undefined) facts.links.push({ kind: 'web-view', value: `{${bound.trim()}}`, loc, expr: bound.trim() })
        else if (attrs.src !== undefined) facts.links.push({ kind: 'web-view', value: attrs.src, loc })
        return
      }
      case 'navigator': {
        const url = get('url')
        const target = attrs.target
        if (target === 'miniProgram') {
          const appId = attrs['app-id'] ?? attrs.appid
          facts.components.push({ member: 'navigateToMiniProgram', loc, markup: `<navigator target="miniProgram">` })
          facts.links.push({ kind: 'navigator', value: url ?? attrs.path ?? '', loc, attrs: { target, ...(appId ? { appId } : {}) } })
        } else if (url !== undefined) {
          facts.links.push({ kind: 'navigator', value: url, loc })
        }
        return
      }
      case 'button': {
        const openType = (attrs['open-type'] ?? '').toLowerCase()
        if (openType === 'getauthorize') {
          // Alipay: <button open-type="getAuthorize" scope="phoneNumber|userInfo">
          const scope = (attrs.scope ?? '').toLowerCase()
          facts.components.push({ member: scope === 'phonenumber' ? 'getPhoneNumber' : 'getOpenUserInfo', loc, markup: `<button open-type="getAuthorize" scope="${attrs.scope ?? ''}">` })
        } else if (OPEN_TYPES[openType]) {
          facts.components.push({ member: OPEN_TYPES[openType]!, loc, markup: `<button open-type="${attrs['open-type']}">` })
        }
        return
      }
      case 'a': {
        const href = get('href')
        if (href && !href.startsWith('#') && !/^javascript:/i.test(href)) facts.links.push({ kind: 'link', value: href, loc })
        return
      }
      case 'iframe': {
        const src = get('src')
        if (src) facts.links.push({ kind: 'frame', value: src, loc })
        return
      }
      case 'form': {
        const action = get('action')
        if (action) facts.links.push({ kind: 'form', value: action, loc, attrs: { method: (attrs.method ?? 'GET').toUpperCase() } })
        return
      }
      case 'img':
      case 'image':
      case 'link': {
        const src = get(name === 'link' ? 'href' : 'src')
        if (src && /^(?:https?:)?\/\//i.test(src)) facts.links.push({ kind: 'asset', value: src, loc })
        return
      }
      default:
        return
    }
  }

  parser.write(text)
  parser.end()
  return facts
}
