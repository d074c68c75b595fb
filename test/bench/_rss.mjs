// Preloaded into benchmarked processes: write peak RSS (KiB) on exit.
import { writeFileSync } from 'node:fs'

const file = process.env.YJ_BENCH_RSS_FILE
if (file) {
  process.on('exit', () => {
    writeFileSync(file, String(process.resourceUsage().maxRSS))
  })
}
