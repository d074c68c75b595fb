import { checkInventoryDir, type CheckResult } from '@yingjie/inventory'
import type { CommandContext } from '../../_context'
import { findingToJson, json, paint, renderFindingsText } from '../../_output'
import { inventoryDirArg } from './_shared'

const KIND_LABEL = {
  Region: { zh: '地区', en: 'regions' },
  Organization: { zh: '单位', en: 'organizations' },
  Channel: { zh: '渠道', en: 'channels' },
  Interface: { zh: '接口', en: 'interfaces' },
  ServiceList: { zh: '事项清单', en: 'service lists' },
  Migration: { zh: '迁移记录', en: 'migrations' },
} as const

export function summaryLine(result: CheckResult, ctx: Pick<CommandContext, 'lang' | 'color'>): string {
  const counts = Object.entries(result.counts)
    .map(([k, n]) => (ctx.lang === 'zh' ? `${KIND_LABEL[k as keyof typeof KIND_LABEL].zh} ${n}` : `${n} ${KIND_LABEL[k as keyof typeof KIND_LABEL].en}`))
    .join(ctx.lang === 'zh' ? '，' : ', ')
  const errors = paint(ctx, result.errors > 0 ? 'red' : 'green', ctx.lang === 'zh' ? `错误 ${result.errors} 个` : `${result.errors} errors`)
  const warnings = paint(ctx, result.warnings > 0 ? 'yellow' : 'green', ctx.lang === 'zh' ? `警告 ${result.warnings} 个` : `${result.warnings} warnings`)
  return ctx.lang === 'zh'
    ? `已检查 ${result.files} 个文件（${counts}）：${errors}，${warnings}`
    : `checked ${result.files} files (${counts}): ${errors}, ${warnings}`
}

export function exitCodeFor(result: CheckResult, strict: boolean): number {
  return result.errors > 0 || (strict && result.warnings > 0) ? 1 : 0
}

export async function run(ctx: CommandContext): Promise<number> {
  const dir = inventoryDirArg(ctx)
  const { result } = await checkInventoryDir(dir)
  const strict = ctx.options.strict === true
  if (ctx.options.format === 'json') {
    ctx.stdout.write(
      json({
        ok: result.errors === 0,
        errors: result.errors,
        warnings: result.warnings,
        files: result.files,
        counts: result.counts,
        findings: result.findings.map((f) => findingToJson(f, ctx)),
      }),
    )
  } else {
    if (result.findings.length > 0) ctx.stdout.write(renderFindingsText(result.findings, ctx))
    ctx.stdout.write(`${summaryLine(result, ctx)}\n`)
  }
  return exitCodeFor(result, strict)
}
