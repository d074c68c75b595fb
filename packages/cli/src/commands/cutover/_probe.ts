import { createHash } from 'node:crypto'
import { request as httpRequest, type IncomingMessage } from 'node:http'
import { request as httpsRequest } from 'node:https'
import { SHUTDOWN_WORDS, type Probe, type ProbeEvidence } from '@yingjie/cutover'

// A minimal probe for `cutover verify`, used until the web scanner's probe
// (issue 7) is exported from @yingjie/scanner; then the scanner's replaces it.
// It follows HTTP and meta-refresh redirects, stops at the platform's hosts
// without contacting them, and with a host map (`--resolve`) contacts only
// mapped hosts, over plain HTTP to the mapped address (simulated sites).

export interface FetchProbeOptions {
  /** host (or host:port) → address:port. When given, no other host is contacted. */
  resolve?: Readonly<Record<string, string>>
  /** Platform hosts: a redirect there is recorded, not followed. */
  platformDomains: readonly string[]
  /** @default 10000 */
  timeoutMs?: number
  /** @default 5 MiB */
  maxBytes?: number
  /** @default 5 */
  maxRedirects?: number
}

interface Hop {
  status: number
  headers: IncomingMessage['headers']
  body: Buffer
}

function get(url: URL, options: FetchProbeOptions): Promise<Hop> {
  const map = options.resolve
  const mapped = map?.[`${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`] ?? map?.[url.hostname]
  return new Promise((resolvePromise, reject) => {
    const headers = { 'user-agent': 'yingjie-cutover-verify/0.1', accept: 'text/html,*/*' }
    let req
    if (mapped) {
      const [address, port] = mapped.split(/:(?=\d+$)/)
      req = httpRequest({ host: address, port: Number(port ?? 80), path: `${url.pathname}${url.search}`, headers: { ...headers, host: url.host } })
    } else {
      req = (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, { headers })
    }
    const timer = setTimeout(() => req.destroy(new Error('timeout')), options.timeoutMs ?? 10_000)
    req.on('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (c: Buffer) => {
        size += c.length
        if (size > (options.maxBytes ?? 5 * 1024 * 1024)) {
          req.destroy(new Error('too-large'))
          return
        }
        chunks.push(c)
      })
      res.on('end', () => {
        clearTimeout(timer)
        resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) })
      })
      res.on('error', (e) => {
        clearTimeout(timer)
        reject(e)
      })
    })
    req.end()
  })
}

function decode(body: Buffer, contentType: string | undefined): string {
  const head = body.subarray(0, 2048).toString('latin1')
  const charset = /charset=["']?([\w-]+)/i.exec(contentType ?? '')?.[1] ?? /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1] ?? 'utf-8'
  try {
    return new TextDecoder(charset.toLowerCase()).decode(body)
  } catch {
    return new TextDecoder('utf-8').decode(body)
  }
}

function visibleText(html: string): string {
  return html
    .replace(/<(script|style|noscript)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}

function onPlatform(url: URL, domains: readonly string[]): boolean {
  const host = url.hostname.toLowerCase()
  return domains.some((d) => host === d || host.endsWith(`.${d}`))
}

export function createFetchProbe(options: FetchProbeOptions): Probe {
  return async (start: string): Promise<ProbeEvidence> => {
    const evidence: ProbeEvidence = { url: start, time: new Date().toISOString(), status: null, finalUrl: null, redirects: [], title: null, snippet: null, bodySha256: null }
    let url: URL
    try {
      url = new URL(start)
    } catch {
      return { ...evidence, error: 'invalid-url' }
    }
    for (let hop = 0; ; hop++) {
      evidence.finalUrl = url.href
      if (hop > 0 && onPlatform(url, options.platformDomains)) return evidence
      const mapped = options.resolve && (options.resolve[url.hostname] ?? options.resolve[`${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`])
      if (options.resolve && !mapped) return { ...evidence, error: `out-of-scope: ${url.hostname} is not in the host map` }
      if (!mapped && url.hostname.endsWith('.invalid')) return { ...evidence, error: `dns: ${url.hostname} (.invalid)` }
      let res: Hop
      try {
        res = await get(url, options)
      } catch (error) {
        return { ...evidence, error: (error as NodeJS.ErrnoException).code ?? (error as Error).message }
      }
      evidence.status = res.status
      const location = res.headers.location
      if (res.status >= 300 && res.status < 400 && location) {
        if (hop >= (options.maxRedirects ?? 5)) return { ...evidence, error: 'too-many-redirects' }
        url = new URL(location, url)
        evidence.redirects.push(url.href)
        continue
      }
      const html = decode(res.body, res.headers['content-type'])
      const refresh = /<meta[^>]+http-equiv=["']?refresh["']?[^>]*content=["']?\s*\d+\s*;\s*url=([^"'>\s]+)/i.exec(html)?.[1]
      if (refresh && hop < (options.maxRedirects ?? 5)) {
        url = new URL(refresh, url)
        evidence.redirects.push(url.href)
        continue
      }
      const text = visibleText(html)
      const at = SHUTDOWN_WORDS.map((w) => text.indexOf(w)).filter((i) => i >= 0).sort((a, b) => a - b)[0]
      const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1]
      return {
        ...evidence,
        title: title ? visibleText(title) : null,
        snippet: at === undefined ? text.slice(0, 160) : text.slice(Math.max(0, at - 60), at + 100),
        bodySha256: createHash('sha256').update(res.body).digest('hex'),
        bytes: res.body.length,
        text: text.slice(0, 20_000),
      }
    }
  }
}
