import { resolve } from 'node:path'
import { accessListWorkbook, checkInventory, loadExportLayout } from '@yingjie/inventory'
import { loadInventory, writeFileAtomic } from '@yingjie/model'
import { UsageError, type CommandContext } from '../../_context'
import { displayPath, renderFindingsText } from '../../_output'
import { inventoryDirArg } from './_shared'

export async function run(ctx: CommandContext): Promise<number> {
  const dir = inventoryDirArg(ctx)
  const out = ctx.options.out as string | undefined
  if (!out) throw new UsageError('请用 --out 指定要写入的工作簿，如 --out 接入清单.xlsx', 'give the workbook to write with --out, e.g. --out access-list.xlsx')
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`--out 应为 .xlsx 文件，收到 “${out}”`, `--out must be an .xlsx file, got "${out}"`)
  const layoutFile = ctx.options.layout as string | undefined
  const { layout, findings } = await loadExportLayout(layoutFile ? resolve(ctx.cwd, layoutFile) : undefined)
  if (!layout) {
    ctx.stdout.write(renderFindingsText(findings, ctx))
    ctx.stderr.write(ctx.lang === 'zh' ? '版式文件有错误，未导出\n' : 'the layout file has errors; nothing exported\n')
    return 1
  }
  const inventory = await loadInventory(dir)
  const check = checkInventory(inventory)
  const { data, rows } = await accessListWorkbook(inventory, layout)
  const target = resolve(ctx.cwd, out)
  await writeFileAtomic(target, data)
  ctx.stdout.write(
    ctx.lang === 'zh'
      ? `接入清单已写入 ${displayPath(ctx.cwd, target)}：${rows} 个渠道，版式 ${layout.name}\n`
      : `access list written to ${displayPath(ctx.cwd, target)}: ${rows} channels, layout ${layout.name}\n`,
  )
  // Exported even with errors (the office may need a draft); the exit code still says so.
  if (check.errors > 0) {
    ctx.stderr.write(
      ctx.lang === 'zh'
        ? `注意：清单有 ${check.errors} 个错误，报省前请用 yingjie inventory check 修正\n`
        : `note: the inventory has ${check.errors} errors; fix them (yingjie inventory check) before reporting\n`,
    )
    return 1
  }
  return 0
}
