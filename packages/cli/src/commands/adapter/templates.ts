import { resolve } from 'node:path'
import { listTemplates } from '@yingjie/scaffold'
import type { CommandContext } from '../../_context'
import { json, paint } from '../../_output'

export async function run(ctx: CommandContext): Promise<number> {
  const templates = await listTemplates(typeof ctx.options.templates === 'string' ? resolve(ctx.cwd, ctx.options.templates) : undefined)
  if (ctx.options.format === 'json') {
    ctx.stdout.write(json(templates.map((t) => ({ name: t.name, version: t.version, protocol: t.protocol, description: ctx.lang === 'zh' ? t.description : (t.descriptionEn ?? t.description), parameters: t.parameters.map((p) => p.name) }))))
    return 0
  }
  for (const t of templates) {
    ctx.stdout.write(`${paint(ctx, 'bold', `${t.name} ${t.version}`)}  (${t.protocol})\n  ${ctx.lang === 'zh' ? t.description : (t.descriptionEn ?? t.description)}\n`)
    ctx.stdout.write(`  ${ctx.lang === 'zh' ? '参数' : 'parameters'}: ${t.parameters.map((p) => p.name).join(', ')}\n\n`)
  }
  return 0
}
