// Target: `yingjie inventory scan source` on a synthetic 2,000-file
// mini-program within 2× the floor (the same JS/TS files parsed by
// @babel/parser alone, in its own process) and at least 5 MB/s.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emit, median, REPO, runNode } from './_measure.mjs'
import { generateSourceProject } from './_synthetic-source.mjs'

const RUNS = 5
const root = mkdtempSync(join(tmpdir(), 'yj-source-'))
try {
  const size = generateSourceProject(root)
  const mb = size.bytes / 1024 / 1024
  console.log(`synthetic mini-program: ${size.files} files (${size.jsFiles} JS/TS), ${mb.toFixed(1)} MB`)
  const bin = join(REPO, 'packages/cli/dist/bin.js')
  const floorScript = join(REPO, 'test/bench/_parse-source-only.mjs')
  const ours = []
  const floor = []
  for (let i = 0; i < RUNS; i++) {
    const f = runNode([floorScript, root, REPO])
    if (f.status !== 0) throw new Error(`parse-only floor failed: ${f.stderr}`)
    floor.push(f)
    const o = runNode([bin, 'inventory', 'scan', 'source', root, '--format', 'json'])
    if (o.status !== 0) throw new Error(`scan failed (exit ${o.status}):\n${o.stdout.slice(0, 2000)}${o.stderr}`)
    const report = JSON.parse(o.stdout)
    if (report.summary.files.scanned !== size.files) throw new Error(`scan read ${report.summary.files.scanned} files, expected ${size.files}`)
    if (report.summary.files.unparsed !== 0) throw new Error(`scan could not parse ${report.summary.files.unparsed} files`)
    const endpoints = report.projects[0].endpoints.length
    if (endpoints < 40) throw new Error(`scan folded only ${endpoints} endpoints`)
    ours.push(o)
  }
  const oMs = median(ours.map((r) => r.ms))
  const fMs = median(floor.map((r) => r.ms))
  const rate = mb / (oMs / 1000)
  const oMB = Math.max(...ours.map((r) => r.rssMB))
  console.log(`scan source        median ${oMs.toFixed(0)} ms, ${rate.toFixed(1)} MB/s, peak ${oMB.toFixed(0)} MB (${RUNS} runs)`)
  console.log(`babel parse floor  median ${fMs.toFixed(0)} ms`)
  console.log(`ratio ${(oMs / fMs).toFixed(2)}× (target ≤ 2×); throughput target ≥ 5 MB/s`)
  emit({ figure: `scan source, ${size.files} files (median ms)`, ours: oMs, peer: fMs, peerName: '@babel/parser parse only', ratio: oMs / fMs, target: '≤ 2× peer', met: oMs / fMs <= 2 })
  emit({ figure: `scan source, ${size.files} files (MB/s)`, ours: rate, peer: 5, peerName: 'target', ratio: rate / 5, target: '≥ 5 MB/s', met: rate >= 5 })
} finally {
  rmSync(root, { recursive: true, force: true })
}
