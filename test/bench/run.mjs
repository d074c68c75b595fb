// Runs every benchmark under test/bench (files not starting with "_"), then
// prints one table and writes it to test/bench/results.json.
import { spawnSync } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(new URL('.', import.meta.url))
const only = process.argv.slice(2)
const scripts = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && !f.startsWith('_') && f !== 'run.mjs')
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()
const rows = []
for (const script of scripts) {
  console.log(`\n== ${script} ==`)
  const r = spawnSync(process.execPath, [join(here, script)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  for (const line of r.stdout.split('\n')) {
    if (line.startsWith('BENCH ')) rows.push({ script, ...JSON.parse(line.slice(6)) })
    else if (line) console.log(line)
  }
  if (r.status !== 0) rows.push({ script, figure: script, ours: NaN, peer: NaN, peerName: '-', ratio: NaN, target: '-', met: false, error: `exit ${r.status}` })
}
const fmt = (n) => (Number.isFinite(n) ? (Math.abs(n) >= 100 ? n.toFixed(0) : n.toFixed(2)) : '-')
const table = [
  ['figure', 'ours', 'peer or floor', 'ratio', 'target', 'met'],
  ...rows.map((r) => [r.figure, fmt(r.ours), `${fmt(r.peer)} (${r.peerName})`, Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '-', r.target, r.error ? `no (${r.error})` : r.met ? 'yes' : 'NO']),
]
const widths = table[0].map((_, i) => Math.max(...table.map((row) => [...String(row[i])].length)))
console.log('')
for (const row of table) console.log(row.map((c, i) => String(c).padEnd(widths[i])).join('  '))
writeFileSync(join(here, 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`)
process.exitCode = rows.every((r) => r.met) ? 0 : 1
