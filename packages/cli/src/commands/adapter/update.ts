import { resolve } from 'node:path'
import { updateAdapter } from '@yingjie/scaffold'
import type { CommandContext } from '../../_context'
import { UsageError } from '../../_context'
import { displayPath, paint } from '../../_output'
import { interactive, layersFromOptions, renderActions, reportScaffoldError, resultJson, terminalAsk } from './_scaffold'

export async function run(ctx: CommandContext): Promise<number> {
  const zh = ctx.lang === 'zh'
  if (ctx.args.length !== 1) throw new UsageError('请给出一个生成的适配器目录，如 yingjie adapter update .', 'give one generated adapter folder, e.g. yingjie adapter update .')
  try {
    const { layers } = await layersFromOptions(ctx)
    const result = await updateAdapter({
      dir: ctx.args[0]!,
      cwd: ctx.cwd,
      ...(typeof ctx.options.templates === 'string' ? { templatesDir: resolve(ctx.cwd, ctx.options.templates) } : {}),
      layers,
      ...(interactive(ctx) ? { ask: terminalAsk(ctx) } : {}),
      dryRun: ctx.options['dry-run'] === true,
    })
    const conflicts = result.actions.filter((a) => a.action === 'conflict')
    if (ctx.options.format === 'json') {
      ctx.stdout.write(resultJson(ctx, result))
      return conflicts.length ? 1 : 0
    }
    const where = displayPath(ctx.cwd, result.dir)
    const versions = result.previousVersion === result.template.version ? `${result.template.name} ${result.template.version}` : `${result.template.name} ${result.previousVersion} → ${result.template.version}`
    const head = result.dryRun
      ? zh
        ? `试运行：用模板 ${versions} 更新 ${where}（未写入任何文件）`
        : `Dry run: updating ${where} with template ${versions} (nothing written)`
      : zh
        ? `已用模板 ${versions} 更新 ${where}`
        : `Updated ${where} with template ${versions}`
    ctx.stdout.write(`${paint(ctx, 'bold', head)}\n${renderActions(ctx, result)}`)
    const count = (kind: string) => result.actions.filter((a) => a.action === kind).length
    ctx.stdout.write(
      zh
        ? `新建 ${count('create')}，替换 ${count('update')}，合并 ${count('merge')}，冲突 ${count('conflict')}，删除 ${count('delete')}，保留 ${count('keep')}\n`
        : `${count('create')} created, ${count('update')} updated, ${count('merge')} merged, ${count('conflict')} in conflict, ${count('delete')} deleted, ${count('keep')} kept\n`,
    )
    if (conflicts.length) {
      ctx.stdout.write(
        paint(
          ctx,
          'red',
          zh
            ? `${conflicts.map((c) => c.path).join('、')} 中你的修改和模板的修改落在同一处，已用 <<<<<<< ======= >>>>>>> 标出，请手工解决后再提交。\n`
            : `${conflicts.map((c) => c.path).join(', ')}: your edits and the template's touch the same lines, marked with <<<<<<< ======= >>>>>>>; resolve them by hand before committing.\n`,
        ),
      )
    }
    return conflicts.length ? 1 : 0
  } catch (error) {
    return reportScaffoldError(ctx, error)
  }
}
