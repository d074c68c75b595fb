/**
 * What every legacy client shares, whatever the protocol: the system's
 * definition (URL, limits), a concurrency queue, per-attempt timeouts,
 * retries for idempotent calls only, and a circuit breaker.
 */
import PQueue from 'p-queue'
import { CircuitBreaker, type BreakerOptions } from './_breaker'
import { LegacyError } from './_errors'
import { HttpTransport } from './_http'
import type { Metrics } from './_metrics'

export type LegacyProtocol = 'rest-json' | 'soap' | 'html-form'
export type TextEncoding = 'utf-8' | 'gbk' | 'gb18030'

/** Settings every legacy system has. All have defaults except the URL, which usually comes from the environment. */
export interface LegacyCommon {
  /**
   * A name for people (health report, logs), e.g. `社保核心系统`.
   * @default the system's key in `legacy`
   */
  title?: string
  /**
   * Base URL of the system. Read at serve time, so the same adapter runs
   * against the real system, a simulator or the conformance kit's fault proxy.
   * @default process.env.YINGJIE_LEGACY_<KEY>_URL, e.g. YINGJIE_LEGACY_HR_URL for key `hr`
   */
  url?: string
  /**
   * Milliseconds one attempt may take, connection included.
   * @default 5000
   */
  timeoutMs?: number
  /**
   * Calls in flight to this system at most; more wait in a queue. Old
   * systems fall over under load: set it to what the system's owner allows.
   * @default 16
   */
  concurrency?: number
  /**
   * Extra attempts after a timeout or an unreachable system, for idempotent
   * calls only (a retried non-idempotent call could file a case twice).
   * @default 2
   */
  retries?: number
  /**
   * Pause before a retry; doubled each time.
   * @default 100
   */
  retryDelayMs?: number
  /** Circuit breaker settings. @default { failureThreshold: 5, resetAfterMs: 10000 } */
  breaker?: BreakerOptions
  /**
   * Path that `GET /health` requests to see whether the system is reachable (any HTTP answer counts).
   * @default '/'
   */
  healthPath?: string
}

export interface RestSystemDefinition extends LegacyCommon {
  protocol: 'rest-json'
  /** Headers sent with every call (e.g. an API key read from an environment variable). */
  headers?: Record<string, string>
}

export interface SoapSystemDefinition extends LegacyCommon {
  protocol: 'soap'
  /** @default '1.1' */
  version?: '1.1' | '1.2'
  /** Target namespace of the service's operations, from the WSDL. */
  namespace: string
  /**
   * Encoding of requests; replies are decoded by their declared charset, this one when they declare none.
   * @default 'utf-8'
   */
  encoding?: TextEncoding
  /**
   * SOAPAction for an operation.
   * @default `${namespace}/${operation}` (namespace without a trailing slash)
   */
  soapAction?: (operation: string) => string
}

export interface FormSystemDefinition extends LegacyCommon {
  protocol: 'html-form'
  /**
   * Encoding of submitted fields and, unless a page declares another, of the result pages.
   * @default 'gbk'
   */
  encoding?: TextEncoding
  /** Headers sent with every request (cookies, referer). */
  headers?: Record<string, string>
}

export type LegacyDefinition = RestSystemDefinition | SoapSystemDefinition | FormSystemDefinition

/** Options of one call. */
export interface CallOptions {
  /**
   * Safe to send twice: only then are timeouts and unreachable systems retried.
   * @default the operation's `idempotent`
   */
  idempotent?: boolean
}

/** The runtime side of a system: queue, breaker, transport, metrics. */
export class LegacySystem {
  readonly id: string
  readonly definition: LegacyDefinition
  readonly url: string
  readonly transport: HttpTransport
  readonly breaker: CircuitBreaker
  readonly #queue: PQueue
  readonly #metrics: Metrics | undefined

  constructor(id: string, definition: LegacyDefinition, url: string, metrics?: Metrics) {
    this.id = id
    this.definition = definition
    this.url = url
    const concurrency = definition.concurrency ?? 16
    this.transport = new HttpTransport(id, url, { connections: concurrency, connectTimeoutMs: definition.timeoutMs ?? 5000 })
    this.breaker = new CircuitBreaker(definition.breaker)
    this.#queue = new PQueue({ concurrency })
    this.#metrics = metrics
    metrics?.circuit(id, () => this.breaker.state)
  }

  get timeoutMs(): number {
    return this.definition.timeoutMs ?? 5000
  }

  /**
   * Run `attempt` under the system's limits. `attempt` does one HTTP
   * exchange and throws a LegacyError when the answer is unusable.
   */
  async call<T>(attempt: () => Promise<T>, idempotent: boolean): Promise<T> {
    const retries = idempotent ? (this.definition.retries ?? 2) : 0
    const result = await this.#queue.add(async () => {
      let delay = this.definition.retryDelayMs ?? 100
      for (let i = 0; ; i++) {
        if (!this.breaker.tryAcquire()) {
          this.#metrics?.legacyCall(this.id, 'circuit-open', 0)
          throw new LegacyError({ kind: 'circuit-open', system: this.id, message: `circuit open for ${this.id}: it failed ${this.breaker.failureThreshold} times in a row` })
        }
        const started = performance.now()
        try {
          const value = await attempt()
          this.breaker.onSuccess()
          this.#metrics?.legacyCall(this.id, 'ok', (performance.now() - started) / 1000)
          return value
        } catch (error) {
          const e =
            error instanceof LegacyError ? error : new LegacyError({ kind: 'bad-response', system: this.id, message: (error as Error).message, cause: error })
          // A fault or a 4xx is an answer: the system is alive.
          if (e.transient) this.breaker.onFailure()
          else this.breaker.onSuccess()
          this.#metrics?.legacyCall(this.id, e.kind, (performance.now() - started) / 1000)
          if (!e.transient || i >= retries) throw e
          await new Promise((r) => setTimeout(r, delay))
          delay *= 2
        }
      }
    })
    return result as T
  }

  async probe(): Promise<{ reachable: boolean; status?: number; error?: string; latencyMs: number }> {
    return this.transport.probe(this.definition.healthPath ?? '/', Math.min(this.timeoutMs, 2000))
  }

  close(): Promise<void> {
    return this.transport.close()
  }
}

/** The URL of a legacy system: its definition's, else `YINGJIE_LEGACY_<KEY>_URL`. */
export function legacyUrlEnvName(key: string): string {
  return `YINGJIE_LEGACY_${key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()}_URL`
}
