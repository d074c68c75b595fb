import type { Probe, ProbeEvidence } from '@yingjie/cutover'
import { probeUrl, type WebClientOptions } from '@yingjie/scanner'

// `cutover verify` probes with the web scanner's probe (issue 7); the cutover
// package only knows the `Probe` function type, so this adapter is the one
// place where the two meet.

const NO_RESPONSE = new Set(['timeout', 'dns', 'tls-error', 'unreachable', 'out-of-scope', 'robots-refused', 'redirect-error', 'too-large'])

export interface ScannerProbeOptions {
  platformDomains: readonly string[]
  platformName?: string
  /** Host map, as the scanner takes it: `host` or `host:port` → `address[:port]`. */
  resolve?: Readonly<Record<string, string>>
  /** Extra trusted CA certificates (PEM). */
  ca?: readonly string[]
  /** Hosts a redirect may lead to and still be followed (the inventory's own H5 hosts). */
  allowedHosts: Iterable<string>
}

/** The scanner's `probeUrl` as a cutover `Probe`. */
export function scannerProbe(options: ScannerProbeOptions): Probe {
  const allowedHosts = [...options.allowedHosts]
  const client: WebClientOptions = {
    ...(options.resolve ? { resolve: options.resolve, allowPrivate: Object.keys(options.resolve).map((k) => k.replace(/:\d+$/, '')) } : {}),
    ...(options.ca && options.ca.length > 0 ? { ca: [...options.ca] } : {}),
  }
  return async (url: string): Promise<ProbeEvidence> => {
    const e = await probeUrl(url, {
      ...client,
      platformDomains: options.platformDomains,
      ...(options.platformName ? { platformName: options.platformName } : {}),
      allowedHosts,
    })
    const failed = NO_RESPONSE.has(e.classification) && e.status === undefined
    return {
      url: e.url,
      time: e.startedAt,
      status: failed ? null : (e.status ?? null),
      finalUrl: e.finalUrl,
      redirects: e.redirects.map((h) => new URL(h.location, h.url).href),
      title: e.title ?? null,
      snippet: e.notice ?? e.snippet ?? null,
      bodySha256: e.sha256 ?? null,
      ...(e.bytes !== undefined ? { bytes: e.bytes } : {}),
      ...(failed || NO_RESPONSE.has(e.classification) ? { error: `${e.classification}${e.reason ? `: ${e.reason}` : ''}` } : {}),
      text: [e.title, e.notice, e.description, e.snippet].filter(Boolean).join('\n'),
    }
  }
}
