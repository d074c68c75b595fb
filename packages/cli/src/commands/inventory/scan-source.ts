import { resolve } from 'node:path'
import { renderSourceSummaryText, scanSource, writeSourceReports } from '@yingjie/scanner/source'
import type { CommandContext } from '../../_context'
import { UsageError } from '../../_context'
import { displayPath, json } from '../../_output'

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length === 0) throw new UsageError('请给出要扫描的源码目录，如 yingjie inventory scan source ./bd-rsj-wx', 'give the source folder(s) to scan, e.g. yingjie inventory scan source ./bd-rsj-wx')
  const report = await scanSource(ctx.args, {
    cwd: ctx.cwd,
    ...(ctx.options.profile ? { profile: ctx.options.profile as string } : {}),
    displayRoot: (abs) => displayPath(ctx.cwd, abs),
  })
  const out = ctx.options.out as string | undefined
  const written = out ? await writeSourceReports(report, resolve(ctx.cwd, out), { lang: ctx.lang, ...(ctx.options.owner ? { owner: ctx.options.owner as string } : {}) }) : []
  if (ctx.options.format === 'json') {
    ctx.stdout.write(json(report))
  } else {
    ctx.stdout.write(renderSourceSummaryText(report, ctx.lang))
  }
  if (written.length > 0) {
    const target = ctx.options.format === 'json' ? ctx.stderr : ctx.stdout
    target.write(`\n${ctx.lang === 'zh' ? '已写入：' : 'Wrote:'}\n${written.map((f) => `  ${displayPath(ctx.cwd, f)}\n`).join('')}`)
  }
  return 0
}
