import { advanceChannel, STAGE_LABELS } from '@yingjie/cutover'
import { STAGES, type Stage } from '@yingjie/model'
import type { CommandContext } from '../../_context'
import { UsageError } from '../../_context'
import { displayPath, json } from '../../_output'
import { dirArg } from './_shared'

export async function run(ctx: CommandContext): Promise<number> {
  const [channel, stage] = ctx.args
  if (!channel || !stage) throw new UsageError('需要渠道 id 和目标阶段，例如：yingjie cutover advance bd-rsj-app live', 'need a channel id and a stage, e.g. yingjie cutover advance bd-rsj-app live')
  if (!(STAGES as readonly string[]).includes(stage)) {
    throw new UsageError(`未知阶段 “${stage}”，可选：${STAGES.join('、')}`, `unknown stage "${stage}"; one of: ${STAGES.join(', ')}`)
  }
  const dir = dirArg(ctx, 2)
  const result = await advanceChannel(
    dir,
    {
      channel,
      stage: stage as Stage,
      date: ctx.options.date as string | undefined,
      by: ctx.options.by as string | undefined,
      note: ctx.options.note as string | undefined,
      reason: ctx.options.reason as string | undefined,
      evidence: ctx.options.evidence as string[] | undefined,
    },
    { cwd: ctx.cwd },
  )
  const file = displayPath(ctx.cwd, result.file)
  if (ctx.options.format === 'json') {
    ctx.stdout.write(json({ ok: true, channel, from: result.from, to: result.event.stage, direction: result.direction, event: result.event, file }))
  } else {
    const from = result.from ? STAGE_LABELS[result.from][ctx.lang] : '—'
    const to = STAGE_LABELS[result.event.stage][ctx.lang]
    ctx.stdout.write(
      ctx.lang === 'zh'
        ? `${channel}：${from} → ${to}（${result.event.date}${result.direction === 'backward' ? '，回退' : ''}），已写入 ${file}\n`
        : `${channel}: ${from} → ${to} (${result.event.date}${result.direction === 'backward' ? ', moved back' : ''}), written to ${file}\n`,
    )
  }
  return 0
}
