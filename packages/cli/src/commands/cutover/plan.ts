import { renderPlanText, stringifyLocalized } from '@yingjie/cutover'
import type { CommandContext } from '../../_context'
import { findingToJson } from '../../_output'
import { dirArg, loadAndPlan } from './_shared'

export async function run(ctx: CommandContext): Promise<number> {
  const loaded = await loadAndPlan(ctx, dirArg(ctx))
  if ('findingsText' in loaded) {
    ctx.stderr.write(loaded.findingsText)
    ctx.stderr.write(ctx.lang === 'zh' ? '清单有错误，先用 yingjie inventory check 修正后再测算进度\n' : 'the inventory has errors; fix them (yingjie inventory check) before planning\n')
    return 1
  }
  const { plan } = loaded
  if (ctx.options.format === 'json') {
    ctx.stdout.write(`${stringifyLocalized({ ...plan, findings: plan.findings.map((f) => findingToJson(f, ctx)) }, ctx.lang, 2)}\n`)
  } else {
    ctx.stdout.write(renderPlanText(plan, ctx.lang))
  }
  return 0
}
