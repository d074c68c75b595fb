import { join } from 'node:path'
import { writeFileAtomic, type Lang } from '@yingjie/model'
import { renderBulletin } from './_bulletin'
import { renderDashboard } from './_dashboard'
import type { CutoverPlan } from './_plan'
import { renderWorkbook } from './_workbook'

/** File names `writeCutoverReport` uses inside its output folder. */
export const REPORT_FILES = {
  bulletin: 'bulletin.md',
  workbook: 'cutover.xlsx',
  dashboard: 'dashboard.html',
} as const

/** Write the bulletin, the workbook and the dashboard into `outDir`, each atomically. (`cutover plan --format json` gives the plan as data.) */
export async function writeCutoverReport(plan: CutoverPlan, outDir: string, lang: Lang): Promise<string[]> {
  const files: [string, string | Uint8Array][] = [
    [REPORT_FILES.bulletin, renderBulletin(plan, lang)],
    [REPORT_FILES.workbook, await renderWorkbook(plan, lang)],
    [REPORT_FILES.dashboard, renderDashboard(plan, lang)],
  ]
  const written: string[] = []
  for (const [name, content] of files) {
    const path = join(outDir, name)
    await writeFileAtomic(path, content)
    written.push(path)
  }
  return written
}
