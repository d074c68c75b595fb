// Child-process servers for the connector benchmark, one per process so
// each has its own event loop, as in production:
//   node _connector-servers.mjs stub            the legacy REST stub (a)
//   node _connector-servers.mjs proxy STUB_URL  minimal fastify + undici Pool proxy (c)
//   node _connector-servers.mjs adapter STUB_URL LOGFILE  our adapter (d); config from the environment
// Each prints `READY <port>` when listening.
import { openSync } from 'node:fs'
import { createServer } from 'node:http'

const [mode, target, logFile] = process.argv.slice(2)
// SIGUSR2 reports the CPU time used so far (CPU per request) and, after a full
// collection when started with --expose-gc, the live heap (a leak shows there, not in RSS).
process.on('SIGUSR2', () => {
  globalThis.gc?.()
  const { user, system } = process.cpuUsage()
  const { heapUsed, rss } = process.memoryUsage()
  console.log(`CPU ${((user + system) / 1000).toFixed(0)} ms HEAP ${(heapUsed / 1048576).toFixed(1)} MB RSS ${(rss / 1048576).toFixed(1)} MB`)
})
// A normal exit on SIGTERM/SIGINT, so --cpu-prof can write its profile; CPU time used is reported on the way out.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    const { user, system } = process.cpuUsage()
    console.log(`CPU ${((user + system) / 1000).toFixed(0)} ms`)
    process.exit(0)
  })
}

const RECORD = JSON.stringify({ xm: '张三', zt: '正常参保缴费', jfys: '126', dwmc: '保定示例科技有限公司（虚构）', nd: '2024' })

if (mode === 'stub') {
  const server = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(RECORD) })
      res.end(RECORD)
    })
  })
  server.keepAliveTimeout = 60_000
  server.listen(0, '127.0.0.1', () => console.log(`READY ${server.address().port}`))
} else if (mode === 'proxy') {
  const { default: Fastify } = await import('fastify')
  const { Pool } = await import('undici')
  const pool = new Pool(target, { connections: 64, pipelining: 1 })
  const app = Fastify({ logger: false })
  app.post('/api/queryRecord', async (request, reply) => {
    const res = await pool.request({ method: 'GET', path: `/record?id=${encodeURIComponent(String(request.query.accessLink ?? ''))}` })
    const data = await res.body.json()
    return reply.send({ ok: true, data })
  })
  await app.listen({ port: 0, host: '127.0.0.1' })
  console.log(`READY ${app.server.address().port}`)
} else if (mode === 'adapter') {
  const { defineAdapter, restSystem, serve } = await import('@yingjie/connector')
  const adapter = defineAdapter({
    profile: 'hebei-jishiban',
    channel: 'bench-rsj-app',
    legacy: { records: restSystem({ concurrency: 64, timeoutMs: 5000 }) },
    operations: {
      queryRecord: {
        name: '参保查询',
        item: 'BENCH-001',
        identity: 'required',
        idempotent: true,
        input: { type: 'object', properties: { year: { type: 'integer', minimum: 1990, maximum: 2100 } }, required: ['year'], additionalProperties: false },
        handler: async ({ input, user, legacy }) => {
          const r = await legacy.records.get('/record', { id: user.idNumber, nd: input.year })
          return { name: r.xm, status: r.zt, months: Number(r.jfys), unit: r.dwmc, year: Number(r.nd) }
        },
      },
    },
  })
  const running = await serve(adapter, { port: 0, host: '127.0.0.1', legacyUrls: { records: target }, log: { destination: openSync(logFile, 'a') } })
  console.log(`READY ${running.port}`)
} else {
  throw new Error(`unknown mode ${mode}`)
}
