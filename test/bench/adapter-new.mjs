// Generating an adapter must take under 1 s, from typing the command to the
// files on disk: `yingjie adapter new` with a template's defaults, and from an
// Interface of the Baoding sample (which also reads the inventory). Each run
// writes into a fresh folder; the floor is the CLI starting at all. CPU time
// is printed beside wall time: on a busy machine the wall clock mostly
// measures the neighbours.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { emit, median, REPO, timeNode } from './_measure.mjs'

const RUNS = 7
const bin = join(REPO, 'packages', 'cli', 'dist', 'bin.js')
const sample = join(REPO, 'inventories', 'baoding')
const cpuPreload = fileURLToPath(new URL('./_cpu.mjs', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'yj-bench-adapter-'))
const cases = [
  { figure: 'adapter new rest-json, defaults (median ms)', args: (dir) => ['adapter', 'new', dir, '--template', 'rest-json', '--yes'] },
  { figure: 'adapter new --interface (SOAP Interface of the sample; median ms)', args: (dir) => ['adapter', 'new', dir, '--interface', 'bd-gjj-hx-soap', '--inventory', sample, '--yes'] },
]

function run(args, cpuFile) {
  const started = process.hrtime.bigint()
  const r = spawnSync(process.execPath, ['--import', cpuPreload, bin, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, YJ_BENCH_CPU_FILE: cpuFile } })
  const ms = Number(process.hrtime.bigint() - started) / 1e6
  if (r.status !== 0) throw new Error(`yingjie ${args.join(' ')}: exit ${r.status}\n${r.stdout}${r.stderr}`)
  return { ms, cpuMs: existsSync(cpuFile) ? Number(readFileSync(cpuFile, 'utf8')) : NaN }
}

try {
  const floor = []
  const wall = cases.map(() => [])
  const cpu = cases.map(() => [])
  // Interleave so every figure sees the same machine state.
  for (let i = 0; i < RUNS; i++) {
    floor.push(timeNode([bin, '--version']).ms)
    cases.forEach((c, k) => {
      const r = run(c.args(join(work, `run-${k}-${i}`)), join(work, `cpu-${k}-${i}`))
      wall[k].push(r.ms)
      cpu[k].push(r.cpuMs)
    })
  }
  const f = median(floor)
  console.log(`yingjie --version  median ${f.toFixed(0)} ms over ${RUNS} runs`)
  cases.forEach((c, k) => {
    const o = median(wall[k])
    console.log(`${c.figure.padEnd(66)} wall ${o.toFixed(0)} ms (min ${Math.min(...wall[k]).toFixed(0)}), CPU ${median(cpu[k]).toFixed(0)} ms`)
    emit({ figure: c.figure, ours: o, peer: f, peerName: 'yingjie --version', ratio: o / f, target: '< 1000 ms', met: o < 1000 })
  })
} finally {
  rmSync(work, { recursive: true, force: true })
}
