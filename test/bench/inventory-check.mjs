// Target: `yingjie inventory check` on a synthetic province (10,000 channels,
// 2,000 organizations, 5,000 interfaces in 300 files) within 2 s wall, 400 MB
// peak memory, and at most 2× the parse-only floor.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emit, median, REPO, runNode } from './_measure.mjs'
import { generateProvince } from './_synthetic.mjs'

const RUNS = 5
const root = mkdtempSync(join(tmpdir(), 'yj-province-'))
try {
  const size = generateProvince(root)
  console.log(`synthetic province: ${size.files} files, ${size.organizations} organizations, ${size.channels} channels, ${size.interfaces} interfaces`)
  const bin = join(REPO, 'packages/cli/dist/bin.js')
  const floorScript = join(REPO, 'test/bench/_parse-only.mjs')
  const ours = []
  const floor = []
  for (let i = 0; i < RUNS; i++) {
    const f = runNode([floorScript, root, REPO])
    if (f.status !== 0) throw new Error(`parse-only floor failed: ${f.stderr}`)
    floor.push(f)
    const o = runNode([bin, 'inventory', 'check', root, '--format', 'json'])
    if (o.status !== 0) throw new Error(`inventory check found errors in the synthetic province (exit ${o.status}):\n${o.stdout.slice(0, 2000)}${o.stderr}`)
    const out = JSON.parse(o.stdout)
    if (out.counts.Channel !== size.channels) throw new Error(`check saw ${out.counts.Channel} channels, expected ${size.channels}`)
    ours.push(o)
  }
  const oMs = median(ours.map((r) => r.ms))
  const fMs = median(floor.map((r) => r.ms))
  const oMB = Math.max(...ours.map((r) => r.rssMB))
  const fMB = Math.max(...floor.map((r) => r.rssMB))
  console.log(`inventory check   median ${oMs.toFixed(0)} ms, peak ${oMB.toFixed(0)} MB (${RUNS} runs)`)
  console.log(`parse-only floor  median ${fMs.toFixed(0)} ms, peak ${fMB.toFixed(0)} MB`)
  console.log(`ratio ${(oMs / fMs).toFixed(2)}× (target ≤ 2×); wall target ≤ 2000 ms; memory target ≤ 400 MB`)
  emit({ figure: 'inventory check, 10k channels (median ms)', ours: oMs, peer: fMs, peerName: 'yaml parseAllDocuments only', ratio: oMs / fMs, target: '≤ 2000 ms and ≤ 2× peer', met: oMs <= 2000 && oMs / fMs <= 2 })
  emit({ figure: 'inventory check, 10k channels (peak MB)', ours: oMB, peer: fMB, peerName: 'yaml parseAllDocuments only', ratio: oMB / fMB, target: '≤ 400 MB', met: oMB <= 400 })
} finally {
  rmSync(root, { recursive: true, force: true })
}
