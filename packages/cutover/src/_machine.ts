import { STAGES, type Decision, type Localized, type Stage, type StageEvent } from '@yingjie/model'
import { STAGE_LABELS } from './_labels'

/**
 * The stage machine as data. A channel walks one path; which path depends on
 * its decision. Channels that are retired never get built, so they skip the
 * build stages; merged channels walk the build path (their services are built
 * into the target) but may skip the build stages once the target is live, and
 * cannot reach `live` or later before their target has.
 */
export const BUILD_STAGES: readonly Stage[] = ['developing', 'testing', 'live', 'parallel']

export const STAGE_PATHS = {
  build: STAGES,
  retire: STAGES.filter((s) => !BUILD_STAGES.includes(s)),
} as const satisfies Record<string, readonly Stage[]>

export type PathKind = keyof typeof STAGE_PATHS

/** A merged channel cannot enter this stage (or a later one) before its target has entered it. */
export const MERGE_GATE: Stage = 'live'

/** Stages from which an old channel is expected to show a notice or be gone: `verify` probes these. */
export const VERIFY_FROM: Stage = 'notice'

export const STAGE_INDEX: ReadonlyMap<Stage, number> = new Map(STAGES.map((s, i) => [s, i]))

export function stageIndex(stage: Stage | null | undefined): number {
  return stage ? STAGE_INDEX.get(stage)! : -1
}

export function pathKind(decision: Decision | undefined): PathKind {
  return decision === 'retire' ? 'retire' : 'build'
}

export function pathFor(decision: Decision | undefined): readonly Stage[] {
  return STAGE_PATHS[pathKind(decision)]
}

export interface TransitionInput {
  /** Current stage (last event), or null when the channel has no events yet. */
  from: Stage | null
  to: Stage
  decision?: Decision
  /** Date of the last recorded event, to keep events in order. */
  lastDate?: string | null
  date: string
  reason?: string
  /** For merged channels: the stage the target has reached by `date`. */
  mergeTargetStage?: Stage | null
  mergeTarget?: string
}

export type TransitionResult = { ok: true; direction: 'forward' | 'backward' } | { ok: false; code: string; message: Localized; hint: Localized }

const fail = (code: string, message: Localized, hint: Localized): TransitionResult => ({ ok: false, code, message, hint })
const zh = (s: Stage): string => `${STAGE_LABELS[s].zh}（${s}）`

/** Whether one new event is allowed after the history so far. Pure. */
export function checkTransition(t: TransitionInput): TransitionResult {
  const path = pathFor(t.decision)
  if (t.lastDate && t.date < t.lastDate) {
    return fail(
      'YJ_EVENT_ORDER',
      { zh: `事件日期 ${t.date} 早于上一条事件（${t.lastDate}）`, en: `event date ${t.date} is before the previous event (${t.lastDate})` },
      { zh: '事件只能按时间顺序追加；用 --date 给出不早于上一条事件的日期', en: 'events are appended in date order; pass a --date not before the last event' },
    )
  }
  if (!path.includes(t.to)) {
    return fail(
      'YJ_STAGE_NOT_ON_PATH',
      { zh: `处置方式为下线的渠道不经过“${STAGE_LABELS[t.to].zh}”阶段`, en: `a retired channel has no ${t.to} stage` },
      { zh: `下线渠道的阶段：${path.map((s) => STAGE_LABELS[s].zh).join(' → ')}`, en: `stages of a retired channel: ${path.join(' → ')}` },
    )
  }
  if (t.from === null) {
    if (t.to !== path[0]) {
      return fail(
        'YJ_STAGE_SKIPPED',
        { zh: `渠道还没有任何进度记录，第一条应为 ${zh(path[0]!)}`, en: `the channel has no events yet; the first must be ${path[0]}` },
        { zh: `先追加 ${path[0]} 事件`, en: `record ${path[0]} first` },
      )
    }
    return { ok: true, direction: 'forward' }
  }
  const from = stageIndex(t.from)
  const to = stageIndex(t.to)
  if (from === to) {
    return fail(
      'YJ_STAGE_SAME',
      { zh: `渠道已处于 ${zh(t.to)} 阶段`, en: `the channel is already at ${t.to}` },
      { zh: '阶段没有变化时不需要追加事件；补充说明请写在下一条事件的 note 中', en: 'no event is needed when the stage does not change; put remarks in the next event’s note' },
    )
  }
  if (to < from) {
    if (!t.reason?.trim()) {
      return fail(
        'YJ_STAGE_BACKWARD',
        { zh: `阶段从 ${zh(t.from)} 回退到 ${zh(t.to)}，必须说明原因`, en: `moving back from ${t.from} to ${t.to} needs a reason` },
        { zh: '加上 --reason "回退原因"', en: 'add --reason "why"' },
      )
    }
    return { ok: true, direction: 'backward' }
  }
  // Forward: the next stage on the path, except that a merged channel whose
  // target is live may skip the build stages it no longer needs.
  const fromPos = path.indexOf(t.from)
  const toPos = path.indexOf(t.to)
  const skipped = path.slice(fromPos + 1, toPos)
  const mergeGateOpen = t.decision === 'merge' && stageIndex(t.mergeTargetStage) >= stageIndex(MERGE_GATE)
  if (t.decision === 'merge' && to >= stageIndex(MERGE_GATE) && !mergeGateOpen) {
    return fail(
      'YJ_MERGE_TARGET_NOT_LIVE',
      {
        zh: `合并渠道须在合并目标${t.mergeTarget ? ` ${t.mergeTarget} ` : ''}上线后才能进入 ${zh(t.to)}（目标当前：${t.mergeTargetStage ? STAGE_LABELS[t.mergeTargetStage].zh : '无记录'}）`,
        en: `a merged channel cannot reach ${t.to} before its target${t.mergeTarget ? ` ${t.mergeTarget}` : ''} is live (target is at ${t.mergeTargetStage ?? 'no record'})`,
      },
      { zh: '先推进合并目标渠道至“已上线”', en: 'advance the merge target to live first' },
    )
  }
  const skippable = mergeGateOpen ? skipped.filter((s) => !BUILD_STAGES.includes(s)) : skipped
  if (skippable.length > 0) {
    return fail(
      'YJ_STAGE_SKIPPED',
      {
        zh: `从 ${zh(t.from)} 到 ${zh(t.to)} 跳过了：${skippable.map((s) => STAGE_LABELS[s].zh).join('、')}`,
        en: `moving from ${t.from} to ${t.to} skips ${skippable.join(', ')}`,
      },
      { zh: `按顺序推进，下一阶段为 ${zh(path[fromPos + 1]!)}`, en: `advance one stage at a time; next is ${path[fromPos + 1]}` },
    )
  }
  return { ok: true, direction: 'forward' }
}

/** The event that holds the current stage, among events dated on or before `asOf`. */
export function currentEvent(events: readonly StageEvent[] | undefined, asOf?: string): StageEvent | undefined {
  if (!events) return undefined
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!
    if (asOf === undefined || e.date <= asOf) return e
  }
  return undefined
}
