/** Where a circuit breaker stands. Exported as the `yingjie_circuit_state` gauge: 0 closed, 1 half-open, 2 open. */
export type CircuitState = 'closed' | 'half-open' | 'open'

export interface BreakerOptions {
  /**
   * Consecutive failures (no answer, timeout) that open the circuit.
   * @default 5
   */
  failureThreshold?: number
  /**
   * How long the circuit stays open before one probe call is let through.
   * @default 10000
   */
  resetAfterMs?: number
}

/**
 * A circuit breaker: after `failureThreshold` consecutive failures it opens
 * and refuses calls at once, so a dead legacy system costs callers nothing
 * and gets room to recover; after `resetAfterMs` it lets exactly one probe
 * through (half-open): success closes it, failure opens it again.
 */
export class CircuitBreaker {
  #state: CircuitState = 'closed'
  #failures = 0
  #openedAt = 0
  #probing = false
  readonly failureThreshold: number
  readonly resetAfterMs: number
  readonly #now: () => number

  constructor(options: BreakerOptions = {}, now: () => number = Date.now) {
    this.failureThreshold = options.failureThreshold ?? 5
    this.resetAfterMs = options.resetAfterMs ?? 10_000
    this.#now = now
  }

  get state(): CircuitState {
    if (this.#state === 'open' && this.#now() - this.#openedAt >= this.resetAfterMs) return 'half-open'
    return this.#state
  }

  /** May a call go out now? In half-open, true once (the probe) until it settles. */
  tryAcquire(): boolean {
    const state = this.state
    if (state === 'closed') return true
    if (state === 'open') return false
    if (this.#probing) return false
    this.#state = 'half-open'
    this.#probing = true
    return true
  }

  onSuccess(): void {
    this.#state = 'closed'
    this.#failures = 0
    this.#probing = false
  }

  onFailure(): void {
    this.#probing = false
    if (this.#state === 'half-open') return this.#open()
    this.#failures++
    if (this.#failures >= this.failureThreshold) this.#open()
  }

  #open(): void {
    this.#state = 'open'
    this.#openedAt = this.#now()
    this.#failures = 0
  }
}
