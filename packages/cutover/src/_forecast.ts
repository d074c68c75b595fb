import { STAGES, type AnyEntity, type ChannelType, type Localized, type Stage } from '@yingjie/model'
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
  // Observations are kept per (type, path kind, stage), per (path kind, stage)
  // and per stage; the median each channel uses is looked up in a table built
  // once, since a province plans ~10⁴ channels × 9 stages.
  const channels = new Map<string, { type: ChannelType; kind: PathKind }>()
  for (const e of entities) if (e.kind === 'Channel') channels.set(e.metadata.id, { type: e.spec.type, kind: pathKind(e.spec.decision) })
  const byTypeKind = new Map<string, number[][]>()
  const byKind = new Map<PathKind, number[][]>()
  const all: number[][] = STAGES.map(() => [])
  const lists = <K>(map: Map<K, number[][]>, key: K): number[][] => {
    let l = map.get(key)
    if (!l) map.set(key, (l = STAGES.map(() => [])))
    return l
  }
  for (const e of entities) {
    if (e.kind !== 'Migration') continue
    const info = channels.get(e.spec.channel)
    if (!info) continue
    const events = e.spec.events ?? []
    const tk = lists(byTypeKind, `${info.type}|${info.kind}`)
    const k = lists(byKind, info.kind)
    for (let i = 0; i + 1 < events.length; i++) {
      const a = events[i]!
      const b = events[i + 1]!
      if (b.date > asOf) break
      const from = stageIndex(a.stage)
      if (stageIndex(b.stage) <= from) continue
      const da = dayOf(a.date)
      const db = dayOf(b.date)
      if (da === undefined || db === undefined) continue
      const days = db - da
      tk[from]!.push(days)
      k[from]!.push(days)
      all[from]!.push(days)
    }
  }
  const allMedians = all.map((l) => (l.length > 0 ? medianOf(l) : DEFAULT_STAGE_DAYS))
  const kindMedians = new Map([...byKind].map(([key, l]) => [key, l.map((x, i) => (x.length >= MIN_OBSERVATIONS ? medianOf(x) : allMedians[i]!))]))
  const table = new Map<string, number[]>()
  const observed: StageDurations['observed'] = {}
  STAGES.forEach((s, i) => {
    if (all[i]!.length > 0) observed[s] = { days: allMedians[i]!, samples: all[i]!.length }
  })
  return {
    median(type, kind, stage) {
      const key = `${type}|${kind}`
      let row = table.get(key)
      if (!row) {
        const tk = byTypeKind.get(key)
        const fallback = kindMedians.get(kind) ?? allMedians
        row = STAGES.map((_, i) => (tk && tk[i]!.length >= MIN_OBSERVATIONS ? medianOf(tk[i]!) : fallback[i]!))
        table.set(key, row)
      }
      return row[stageIndex(stage)]!
    },
    observed,
  }
}

function medianOf(list: number[]): number {
  const s = [...list].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2)
}
