// Target: `yingjie cutover report` (plan + bulletin + XLSX + dashboard + plan
// JSON) on a synthetic city of 10,000 channels with 100,000 stage events in at
// most 3 s and 500 MB; 20,000 channels in at most 2.2× the 10,000 time.
// The floor is loading the same inventory with yingjie's loader alone.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emit, median, REPO, runNode } from './_measure.mjs'
import { generateCity } from './_synthetic-cutover.mjs'

const RUNS = 3
const bin = join(REPO, 'packages/cli/dist/bin.js')
const floorScript = join(REPO, 'test/bench/_cutover-load-only.mjs')

function measure(channels) {
  const root = mkdtempSync(join(tmpdir(), 'yj-cutover-'))
  try {
    const size = generateCity(join(root, 'city'), channels)
    console.log(`synthetic city: ${size.channels} channels, ${size.organizations} organizations, ${size.events} events in ${size.files} files`)
    const ours = []
    const floor = []
    for (let i = 0; i < RUNS; i++) {
      const f = runNode([floorScript, join(root, 'city'), REPO])
      if (f.status !== 0) throw new Error(`load-only floor failed: ${f.stderr}`)
      floor.push(f)
      const o = runNode([bin, 'cutover', 'report', join(root, 'city'), '--as-of', '2023-06-01', '--out', join(root, 'out')])
      if (o.status !== 0) throw new Error(`cutover report failed (exit ${o.status}):\n${o.stdout.slice(0, 2000)}${o.stderr.slice(0, 2000)}`)
      if (!o.stdout.includes(`${size.channels}`)) throw new Error(`unexpected output:\n${o.stdout}`)
      ours.push(o)
    }
    return { size, ms: median(ours.map((r) => r.ms)), mb: Math.max(...ours.map((r) => r.rssMB)), floorMs: median(floor.map((r) => r.ms)), floorMb: Math.max(...floor.map((r) => r.rssMB)) }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

const ten = measure(10_000)
console.log(`cutover report (10k)  median ${ten.ms.toFixed(0)} ms, peak ${ten.mb.toFixed(0)} MB (${RUNS} runs)`)
console.log(`load-only floor (10k) median ${ten.floorMs.toFixed(0)} ms, peak ${ten.floorMb.toFixed(0)} MB`)
const twenty = measure(20_000)
console.log(`cutover report (20k)  median ${twenty.ms.toFixed(0)} ms, peak ${twenty.mb.toFixed(0)} MB`)
const scale = twenty.ms / ten.ms
console.log(`scaling 20k / 10k: ${scale.toFixed(2)}× (target ≤ 2.2×)`)
emit({ figure: 'cutover report, 10k channels, 100k events (median ms)', ours: ten.ms, peer: ten.floorMs, peerName: 'loadInventory only', ratio: ten.ms / ten.floorMs, target: '≤ 3000 ms', met: ten.ms <= 3000 })
emit({ figure: 'cutover report, 10k channels (peak MB)', ours: ten.mb, peer: ten.floorMb, peerName: 'loadInventory only', ratio: ten.mb / ten.floorMb, target: '≤ 500 MB', met: ten.mb <= 500 })
emit({ figure: 'cutover report, 20k channels (median ms)', ours: twenty.ms, peer: ten.ms, peerName: 'same, 10k channels', ratio: scale, target: '≤ 2.2× the 10k time', met: scale <= 2.2 })
