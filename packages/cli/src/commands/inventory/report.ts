import { resolve } from 'node:path'
import { buildReport, checkInventoryDir, renderReportMarkdown } from '@yingjie/inventory'
import { writeFileAtomic } from '@yingjie/model'
import type { CommandContext } from '../../_context'
import { displayPath, json } from '../../_output'
import { inventoryDirArg } from './_shared'

export async function run(ctx: CommandContext): Promise<number> {
  const dir = inventoryDirArg(ctx)
  const { inventory, result } = await checkInventoryDir(dir)
  const report = buildReport(inventory, result)
  report.root = displayPath(ctx.cwd, report.root)
  const text = ctx.options.format === 'json' ? json(report) : renderReportMarkdown(report, ctx.lang)
  const out = ctx.options.out as string | undefined
  if (out) {
    const target = resolve(ctx.cwd, out)
    await writeFileAtomic(target, text)
    ctx.stderr.write(ctx.lang === 'zh' ? `报告已写入 ${displayPath(ctx.cwd, target)}\n` : `report written to ${displayPath(ctx.cwd, target)}\n`)
  } else {
    ctx.stdout.write(text)
  }
  // The report is produced even with errors; the exit code still tells CI about them.
  return result.errors > 0 ? 1 : 0
}
