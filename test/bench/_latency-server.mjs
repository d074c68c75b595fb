// The benchmark's web server for scan-web: /u/N answers after a latency fixed
// by N (mean about 50 ms; 5% take 1 s; 2% never answer), /links.html links
// every URL (for linkinator), /_stats says how many requests came and the
// most in flight at once since the last /_stats; anything else is 404.
// Prints "PORT <n>".
import { createServer } from 'node:http'

const COUNT = Number(process.argv[2] ?? 5000)

/** Deterministic fraction in [0, 1) from an integer and a salt. */
function unit(n, salt) {
  let h = (n * 2654435761 + salt * 40503) >>> 0
  h = (h ^ (h >>> 16)) >>> 0
  h = Math.imul(h, 0x45d9f3b) >>> 0
  h = (h ^ (h >>> 16)) >>> 0
  return h / 2 ** 32
}

/** Latency of URL n in ms, or Infinity for one that hangs. */
export function latencyOf(n) {
  const u = unit(n, 1)
  if (u < 0.02) return Number.POSITIVE_INFINITY
  if (u < 0.07) return 1000
  return Math.floor(unit(n, 2) * 100) // uniform 0–99 ms: mean ≈ 50
}

const page = (n) => `<!doctype html><html><head><meta charset="utf-8"><title>便民服务 ${n}</title></head><body><h1>便民服务 ${n}</h1><p>${'政务服务事项办理指南。'.repeat(20)}</p></body></html>`

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  // Requests in flight, to show how many each tool really had open at once.
  let inFlight = 0
  let maxInFlight = 0
  let requests = 0
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path === '/_stats') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ requests, maxInFlight }))
      requests = 0
      maxInFlight = 0
      return
    }
    requests++
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    res.on('close', () => inFlight--)
    if (path === '/links.html') {
      const origin = `http://127.0.0.1:${server.address().port}`
      const links = Array.from({ length: COUNT }, (_, i) => `<a href="${origin}/u/${i + 1}">${i + 1}</a>`).join('\n')
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      return res.end(`<!doctype html><html><head><title>links</title></head><body>${links}</body></html>`)
    }
    const m = /^\/u\/(\d+)$/.exec(path)
    if (!m) {
      res.writeHead(404, { 'content-type': 'text/plain' })
      return res.end('not found')
    }
    const delay = latencyOf(Number(m[1]))
    if (!Number.isFinite(delay)) return // hangs until the client gives up
    setTimeout(() => {
      const body = Buffer.from(page(m[1]))
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length })
      res.end(req.method === 'HEAD' ? undefined : body)
    }, delay)
  })
  server.keepAliveTimeout = 30_000
  server.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`))
}
