import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import iconv from 'iconv-lite'
import { afterEach, describe, expect, it } from 'vitest'
import {
  decodeForm,
  encodeForm,
  FormClient,
  formSystem,
  LegacyError,
  LegacySystem,
  Metrics,
  RestClient,
  restSystem,
  SoapClient,
  SoapFaultReply,
  soapSystem,
  startFaultProxy,
  startSoapSimulator,
  type RunningSimulator,
} from './index'

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c()
})

async function server(handler: Parameters<typeof createServer>[1]): Promise<string> {
  const s: Server = createServer(handler)
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()))
  closers.push(() => new Promise((r) => (s.closeAllConnections(), s.close(() => r()))))
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`
}

function system(id: string, def: ConstructorParameters<typeof LegacySystem>[1], url: string, metrics?: Metrics): LegacySystem {
  const s = new LegacySystem(id, def, url, metrics)
  closers.push(() => s.close())
  return s
}

async function caught(p: Promise<unknown>): Promise<LegacyError> {
  try {
    await p
  } catch (error) {
    if (error instanceof LegacyError) return error
    throw error
  }
  throw new Error('expected a LegacyError')
}

describe('REST/JSON client on undici', () => {
  it('sends JSON, reads JSON, keeps the base path and query', async () => {
    let seen = ''
    const url = await server((req, res) => {
      let body = ''
      req.on('data', (d) => (body += d))
      req.on('end', () => {
        seen = `${req.method} ${req.url} ${req.headers['content-type']} ${body}`
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ ok: true, 证照: '营业执照' }))
      })
    })
    const rest = new RestClient(system('permits', restSystem(), `${url}/v1/`))
    expect(await rest.post('/licences', { id: 7 })).toEqual({ ok: true, 证照: '营业执照' })
    expect(seen).toBe('POST /v1/licences application/json; charset=utf-8 {"id":7}')
    await rest.get('/licences', { type: '营业执照', page: 2, skip: undefined })
    expect(seen).toBe(`GET /v1/licences?type=${encodeURIComponent('营业执照')}&page=2 undefined `)
  })

  it('5xx is "unavailable", 4xx "rejected", a non-JSON 200 "bad-response"', async () => {
    const url = await server((req, res) => {
      const status = Number(req.url!.slice(1))
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(status === 299 ? '<html>oops</html>' : '{"error":"x"}')
    })
    const rest = new RestClient(system('s', restSystem({ retries: 0 }), url))
    expect((await caught(rest.get('/503'))).kind).toBe('unavailable')
    expect(await caught(rest.get('/404'))).toMatchObject({ kind: 'rejected', status: 404, detail: { error: 'x' } })
    expect((await caught(rest.get('/299'))).kind).toBe('bad-response')
  })

  it('retries a timeout for an idempotent call, never for a non-idempotent one', async () => {
    let calls = 0
    const url = await server((req, res) => {
      calls++
      // The first two attempts hang past the timeout, the third answers.
      if (calls <= 2) return void setTimeout(() => res.end('{}'), 3000)
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"n":3}')
    })
    const sys = system('slow', restSystem({ timeoutMs: 400, retries: 2, retryDelayMs: 1 }), url)
    expect(await new RestClient(sys).get('/q')).toEqual({ n: 3 })
    expect(calls).toBe(3)
    calls = 0
    const err = await caught(new RestClient(sys).post('/submit', { a: 1 }))
    expect(err.kind).toBe('timeout')
    expect(calls).toBe(1)
  })

  it('an unreachable system is "unavailable"; the breaker opens after N failures and refuses without calling; a probe closes it', async () => {
    let up = false
    let calls = 0
    const url = await server((_req, res) => {
      calls++
      if (!up) return res.socket?.destroy()
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end('{"ok":true}')
    })
    const metrics = new Metrics()
    const sys = system('flaky', restSystem({ retries: 0, breaker: { failureThreshold: 3, resetAfterMs: 200 } }), url, metrics)
    const rest = new RestClient(sys)
    for (let i = 0; i < 3; i++) expect((await caught(rest.get('/x'))).kind).toBe('unavailable')
    expect(sys.breaker.state).toBe('open')
    const before = calls
    expect((await caught(rest.get('/x'))).kind).toBe('circuit-open')
    expect(calls).toBe(before)
    expect(metrics.render()).toContain('yingjie_circuit_state{system="flaky"} 2')
    up = true
    await new Promise((r) => setTimeout(r, 250))
    expect(await rest.get('/x')).toEqual({ ok: true })
    expect(sys.breaker.state).toBe('closed')
    const text = metrics.render()
    expect(text).toContain('yingjie_legacy_failures_total{system="flaky",kind="unavailable"} 3')
    expect(text).toContain('yingjie_legacy_failures_total{system="flaky",kind="circuit-open"} 1')
    expect(text).toContain('yingjie_legacy_calls_total{system="flaky",result="ok"} 1')
  })

  it('keeps at most `concurrency` calls in flight', async () => {
    let inFlight = 0
    let peak = 0
    const url = await server((_req, res) => {
      inFlight++
      peak = Math.max(peak, inFlight)
      setTimeout(() => {
        inFlight--
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end('{}')
      }, 20)
    })
    const rest = new RestClient(system('narrow', restSystem({ concurrency: 3 }), url))
    await Promise.all(Array.from({ length: 12 }, () => rest.get('/')))
    expect(peak).toBe(3)
  })
})

describe('SOAP client against a GBK simulator', () => {
  let sim: RunningSimulator
  it('sends GBK, reads the GBK reply, maps faults, and a 1.2 system too', async () => {
    sim = await startSoapSimulator({
      namespace: 'urn:si',
      encoding: 'gbk',
      operations: {
        Echo: (p) => ({ name: String(p.name), length: String(String(p.name).length) }),
        Missing: () => {
          throw new SoapFaultReply('Client', '未查询到参保信息')
        },
        Broken: () => {
          throw new SoapFaultReply('Server', '数据库连接失败')
        },
      },
    })
    closers.push(() => sim.close())
    const soap = new SoapClient(system('si', soapSystem({ namespace: 'urn:si', encoding: 'gbk', retries: 0 }), sim.url))
    expect(await soap.call('Echo', { name: '张三丰·𠮷' })).toEqual({ name: '张三丰·?', length: '5' })
    expect(await soap.call('Echo', { name: '保定市竞秀区' })).toEqual({ name: '保定市竞秀区', length: '6' })
    expect(await caught(soap.call('Missing', {}))).toMatchObject({ kind: 'fault', faultCode: 'soap:Client', message: '未查询到参保信息', status: 500 })
    expect(await caught(soap.call('Broken', {}))).toMatchObject({ kind: 'fault', faultCode: 'soap:Server' })

    const sim12 = await startSoapSimulator({ version: '1.2', namespace: 'urn:si', encoding: 'gb18030', operations: { Echo: (p) => ({ name: String(p.name) }) } })
    closers.push(() => sim12.close())
    const soap12 = new SoapClient(system('si12', soapSystem({ version: '1.2', namespace: 'urn:si', encoding: 'gb18030' }), sim12.url))
    // GB18030 covers every Unicode character, so this one survives where GBK gave '?'.
    expect(await soap12.call('Echo', { name: '𠮷野家' })).toEqual({ name: '𠮷野家' })
  })

  it('a reply with a DTD is refused as a bad response, not parsed', async () => {
    const url = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' })
      res.end('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Envelope><Body><R>&e;</R></Body></Envelope>')
    })
    const soap = new SoapClient(system('evil', soapSystem({ namespace: 'urn:x' }), url))
    expect(await caught(soap.call('Q', {}))).toMatchObject({ kind: 'bad-response', message: expect.stringContaining('DTD') })
  })

  it('an HTML error page from a crashed app server is "unavailable" (through the fault proxy)', async () => {
    const real = await startSoapSimulator({ namespace: 'urn:x', operations: { Q: () => ({ ok: '1' }) } })
    closers.push(() => real.close())
    const proxy = await startFaultProxy(real.url)
    closers.push(() => proxy.close())
    const soap = new SoapClient(system('px', soapSystem({ namespace: 'urn:x', retries: 0, timeoutMs: 300 }), proxy.url))
    expect(await soap.call('Q', {})).toEqual({ ok: '1' })
    proxy.setFault('error')
    expect((await caught(soap.call('Q', {}))).kind).toBe('unavailable')
    proxy.setFault('down')
    expect((await caught(soap.call('Q', {}))).kind).toBe('unavailable')
    proxy.setFault('slow', { slowMs: 1000 })
    expect((await caught(soap.call('Q', {}))).kind).toBe('timeout')
    proxy.setFault('none')
    expect(await soap.call('Q', {})).toEqual({ ok: '1' })
  })
})

describe('HTML form client in GBK / GB18030', () => {
  it('posts fields encoded in GBK and reads a GBK result page with cheerio', async () => {
    let received: Record<string, string> = {}
    let rawBody = ''
    const url = await server((req, res) => {
      const chunks: Buffer[] = []
      req.on('data', (d: Buffer) => chunks.push(d))
      req.on('end', () => {
        rawBody = Buffer.concat(chunks).toString('latin1')
        received = decodeForm(rawBody, 'gbk')
        // The page declares its charset only in a meta tag, as old systems do.
        const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><table id="result"><tr><td class="name">${received.xm}</td><td class="status">公积金正常缴存</td></tr></table></body></html>`
        res.writeHead(200, { 'content-type': 'text/html' })
        res.end(iconv.encode(html, 'gbk'))
      })
    })
    const form = new FormClient(system('housing', formSystem({ encoding: 'gbk' }), url))
    const page = await form.submit('/query.do', { xm: '张三', sfzh: '130602199003071230', note: 'a b&c=d' })
    expect(rawBody).toContain('xm=%D5%C5%C8%FD') // 张三 in GBK
    expect(received).toEqual({ xm: '张三', sfzh: '130602199003071230', note: 'a b&c=d' })
    expect(page.text('#result .name')).toBe('张三')
    expect(page.text('#result .status')).toBe('公积金正常缴存')
    expect(page.$('td').length).toBe(2)
  })

  it('encodes and decodes GB18030 four-byte characters', () => {
    const body = encodeForm({ name: '𠮷' }, 'gb18030')
    // Four bytes; the ones that are ASCII digits stay literal, as a browser sends them.
    const bytes = [...iconv.encode('𠮷', 'gb18030')]
    expect(bytes).toHaveLength(4)
    expect(body).toBe(`name=${bytes.map((b) => (b >= 0x30 && b <= 0x39 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase()}`)).join('')}`)
    expect(decodeForm(body, 'gb18030')).toEqual({ name: '𠮷' })
  })
})
