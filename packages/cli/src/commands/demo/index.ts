import { resolve, join } from 'node:path'
import { accessListWorkbook, buildReport, checkInventoryDir, loadExportLayout, renderReportMarkdown, surveyWorkbook } from '@yingjie/inventory'
import { writeFileAtomic } from '@yingjie/model'
import type { CommandContext } from '../../_context'
import { displayPath, findingToJson, json, paint, renderFindingsText } from '../../_output'
import { sampleInventory } from '../../_paths'
import { summaryLine } from '../inventory/check'
import { cutoverDemo } from './_cutover'
import { connectorDemo } from './_connector'
import { adapterScaffoldDemo } from './_adapter'
import { scanWebDemo } from './_scan-web'
import { scanSourceDemo } from './_scan-source'

const T = {
  intro: {
    zh: '应接 yingjie 演示：保定市 → 冀时办 示例清单（虚构数据）',
    en: 'yingjie demo: Baoding → 冀时办 sample inventory (illustrative data)',
  },
  step1: { zh: '第 1 步  检查清单（yingjie inventory check）', en: 'Step 1  check the inventory (yingjie inventory check)' },
  step2: { zh: '第 2 步  汇总报告（yingjie inventory report）', en: 'Step 2  summary report (yingjie inventory report)' },
  step3: { zh: '第 3 步  摸查表与报省接入清单（yingjie inventory survey / export）', en: 'Step 3  survey workbook and provincial access list (yingjie inventory survey / export)' },
  wrote: { zh: '已写入：', en: 'Wrote:' },
  next: {
    zh: '下一步：打开 report.md 查看汇总，survey-bd-rsj.xlsx 是发给市人社局的摸查表，access-list.xlsx 是报省的接入清单；用 yingjie inventory check <你的清单目录> 检查自己的清单。',
    en: 'Next: open report.md for the summary, survey-bd-rsj.xlsx (the survey for one department) and access-list.xlsx (the list for the province); run yingjie inventory check <your folder> on your own inventory.',
  },
} as const

/** The department whose survey workbook the demo writes. */
const DEMO_ORG = 'bd-rsj'

export async function run(ctx: CommandContext): Promise<number> {
  const { lang } = ctx
  const outDir = resolve(ctx.cwd, (ctx.options.out as string | undefined) ?? './yingjie-out')
  const sample = sampleInventory('baoding')
  ctx.stdout.write(`${paint(ctx, 'bold', T.intro[lang])}\n${lang === 'zh' ? '示例清单' : 'Sample'}: ${displayPath(ctx.cwd, sample)}\n\n`)

  ctx.stdout.write(`${paint(ctx, 'bold', T.step1[lang])}\n`)
  const { inventory, result } = await checkInventoryDir(sample)
  const checkText = renderFindingsText(result.findings, { ...ctx, color: false })
  ctx.stdout.write(`${summaryLine(result, ctx)}\n`)
  const byCode = new Map<string, number>()
  for (const f of result.findings) byCode.set(f.code, (byCode.get(f.code) ?? 0) + 1)
  for (const [code, n] of byCode) ctx.stdout.write(`  ${code} × ${n}\n`)

  ctx.stdout.write(`\n${paint(ctx, 'bold', T.step2[lang])}\n`)
  const report = buildReport(inventory, result)
  report.root = displayPath(ctx.cwd, report.root)
  const c = report.coverage
  ctx.stdout.write(
    lang === 'zh'
      ? `单位 ${report.totals.organizations} 个，渠道 ${report.totals.channels} 个，接口 ${report.totals.interfaces} 个；高频事项 ${c.items} 项，已覆盖 ${c.covered.length} 项\n`
      : `${report.totals.organizations} organizations, ${report.totals.channels} channels, ${report.totals.interfaces} interfaces; ${c.covered.length} of ${c.items} high-frequency items covered\n`,
  )

  ctx.stdout.write(`\n${paint(ctx, 'bold', T.step3[lang])}\n`)
  const survey = await surveyWorkbook(inventory, { org: DEMO_ORG })
  const { layout } = await loadExportLayout()
  const accessList = await accessListWorkbook(inventory, layout!)
  ctx.stdout.write(
    lang === 'zh'
      ? `${survey.summary.org!.name} 的摸查表：预填渠道 ${survey.summary.rows.Channel} 个、接口 ${survey.summary.rows.Interface} 个；接入清单：${accessList.rows} 个渠道\n`
      : `survey for ${survey.summary.org!.name}: ${survey.summary.rows.Channel} channels, ${survey.summary.rows.Interface} interfaces pre-filled; access list: ${accessList.rows} channels\n`,
  )

  const files: [string, string | Uint8Array][] = [
    ['check.txt', `${checkText}${summaryLine(result, { lang, color: false })}\n`],
    ['check.json', json({ ok: result.errors === 0, errors: result.errors, warnings: result.warnings, counts: result.counts, findings: result.findings.map((f) => findingToJson(f, ctx)) })],
    ['report.md', renderReportMarkdown(report, lang)],
    ['report.json', json(report)],
    [`survey-${DEMO_ORG}.xlsx`, survey.data],
    ['access-list.xlsx', accessList.data],
  ]
  for (const [name, content] of files) await writeFileAtomic(join(outDir, name), content)
  ctx.stdout.write(`\n${T.wrote[lang]}\n`)
  for (const [name] of files) ctx.stdout.write(`  ${displayPath(ctx.cwd, join(outDir, name))}\n`)
  ctx.stdout.write(`\n${T.next[lang]}\n`)
  await scanWebDemo(ctx, outDir)
  await scanSourceDemo(ctx, outDir)
  await cutoverDemo(ctx, outDir)
  await connectorDemo(ctx, outDir)
  await adapterScaffoldDemo(ctx, outDir, inventory)
  return result.errors > 0 ? 1 : 0
}
