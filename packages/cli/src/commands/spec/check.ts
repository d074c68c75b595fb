import { resolve } from 'node:path'
import type { Finding } from '@yingjie/model'
import { checkProfileFile } from '@yingjie/spec'
import type { CommandContext } from '../../_context'
import { UsageError } from '../../_context'
import { findingToJson, json, paint, renderFindingsText } from '../../_output'

function summaryLine(files: number, findings: readonly Finding[], ctx: CommandContext): string {
  const errors = findings.filter((f) => f.severity === 'error').length
  const warnings = findings.length - errors
  const e = paint(ctx, errors > 0 ? 'red' : 'green', ctx.lang === 'zh' ? `错误 ${errors} 个` : `${errors} errors`)
  const w = paint(ctx, warnings > 0 ? 'yellow' : 'green', ctx.lang === 'zh' ? `警告 ${warnings} 个` : `${warnings} warnings`)
  return ctx.lang === 'zh' ? `已检查 ${files} 个接入规范配置文件：${e}，${w}` : `checked ${files} profile files: ${e}, ${w}`
}

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length === 0) throw new UsageError('请给出要检查的配置文件路径', 'give the profile file(s) to check')
  const findings: Finding[] = []
  for (const arg of ctx.args) findings.push(...(await checkProfileFile(resolve(ctx.cwd, arg))))
  const errors = findings.filter((f) => f.severity === 'error').length
  if (ctx.options.format === 'json') {
    ctx.stdout.write(
      json({ ok: errors === 0, errors, warnings: findings.length - errors, files: ctx.args.length, findings: findings.map((f) => findingToJson(f, ctx)) }),
    )
  } else {
    if (findings.length > 0) ctx.stdout.write(renderFindingsText(findings, ctx))
    ctx.stdout.write(`${summaryLine(ctx.args.length, findings, ctx)}\n`)
  }
  return errors > 0 ? 1 : 0
}
