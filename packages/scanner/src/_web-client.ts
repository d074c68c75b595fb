/**
 * The one HTTP client setup every web scan uses: got with redirects, retries
 * and decompression turned off (the probe does each of them itself so that
 * every hop is checked against the scope and every byte is counted),
 * connection pooling, a host map that pins names to addresses (how tests
 * and the demo reach `.invalid` hosts on 127.0.0.1), a DNS guard that never
 * sends `.invalid` names to real DNS and refuses undeclared private
 * addresses, and the two-level scheduler.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import http from 'node:http'
import https from 'node:https'
import { isIP, type LookupFunction } from 'node:net'
import type { Duplex, Readable, Transform } from 'node:stream'
import tls, { type TLSSocket } from 'node:tls'
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib'
import got, { type Got } from 'got'
import { HostScheduler, type SchedulerOptions } from './_web-queue'
import type { RobotsRules } from './_web-robots'
import type { ProbeClassification, TlsEvidence } from './_web-types'

/** Per-phase time limits of one HTTP exchange, in milliseconds. */
export interface ProbeTimeouts {
  /** Name resolution. @default 5000 */
  lookup: number
  /** TCP connect after the address is known. @default 5000 */
  connect: number
  /** TLS handshake after connect. @default 5000 */
  secureConnect: number
  /** Sending the request after the socket is ready. @default 10000 */
  send: number
  /** First response byte after the request is sent. @default 15000 */
  response: number
  /** Silence on the socket at any point. @default 15000 */
  idle: number
  /** The whole exchange, body included. @default 30000 */
  total: number
}

export const DEFAULT_TIMEOUTS: Readonly<ProbeTimeouts> = {
  lookup: 5000,
  connect: 5000,
  secureConnect: 5000,
  send: 10_000,
  response: 15_000,
  idle: 15_000,
  total: 30_000,
}

/** 5 MiB: a government page larger than this is not a page. */
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024

export const DEFAULT_USER_AGENT = 'yingjie-scanner/0.1 (+government-service channel inventory; robots.txt honoured)'

export interface WebClientOptions extends SchedulerOptions {
  /**
   * Pin host names to addresses, like curl's `--resolve`: keys `host` or
   * `host:port`, values `address` or `address:port`. Mapped hosts are never
   * looked up in DNS and may be private or loopback.
   * @example { 'rsj.baoding.invalid': '127.0.0.1:8080', 'rsj.baoding.invalid:443': '127.0.0.1:8443' }
   */
  resolve?: Readonly<Record<string, string>>
  /**
   * Host names allowed to resolve to private or loopback addresses (a
   * government extranet). Any other name that resolves to one is refused.
   * @default []
   */
  allowPrivate?: readonly string[]
  /** Extra trusted CA certificates (PEM), added to Node's bundled roots. */
  ca?: string | readonly string[]
  /** @default DEFAULT_USER_AGENT */
  userAgent?: string
}

export interface FetchLimits {
  timeouts: ProbeTimeouts
  /** Bytes on the wire. */
  maxBytes: number
  /** Bytes after decompression. */
  maxDecodedBytes: number
}

export interface RawResponse {
  url: string
  status: number
  headers: http.IncomingHttpHeaders
  /** Decompressed body. */
  body: Buffer
  tls?: TlsEvidence
}

/** A fetch that ended without a usable response, already classified. */
export class FetchFailure extends Error {
  constructor(
    readonly classification: ProbeClassification,
    readonly reason: string,
    readonly retryable = false,
  ) {
    super(`${classification}: ${reason}`)
    this.name = 'FetchFailure'
  }
}

interface MappedAddress {
  address: string
  port?: number
}

/** Parse `address`, `address:port` or `[v6]:port`. */
function parseTarget(value: string): MappedAddress {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(value)
  if (v6) return v6[2] ? { address: v6[1]!, port: Number(v6[2]) } : { address: v6[1]! }
  const m = /^([^:]+)(?::(\d+))?$/.exec(value)
  if (!m || isIP(m[1]!) === 0) throw new TypeError(`host map target must be an IP address with an optional port, got "${value}"`)
  return m[2] ? { address: m[1]!, port: Number(m[2]) } : { address: m[1]! }
}

const PRIVATE_V4: [number, number][] = [
  [0x00000000, 8], // 0.0.0.0/8
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10 carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local
  [0xac100000, 12], // 172.16/12
  [0xc0a80000, 16], // 192.168/16
]

/** Loopback, private, link-local and similar addresses nobody should reach by accident. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address)
  if (family === 4) {
    const n = address.split('.').reduce((acc, part) => acc * 256 + Number(part), 0)
    return PRIVATE_V4.some(([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)))
  }
  if (family === 6) {
    const a = address.toLowerCase()
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a)
    if (mapped) return isPrivateAddress(mapped[1]!)
    return a === '::1' || a === '::' || /^f[cd]/.test(a) || /^fe[89ab]/.test(a)
  }
  return false
}

/** Hosts under `.invalid` (RFC 6761) must never reach real DNS. */
export function isReservedName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, '')
  return h === 'invalid' || h.endsWith('.invalid')
}

type ConnectOptions = http.ClientRequestArgs & tls.ConnectionOptions & { host?: string; port?: number | string }

export class WebClient {
  readonly scheduler: HostScheduler
  /** robots.txt per origin, fetched once per client. */
  readonly robotsCache = new Map<string, Promise<RobotsRules | 'unreachable'>>()
  readonly userAgent: string
  private readonly map = new Map<string, MappedAddress>()
  private readonly allowPrivate: Set<string>
  private readonly ca: string[] | undefined
  private readonly got: Got
  private readonly gotByLimits = new WeakMap<FetchLimits, Got>()
  private readonly httpAgent: http.Agent
  private readonly httpsAgent: https.Agent

  constructor(options: WebClientOptions = {}) {
    this.scheduler = new HostScheduler(options)
    this.userAgent = options.userAgent ?? DEFAULT_USER_AGENT
    for (const [key, value] of Object.entries(options.resolve ?? {})) this.map.set(key.toLowerCase(), parseTarget(value))
    this.allowPrivate = new Set((options.allowPrivate ?? []).map((h) => h.toLowerCase()))
    const extra = options.ca === undefined ? [] : typeof options.ca === 'string' ? [options.ca] : [...options.ca]
    // `ca` replaces Node's roots, so the bundled ones are passed along with the extra ones.
    this.ca = extra.length > 0 ? [...tls.rootCertificates, ...extra] : undefined
    const client = this
    const agentOptions = { keepAlive: true, maxSockets: this.scheduler.perHostConcurrency, scheduling: 'lifo' as const }
    this.httpAgent = new (class extends http.Agent {
      override createConnection(opts: http.ClientRequestArgs, cb?: (err: Error | null, socket: Duplex) => void) {
        return super.createConnection(client.connectionOptions(opts as ConnectOptions), cb)
      }
    })(agentOptions)
    this.httpsAgent = new (class extends https.Agent {
      override createConnection(opts: https.RequestOptions, cb?: (err: Error | null, socket: Duplex) => void) {
        return super.createConnection(client.connectionOptions(opts as ConnectOptions) as https.RequestOptions, cb)
      }
    })({
      ...agentOptions,
      // A resumed TLS session shows no certificate; every handshake must, to report expiry and issuer.
      maxCachedSessions: 0,
      ...(this.ca ? { ca: this.ca } : {}),
    })
    this.got = got.extend({
      agent: { http: this.httpAgent, https: this.httpsAgent },
      followRedirect: false,
      decompress: false,
      retry: { limit: 0 },
      throwHttpErrors: false,
      http2: false,
      ...(this.ca ? { https: { certificateAuthority: this.ca } } : {}),
    })
  }

  /** Is this host pinned by the host map (for any port)? */
  isMapped(host: string): boolean {
    const h = host.toLowerCase()
    if (this.map.has(h)) return true
    for (const key of this.map.keys()) if (key.startsWith(`${h}:`)) return true
    return false
  }

  /** One GET through the scheduler, body read under the caps. */
  fetch(url: URL, limits: FetchLimits, signal?: AbortSignal): Promise<RawResponse> {
    return this.scheduler.run(url.hostname, () => this.fetchNow(url, limits, signal), signal)
  }

  /**
   * Read the server certificate without verifying it, to say what is wrong
   * with it after a TLS error (expired when, issued by whom).
   */
  inspectCertificate(url: URL, timeoutMs: number, signal?: AbortSignal): Promise<TlsEvidence | undefined> {
    return this.scheduler.run(
      url.hostname,
      () =>
        new Promise<TlsEvidence | undefined>((resolve) => {
          const host = url.hostname
          const port = Number(url.port || 443)
          const opts = this.connectionOptions({ host, port, servername: isIP(host) ? undefined : host, rejectUnauthorized: false, signal } as ConnectOptions)
          const socket = tls.connect({ ...(opts as tls.ConnectionOptions), ...(this.ca ? { ca: this.ca } : {}) })
          const done = (value: TlsEvidence | undefined) => {
            socket.destroy()
            resolve(value)
          }
          socket.setTimeout(timeoutMs, () => done(undefined))
          socket.once('secureConnect', () => done(tlsEvidence(socket)))
          socket.once('error', () => done(undefined))
        }),
      signal,
    )
  }

  /** Close pooled connections. */
  close(): void {
    this.scheduler.clear()
    this.httpAgent.destroy()
    this.httpsAgent.destroy()
  }

  /** got with the headers and time limits already merged: merging options per request is most of got's cost. */
  private gotFor(limits: FetchLimits): Got {
    let instance = this.gotByLimits.get(limits)
    if (!instance) {
      const t = limits.timeouts
      instance = this.got.extend({
        headers: {
          'user-agent': this.userAgent,
          accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
          'accept-encoding': 'gzip, deflate, br',
          'accept-language': 'zh-CN,zh;q=0.9,en;q=0.5',
        },
        timeout: { lookup: t.lookup, connect: t.connect, secureConnect: t.secureConnect, send: t.send, response: t.response, socket: t.idle, request: t.total },
      })
      this.gotByLimits.set(limits, instance)
    }
    return instance
  }

  private mapped(host: string, port: number): MappedAddress | undefined {
    const h = host.toLowerCase().replace(/^\[|\]$/g, '')
    return this.map.get(`${h}:${port}`) ?? this.map.get(h)
  }

  /** Socket options for a host: pinned address and port, or the guarded DNS lookup. */
  private connectionOptions(opts: ConnectOptions): ConnectOptions {
    const host = String(opts.host ?? opts.hostname ?? 'localhost')
    const port = Number(opts.port)
    const target = this.mapped(host, port)
    if (target) {
      const fixed: LookupFunction = (_hostname, options, callback) => {
        const family = isIP(target.address)
        if ((options as { all?: boolean }).all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, [{ address: target.address, family }])
        else callback(null, target.address, family)
      }
      // An IP literal is never looked up, so it is replaced outright; SNI keeps the original name.
      return { ...opts, ...(isIP(host) ? { host: target.address } : {}), port: target.port ?? port, lookup: fixed }
    }
    return { ...opts, lookup: this.guardedLookup(host) }
  }

  private guardedLookup(host: string): LookupFunction {
    const allowPrivate = this.allowPrivate.has(host.toLowerCase())
    return (hostname, options, callback) => {
      const all = Boolean((options as { all?: boolean }).all)
      const fail = (code: string, message: string) => {
        const error = Object.assign(new Error(message), { code, hostname }) as NodeJS.ErrnoException
        if (all) (callback as unknown as (e: Error) => void)(error)
        else callback(error, '', 0)
      }
      if (isReservedName(hostname)) return fail('ENOTFOUND', `${hostname} is under .invalid and not in the host map`)
      dnsLookup(hostname, { ...(options as object), all: true }, (error, addresses) => {
        if (error) return all ? (callback as unknown as (e: Error) => void)(error) : callback(error, '', 0)
        const list = addresses as LookupAddress[]
        if (!allowPrivate && list.some((a) => isPrivateAddress(a.address))) {
          return fail('EYJPRIVATE', `${hostname} resolves to a private address and is not declared as an extranet host`)
        }
        if (all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list)
        else callback(null, list[0]!.address, list[0]!.family)
      })
    }
  }

  private async fetchNow(url: URL, limits: FetchLimits, signal?: AbortSignal): Promise<RawResponse> {
    if (signal?.aborted) throw signal.reason
    const stream = this.gotFor(limits).stream(url)
    // Not got's `signal` option: got leaves its listener on the signal after a
    // request completes, so a scan-wide signal would collect one per request
    // (and keep every request alive). Here the listener lives as long as the exchange.
    const onAbort = () => stream.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'))
    signal?.addEventListener('abort', onAbort, { once: true })
    try {
      const response = await new Promise<http.IncomingMessage & { url: string }>((resolve, reject) => {
        stream.once('response', resolve)
        stream.once('error', reject)
      })
      const tlsInfo = url.protocol === 'https:' ? tlsEvidence(response.socket as TLSSocket) : undefined
      const declared = Number(response.headers['content-length'])
      if (Number.isFinite(declared) && declared > limits.maxBytes) throw new FetchFailure('too-large', 'content-length')
      const body = await readCapped(stream, response.headers['content-encoding'], limits)
      return { url: url.href, status: response.statusCode ?? 0, headers: response.headers, body, ...(tlsInfo ? { tls: tlsInfo } : {}) }
    } catch (error) {
      stream.destroy()
      if (signal?.aborted) throw signal.reason
      throw classifyError(error)
    } finally {
      signal?.removeEventListener('abort', onAbort)
    }
  }
}

function decompressorFor(encoding: string | string[] | undefined): Transform | undefined {
  const e = String(encoding ?? '')
    .trim()
    .toLowerCase()
  if (e === 'gzip' || e === 'x-gzip') return createGunzip()
  if (e === 'deflate') return createInflate()
  if (e === 'br') return createBrotliDecompress()
  return undefined
}

/**
 * Read a body counting wire bytes and decompressed bytes separately, and
 * abort the moment either passes its cap: a gzip bomb is stopped after a few
 * megabytes of output, not after it has filled the memory. Plain event
 * handlers rather than a pipeline: this runs once per request.
 */
function readCapped(stream: Readable, encoding: string | string[] | undefined, limits: FetchLimits): Promise<Buffer> {
  const decompressor = decompressorFor(encoding)
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = []
    let wire = 0
    let decoded = 0
    let settled = false
    const fail = (error: unknown) => {
      if (settled) return
      settled = true
      decompressor?.destroy()
      stream.destroy()
      reject(error)
    }
    const finish = () => {
      if (settled) return
      settled = true
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks))
    }
    const take = (chunk: Buffer) => {
      decoded += chunk.length
      if (decoded > limits.maxDecodedBytes) return fail(new FetchFailure('too-large', decompressor ? 'decompressed-size' : 'body-size'))
      chunks.push(chunk)
    }
    stream.on('error', fail)
    stream.on('data', (chunk: Buffer) => {
      wire += chunk.length
      if (wire > limits.maxBytes) return fail(new FetchFailure('too-large', 'body-size'))
      if (!decompressor) return take(chunk)
      if (!decompressor.write(chunk)) {
        stream.pause()
        decompressor.once('drain', () => stream.resume())
      }
    })
    if (decompressor) {
      decompressor.on('data', take)
      decompressor.on('error', fail)
      decompressor.on('end', finish)
      stream.on('end', () => decompressor.end())
    } else {
      stream.on('end', finish)
    }
  })
}

const TLS_CODE = /CERT|SSL|TLS|UNABLE_TO_(GET|VERIFY)|SELF_SIGNED|HOSTNAME_MISMATCH|EPROTO/

/** Any error out of a fetch → a classified failure. */
export function classifyError(error: unknown): FetchFailure {
  if (error instanceof FetchFailure) return error
  const e = error as { code?: string; event?: string; message?: string; cause?: { code?: string } }
  const code = e.code && e.code !== 'ERR_GOT_REQUEST_ERROR' ? e.code : (e.cause?.code ?? 'UNKNOWN')
  if (code === 'ETIMEDOUT' || e.event) {
    // got names the phases after socket events; ours are the option names.
    const phase = e.event === 'socket' ? 'idle' : e.event === 'request' ? 'total' : (e.event ?? 'connect')
    return new FetchFailure('timeout', `timeout:${phase}`, true)
  }
  if (code === 'ENOTFOUND' || code === 'ENODATA' || code === 'ESERVFAIL' || code === 'EAI_NONAME') return new FetchFailure('dns', code)
  if (code === 'EAI_AGAIN') return new FetchFailure('dns', code, true)
  if (code === 'EYJPRIVATE') return new FetchFailure('out-of-scope', 'private-address')
  if (TLS_CODE.test(code)) return new FetchFailure('tls-error', code)
  if (code.startsWith('Z_') || code.startsWith('ERR__') || code === 'ERR_ZLIB_INITIALIZATION_FAILED') return new FetchFailure('http-error', 'content-encoding')
  if (code.startsWith('HPE_')) return new FetchFailure('http-error', code)
  if (['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE'].includes(code)) return new FetchFailure('unreachable', code, true)
  if (['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN'].includes(code)) return new FetchFailure('unreachable', code, true)
  return new FetchFailure('unreachable', code)
}

function formatName(name: Record<string, string | string[] | undefined> | undefined): string | undefined {
  if (!name) return undefined
  const parts = Object.entries(name)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : v}`)
  // CN first, as people read certificates.
  parts.sort((a, b) => (a.startsWith('CN=') ? -1 : b.startsWith('CN=') ? 1 : 0))
  return parts.length > 0 ? parts.join(', ') : undefined
}

const DAY_MS = 86_400_000

/** Certificate facts from a TLS socket. */
export function tlsEvidence(socket: TLSSocket | undefined | null, now = Date.now()): TlsEvidence | undefined {
  if (!socket || typeof socket.getPeerCertificate !== 'function') return undefined
  const cert = socket.getPeerCertificate()
  if (!cert || Object.keys(cert).length === 0) return { authorized: socket.authorized, ...(socket.getProtocol() ? { protocol: socket.getProtocol()! } : {}) }
  const validTo = cert.valid_to ? new Date(cert.valid_to) : undefined
  const evidence: TlsEvidence = { authorized: socket.authorized }
  const protocol = socket.getProtocol()
  if (protocol) evidence.protocol = protocol
  const issuer = formatName(cert.issuer as unknown as Record<string, string>)
  if (issuer) evidence.issuer = issuer
  const subject = formatName(cert.subject as unknown as Record<string, string>)
  if (subject) evidence.subject = subject
  if (validTo && !Number.isNaN(validTo.getTime())) {
    evidence.validTo = validTo.toISOString()
    evidence.daysToExpiry = Math.floor((validTo.getTime() - now) / DAY_MS)
  }
  if (!socket.authorized && socket.authorizationError) evidence.error = String(socket.authorizationError)
  return evidence
}
