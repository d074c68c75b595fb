/**
 * The few Prometheus series an adapter exports, kept by hand: counters and
 * one latency histogram in plain Maps, rendered in the text exposition
 * format (version 0.0.4) on `GET /metrics`.
 */
import type { CircuitState } from './_breaker'

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]
const STATE_VALUE: Record<CircuitState, number> = { closed: 0, 'half-open': 1, open: 2 }

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')
}

function labels(pairs: Record<string, string>): string {
  const parts = Object.entries(pairs).map(([k, v]) => `${k}="${escapeLabel(v)}"`)
  return parts.length ? `{${parts.join(',')}}` : ''
}

class Histogram {
  readonly counts = new Array<number>(LATENCY_BUCKETS.length).fill(0)
  sum = 0
  count = 0
  observe(seconds: number): void {
    this.sum += seconds
    this.count++
    for (let i = 0; i < LATENCY_BUCKETS.length; i++) if (seconds <= LATENCY_BUCKETS[i]!) this.counts[i]!++
  }
}

export class Metrics {
  readonly #requests = new Map<string, number>()
  readonly #latency = new Map<string, Histogram>()
  readonly #legacyCalls = new Map<string, number>()
  readonly #legacyFailures = new Map<string, number>()
  readonly #legacyLatency = new Map<string, Histogram>()
  readonly #rejections = new Map<string, number>()
  readonly #identity = new Map<string, number>()
  readonly #circuits = new Map<string, () => CircuitState>()

  /** One inbound request: the operation (or `-` when none matched), the outcome code and its latency. */
  request(operation: string, outcome: string, seconds: number): void {
    const key = `${operation}\u0000${outcome}`
    this.#requests.set(key, (this.#requests.get(key) ?? 0) + 1)
    let h = this.#latency.get(operation)
    if (!h) this.#latency.set(operation, (h = new Histogram()))
    h.observe(seconds)
  }

  legacyCall(system: string, outcome: 'ok' | string, seconds: number): void {
    const key = `${system}\u0000${outcome === 'ok' ? 'ok' : 'error'}`
    this.#legacyCalls.set(key, (this.#legacyCalls.get(key) ?? 0) + 1)
    if (outcome !== 'ok') {
      const f = `${system}\u0000${outcome}`
      this.#legacyFailures.set(f, (this.#legacyFailures.get(f) ?? 0) + 1)
    }
    let h = this.#legacyLatency.get(system)
    if (!h) this.#legacyLatency.set(system, (h = new Histogram()))
    h.observe(seconds)
  }

  signatureRejected(reason: string): void {
    this.#rejections.set(reason, (this.#rejections.get(reason) ?? 0) + 1)
  }

  identity(result: 'hit' | 'miss' | 'error'): void {
    this.#identity.set(result, (this.#identity.get(result) ?? 0) + 1)
  }

  circuit(system: string, state: () => CircuitState): void {
    this.#circuits.set(system, state)
  }

  render(extra: Record<string, number> = {}): string {
    const out: string[] = []
    const counter = (name: string, help: string, map: Map<string, number>, keys: string[]) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} counter`)
      for (const [k, v] of map) {
        const values = k.split('\u0000')
        out.push(`${name}${labels(Object.fromEntries(keys.map((key, i) => [key, values[i] ?? ''])))} ${v}`)
      }
    }
    const histogram = (name: string, help: string, map: Map<string, Histogram>, key: string) => {
      out.push(`# HELP ${name} ${help}`, `# TYPE ${name} histogram`)
      for (const [k, h] of map) {
        LATENCY_BUCKETS.forEach((le, i) => out.push(`${name}_bucket${labels({ [key]: k, le: String(le) })} ${h.counts[i]}`))
        out.push(`${name}_bucket${labels({ [key]: k, le: '+Inf' })} ${h.count}`)
        out.push(`${name}_sum${labels({ [key]: k })} ${h.sum}`, `${name}_count${labels({ [key]: k })} ${h.count}`)
      }
    }
    counter('yingjie_requests_total', 'Inbound requests by operation and outcome code.', this.#requests, ['operation', 'outcome'])
    histogram('yingjie_request_duration_seconds', 'Inbound request latency.', this.#latency, 'operation')
    counter('yingjie_legacy_calls_total', 'Calls to legacy systems.', this.#legacyCalls, ['system', 'result'])
    counter('yingjie_legacy_failures_total', 'Failed calls to legacy systems by kind.', this.#legacyFailures, ['system', 'kind'])
    histogram('yingjie_legacy_duration_seconds', 'Legacy call latency.', this.#legacyLatency, 'system')
    counter('yingjie_signature_rejections_total', 'Requests refused by signature verification, by reason.', this.#rejections, ['reason'])
    counter('yingjie_identity_resolutions_total', 'Identity resolutions by cache result.', this.#identity, ['result'])
    out.push('# HELP yingjie_circuit_state Circuit breaker state per legacy system: 0 closed, 1 half-open, 2 open.', '# TYPE yingjie_circuit_state gauge')
    for (const [system, state] of this.#circuits) out.push(`yingjie_circuit_state${labels({ system })} ${STATE_VALUE[state()]}`)
    for (const [name, value] of Object.entries(extra)) out.push(`# TYPE ${name} gauge`, `${name} ${value}`)
    return `${out.join('\n')}\n`
  }
}
