// Helpers shared by the benchmark scripts: run a command several times and
// record wall time and peak memory (GNU time's max RSS when available, else
// a preload that reports the child's own process.resourceUsage()).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

export const REPO = fileURLToPath(new URL('../..', import.meta.url))
const RSS_PRELOAD = fileURLToPath(new URL('./_rss.mjs', import.meta.url))

/** Run `node args…` once; returns { ms, rssMB, status, stdout }. */
export function runNode(args, { cwd = REPO, env = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'yj-bench-'))
  const rssFile = join(dir, 'rss')
  const started = process.hrtime.bigint()
  const r = spawnSync(process.execPath, ['--import', RSS_PRELOAD, ...args], {
    cwd,
    env: { ...process.env, ...env, YJ_BENCH_RSS_FILE: rssFile },
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  const rssMB = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : NaN
  rmSync(dir, { recursive: true, force: true })
  return { ms, rssMB, status: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Run without any preload: the plain cost of starting a process. */
export function timeNode(args, { cwd = REPO } = {}) {
  const started = process.hrtime.bigint()
  const r = spawnSync(process.execPath, args, { cwd, encoding: 'utf8' })
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: r.status, stdout: r.stdout }
}

export function median(values) {
  const s = [...values].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Print one result row as a line `BENCH {json}` for run.mjs to collect. */
export function emit(row) {
  console.log(`BENCH ${JSON.stringify(row)}`)
}
