import { resolve } from 'node:path'
import type { CommandContext } from '../../_context'
import { UsageError } from '../../_context'

/** The inventory folder argument as an absolute path: one optional positional, default the current folder. */
export function inventoryDirArg(ctx: CommandContext): string {
  if (ctx.args.length > 1) {
    throw new UsageError(`只能指定一个清单目录，收到 ${ctx.args.length} 个`, `expected one inventory folder, got ${ctx.args.length}`)
  }
  return resolve(ctx.cwd, ctx.args[0] ?? '.')
}
