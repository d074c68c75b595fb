/**
 * The one HTTP client setup every legacy client uses: an undici Pool per
 * legacy system (keep-alive connections, pipelining off), a per-attempt
 * timeout through an AbortSignal, a response size cap, and network errors
 * turned into typed {@link LegacyError}s.
 */
import { Pool } from 'undici'
import { LegacyError } from './_errors'

export interface HttpResponse {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: Buffer
}

export interface HttpRequest {
  method: string
  /** Path and query, appended to the system's base path. */
  path: string
  headers?: Record<string, string>
  body?: string | Buffer
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
])

export class HttpTransport {
  readonly #pool: Pool
  readonly #basePath: string
  readonly origin: string
  readonly #system: string
  readonly #maxResponseBytes: number

  constructor(system: string, baseUrl: string, options: { connections: number; maxResponseBytes?: number; connectTimeoutMs?: number }) {
    const url = new URL(baseUrl)
    this.origin = url.origin
    this.#basePath = url.pathname.replace(/\/$/, '')
    this.#system = system
    this.#maxResponseBytes = options.maxResponseBytes ?? 10 * 1024 * 1024
    this.#pool = new Pool(url.origin, { connections: options.connections, pipelining: 1, keepAliveTimeout: 10_000, connect: { timeout: options.connectTimeoutMs ?? 5000 } })
  }

  /** The full path for a request path: the base URL's path plus `path`. */
  fullPath(path: string): string {
    if (path === '' || path === '/') return this.#basePath || '/'
    return `${this.#basePath}${path.startsWith('/') ? '' : '/'}${path}`
  }

  async request(req: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
    // A timer of our own: undici's header and body timeouts are coarse (about a second) below one second.
    const controller = new AbortController()
    const timer = setTimeout(() => controller.abort(), timeoutMs)
    try {
      const res = await this.#pool.request({
        method: req.method as 'GET',
        path: this.fullPath(req.path),
        headers: req.headers,
        body: req.body,
        signal: controller.signal,
      })
      const declared = Number(res.headers['content-length'])
      if (Number.isFinite(declared) && declared <= this.#maxResponseBytes) {
        return { status: res.statusCode, headers: res.headers, body: Buffer.from(await res.body.arrayBuffer()) }
      }
      const chunks: Buffer[] = []
      let size = 0
      for await (const chunk of res.body) {
        size += (chunk as Buffer).length
        if (size > this.#maxResponseBytes) {
          res.body.destroy()
          throw new LegacyError({ kind: 'bad-response', system: this.#system, status: res.statusCode, message: `response larger than ${this.#maxResponseBytes} bytes` })
        }
        chunks.push(chunk as Buffer)
      }
      return { status: res.statusCode, headers: res.headers, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }
    } catch (error) {
      if (error instanceof LegacyError) throw error
      const code = (error as { code?: string }).code ?? ''
      if (controller.signal.aborted || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') {
        throw new LegacyError({ kind: 'timeout', system: this.#system, message: `no answer within ${timeoutMs} ms`, cause: error })
      }
      if (NETWORK_CODES.has(code) || code.startsWith('UND_ERR')) {
        throw new LegacyError({ kind: 'unavailable', system: this.#system, message: `cannot reach ${this.origin} (${code})`, cause: error })
      }
      throw new LegacyError({ kind: 'unavailable', system: this.#system, message: `request to ${this.origin} failed: ${(error as Error).message}`, cause: error })
    } finally {
      clearTimeout(timer)
    }
  }

  /** Reachable means it answers HTTP at all, whatever the status. */
  async probe(path: string, timeoutMs: number): Promise<{ reachable: boolean; status?: number; error?: string; latencyMs: number }> {
    const started = performance.now()
    try {
      const res = await this.request({ method: 'GET', path }, timeoutMs)
      return { reachable: true, status: res.status, latencyMs: Math.round(performance.now() - started) }
    } catch (error) {
      return { reachable: false, error: (error as Error).message, latencyMs: Math.round(performance.now() - started) }
    }
  }

  close(): Promise<void> {
    return this.#pool.close()
  }
}

/** The charset named in a Content-Type header, lower case. */
export function charsetOf(contentType: string | string[] | undefined): string | undefined {
  const value = Array.isArray(contentType) ? contentType[0] : contentType
  const m = value ? /charset\s*=\s*"?([A-Za-z0-9_.:-]+)"?/i.exec(value) : null
  return m ? m[1]!.toLowerCase() : undefined
}
