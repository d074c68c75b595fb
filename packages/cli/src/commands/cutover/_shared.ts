import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { blockersFromSourceReports, conformanceFailures, planCutover, todayInChina, type CutoverPlan, type ReportInput } from '@yingjie/cutover'
import { checkInventory } from '@yingjie/inventory'
import { loadInventory, validateDate, YjError, type Inventory } from '@yingjie/model'
import type { CommandContext } from '../../_context'
import { UsageError } from '../../_context'
import { renderFindingsText } from '../../_output'

/** The as-of date: --as-of, else today in China. */
export function asOfOption(ctx: CommandContext): string {
  const value = (ctx.options['as-of'] as string | undefined) ?? todayInChina()
  const r = validateDate(value)
  if (!r.ok) throw new UsageError(`--as-of 日期无效：${value}（${r.reason.zh}）`, `invalid --as-of date: ${value} (${r.reason.en})`)
  return value
}

/** One optional positional inventory folder, after `skip` leading positionals. */
export function dirArg(ctx: CommandContext, skip = 0): string {
  const rest = ctx.args.slice(skip)
  if (rest.length > 1) throw new UsageError(`只能指定一个清单目录，收到 ${rest.length} 个`, `expected one inventory folder, got ${rest.length}`)
  return resolve(ctx.cwd, rest[0] ?? '.')
}

async function readInputs(ctx: CommandContext, option: string): Promise<ReportInput[]> {
  const values = (ctx.options[option] as string[] | undefined) ?? []
  const out: ReportInput[] = []
  for (const value of values) {
    // ID=FILE names the channel (or interface) the report is about.
    const m = /^([a-z0-9][a-z0-9-]*)=(.+)$/.exec(value)
    const file = resolve(ctx.cwd, m ? m[2]! : value)
    let text: string
    try {
      text = await readFile(file, 'utf8')
    } catch {
      throw new YjError({
        code: 'YJ_FILE_UNREADABLE',
        message: { zh: `无法读取 --${option} 文件：${file}`, en: `cannot read the --${option} file: ${file}` },
        hint: { zh: '检查路径；格式为 文件 或 渠道id=文件', en: 'check the path; the form is FILE or ID=FILE' },
      })
    }
    out.push({ text, subject: m?.[1], file })
  }
  return out
}

/**
 * Load and check the inventory, then plan. An inventory with errors is not
 * planned: lateness computed from a broken file would mislead.
 */
export async function loadAndPlan(ctx: CommandContext, dir: string): Promise<{ inventory: Inventory; plan: CutoverPlan } | { findingsText: string }> {
  const inventory = await loadInventory(dir)
  // Files that do not parse or fail the schema always stop planning; the full
  // semantic check (references, codes) is `inventory check`'s job, or --check's.
  const findings = ctx.options.check === true ? checkInventory(inventory).findings : inventory.findings
  const errors = findings.filter((f) => f.severity === 'error')
  if (errors.length > 0) return { findingsText: renderFindingsText(errors, ctx) }
  const sources = await readInputs(ctx, 'source-report')
  const conformance = await readInputs(ctx, 'conformance')
  const stuck = ctx.options['stuck-days'] as string | undefined
  if (stuck !== undefined && !/^\d+$/.test(stuck)) throw new UsageError(`--stuck-days 须为整数：${stuck}`, `--stuck-days must be a whole number: ${stuck}`)
  let blockers
  let failures
  try {
    blockers = sources.length ? blockersFromSourceReports(sources, inventory.entities) : undefined
    failures = conformance.length ? conformanceFailures(conformance) : undefined
  } catch (error) {
    throw new YjError({
      code: 'YJ_REPORT_UNREADABLE',
      message: { zh: `无法解析扫描或一致性测试报告：${(error as Error).message}`, en: `cannot parse a scan or conformance report: ${(error as Error).message}` },
      hint: { zh: '给出 yingjie 生成的 JSON 报告或 JUnit XML', en: 'pass a JSON report made by yingjie, or JUnit XML' },
    })
  }
  const plan = planCutover(inventory.entities, {
    asOf: asOfOption(ctx),
    stuckDays: stuck === undefined ? undefined : Number(stuck),
    blockers,
    conformanceFailures: failures,
  })
  return { inventory, plan }
}
