// Target (issue 7): `yingjie inventory scan web` probing 5,000 URLs on a
// loopback server that adds latency (mean 50 ms, 5% slow at 1 s, 2% hanging
// until the timeout) takes at most 1.5× the wall time of curl --parallel (the
// floor), is at least 2× faster than linkinator 7.6.1, all at concurrency 32
// with a 2 s timeout (linkinator's timeout also runs while a request waits in
// its queue; when 2 s makes it give up on live links, both it and we run again
// at 10 s), and peaks at no more than 300 MB. CPU seconds are printed too:
// on a busy machine they say more than wall time.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { emit, REPO, runNode } from './_measure.mjs'
import { latencyOf } from './_latency-server.mjs'

const COUNT = 5000
const CONCURRENCY = 32
const TIMEOUT_MS = 2000
/** linkinator's timeout when 2 s makes it give up on links that would have answered. */
const LINKINATOR_FALLBACK_TIMEOUT_MS = 10_000
const HOST = 'bench.invalid'
const LINKINATOR = '7.6.1'
const here = fileURLToPath(new URL('.', import.meta.url))

const expectedHang = Array.from({ length: COUNT }, (_, i) => latencyOf(i + 1)).filter((d) => !Number.isFinite(d)).length
const expectedSlow = Array.from({ length: COUNT }, (_, i) => latencyOf(i + 1)).filter((d) => d === 1000).length

function startServer() {
  const child = spawn(process.execPath, [join(here, '_latency-server.mjs'), String(COUNT)], { stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout.setEncoding('utf8').on('data', (d) => {
      out += d
      const m = /PORT (\d+)/.exec(out)
      if (m) resolve({ port: Number(m[1]), stop: () => child.kill('SIGKILL') })
    })
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`latency server exited (${code})`)))
  })
}

function inventory(dir) {
  const head = `apiVersion: yingjie/v1
kind: Region
metadata: { id: bench, name: 基准市 }
spec: { province: 河北省, city: 保定市, regionCode: "130600", platform: hebei-jishiban }
---
apiVersion: yingjie/v1
kind: Organization
metadata: { id: bench-org, name: 基准局 }
spec: { uscc: "11130600000372154H", level: city, regionCode: "130600" }
`
  const channels = Array.from(
    { length: COUNT },
    (_, i) => `---
apiVersion: yingjie/v1
kind: Channel
metadata: { id: bench-h5-${i + 1}, name: 便民服务 ${i + 1}, owner: bench-org }
spec: { type: h5, identifiers: { h5Url: "http://${HOST}/u/${i + 1}" }, decision: retire }
`,
  )
  writeFileSync(join(dir, 'inventory.yaml'), head + channels.join(''))
}

function wall(fn) {
  const started = process.hrtime.bigint()
  const r = fn()
  return { ...r, ms: Number(process.hrtime.bigint() - started) / 1e6 }
}

const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined

/**
 * Run a command for its wall time and, with GNU time, its CPU seconds and
 * peak memory: on a busy machine CPU seconds say more than wall time.
 */
function timed(cmd, args, options = {}) {
  if (!GNU_TIME) return { ...wall(() => spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options })), cpu: Number.NaN, rssMB: Number.NaN }
  const r = wall(() => spawnSync(GNU_TIME, ['-f', 'YJTIME %U %S %M', cmd, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options }))
  const line = r.stderr.split('\n').find((l) => l.startsWith('YJTIME ')) ?? ''
  const [user, sys, kb] = line.split(' ').slice(1).map(Number)
  return { ...r, cpu: user + sys, rssMB: kb / 1024 }
}

/** curl from apt when missing; undefined when it cannot be had. */
function findCurl() {
  const has = () => spawnSync('curl', ['--version'], { encoding: 'utf8' }).status === 0
  if (!has()) {
    console.log('curl missing; installing it with apt-get')
    spawnSync('apt-get', ['install', '-y', 'curl'], { stdio: 'inherit' })
  }
  if (!has()) return undefined
  const v = spawnSync('curl', ['--help', 'all'], { encoding: 'utf8' }).stdout
  return v.includes('--parallel-max') ? 'curl' : undefined
}

/** linkinator 7.6.1 in a cache folder, installed with npm on first use. */
function findLinkinator() {
  const dir = join(tmpdir(), `yingjie-bench-linkinator-${LINKINATOR}`)
  const cli = join(dir, 'node_modules', 'linkinator', 'build', 'src', 'cli.js')
  if (!existsSync(cli)) {
    mkdirSync(dir, { recursive: true })
    console.log(`installing linkinator@${LINKINATOR} into ${dir}`)
    const r = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--prefix', dir, `linkinator@${LINKINATOR}`], { stdio: 'inherit' })
    if (r.status !== 0) return undefined
  }
  return existsSync(cli) ? cli : undefined
}

const work = mkdtempSync(join(tmpdir(), 'yj-scan-web-'))
const server = await startServer()
const cpu = (r) => (Number.isFinite(r.cpu) ? `  cpu ${r.cpu.toFixed(1)} s` : '')

/** Requests the server saw since the last call, and the most in flight at once. */
async function serverStats() {
  // A fresh connection each time: a kept-alive one may have been closed during a long run.
  const body = await new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port: server.port, path: '/_stats', agent: false }, (res) => {
      let text = ''
      res.setEncoding('utf8').on('data', (d) => (text += d))
      res.on('end', () => resolve(text))
    }).on('error', reject)
  })
  const s = JSON.parse(body)
  lastMaxInFlight = s.maxInFlight
  return `  server: ${s.requests} requests, at most ${s.maxInFlight} in flight`
}
let lastMaxInFlight = 0

/** The real command on a 5,000-channel inventory, probing only. */
async function runOurs(timeoutMs) {
  const bin = join(REPO, 'packages', 'cli', 'dist', 'bin.js')
  const outFile = join(work, 'results.json')
  const args = [bin, 'inventory', 'scan', 'web', work, '--no-discover', '--resolve', `${HOST}=127.0.0.1:${server.port}`, '--concurrency', String(CONCURRENCY), '--per-host', String(CONCURRENCY), '--rate', '0', '--retries', '0', '--timeout', String(timeoutMs), '--format', 'json', '--out', outFile]
  const r = GNU_TIME ? timed(process.execPath, args) : { ...runNode(args), cpu: Number.NaN }
  if (r.status !== 0) throw new Error(`yingjie inventory scan web failed (${r.status}):\n${r.stderr.slice(0, 2000)}`)
  const result = JSON.parse(readFileSync(outFile, 'utf8'))
  const by = result.summary.byClassification
  console.log(`yingjie     ${r.ms.toFixed(0).padStart(6)} ms${cpu(r)}  peak ${r.rssMB.toFixed(0)} MB  ok ${by.ok ?? 0}, timeout ${by.timeout ?? 0}  (timeout ${timeoutMs} ms)${await serverStats()}`)
  if (result.summary.probes !== COUNT || (by.timeout ?? 0) !== expectedHang) throw new Error(`unexpected result: ${JSON.stringify(by)}`)
  return r
}

/** linkinator on a page that links the same URLs; `invalid` says why its time is not for the same work. */
async function runLinkinator(cli, timeoutMs) {
  const r = timed(process.execPath, [cli, `http://127.0.0.1:${server.port}/links.html`, '--concurrency', String(CONCURRENCY), '--timeout', String(timeoutMs), '--format', 'json'])
  // linkinator exits 1 when it finds broken links (the hanging ones). Its JSON on a pipe can come
  // out cut short, so the states are counted rather than parsed.
  const ok = (r.stdout.match(/"state": "OK"/g) ?? []).length
  const broken = (r.stdout.match(/"state": "BROKEN"/g) ?? []).length
  const cut = ok + broken < COUNT + 1 ? ` (output cut short after ${ok + broken} links)` : ''
  console.log(`linkinator  ${r.ms.toFixed(0).padStart(6)} ms${cpu(r)}  peak ${r.rssMB.toFixed(0)} MB  ok ${ok}, broken ${broken}${cut}, exit ${r.status}  (timeout ${timeoutMs} ms)${await serverStats()}`)
  // About 2% of the URLs hang; far more broken links means it gave up on links that would have answered.
  const invalid = broken > 0.1 * (ok + broken) ? `linkinator reported ${broken} of ${ok + broken} links broken at ${timeoutMs} ms (expected ${expectedHang} of ${COUNT})` : undefined
  return { ...r, invalid, maxInFlight: lastMaxInFlight }
}

try {
  inventory(work)
  const rows = []
  console.log(`${COUNT} URLs on 127.0.0.1:${server.port}: ${expectedSlow} slow (1 s), ${expectedHang} hanging; concurrency ${CONCURRENCY}, no retries`)

  await serverStats() // reset
  const ours = await runOurs(TIMEOUT_MS)

  // Floor: curl --parallel over the same URLs, pinned to the same address.
  const curl = findCurl()
  let curlMs = Number.NaN
  if (curl) {
    const config = join(work, 'curl.txt')
    writeFileSync(config, Array.from({ length: COUNT }, (_, i) => `url = "http://${HOST}/u/${i + 1}"\noutput = "/dev/null"\n`).join(''))
    const r = timed(curl, ['--parallel', '--parallel-max', String(CONCURRENCY), '--connect-to', `::127.0.0.1:${server.port}`, '--max-time', String(TIMEOUT_MS / 1000), '-s', '-w', '%{http_code}\n', '-K', config])
    const codes = r.stdout.trim().split('\n')
    curlMs = r.ms
    console.log(`curl        ${curlMs.toFixed(0).padStart(6)} ms${cpu(r)}  ok ${codes.filter((c) => c === '200').length}, timeout ${codes.filter((c) => c === '000').length}  (timeout ${TIMEOUT_MS} ms)${await serverStats()}`)
  } else console.log('curl        unavailable')

  // Peer: linkinator. Its timeout also runs while a request waits in its queue, so at 2 s it can give
  // up on links that would have answered; then both tools run again at a timeout where it does the work.
  const linkinator = findLinkinator()
  let lk
  let oursForLk = ours
  if (linkinator) {
    lk = await runLinkinator(linkinator, TIMEOUT_MS)
    if (lk.invalid) {
      const retry = await runLinkinator(linkinator, LINKINATOR_FALLBACK_TIMEOUT_MS)
      if (!retry.invalid) {
        console.log(`  (${lk.invalid}; both compared at ${LINKINATOR_FALLBACK_TIMEOUT_MS} ms)`)
        lk = retry
        oursForLk = await runOurs(LINKINATOR_FALLBACK_TIMEOUT_MS)
      } else lk = retry
    }
  } else console.log('linkinator  unavailable')

  const vsCurl = ours.ms / curlMs
  const vsLk = lk ? oursForLk.ms / lk.ms : Number.NaN
  console.log(`ratios: yingjie / curl ${Number.isFinite(vsCurl) ? vsCurl.toFixed(2) : '-'}× (target ≤ 1.5×); yingjie / linkinator ${Number.isFinite(vsLk) ? vsLk.toFixed(2) : '-'}× (target ≤ 0.5×, i.e. 2× faster); peak ${ours.rssMB.toFixed(0)} MB (target ≤ 300 MB)`)
  rows.push({ figure: `scan web, ${COUNT} URLs, wall ms`, ours: ours.ms, peer: curlMs, peerName: `curl --parallel-max ${CONCURRENCY}, ${TIMEOUT_MS} ms`, ratio: vsCurl, target: '≤ 1.5× peer', met: vsCurl <= 1.5, ...(curl ? {} : { error: 'curl unavailable' }) })
  const lkTimeout = lk && oursForLk !== ours ? LINKINATOR_FALLBACK_TIMEOUT_MS : TIMEOUT_MS
  rows.push({
    figure: `scan web, ${COUNT} URLs, wall ms`,
    ours: oursForLk.ms,
    peer: lk?.ms ?? Number.NaN,
    peerName: `linkinator ${LINKINATOR} --concurrency ${CONCURRENCY}, ${lkTimeout} ms`,
    ratio: vsLk,
    target: '≤ 0.5× peer',
    met: vsLk <= 0.5 && !lk?.invalid,
    ...(!linkinator ? { error: 'linkinator unavailable' } : lk?.invalid ? { error: lk.invalid } : {}),
  })
  // linkinator's --concurrency does not bound its requests in flight; say so when it did not.
  if (lk && !lk.invalid && lk.maxInFlight > CONCURRENCY) {
    rows[1] = { ...rows[1], error: `linkinator had up to ${lk.maxInFlight} requests in flight despite --concurrency ${CONCURRENCY}` }
    console.log(`  (linkinator had up to ${lk.maxInFlight} requests in flight despite --concurrency ${CONCURRENCY}: not the same concurrency)`)
  }
  rows.push({ figure: `scan web, ${COUNT} URLs, peak MB`, ours: ours.rssMB, peer: Number.NaN, peerName: '-', ratio: Number.NaN, target: '≤ 300 MB', met: ours.rssMB <= 300 })
  for (const row of rows) emit(row)
} finally {
  server.stop()
  rmSync(work, { recursive: true, force: true })
}
