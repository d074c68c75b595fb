import { LegacyError } from './_errors'
import type { CallOptions, LegacySystem, RestSystemDefinition } from './_system'

/**
 * A REST/JSON legacy system. Only the settings; the client is made by `serve`.
 * @example legacy: { permits: restSystem({ title: '证照库', timeoutMs: 3000 }) }
 */
export function restSystem(options: Omit<RestSystemDefinition, 'protocol'> = {}): RestSystemDefinition {
  return { protocol: 'rest-json', ...options }
}

export interface RestRequest extends CallOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  path: string
  query?: Record<string, string | number | boolean | undefined>
  /** Sent as JSON. */
  body?: unknown
  headers?: Record<string, string>
}

export interface RestResponse<T = unknown> {
  status: number
  data: T
}

/** Calls a REST/JSON system: JSON in, JSON out, non-2xx statuses as typed errors. */
export class RestClient {
  readonly #system: LegacySystem
  readonly #defaultIdempotent: boolean
  constructor(system: LegacySystem, defaultIdempotent = false) {
    this.#system = system
    this.#defaultIdempotent = defaultIdempotent
  }

  /** A copy whose calls default to the given idempotency (the serving operation's). */
  withIdempotency(idempotent: boolean): RestClient {
    return new RestClient(this.#system, idempotent)
  }

  get<T = unknown>(path: string, query?: RestRequest['query'], options: CallOptions = {}): Promise<T> {
    return this.request<T>({ method: 'GET', path, query, ...options }).then((r) => r.data)
  }

  post<T = unknown>(path: string, body: unknown, options: CallOptions = {}): Promise<T> {
    return this.request<T>({ method: 'POST', path, body, ...options }).then((r) => r.data)
  }

  request<T = unknown>(req: RestRequest): Promise<RestResponse<T>> {
    const method = req.method ?? 'GET'
    // GET and friends are idempotent by HTTP's own rules.
    const idempotent = req.idempotent ?? (method === 'GET' || this.#defaultIdempotent)
    let path = req.path
    if (req.query) {
      const qs = new URLSearchParams()
      for (const [k, v] of Object.entries(req.query)) if (v !== undefined) qs.append(k, String(v))
      const s = qs.toString()
      if (s) path += (path.includes('?') ? '&' : '?') + s
    }
    const headers: Record<string, string> = { accept: 'application/json', ...(this.#system.definition as RestSystemDefinition).headers, ...req.headers }
    let body: string | undefined
    if (req.body !== undefined) {
      body = JSON.stringify(req.body)
      headers['content-type'] = 'application/json; charset=utf-8'
    }
    const id = this.#system.id
    return this.#system.call(async () => {
      const res = await this.#system.transport.request({ method, path, headers, body }, this.#system.timeoutMs)
      const text = res.body.toString('utf8')
      let data: unknown = undefined
      if (text.trim() !== '') {
        try {
          data = JSON.parse(text)
        } catch {
          if (res.status >= 500) throw new LegacyError({ kind: 'unavailable', system: id, status: res.status, message: `${id} answered HTTP ${res.status}` })
          throw new LegacyError({ kind: 'bad-response', system: id, status: res.status, message: `${id} answered HTTP ${res.status} with a body that is not JSON` })
        }
      }
      if (res.status >= 500) throw new LegacyError({ kind: 'unavailable', system: id, status: res.status, detail: data, message: `${id} answered HTTP ${res.status}` })
      if (res.status >= 400) throw new LegacyError({ kind: 'rejected', system: id, status: res.status, detail: data, message: `${id} answered HTTP ${res.status}` })
      return { status: res.status, data: data as T }
    }, idempotent)
  }
}
