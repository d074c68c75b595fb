import type { AnyEntity, ChannelType, Localized, Stage } from '@yingjie/model'
import { pathKind, stageIndex, type PathKind } from './_machine'
import { dayOf } from './_dates'

/** Observations needed before a group's median is trusted. */
export const MIN_OBSERVATIONS = 3
/** Used when no channel anywhere has finished a stage yet. */
export const DEFAULT_STAGE_DAYS = 30
/** A stage not yet finished is assumed to take at least this much longer. */
export const MIN_REMAINING_DAYS = 7

export const FORECAST_RULE: Localized = {
  zh:
    `预计完成日期 = 测算基准日 + 当前阶段剩余天数 + 后续各阶段天数之和。各阶段天数取同类渠道已完成该阶段的实际用时中位数：` +
    `优先取渠道类型与处置方式（建设类/下线类）都相同的渠道（至少 ${MIN_OBSERVATIONS} 个样本），其次处置方式相同的渠道，再次全部渠道，都没有时按 ${DEFAULT_STAGE_DAYS} 天计。` +
    `当前阶段剩余天数 = 中位数 − 已停留天数，至少 ${MIN_REMAINING_DAYS} 天。合并渠道不早于合并目标上线后完成。`,
  en:
    `Forecast finish = as-of date + days left in the current stage + the sum of the later stages. A stage takes the median of the durations observed ` +
    `for channels that finished it: channels of the same type and decision class (build / retire) when there are at least ${MIN_OBSERVATIONS}, else the same decision class, ` +
    `else all channels, else ${DEFAULT_STAGE_DAYS} days. Days left in the current stage = median − days already spent, at least ${MIN_REMAINING_DAYS}. ` +
    `A merged channel finishes no earlier than its target goes live allows.`,
}

/** Medians of observed stage durations, by comparable group. */
export interface StageDurations {
  /** Days a channel of this type and path kind is expected to spend in `stage`. */
  median(type: ChannelType, kind: PathKind, stage: Stage): number
  /** Number of observations behind each stage's all-channel median (for the output). */
  observed: Record<string, { days: number; samples: number }>
}

/**
 * Learn stage durations from every migration's history: the time from
 * entering a stage to the next forward event. Events after `asOf` are not
 * known yet and are ignored.
 */
export function learnStageDurations(entities: readonly AnyEntity[], asOf: string): StageDurations {
  const channels = new Map<string, { type: ChannelType; kind: PathKind }>()
  for (const e of entities) if (e.kind === 'Channel') channels.set(e.metadata.id, { type: e.spec.type, kind: pathKind(e.spec.decision) })
  const groups = new Map<string, number[]>()
  const add = (key: string, days: number): void => {
    let list = groups.get(key)
    if (!list) groups.set(key, (list = []))
    list.push(days)
  }
  for (const e of entities) {
    if (e.kind !== 'Migration') continue
    const info = channels.get(e.spec.channel)
    if (!info) continue
    const events = e.spec.events ?? []
    for (let i = 0; i + 1 < events.length; i++) {
      const a = events[i]!
      const b = events[i + 1]!
      if (b.date > asOf) break
      if (stageIndex(b.stage) <= stageIndex(a.stage)) continue
      const da = dayOf(a.date)
      const db = dayOf(b.date)
      if (da === undefined || db === undefined) continue
      const days = db - da
      add(`${info.type}|${info.kind}|${a.stage}`, days)
      add(`${info.kind}|${a.stage}`, days)
      add(`*|${a.stage}`, days)
    }
  }
  const medians = new Map<string, { days: number; samples: number }>()
  for (const [key, list] of groups) medians.set(key, { days: medianOf(list), samples: list.length })
  const observed: StageDurations['observed'] = {}
  for (const [key, m] of medians) if (key.startsWith('*|')) observed[key.slice(2)] = m
  return {
    median(type, kind, stage) {
      for (const key of [`${type}|${kind}|${stage}`, `${kind}|${stage}`, `*|${stage}`]) {
        const m = medians.get(key)
        if (m && (m.samples >= MIN_OBSERVATIONS || key.startsWith('*|'))) return m.days
      }
      return DEFAULT_STAGE_DAYS
    },
    observed,
  }
}

function medianOf(list: number[]): number {
  const s = list.sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2)
}
