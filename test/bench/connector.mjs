// Connector throughput on loopback, 50 connections (autocannon):
//   (a) the legacy REST stub directly
//   (b) nginx as a reverse proxy to it: the peer
//   (c) a minimal fastify + undici proxy: the Node floor
//   (d) our adapter: signature check (HMAC-SHA256, nonce replay guard), cached
//       identity, input validation, legacy call, mapping, masking, envelope, audit log line
// Targets: (d) ≥ 50% of (b) and ≥ 80% of (c) in requests/s, p99 ≤ 25 ms,
// zero errors, memory flat over a 60 s run (live heap after GC, beyond the
// replay guard's nonces, which it must keep for their TTL). nginx is installed from apt when
// missing; a row says so when it still cannot run.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import autocannon from 'autocannon'
import { startMockPlatform } from '@yingjie/connector'
import { signRequest } from '@yingjie/spec'
import { emit } from './_measure.mjs'

const here = fileURLToPath(new URL('.', import.meta.url))
const SERVERS = join(here, '_connector-servers.mjs')
const CONNECTIONS = 50
const SHORT = Number(process.env.YJ_BENCH_SECONDS ?? 10)
const LONG = Number(process.env.YJ_BENCH_LONG_SECONDS ?? 60)
const work = mkdtempSync(join(tmpdir(), 'yj-bench-connector-'))
const children = []

function startServer(args, env = {}, nodeArgs = []) {
  const child = spawn(process.execPath, [...nodeArgs, SERVERS, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d
      const m = /READY (\d+)/.exec(out)
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` })
    })
    child.on('exit', (code) => reject(new Error(`${args[0]} exited with ${code}`)))
  })
}

/** Ask a server child for its CPU time and live heap after a full GC. */
function probe(child) {
  return new Promise((resolve) => {
    const onData = (d) => {
      const m = /CPU (\d+) ms HEAP ([\d.]+) MB RSS ([\d.]+) MB/.exec(String(d))
      if (!m) return
      child.stdout.off('data', onData)
      resolve({ cpuMs: Number(m[1]), heapMB: Number(m[2]), rssMB: Number(m[3]) })
    }
    child.stdout.on('data', onData)
    child.kill('SIGUSR2')
  })
}

function rssMB(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : NaN
  } catch {
    return NaN
  }
}

function ensureNginx() {
  const has = () => spawnSync('sh', ['-c', 'command -v nginx || test -x /usr/sbin/nginx'], { encoding: 'utf8' }).status === 0
  if (has()) return undefined
  console.log('nginx missing: apt-get install -y nginx')
  spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx'], { stdio: 'inherit' })
  return has() ? undefined : 'nginx is not installed and apt-get could not install it'
}

async function startNginx(stubUrl) {
  const why = ensureNginx()
  if (why) return { why }
  const port = await freePort()
  const dir = join(work, 'nginx')
  spawnSync('mkdir', ['-p', join(dir, 'logs'), join(dir, 'tmp')])
  const conf = join(dir, 'nginx.conf')
  // One worker: the Node processes it is compared with use one core each.
  writeFileSync(
    conf,
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  upstream stub { server ${new URL(stubUrl).host}; keepalive 64; }
  server {
    listen 127.0.0.1:${port};
    location / { proxy_pass http://stub; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
`,
  )
  const bin = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx'
  const child = spawn(bin, ['-c', conf, '-p', dir, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] })
  children.push(child)
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${url}/record`)
      return { child, url }
    } catch {
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  return { why: 'nginx did not start (see its error log)' }
}

async function freePort() {
  const { createServer } = await import('node:net')
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

function load(options) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, pipelining: 1, ...options }, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

function summary(name, r) {
  const errors = r.errors + r.timeouts + r.non2xx
  console.log(`${name.padEnd(44)} ${r.requests.average.toFixed(0).padStart(7)} req/s  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  errors ${errors}`)
  return { rps: r.requests.average, p99: r.latency.p99, errors, total: r.requests.total }
}

try {
  const stub = await startServer(['stub'])
  const body = '{"year":2024}'

  // (a) the stub itself
  await load({ url: `${stub.url}/record?id=1`, duration: 2 })
  const a = summary('(a) legacy stub, direct', await load({ url: `${stub.url}/record?id=1`, duration: SHORT }))

  // (b) nginx → stub
  const nginx = await startNginx(stub.url)
  let b
  if (nginx.why) {
    console.log(`(b) nginx: cannot run: ${nginx.why}`)
  } else {
    await load({ url: `${nginx.url}/record?id=1`, duration: 2 })
    b = summary('(b) nginx reverse proxy → stub', await load({ url: `${nginx.url}/record?id=1`, duration: SHORT }))
    nginx.child.kill('SIGTERM')
  }

  // The gateway signs every request with a fresh nonce and timestamp. (c) gets the same stream
  // (it ignores the headers), so the load generator does the same work for (c) and (d).
  const mock = await startMockPlatform({ profile: 'hebei-jishiban' })
  const signer = (path) => (req) => ({
    ...req,
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json', ...signRequest(mock.profile, { method: 'POST', url: path, body }, mock.gatewayKeys).headers },
    body,
  })

  // (c) fastify + undici → stub
  const proxy = await startServer(['proxy', stub.url])
  const proxySign = signer('/api/queryRecord?accessLink=abc')
  await load({ url: proxy.url, requests: [{ setupRequest: proxySign }], duration: 2 })
  const cBefore = await probe(proxy.child)
  const c = summary('(c) fastify + undici proxy → stub', await load({ url: proxy.url, requests: [{ setupRequest: proxySign }], duration: SHORT }))
  const cCpu = (((await probe(proxy.child)).cpuMs - cBefore.cpuMs) * 1000) / c.total
  proxy.child.kill('SIGTERM')

  // (d) the adapter, identity from the mock platform (exchanged once, then cached)
  const logFile = join(work, 'audit.log')
  const adapter = await startServer(['adapter', stub.url, logFile], mock.adapterEnv(), ['--expose-gc'])
  const { credential } = mock.issueCredential('zhangsan')
  const path = `/api/queryRecord?accessLink=${encodeURIComponent(credential)}`
  const sign = signer(path)
  const first = await fetch(`${adapter.url}${path}`, sign({}))
  if (first.status !== 200) throw new Error(`adapter answered ${first.status}: ${await first.text()}`)
  await load({ url: adapter.url, requests: [{ setupRequest: sign }], duration: 2 })
  // Live heap after a full GC a third and at the end of the run; RSS every 5 s for the record.
  const rss = []
  const sampler = setInterval(() => rss.push(rssMB(adapter.child.pid)), 5000)
  let early
  const earlyTimer = setTimeout(async () => (early = await probe(adapter.child)), (LONG / 3) * 1000)
  const started = await probe(adapter.child)
  const d = summary('(d) adapter (sign, identity, map, envelope)', await load({ url: adapter.url, requests: [{ setupRequest: sign }], duration: LONG }))
  clearInterval(sampler)
  clearTimeout(earlyTimer)
  const late = await probe(adapter.child)
  const metrics = await (await fetch(`${adapter.url}/metrics`)).text()
  const nonces = Number(/yingjie_nonce_store_entries (\d+)/.exec(metrics)?.[1] ?? NaN)
  adapter.child.kill('SIGTERM')
  await mock.close()
  const logLines = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').length - 1 : 0
  const cpuPerRequest = ((late.cpuMs - started.cpuMs) * 1000) / d.total
  console.log(`adapter RSS every 5 s (MB): ${rss.map((x) => x.toFixed(0)).join(' ')}`)
  console.log(`CPU per request: adapter ${cpuPerRequest.toFixed(0)} µs, floor ${cCpu.toFixed(0)} µs (${(cpuPerRequest / cCpu).toFixed(2)}×); audit log ${logLines} lines, ${(statSync(logFile).size / 1e6).toFixed(1)} MB`)

  // Memory: the replay guard remembers every nonce for its TTL (300 s), so it grows by design
  // (~150 B a nonce); flat means the live heap after GC grows by no more than that.
  const from = early ?? started
  const addedNonces = nonces * (2 / 3)
  const allowance = (addedNonces * 150) / 1048576 + 4
  const growth = late.heapMB - from.heapMB
  console.log(`live heap after GC: ${started.heapMB} MB at the start, ${from.heapMB} MB at ${LONG / 3} s, ${late.heapMB} MB at ${LONG} s (+${growth.toFixed(1)} MB); nonces held at the end ${nonces}, allowance ${allowance.toFixed(1)} MB`)

  emit({ figure: '(a) legacy stub direct, req/s (50 conn)', ours: a.rps, peer: NaN, peerName: '-', ratio: NaN, target: 'reference', met: a.errors === 0 })
  emit(
    b
      ? { figure: '(b) nginx → stub, req/s', ours: b.rps, peer: a.rps, peerName: 'stub direct', ratio: b.rps / a.rps, target: 'peer', met: b.errors === 0 }
      : { figure: '(b) nginx → stub, req/s', ours: NaN, peer: NaN, peerName: '-', ratio: NaN, target: 'peer', met: false, error: 'nginx cannot run here' },
  )
  emit({ figure: '(c) fastify + undici proxy, req/s', ours: c.rps, peer: a.rps, peerName: 'stub direct', ratio: c.rps / a.rps, target: 'Node floor', met: c.errors === 0 })
  emit(
    b
      ? { figure: `(d) adapter, req/s (${LONG} s)`, ours: d.rps, peer: b.rps, peerName: 'nginx (b)', ratio: d.rps / b.rps, target: '≥ 0.5× nginx', met: d.rps / b.rps >= 0.5 }
      : { figure: `(d) adapter, req/s (${LONG} s)`, ours: d.rps, peer: NaN, peerName: 'nginx (b)', ratio: NaN, target: '≥ 0.5× nginx', met: false, error: 'no nginx to compare with' },
  )
  emit({ figure: '(d) adapter vs fastify + undici, req/s', ours: d.rps, peer: c.rps, peerName: 'floor (c)', ratio: d.rps / c.rps, target: '≥ 0.8× floor', met: d.rps / c.rps >= 0.8 })
  emit({ figure: '(d) adapter p99 latency, ms', ours: d.p99, peer: c.p99, peerName: 'floor (c) p99', ratio: d.p99 / c.p99, target: '≤ 25 ms', met: d.p99 <= 25 })
  emit({ figure: '(d) adapter CPU per request, µs', ours: cpuPerRequest, peer: cCpu, peerName: 'floor (c)', ratio: cpuPerRequest / cCpu, target: 'reported', met: true })
  emit({ figure: '(d) adapter errors (non-2xx, timeouts)', ours: d.errors, peer: 0, peerName: '-', ratio: NaN, target: '0', met: d.errors === 0 })
  emit({ figure: `(d) adapter live heap growth after GC, last ${(2 * LONG) / 3} s, MB`, ours: growth, peer: allowance, peerName: 'nonces + 4 MB', ratio: NaN, target: '≤ nonce store growth + 4 MB', met: growth <= allowance })
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  rmSync(work, { recursive: true, force: true })
}
