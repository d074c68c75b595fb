// In-process phases of `cutover report` on one inventory: load (the model's
// loader), then plan + every report (text, JSON, bulletin, XLSX, dashboard).
// Prints one JSON line.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [root, repo, asOf] = process.argv.slice(2)
const { loadInventory } = await import(pathToFileURL(join(repo, 'packages/model/dist/index.js')).href)
const cutover = await import(pathToFileURL(join(repo, 'packages/cutover/dist/index.js')).href)
const out = mkdtempSync(join(tmpdir(), 'yj-cutover-out-'))
try {
  let t = performance.now()
  const inventory = await loadInventory(root)
  const loadMs = performance.now() - t
  t = performance.now()
  const cpu0 = process.cpuUsage()
  const plan = cutover.planCutover(inventory.entities, { asOf })
  const planMs = performance.now() - t
  t = performance.now()
  cutover.renderPlanText(plan, 'zh')
  cutover.stringifyLocalized(plan, 'zh')
  await cutover.writeCutoverReport(plan, out, 'zh')
  const reportsMs = performance.now() - t
  // CPU time of plan + reports: what the work costs when the machine is shared.
  const cpu = process.cpuUsage(cpu0)
  const cpuMs = (cpu.user + cpu.system) / 1000
  console.log(JSON.stringify({ loadMs, planMs, reportsMs, cpuMs, channels: plan.totals.total }))
} finally {
  rmSync(out, { recursive: true, force: true })
}
