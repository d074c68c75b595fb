// Generating an adapter must take under 1 s, from typing the command to the
// files on disk: `yingjie adapter new` with a template's defaults, and from an
// Interface of the Baoding sample (which also loads and checks the inventory).
// Each run writes into a fresh folder; the floor is the CLI starting at all.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emit, median, REPO, timeNode } from './_measure.mjs'

const RUNS = 7
const bin = join(REPO, 'packages', 'cli', 'dist', 'bin.js')
const sample = join(REPO, 'inventories', 'baoding')
const work = mkdtempSync(join(tmpdir(), 'yj-bench-adapter-'))
const cases = [
  { figure: 'adapter new rest-json, defaults (median ms)', args: (dir) => ['adapter', 'new', dir, '--template', 'rest-json', '--yes'] },
  { figure: 'adapter new --interface (soap, from the sample inventory; median ms)', args: (dir) => ['adapter', 'new', dir, '--interface', 'bd-gjj-hx-soap', '--inventory', sample, '--yes'] },
]
try {
  const floor = []
  const times = cases.map(() => [])
  // Interleave so every figure sees the same machine state.
  for (let i = 0; i < RUNS; i++) {
    floor.push(timeNode([bin, '--version']).ms)
    cases.forEach((c, k) => {
      const r = timeNode([bin, ...c.args(join(work, `run-${k}-${i}`))], { cwd: work })
      if (r.status !== 0) throw new Error(`${c.figure}: exit ${r.status}\n${r.stdout}`)
      times[k].push(r.ms)
    })
  }
  const f = median(floor)
  console.log(`yingjie --version  median ${f.toFixed(0)} ms over ${RUNS} runs`)
  cases.forEach((c, k) => {
    const o = median(times[k])
    console.log(`${c.figure.padEnd(70)} ${o.toFixed(0)} ms (min ${Math.min(...times[k]).toFixed(0)}, max ${Math.max(...times[k]).toFixed(0)})`)
    emit({ figure: c.figure, ours: o, peer: f, peerName: 'yingjie --version', ratio: o / f, target: '< 1000 ms', met: o < 1000 })
  })
} finally {
  rmSync(work, { recursive: true, force: true })
}
