// Target: plan + every report (terminal text, JSON, bulletin, XLSX register,
// dashboard) for a synthetic city of 10,000 channels with 100,000 stage events
// in at most 3 s and 500 MB peak; 20,000 channels in at most 2.2× the 10,000
// time. Loading the YAML is the model's loader's work (benchmarked by
// inventory-check); it is shown here, and so is the whole `yingjie cutover
// report` command end to end, as information.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { emit, median, REPO, runNode } from './_measure.mjs'
import { generateCity } from './_synthetic-cutover.mjs'

const RUNS = 3
const AS_OF = '2023-06-01'
const bin = join(REPO, 'packages/cli/dist/bin.js')
const phasesScript = join(REPO, 'test/bench/_cutover-phases.mjs')

function measure(channels) {
  const root = mkdtempSync(join(tmpdir(), 'yj-cutover-'))
  try {
    const city = join(root, 'city')
    const size = generateCity(city, channels)
    console.log(`synthetic city: ${size.channels} channels, ${size.organizations} organizations, ${size.events} events in ${size.files} files`)
    const phases = []
    const cli = []
    for (let i = 0; i < RUNS; i++) {
      const p = runNode([phasesScript, city, REPO, AS_OF])
      if (p.status !== 0) throw new Error(`phases failed: ${p.stderr}`)
      phases.push({ ...JSON.parse(p.stdout.trim().split('\n').pop()), rssMB: p.rssMB })
      const o = runNode([bin, 'cutover', 'report', city, '--as-of', AS_OF, '--out', join(root, 'out')])
      if (o.status !== 0) throw new Error(`cutover report failed (exit ${o.status}):\n${o.stdout.slice(0, 2000)}${o.stderr.slice(0, 2000)}`)
      cli.push(o)
    }
    const work = median(phases.map((p) => p.planMs + p.reportsMs))
    const r = {
      size,
      work,
      plan: median(phases.map((p) => p.planMs)),
      reports: median(phases.map((p) => p.reportsMs)),
      cpu: median(phases.map((p) => p.cpuMs)),
      load: median(phases.map((p) => p.loadMs)),
      phasesMB: Math.max(...phases.map((p) => p.rssMB)),
      cliMs: median(cli.map((o) => o.ms)),
      cliMB: Math.max(...cli.map((o) => o.rssMB)),
    }
    console.log(`  load ${r.load.toFixed(0)} ms, plan ${r.plan.toFixed(0)} ms, reports ${r.reports.toFixed(0)} ms (plan + reports ${r.work.toFixed(0)} ms wall, ${r.cpu.toFixed(0)} ms CPU), peak ${r.phasesMB.toFixed(0)} MB`)
    console.log(`  yingjie cutover report end to end ${r.cliMs.toFixed(0)} ms, peak ${r.cliMB.toFixed(0)} MB (median of ${RUNS})`)
    return r
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

const ten = measure(10_000)
const twenty = measure(20_000)
const scale = twenty.work / ten.work
console.log(`scaling 20k / 10k (plan + reports): ${scale.toFixed(2)}× (target ≤ 2.2×)`)
emit({ figure: 'cutover plan + every report, 10k channels, 100k events (median ms)', ours: ten.work, peer: ten.load, peerName: 'loading the same YAML', ratio: ten.work / ten.load, target: '≤ 3000 ms', met: ten.work <= 3000 })
emit({ figure: 'cutover report command, 10k channels (peak MB)', ours: ten.cliMB, peer: ten.phasesMB, peerName: 'in-process phases', ratio: ten.cliMB / ten.phasesMB, target: '≤ 500 MB', met: ten.cliMB <= 500 })
emit({ figure: 'cutover plan + every report, 20k channels (median ms)', ours: twenty.work, peer: ten.work, peerName: 'same, 10k channels', ratio: scale, target: '≤ 2.2× the 10k time', met: scale <= 2.2 })
emit({ figure: 'cutover plan + every report, 10k channels (CPU ms)', ours: ten.cpu, peer: ten.work, peerName: 'same, wall time', ratio: ten.cpu / ten.work, target: 'information (wall time on a shared machine)', met: true })
emit({ figure: 'yingjie cutover report end to end, 10k channels (median ms)', ours: ten.cliMs, peer: ten.load, peerName: 'loading the same YAML', ratio: ten.cliMs / ten.load, target: 'information (includes loading)', met: true })
