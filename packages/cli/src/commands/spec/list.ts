import { describeProfileList, listProfiles } from '@yingjie/spec'
import type { CommandContext } from '../../_context'
import { UsageError } from '../../_context'
import { displayPath, json } from '../../_output'

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length > 0) throw new UsageError(`spec list 不接受参数，收到 “${ctx.args[0]}”`, `spec list takes no arguments, got "${ctx.args[0]}"`)
  const list = await listProfiles()
  if (ctx.options.format === 'json') {
    ctx.stdout.write(json(list.map((p) => ({ ...p, file: displayPath(ctx.cwd, p.file) }))))
  } else {
    ctx.stdout.write(describeProfileList(list, ctx.lang))
  }
  return 0
}
