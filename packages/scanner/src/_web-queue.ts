/**
 * Two levels of limits for every HTTP exchange: one global concurrency and,
 * per host, a concurrency and a rate. A department's website is often a
 * single old server; a city scan must not look like an attack on it.
 */
import PQueue from 'p-queue'

export interface SchedulerOptions {
  /**
   * Exchanges in flight at once, over all hosts.
   * @default 32
   */
  concurrency?: number
  /**
   * Exchanges in flight at once to one host.
   * @default 4
   */
  perHostConcurrency?: number
  /**
   * Exchanges started per second to one host; 0 for no limit.
   * @default 8
   */
  perHostRate?: number
}

export const DEFAULT_CONCURRENCY = 32
export const DEFAULT_PER_HOST_CONCURRENCY = 4
export const DEFAULT_PER_HOST_RATE = 8

interface Waiter {
  signal: AbortSignal | undefined
  reject: (reason: unknown) => void
  settled: boolean
}

export class HostScheduler {
  private readonly waiting = new Set<Waiter>()
  private readonly watched = new WeakSet<AbortSignal>()
  readonly concurrency: number
  readonly perHostConcurrency: number
  readonly perHostRate: number
  private readonly global: PQueue
  private readonly hosts = new Map<string, PQueue>()

  constructor(options: SchedulerOptions = {}) {
    this.concurrency = positive(options.concurrency, DEFAULT_CONCURRENCY)
    this.perHostConcurrency = positive(options.perHostConcurrency, DEFAULT_PER_HOST_CONCURRENCY)
    this.perHostRate = Math.max(0, options.perHostRate ?? DEFAULT_PER_HOST_RATE)
    this.global = new PQueue({ concurrency: this.concurrency })
  }

  /**
   * Run `task` when both the host and the global limits allow. A task must
   * not schedule another task and wait for it (it would hold a slot while
   * waiting); callers schedule one exchange at a time. When `signal`
   * aborts, tasks that have not started reject at once with its reason;
   * running ones are left to honour the signal themselves.
   */
  run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason)
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = { signal, reject, settled: false }
      this.waiting.add(waiter)
      if (signal) this.watch(signal)
      const start = async () => {
        if (waiter.settled) return // aborted while queued
        waiter.settled = true
        this.waiting.delete(waiter)
        try {
          resolve(await task())
        } catch (error) {
          reject(error)
        }
      }
      this.hostQueue(host.toLowerCase())
        .add(() => this.global.add(start))
        .catch(reject)
    })
  }

  /**
   * One listener per signal, not one per task: thousands of listeners on one
   * signal make every add and remove slow.
   */
  private watch(signal: AbortSignal): void {
    if (this.watched.has(signal)) return
    this.watched.add(signal)
    signal.addEventListener(
      'abort',
      () => {
        for (const w of [...this.waiting]) {
          if (w.signal !== signal) continue
          w.settled = true
          this.waiting.delete(w)
          w.reject(signal.reason)
        }
        // Queued wrappers of settled tasks would only wait out the rate limit for nothing.
        if (this.waiting.size === 0) this.clear()
      },
      { once: true },
    )
  }

  /** Drop every task not yet started. Their callers are not told; the abort path rejects them first. */
  clear(): void {
    this.global.clear()
    for (const q of this.hosts.values()) q.clear()
  }

  /** Tasks running or waiting, over all hosts. */
  get pending(): number {
    let n = 0
    for (const q of this.hosts.values()) n += q.size + q.pending
    return n
  }

  private hostQueue(host: string): PQueue {
    let q = this.hosts.get(host)
    if (!q) {
      // Evenly spaced starts rather than bursts at the top of each second.
      q =
        this.perHostRate > 0
          ? new PQueue({ concurrency: this.perHostConcurrency, intervalCap: 1, interval: Math.max(1, Math.ceil(1000 / this.perHostRate)) })
          : new PQueue({ concurrency: this.perHostConcurrency })
      this.hosts.set(host, q)
    }
    return q
  }
}

function positive(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 1 ? Math.floor(value) : fallback
}
