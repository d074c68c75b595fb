import { resolve } from 'node:path'
import { lateChannels, writeCutoverReport } from '@yingjie/cutover'
import type { CommandContext } from '../../_context'
import { displayPath } from '../../_output'
import { dirArg, loadAndPlan } from './_shared'

export async function run(ctx: CommandContext): Promise<number> {
  const loaded = await loadAndPlan(ctx, dirArg(ctx))
  if ('findingsText' in loaded) {
    ctx.stderr.write(loaded.findingsText)
    ctx.stderr.write(ctx.lang === 'zh' ? '清单有错误，先用 yingjie inventory check 修正后再生成通报\n' : 'the inventory has errors; fix them (yingjie inventory check) before reporting\n')
    return 1
  }
  const { plan } = loaded
  const outDir = resolve(ctx.cwd, (ctx.options.out as string | undefined) ?? 'yingjie-out/cutover')
  const files = await writeCutoverReport(plan, outDir, ctx.lang)
  const t = plan.totals
  ctx.stdout.write(
    ctx.lang === 'zh'
      ? `测算基准日 ${plan.asOf}：渠道 ${t.total} 个，已接入 ${t.connected}/${t.needsConnecting}，已关停 ${t.shutDown}，已核验 ${t.verified}，逾期 ${lateChannels(plan).length}\n已写入：\n`
      : `as of ${plan.asOf}: ${t.total} channels, ${t.connected}/${t.needsConnecting} connected, ${t.shutDown} shut down, ${t.verified} verified, ${lateChannels(plan).length} late\nWrote:\n`,
  )
  for (const f of files) ctx.stdout.write(`  ${displayPath(ctx.cwd, f)}\n`)
  return 0
}
