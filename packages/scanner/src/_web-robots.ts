/**
 * robots.txt (RFC 9309) and sitemap.xml, parsed. Pure functions.
 */

export interface RobotsRules {
  /** May `path` (path and query) be fetched by our user agent? */
  isAllowed(pathAndQuery: string): boolean
  sitemaps: string[]
}

interface Rule {
  allow: boolean
  pattern: string
  regex: RegExp
}

/** Everything allowed: a missing robots.txt (4xx). */
export const ALLOW_ALL: RobotsRules = { isAllowed: () => true, sitemaps: [] }

function compile(pattern: string): RegExp {
  let re = ''
  for (const ch of pattern) re += ch === '*' ? '.*' : ch === '$' ? '$' : ch.replace(/[.+?^{}()|[\]\\/]/g, '\\$&')
  // `$` only anchors at the end of a pattern.
  return new RegExp(`^${re.replace(/\$(?!$)/g, '\\$')}`)
}

function normalizePath(p: string): string {
  try {
    return decodeURI(p)
  } catch {
    return p
  }
}

/**
 * Parse robots.txt for `agent` (the product token, e.g. `yingjie`). The most
 * specific group naming the agent applies, else `*`; within it the longest
 * matching rule wins and Allow wins a tie.
 */
export function parseRobots(text: string, agent: string): RobotsRules {
  const token = agent.toLowerCase()
  const groups: { agents: string[]; rules: Rule[] }[] = []
  const sitemaps: string[] = []
  let current: { agents: string[]; rules: Rule[] } | undefined
  let lastWasAgent = false
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    const line = rawLine.replace(/#.*$/, '').trim()
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line)
    if (!m) continue
    const field = m[1]!.toLowerCase()
    const value = m[2]!.trim()
    if (field === 'user-agent') {
      if (!current || !lastWasAgent) {
        current = { agents: [], rules: [] }
        groups.push(current)
      }
      current.agents.push(value.toLowerCase())
      lastWasAgent = true
      continue
    }
    lastWasAgent = false
    if (field === 'sitemap') {
      if (value) sitemaps.push(value)
    } else if ((field === 'allow' || field === 'disallow') && current) {
      // An empty Disallow allows everything; it adds no rule.
      if (value) current.rules.push({ allow: field === 'allow', pattern: normalizePath(value), regex: compile(normalizePath(value)) })
    }
  }
  const named = groups.filter((g) => g.agents.some((a) => a !== '*' && token.startsWith(a)))
  const chosen = named.length > 0 ? named : groups.filter((g) => g.agents.includes('*'))
  const rules = chosen.flatMap((g) => g.rules)
  return {
    sitemaps,
    isAllowed(pathAndQuery: string): boolean {
      const path = normalizePath(pathAndQuery || '/')
      if (path === '/robots.txt') return true
      let best: Rule | undefined
      for (const rule of rules) {
        if (!rule.regex.test(path)) continue
        if (!best || rule.pattern.length > best.pattern.length || (rule.pattern.length === best.pattern.length && rule.allow)) best = rule
      }
      return best ? best.allow : true
    },
  }
}

export interface SitemapEntries {
  /** Page URLs (`<url><loc>`). */
  urls: string[]
  /** Nested sitemaps (`<sitemap><loc>`) of a sitemap index. */
  sitemaps: string[]
}

function unescapeXml(text: string): string {
  return text
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()
}

/** `<loc>` entries of a sitemap or sitemap index, at most `limit` of each. A plain-text sitemap (one URL a line) works too. */
export function parseSitemap(text: string, limit = 50_000): SitemapEntries {
  const urls: string[] = []
  const sitemaps: string[] = []
  if (!/<(urlset|sitemapindex)\b/i.test(text)) {
    for (const line of text.split(/\r?\n/)) {
      const t = line.trim()
      if (/^https?:\/\//i.test(t) && urls.length < limit) urls.push(t)
    }
    return { urls, sitemaps }
  }
  const re = /<(url|sitemap)\b[^>]*>[\s\S]*?<loc>([\s\S]*?)<\/loc>/gi
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const loc = unescapeXml(m[2]!)
    if (m[1]!.toLowerCase() === 'url') {
      if (urls.length < limit) urls.push(loc)
    } else if (sitemaps.length < limit) sitemaps.push(loc)
    if (urls.length >= limit && sitemaps.length >= limit) break
  }
  return { urls, sitemaps }
}
