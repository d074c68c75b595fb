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

export class HostScheduler {
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
   * waiting); callers schedule one exchange at a time.
   */
  run<T>(host: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const queue = this.hostQueue(host.toLowerCase())
    const options = signal ? { signal } : {}
    return queue.add(() => this.global.add(task, options), options) as Promise<T>
  }

  /** Drop every task not yet started (their promises reject with an AbortError when they carry a signal). */
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
