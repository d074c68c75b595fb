// `yingjie --version` must cost at most 3× `node -e 0`: commands load lazily.
import { join } from 'node:path'
import { emit, median, REPO, timeNode } from './_measure.mjs'

const RUNS = 21
const bin = join(REPO, 'packages', 'cli', 'dist', 'bin.js')
const floor = []
const ours = []
// Interleave so both see the same machine state.
for (let i = 0; i < RUNS; i++) {
  floor.push(timeNode(['-e', '0']).ms)
  const r = timeNode([bin, '--version'])
  if (r.status !== 0) throw new Error(`yingjie --version failed (${r.status})`)
  ours.push(r.ms)
}
const f = median(floor)
const o = median(ours)
console.log(`node -e 0          median ${f.toFixed(1)} ms over ${RUNS} runs`)
console.log(`yingjie --version  median ${o.toFixed(1)} ms over ${RUNS} runs`)
console.log(`ratio ${(o / f).toFixed(2)}× (target ≤ 3×)`)
emit({ figure: 'yingjie --version (median ms)', ours: o, peer: f, peerName: 'node -e 0', ratio: o / f, target: '≤ 3× peer', met: o / f <= 3 })
