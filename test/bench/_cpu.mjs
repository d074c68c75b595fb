// Preloaded into benchmarked processes: write the CPU time (user + system, ms) on exit.
import { writeFileSync } from 'node:fs'

const file = process.env.YJ_BENCH_CPU_FILE
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage()
    writeFileSync(file, String((usage.userCPUTime + usage.systemCPUTime) / 1000))
  })
}
