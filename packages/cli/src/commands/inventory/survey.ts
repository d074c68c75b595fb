import { resolve } from 'node:path'
import { surveyWorkbook } from '@yingjie/inventory'
import { loadInventory, writeFileAtomic } from '@yingjie/model'
import { UsageError, type CommandContext } from '../../_context'
import { displayPath } from '../../_output'
import { inventoryDirArg } from './_shared'

export async function run(ctx: CommandContext): Promise<number> {
  const dir = inventoryDirArg(ctx)
  const out = ctx.options.out as string | undefined
  if (!out) throw new UsageError('请用 --out 指定要写入的工作簿，如 --out 摸查表.xlsx', 'give the workbook to write with --out, e.g. --out survey.xlsx')
  if (!/\.xlsx$/i.test(out)) throw new UsageError(`--out 应为 .xlsx 文件，收到 “${out}”`, `--out must be an .xlsx file, got "${out}"`)
  const inventory = await loadInventory(dir)
  const { data, summary } = await surveyWorkbook(inventory, { org: ctx.options.org as string | undefined })
  const target = resolve(ctx.cwd, out)
  await writeFileAtomic(target, data)
  const { rows } = summary
  const who = summary.org ? `${summary.org.name}（${summary.org.id}）` : ctx.lang === 'zh' ? '全部单位' : 'all organizations'
  ctx.stdout.write(
    ctx.lang === 'zh'
      ? `摸查表已写入 ${displayPath(ctx.cwd, target)}：${who}，预填单位 ${rows.Organization} 个、渠道 ${rows.Channel} 个、接口 ${rows.Interface} 个\n`
      : `survey written to ${displayPath(ctx.cwd, target)}: ${who}; pre-filled ${rows.Organization} organizations, ${rows.Channel} channels, ${rows.Interface} interfaces\n`,
  )
  if (inventory.findings.some((f) => f.severity === 'error')) {
    ctx.stderr.write(
      ctx.lang === 'zh'
        ? '注意：清单中有格式错误的实体没有预填；用 yingjie inventory check 查看\n'
        : 'note: entities with schema errors were not pre-filled; run yingjie inventory check\n',
    )
  }
  return 0
}
