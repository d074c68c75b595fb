// Connector throughput on loopback, 50 connections (autocannon):
//   (a) the legacy REST stub directly
//   (b) nginx as a reverse proxy to it: the peer
//   (c) a minimal fastify + undici proxy: the Node floor
//   (d) our adapter: signature check (HMAC-SHA256, nonce replay guard), cached
//       identity, input validation, legacy call, mapping, masking, envelope, audit log line
// Targets: (d) ≥ 50% of (b) and ≥ 80% of (c) in requests/s, p99 ≤ 25 ms,
// zero errors, RSS flat over a 60 s run. nginx is installed from apt when
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

function startServer(args, env = {}) {
  const child = spawn(process.execPath, [SERVERS, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] })
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
  return { rps: r.requests.average, p99: r.latency.p99, errors }
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

  // (c) fastify + undici → stub
  const proxy = await startServer(['proxy', stub.url])
  const proxyOpts = { url: `${proxy.url}/api/queryRecord?accessLink=abc`, method: 'POST', headers: { 'content-type': 'application/json' }, body }
  await load({ ...proxyOpts, duration: 2 })
  const c = summary('(c) fastify + undici proxy → stub', await load({ ...proxyOpts, duration: SHORT }))
  proxy.child.kill('SIGTERM')

  // (d) the adapter, signed by the gateway, identity from the mock platform (cached after the first call)
  const mock = await startMockPlatform({ profile: 'hebei-jishiban' })
  const logFile = join(work, 'audit.log')
  const adapter = await startServer(['adapter', stub.url, logFile], mock.adapterEnv())
  const { credential } = mock.issueCredential('zhangsan')
  const path = `/api/queryRecord?accessLink=${encodeURIComponent(credential)}`
  const profile = mock.profile
  const sign = (req) => {
    // Every request carries a fresh nonce and timestamp, as the gateway's do.
    const headers = { 'content-type': 'application/json', ...signRequest(profile, { method: 'POST', url: path, body }, mock.gatewayKeys).headers }
    return { ...req, method: 'POST', path, headers, body }
  }
  const first = await fetch(`${adapter.url}${path}`, sign({}))
  if (first.status !== 200) throw new Error(`adapter answered ${first.status}: ${await first.text()}`)
  await load({ url: adapter.url, requests: [{ setupRequest: sign }], duration: 2 })
  const samples = []
  const sampler = setInterval(() => samples.push({ t: samples.length * 5, rss: rssMB(adapter.child.pid) }), 5000)
  const rssStart = rssMB(adapter.child.pid)
  const d = summary('(d) adapter (sign, identity, map, envelope)', await load({ url: adapter.url, requests: [{ setupRequest: sign }], duration: LONG }))
  clearInterval(sampler)
  const metrics = await (await fetch(`${adapter.url}/metrics`)).text()
  const nonces = Number(/yingjie_nonce_store_entries (\d+)/.exec(metrics)?.[1] ?? NaN)
  adapter.child.kill('SIGTERM')
  await mock.close()
  const logLines = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').length - 1 : 0
  console.log(`adapter RSS every 5 s (MB): ${[rssStart, ...samples.map((s) => s.rss)].map((x) => x.toFixed(0)).join(' ')}`)
  console.log(`nonces held by the replay guard at the end: ${nonces}; audit log ${logLines} lines, ${(statSync(logFile).size / 1e6).toFixed(1)} MB`)

  // Memory: the replay guard must remember every nonce for its TTL (300 s), so it grows by design;
  // flat means no growth beyond that, judged over the second half of the run.
  const mid = samples[Math.floor(samples.length / 2)]?.rss ?? NaN
  const end = samples[samples.length - 1]?.rss ?? NaN
  const nonceMB = (nonces * 120) / 1024 / 1024 / 2 // about half the entries arrived in the second half, ~120 B each
  const growth = end - mid
  console.log(`RSS second half: ${mid.toFixed(0)} → ${end.toFixed(0)} MB (+${growth.toFixed(1)} MB; the nonces added in that time account for ~${nonceMB.toFixed(1)} MB)`)

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
  emit({ figure: '(d) adapter errors (non-2xx, timeouts)', ours: d.errors, peer: 0, peerName: '-', ratio: NaN, target: '0', met: d.errors === 0 })
  emit({ figure: '(d) adapter RSS growth, second half of the run, MB', ours: growth, peer: nonceMB, peerName: 'nonces added', ratio: NaN, target: '≤ nonces + 16 MB', met: growth <= nonceMB + 16 })
} finally {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  rmSync(work, { recursive: true, force: true })
}
