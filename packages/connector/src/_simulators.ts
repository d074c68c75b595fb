/**
 * Local stand-ins for legacy systems, for adapters' tests, the demo, the
 * conformance kit and benchmarks: a SOAP service answering in GBK (or any
 * encoding), a REST/JSON service, and a fault-injecting proxy that sits in
 * front of either and can take it down, make it fail or make it slow.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { request } from 'undici'
import { decodeText, encodeText, normalizeEncoding, sniffDeclaredCharset } from './_encoding'
import { charsetOf } from './_http'
import { buildSoapReplyXml, parseSoapRequest, SOAP_NS, type SoapValue } from './_soap'
import type { TextEncoding } from './_system'

export interface RunningSimulator {
  url: string
  /** Requests received so far. */
  readonly calls: number
  close(): Promise<void>
}

async function listen(server: Server, port = 0, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const { port: actual } = server.address() as AddressInfo
  return `http://${host}:${actual}`
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

async function readBody(req: IncomingMessage, limit = 1024 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    size += (chunk as Buffer).length
    if (size > limit) throw new Error('body too large')
    chunks.push(chunk as Buffer)
  }
  return Buffer.concat(chunks)
}

/** Thrown by a SOAP simulator handler to answer with a fault. */
export class SoapFaultReply extends Error {
  constructor(
    readonly code: 'Client' | 'Server',
    reason: string,
    readonly detail?: Record<string, SoapValue>,
  ) {
    super(reason)
  }
}

export interface SoapSimulatorOptions {
  /** @default '1.1' */
  version?: '1.1' | '1.2'
  /** Namespace of the response elements. */
  namespace: string
  /** Encoding of replies (declared in the XML and the Content-Type). @default 'utf-8' */
  encoding?: TextEncoding
  /** Operation name → handler of its parameters (strings, nested objects). */
  operations: Record<string, (params: Record<string, unknown>) => Record<string, SoapValue> | Promise<Record<string, SoapValue>>>
  port?: number
}

export async function startSoapSimulator(options: SoapSimulatorOptions): Promise<RunningSimulator> {
  const version = options.version ?? '1.1'
  const encoding = options.encoding ?? 'utf-8'
  let calls = 0
  const send = (res: ServerResponse, status: number, xml: string) => {
    const charset = normalizeEncoding(encoding) === 'utf-8' ? 'utf-8' : encoding.toUpperCase()
    res.writeHead(status, { 'content-type': `${version === '1.1' ? 'text/xml' : 'application/soap+xml'}; charset=${charset}` })
    res.end(encodeText(xml, encoding))
  }
  const server = createServer(async (req, res) => {
    calls++
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
      return res.end('SOAP simulator: POST envelopes here')
    }
    try {
      const raw = await readBody(req)
      const text = decodeText(raw, charsetOf(req.headers['content-type']) ?? sniffDeclaredCharset(raw) ?? encoding)
      const { operation, params } = parseSoapRequest(text)
      const handler = options.operations[operation]
      if (!handler) throw new SoapFaultReply('Client', `unknown operation ${operation}`)
      const result = await handler(params)
      send(res, 200, buildSoapReplyXml(version, options.namespace, `${operation}Response`, result, encoding))
    } catch (error) {
      const fault = error instanceof SoapFaultReply ? error : new SoapFaultReply('Client', `cannot read the request: ${(error as Error).message}`)
      send(res, 500, soapFaultXml(version, fault, encoding))
    }
  })
  const url = await listen(server, options.port)
  return { url, get calls() { return calls }, close: () => closeServer(server) }
}

function soapFaultXml(version: '1.1' | '1.2', fault: SoapFaultReply, encoding: string): string {
  const declared = normalizeEncoding(encoding) === 'utf-8' ? 'UTF-8' : encoding.toUpperCase()
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  const body =
    version === '1.1'
      ? `<soap:Fault><faultcode>soap:${fault.code}</faultcode><faultstring>${esc(fault.message)}</faultstring></soap:Fault>`
      : `<soap:Fault><soap:Code><soap:Value>soap:${fault.code === 'Client' ? 'Sender' : 'Receiver'}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang="zh">${esc(fault.message)}</soap:Text></soap:Reason></soap:Fault>`
  return `<?xml version="1.0" encoding="${declared}"?><soap:Envelope xmlns:soap="${SOAP_NS[version]}"><soap:Body>${body}</soap:Body></soap:Envelope>`
}

export interface RestSimulatorOptions {
  /** `'GET /path'` → handler of the parsed JSON body (undefined for GET) and the query; returns the JSON reply. */
  routes: Record<string, (body: unknown, query: URLSearchParams) => unknown>
  port?: number
}

/** A REST/JSON service: fixed routes, JSON in and out; unknown routes 404. */
export async function startRestSimulator(options: RestSimulatorOptions): Promise<RunningSimulator> {
  let calls = 0
  const server = createServer(async (req, res) => {
    calls++
    const url = new URL(req.url ?? '/', 'http://sim.invalid')
    const handler = options.routes[`${req.method} ${url.pathname}`]
    try {
      const raw = await readBody(req)
      if (!handler) {
        res.writeHead(req.method === 'GET' && url.pathname === '/' ? 200 : 404, { 'content-type': 'application/json' })
        return res.end('{}')
      }
      const payload = JSON.stringify(await handler(raw.length ? (JSON.parse(raw.toString('utf8')) as unknown) : undefined, url.searchParams))
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(payload) })
      res.end(payload)
    } catch (error) {
      res.writeHead(400, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: (error as Error).message }))
    }
  })
  const url = await listen(server, options.port)
  return { url, get calls() { return calls }, close: () => closeServer(server) }
}

/**
 * - `none`: pass everything through.
 * - `down`: drop every connection at once (the system is off).
 * - `error`: answer HTTP 500 with an HTML error page (a crashed app server).
 * - `slow`: hold each request `slowMs` before passing it on (longer than the adapter's timeout).
 */
export type FaultMode = 'none' | 'down' | 'error' | 'slow'

export interface FaultProxy extends RunningSimulator {
  readonly mode: FaultMode
  setFault(mode: FaultMode, options?: { slowMs?: number }): void
}

/** A proxy in front of a legacy system (or simulator) that injects faults on demand. */
export async function startFaultProxy(target: string, options: { port?: number } = {}): Promise<FaultProxy> {
  let mode: FaultMode = 'none'
  let slowMs = 10_000
  let calls = 0
  const base = new URL(target)
  const server = createServer(async (req, res) => {
    calls++
    if (mode === 'down') return req.socket.destroy()
    if (mode === 'error') {
      res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' })
      return res.end('<html><body><h1>500 Internal Server Error</h1></body></html>')
    }
    if (mode === 'slow') await new Promise((r) => setTimeout(r, slowMs))
    try {
      const body = await readBody(req)
      const headers = { ...req.headers }
      delete headers.host
      delete headers.connection
      const upstream = await request(`${base.origin}${req.url ?? '/'}`, { method: req.method as 'POST', headers, body: body.length ? body : undefined })
      const out = Buffer.from(await upstream.body.arrayBuffer())
      const replyHeaders: Record<string, string | string[]> = {}
      for (const [k, v] of Object.entries(upstream.headers)) if (v !== undefined && k !== 'transfer-encoding' && k !== 'connection') replyHeaders[k] = v
      replyHeaders['content-length'] = String(out.length)
      res.writeHead(upstream.statusCode, replyHeaders)
      res.end(out)
    } catch {
      if (!res.headersSent) res.writeHead(502)
      res.end()
    }
  })
  const url = await listen(server, options.port)
  return {
    url,
    get calls() {
      return calls
    },
    get mode() {
      return mode
    },
    setFault(next, opts = {}) {
      mode = next
      if (opts.slowMs !== undefined) slowMs = opts.slowMs
    },
    close: () => closeServer(server),
  }
}
