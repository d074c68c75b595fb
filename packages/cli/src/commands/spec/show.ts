import { describeProfile, loadProfile } from '@yingjie/spec'
import type { CommandContext } from '../../_context'
import { UsageError } from '../../_context'
import { displayPath, json } from '../../_output'

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length !== 1) {
    throw new UsageError('请给出一个配置 id（如 hebei-jishiban）或配置文件路径', 'give one profile id (e.g. hebei-jishiban) or a profile file path')
  }
  const profile = await loadProfile(ctx.args[0]!, { cwd: ctx.cwd })
  if (ctx.options.format === 'json') {
    ctx.stdout.write(json({ ...profile, file: displayPath(ctx.cwd, profile.file) }))
  } else {
    ctx.stdout.write(describeProfile({ ...profile, file: displayPath(ctx.cwd, profile.file) }, ctx.lang))
  }
  return 0
}
