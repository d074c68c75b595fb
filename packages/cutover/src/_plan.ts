import {
  finding,
  STAGES,
  type AccessMode,
  type AnyEntity,
  type ChannelType,
  type Decision,
  type Entity,
  type Finding,
  type Localized,
  type Stage,
} from '@yingjie/model'
import { dateOf, dayOf, mondayOf } from './_dates'
import { FORECAST_RULE, learnStageDurations, MIN_REMAINING_DAYS } from './_forecast'
import { STAGE_LABELS } from './_labels'
import { checkTransition, currentEvent, MERGE_GATE, pathFor, pathKind, stageIndex } from './_machine'
import { RISK_RULES, riskLevel, type RiskLevel, type RiskReason } from './_risk'

export interface PlanOptions {
  /** The day the plan is made for (YYYY-MM-DD); events after it are ignored. */
  asOf: string
  /**
   * Days in one stage after which a channel counts as stuck.
   * @default 60
   */
  stuckDays?: number
  /**
   * Registered users from which personal data counts as a risk.
   * @default 100000
   */
  manyRegistered?: number
  /**
   * Monthly active users from which personal data counts as a risk.
   * @default 10000
   */
  manyMonthlyActive?: number
  /** Migration blockers per channel id, e.g. from a source-scan report (see `blockersFromSourceReports`). */
  blockers?: ReadonlyMap<string, readonly string[]>
  /** Failed conformance checks per channel or interface id (see `conformanceFailures`). */
  conformanceFailures?: ReadonlyMap<string, readonly string[]>
}

/** Where one channel stands on the as-of date. */
export interface ChannelPlan {
  channel: string
  name: string
  type: ChannelType
  owner: string
  ownerName: string
  decision: Decision | null
  accessMode: AccessMode | null
  mergeInto: string | null
  wave: string | null
  /** The stages this channel walks (retired channels skip the build stages). */
  path: Stage[]
  /** Current stage, null when there is no migration record or no event yet. */
  stage: Stage | null
  enteredOn: string | null
  daysInStage: number | null
  /** The furthest stage whose target date has passed: where the channel should be. */
  expectedStage: Stage | null
  /** The first stage past its target that the channel has not reached. */
  overdueStage: Stage | null
  overdueSince: string | null
  late: boolean
  lateDays: number
  nextStage: Stage | null
  nextTarget: string | null
  /** Target date of each stage on the path: the Migration's own, else its wave's milestone, else the region's. */
  targets: Partial<Record<Stage, string>>
  /** Target date of the last stage (shutdown verified). */
  deadline: string | null
  forecastFinish: string | null
  forecastMissesDeadline: boolean
  risk: { score: number; level: RiskLevel; reasons: RiskReason[] }
  /** Needs connecting (not retired) and has reached `live`. */
  connected: boolean
  needsConnecting: boolean
  shutDown: boolean
  verified: boolean
  /** Event date on which `verified` was reached, when it was. */
  verifiedOn: string | null
  /** Evidence recorded on the current stage's event. */
  evidence: string[]
  file: string | null
}

export interface Rollup {
  key: string
  name: string
  total: number
  byStage: Record<Stage | 'none', number>
  needsConnecting: number
  connected: number
  shutDown: number
  verified: number
  late: number
  highRisk: number
  /** Latest forecast finish among its channels not yet verified. */
  forecastFinish: string | null
  deadline: string | null
}

export interface BurndownPoint {
  /** Monday of the week. */
  week: string
  /** Channels not yet verified off at the end of that week (only up to the as-of date). */
  remaining: number | null
  ideal: number
  /** Channels expected to remain, from the forecast (after the as-of date). */
  forecast: number | null
}

export interface Deadline {
  date: string
  stage: Stage
  wave: string | null
  /** Channels that still have to reach `stage` by `date`. */
  pending: number
  total: number
}

export interface CutoverPlan {
  asOf: string
  region: { id: string; name: string; platformName: string; office: string | null; milestones: Record<string, string> }
  channels: ChannelPlan[]
  totals: Rollup
  byOrganization: Rollup[]
  byWave: Rollup[]
  burndown: { start: string; deadline: string | null; points: BurndownPoint[] }
  nextDeadlines: Deadline[]
  stageDays: Record<string, { days: number; samples: number }>
  rules: { forecast: Localized; risk: Localized[]; stuckDays: number }
  /** Histories that break the stage machine (warnings: recorded facts are not rewritten). */
  findings: Finding[]
}

/**
 * Milestone names a Region may use, and the stage each one is a deadline for.
 * `wave<N><Stage>` (e.g. `wave1Live`) applies to one wave only.
 */
export const MILESTONE_STAGES: Readonly<Record<string, Stage>> = {
  contactsDue: 'inventoried',
  inventoryReported: 'planned',
  connectDeadline: 'live',
  legacyShutdown: 'shutdown',
  shutdownVerified: 'verified',
}

interface Targets {
  region: Partial<Record<Stage, string>>
  waves: Map<string, Partial<Record<Stage, string>>>
}

function targetsFromMilestones(milestones: Record<string, string | undefined>): Targets {
  const region: Partial<Record<Stage, string>> = {}
  const waves = new Map<string, Partial<Record<Stage, string>>>()
  for (const [name, date] of Object.entries(milestones)) {
    if (!date) continue
    const stage = MILESTONE_STAGES[name]
    if (stage) {
      region[stage] = date
      continue
    }
    const m = /^wave(\w+?)([A-Z][a-z]+)$/.exec(name)
    const waveStage = m?.[2]?.toLowerCase() as Stage | undefined
    if (m && waveStage && (STAGES as readonly string[]).includes(waveStage)) {
      const w = waves.get(m[1]!) ?? {}
      w[waveStage] = date
      waves.set(m[1]!, w)
    }
  }
  return { region, waves }
}

/** Plan the cutover as of one day. Pure: the same entities and options give the same plan. */
export function planCutover(entities: readonly AnyEntity[], options: PlanOptions): CutoverPlan {
  const asOf = options.asOf
  const asOfDay = dayOf(asOf)
  if (asOfDay === undefined) throw new TypeError(`asOf must be YYYY-MM-DD, got ${asOf}`)
  const stuckDays = options.stuckDays ?? 60
  const manyRegistered = options.manyRegistered ?? 100_000
  const manyActive = options.manyMonthlyActive ?? 10_000

  const channels: Entity<'Channel'>[] = []
  const orgNames = new Map<string, string>()
  const migrations = new Map<string, Entity<'Migration'>>()
  let region: Entity<'Region'> | undefined
  for (const e of entities) {
    if (e.kind === 'Channel') channels.push(e)
    else if (e.kind === 'Organization') orgNames.set(e.metadata.id, e.metadata.name)
    else if (e.kind === 'Migration') {
      if (!migrations.has(e.spec.channel)) migrations.set(e.spec.channel, e)
    } else if (e.kind === 'Region' && (!region || (!region.spec.milestones && e.spec.milestones))) region = e
  }
  const milestones = Object.fromEntries(Object.entries(region?.spec.milestones ?? {}).filter((kv): kv is [string, string] => typeof kv[1] === 'string'))
  const targets = targetsFromMilestones(milestones)
  const durations = learnStageDurations(entities, asOf)
  const findings: Finding[] = []

  const plans: ChannelPlan[] = []
  const liveForecast = new Map<string, number>()
  for (const c of channels) {
    const id = c.metadata.id
    const m = migrations.get(id)
    const decision = c.spec.decision ?? null
    const path = [...pathFor(c.spec.decision)]
    const kind = pathKind(c.spec.decision)
    const wave = m?.spec.wave === undefined ? null : String(m.spec.wave)
    const waveTargets = wave === null ? undefined : targets.waves.get(wave)
    const targetOf = (s: Stage): string | undefined => m?.spec.targets?.[s] ?? waveTargets?.[s] ?? targets.region[s]

    const events = m?.spec.events ?? []
    let known = events.length
    while (known > 0 && events[known - 1]!.date > asOf) known--
    const current = known > 0 ? events[known - 1]! : undefined
    const stage = current?.stage ?? null
    const enteredDay = current ? dayOf(current.date) : undefined
    const daysInStage = enteredDay === undefined ? null : asOfDay - enteredDay
    const cur = stageIndex(stage)

    // Replay the history through the machine; a broken history is reported, not fixed.
    if (m) replayHistory(m, c, events, known, migrations, findings)

    let expectedStage: Stage | null = null
    let overdueStage: Stage | null = null
    let overdueSince: string | null = null
    let nextStage: Stage | null = null
    let nextTarget: string | null = null
    for (const s of path) {
      const t = targetOf(s)
      if (t === undefined) continue
      if (t < asOf) {
        expectedStage = s
        if (overdueStage === null && stageIndex(s) > cur) {
          overdueStage = s
          overdueSince = t
        }
      } else if (nextStage === null && stageIndex(s) > cur) {
        nextStage = s
        nextTarget = t
      }
    }
    const late = overdueStage !== null
    const lateDays = late ? asOfDay - dayOf(overdueSince!)! : 0
    const deadline = targetOf(path[path.length - 1]!) ?? null
    const resolvedTargets: Partial<Record<Stage, string>> = {}
    for (const s of path) {
      const t = targetOf(s)
      if (t) resolvedTargets[s] = t
    }

    // Forecast: days left in the current stage plus the medians of the rest.
    const verified = stage === 'verified'
    let forecastDay: number | null = null
    let liveDay: number | null = null
    if (verified) {
      forecastDay = enteredDay ?? asOfDay
    } else {
      // A stage off the path (a retired channel recorded as developing) counts as the last path stage before it.
      let pos = -1
      for (let i = 0; i < path.length; i++) if (stageIndex(path[i]) <= cur) pos = i
      let day = asOfDay
      let i = 0
      if (pos >= 0) {
        day += Math.max(durations.median(c.spec.type, kind, path[pos]!) - (daysInStage ?? 0), MIN_REMAINING_DAYS)
        i = pos + 1
      }
      for (; i < path.length; i++) {
        if (path[i] === MERGE_GATE) liveDay = day
        if (i === path.length - 1) break
        day += durations.median(c.spec.type, kind, path[i]!)
      }
      forecastDay = day
    }
    if (cur >= stageIndex(MERGE_GATE) && enteredDay !== undefined) liveDay = liveDay ?? firstEntry(events.slice(0, known), MERGE_GATE) ?? enteredDay
    if (liveDay !== null) liveForecast.set(id, liveDay)

    const needsConnecting = decision !== 'retire'
    plans.push({
      channel: id,
      name: c.metadata.name,
      type: c.spec.type,
      owner: c.metadata.owner ?? '',
      ownerName: orgNames.get(c.metadata.owner ?? '') ?? c.metadata.owner ?? '',
      decision,
      accessMode: c.spec.accessMode ?? null,
      mergeInto: c.spec.mergeInto ?? null,
      wave,
      path,
      stage,
      enteredOn: current?.date ?? null,
      daysInStage,
      expectedStage,
      overdueStage,
      overdueSince,
      late,
      lateDays,
      nextStage,
      nextTarget,
      targets: resolvedTargets,
      deadline,
      forecastFinish: forecastDay === null ? null : dateOf(forecastDay),
      forecastMissesDeadline: false,
      risk: { score: 0, level: 'low', reasons: [] },
      needsConnecting,
      connected: needsConnecting && cur >= stageIndex('live'),
      shutDown: cur >= stageIndex('shutdown'),
      verified,
      verifiedOn: verified ? current!.date : null,
      evidence: current?.evidence ?? [],
      file: m?.source.file ?? null,
    })
  }

  // A merged channel cannot finish before its target is live and it has walked the rest of its path.
  for (const p of plans) {
    if (p.decision !== 'merge' || p.verified || !p.mergeInto) continue
    const targetLive = liveForecast.get(p.mergeInto)
    if (targetLive === undefined) continue
    let day = targetLive
    const kind = pathKind('merge')
    for (let i = p.path.indexOf(MERGE_GATE); i < p.path.length - 1; i++) day += durations.median(p.type, kind, p.path[i]!)
    if (p.forecastFinish && dateOf(day) > p.forecastFinish) p.forecastFinish = dateOf(day)
  }

  const byId = new Map(channels.map((c) => [c.metadata.id, c]))
  for (const p of plans) {
    p.forecastMissesDeadline = !p.verified && p.deadline !== null && p.forecastFinish !== null && p.forecastFinish > p.deadline
    p.risk = scoreRisk(p, byId.get(p.channel)!, migrations.get(p.channel), { asOfDay, stuckDays, manyRegistered, manyActive, options })
  }

  const regionDeadline = targets.region.verified ?? targets.region.shutdown ?? maxOf(plans.map((p) => p.deadline))
  const totals = rollup('region', region?.metadata.name ?? '', plans)
  return {
    asOf,
    region: {
      id: region?.metadata.id ?? '',
      name: region?.metadata.name ?? '',
      platformName: region?.spec.platformName ?? region?.spec.platform ?? '',
      office: region?.spec.coordinator?.office ?? null,
      milestones,
    },
    channels: plans,
    totals,
    byOrganization: groupRollups(plans, (p) => p.owner, (p) => p.ownerName),
    byWave: groupRollups(plans, (p) => p.wave ?? '', (p) => p.wave ?? '').sort((a, b) => compareWave(a.key, b.key)),
    burndown: burndown(plans, entities, asOfDay, regionDeadline),
    nextDeadlines: nextDeadlines(plans, asOf),
    stageDays: durations.observed,
    rules: { forecast: FORECAST_RULE, risk: Object.values(RISK_RULES).map((r) => r.rule), stuckDays },
    findings,
  }
}

function firstEntry(events: readonly { date: string; stage: Stage }[], stage: Stage): number | undefined {
  const e = events.find((ev) => stageIndex(ev.stage) >= stageIndex(stage))
  return e ? dayOf(e.date) : undefined
}

function replayHistory(
  m: Entity<'Migration'>,
  c: Entity<'Channel'>,
  events: readonly { date: string; stage: Stage; reason?: string }[],
  known: number,
  migrations: Map<string, Entity<'Migration'>>,
  findings: Finding[],
): void {
  let from: Stage | null = null
  let lastDate: string | null = null
  const target = c.spec.decision === 'merge' && c.spec.mergeInto ? c.spec.mergeInto : undefined
  for (let i = 0; i < known; i++) {
    const ev = events[i]!
    const r = checkTransition({
      from,
      to: ev.stage,
      decision: c.spec.decision,
      lastDate,
      date: ev.date,
      reason: ev.reason,
      mergeTarget: target,
      mergeTargetStage: target ? (currentEvent(migrations.get(target)?.spec.events, ev.date)?.stage ?? null) : undefined,
    })
    if (!r.ok && r.code !== 'YJ_STAGE_SAME') {
      findings.push(
        finding({
          code: r.code,
          severity: 'warning',
          message: r.message,
          hint: { zh: `${r.hint.zh}（已记录的事件不改写；如属误记，追加一条说明原因的事件）`, en: `${r.hint.en} (recorded events are not rewritten; if it was a mistake, append an event with a reason)` },
          location: m.source.locate(['spec', 'events', i, 'stage']),
          entity: { kind: 'Migration', id: m.metadata.id },
          path: ['spec', 'events', i, 'stage'],
        }),
      )
    }
    from = ev.stage
    lastDate = ev.date
  }
}

function scoreRisk(
  p: ChannelPlan,
  c: Entity<'Channel'>,
  m: Entity<'Migration'> | undefined,
  ctx: { asOfDay: number; stuckDays: number; manyRegistered: number; manyActive: number; options: PlanOptions },
): ChannelPlan['risk'] {
  const reasons: RiskReason[] = []
  const add = (code: RiskReason['code'], points: number, message: Localized): void => void reasons.push({ code, points, message })
  if (p.verified) return { score: 0, level: 'low', reasons }
  if (!m) add('no-migration', RISK_RULES['no-migration'].points, { zh: '没有迁移进度记录', en: 'no migration record' })
  if (p.late) {
    const points = Math.min(RISK_RULES.late.max!, RISK_RULES.late.points + 5 * Math.floor(p.lateDays / 15))
    const s = STAGE_LABELS[p.overdueStage!]
    add('late', points, { zh: `逾期 ${p.lateDays} 天：应于 ${p.overdueSince} 前达到“${s.zh}”`, en: `${p.lateDays} days late: should have reached ${s.en} by ${p.overdueSince}` })
  }
  if (p.forecastMissesDeadline) {
    add('forecast-miss', RISK_RULES['forecast-miss'].points, { zh: `预计 ${p.forecastFinish} 完成，晚于期限 ${p.deadline}`, en: `forecast ${p.forecastFinish}, after the deadline ${p.deadline}` })
  }
  if (p.daysInStage !== null && p.daysInStage > ctx.stuckDays) {
    add('stuck', RISK_RULES.stuck.points, { zh: `在“${STAGE_LABELS[p.stage!].zh}”阶段已停留 ${p.daysInStage} 天`, en: `${p.daysInStage} days at ${p.stage}` })
  }
  if (p.accessMode === 'province' && stageIndex(p.stage) < stageIndex('live')) {
    add('province-build', RISK_RULES['province-build'].points, { zh: '等待省级平台开发（接入方式 b）', en: 'waiting for the province to build it (access mode b)' })
  }
  const users = c.spec.users
  if (c.spec.personalData && !p.shutDown && ((users?.registered ?? 0) >= ctx.manyRegistered || (users?.monthlyActive ?? 0) >= ctx.manyActive)) {
    add('personal-data', RISK_RULES['personal-data'].points, {
      zh: `处理个人信息，注册用户 ${users?.registered ?? 0}、月活 ${users?.monthlyActive ?? 0}`,
      en: `personal data, ${users?.registered ?? 0} registered, ${users?.monthlyActive ?? 0} monthly active`,
    })
  }
  const blockers = ctx.options.blockers?.get(p.channel) ?? []
  if (blockers.length > 0) {
    add('source-blockers', Math.min(RISK_RULES['source-blockers'].max!, blockers.length * RISK_RULES['source-blockers'].points), {
      zh: `源码扫描发现 ${blockers.length} 项迁移阻碍：${blockers.slice(0, 3).join('；')}${blockers.length > 3 ? ' 等' : ''}`,
      en: `${blockers.length} blockers from the source scan: ${blockers.slice(0, 3).join('; ')}${blockers.length > 3 ? ' …' : ''}`,
    })
  }
  const failures = [p.channel, ...(c.spec.interfaces ?? [])].flatMap((k) => ctx.options.conformanceFailures?.get(k) ?? [])
  if (failures.length > 0) {
    add('conformance-failed', RISK_RULES['conformance-failed'].points, {
      zh: `一致性测试未通过 ${failures.length} 项：${failures.slice(0, 3).join('、')}`,
      en: `${failures.length} failed conformance checks: ${failures.slice(0, 3).join(', ')}`,
    })
  }
  const back = (m?.spec.events ?? []).some((ev, i, all) => {
    const d = dayOf(ev.date)
    return i > 0 && d !== undefined && d <= ctx.asOfDay && ctx.asOfDay - d <= 90 && stageIndex(ev.stage) < stageIndex(all[i - 1]!.stage)
  })
  if (back) add('moved-back', RISK_RULES['moved-back'].points, { zh: '近 90 天内阶段回退', en: 'moved back in the last 90 days' })
  const score = Math.min(100, reasons.reduce((s, r) => s + r.points, 0))
  return { score, level: riskLevel(score), reasons }
}

function emptyByStage(): Record<Stage | 'none', number> {
  return Object.fromEntries([...STAGES, 'none'].map((s) => [s, 0])) as Record<Stage | 'none', number>
}

function rollup(key: string, name: string, plans: readonly ChannelPlan[]): Rollup {
  const r: Rollup = { key, name, total: 0, byStage: emptyByStage(), needsConnecting: 0, connected: 0, shutDown: 0, verified: 0, late: 0, highRisk: 0, forecastFinish: null, deadline: null }
  for (const p of plans) {
    r.total++
    r.byStage[p.stage ?? 'none']++
    if (p.needsConnecting) r.needsConnecting++
    if (p.connected) r.connected++
    if (p.shutDown) r.shutDown++
    if (p.verified) r.verified++
    if (p.late) r.late++
    if (p.risk.level === 'high') r.highRisk++
    if (!p.verified && p.forecastFinish && (r.forecastFinish === null || p.forecastFinish > r.forecastFinish)) r.forecastFinish = p.forecastFinish
    if (p.deadline && (r.deadline === null || p.deadline > r.deadline)) r.deadline = p.deadline
  }
  return r
}

function groupRollups(plans: readonly ChannelPlan[], keyOf: (p: ChannelPlan) => string, nameOf: (p: ChannelPlan) => string): Rollup[] {
  const groups = new Map<string, ChannelPlan[]>()
  for (const p of plans) {
    const k = keyOf(p)
    let list = groups.get(k)
    if (!list) groups.set(k, (list = []))
    list.push(p)
  }
  return [...groups].map(([k, list]) => rollup(k, nameOf(list[0]!), list))
}

export function compareWave(a: string, b: string): number {
  const na = Number(a)
  const nb = Number(b)
  if (a !== '' && b !== '' && Number.isFinite(na) && Number.isFinite(nb)) return na - nb
  if (a === '') return 1
  if (b === '') return -1
  return a < b ? -1 : a > b ? 1 : 0
}

function maxOf(dates: readonly (string | null)[]): string | null {
  let max: string | null = null
  for (const d of dates) if (d && (max === null || d > max)) max = d
  return max
}

function burndown(plans: readonly ChannelPlan[], entities: readonly AnyEntity[], asOfDay: number, deadline: string | null): CutoverPlan['burndown'] {
  // Start: the week of the first recorded event (or the as-of week).
  let first = asOfDay
  for (const e of entities) {
    if (e.kind !== 'Migration') continue
    const d = e.spec.events?.[0] ? dayOf(e.spec.events[0].date) : undefined
    if (d !== undefined && d < first) first = d
  }
  const start = mondayOf(first)
  const deadlineDay = deadline ? (dayOf(deadline) ?? asOfDay) : asOfDay
  let lastForecast = asOfDay
  for (const p of plans) {
    const d = p.forecastFinish ? dayOf(p.forecastFinish)! : asOfDay
    if (d > lastForecast) lastForecast = d
  }
  // Show the forecast tail, but not for ever: at most a year past the deadline.
  const end = mondayOf(Math.max(deadlineDay, asOfDay, Math.min(lastForecast, Math.max(deadlineDay, asOfDay) + 366)))
  const total = plans.length
  const actualDays: number[] = []
  const forecastDays: number[] = []
  for (const p of plans) {
    if (p.verifiedOn) actualDays.push(dayOf(p.verifiedOn)!)
    const f = p.verified ? dayOf(p.verifiedOn!)! : p.forecastFinish ? dayOf(p.forecastFinish)! : Infinity
    forecastDays.push(f)
  }
  actualDays.sort((a, b) => a - b)
  forecastDays.sort((a, b) => a - b)
  const points: BurndownPoint[] = []
  let ai = 0
  let fi = 0
  const span = Math.max(deadlineDay - start, 1)
  for (let w = start; w <= end; w += 7) {
    const weekEnd = w + 6
    const at = Math.min(weekEnd, asOfDay)
    while (ai < actualDays.length && actualDays[ai]! <= at) ai++
    while (fi < forecastDays.length && forecastDays[fi]! <= weekEnd) fi++
    const ideal = Math.max(0, Math.round((total * (deadlineDay - Math.min(weekEnd, deadlineDay))) / span))
    points.push({
      week: dateOf(w),
      remaining: w <= asOfDay ? total - ai : null,
      ideal,
      forecast: weekEnd >= asOfDay ? total - fi : null,
    })
  }
  return { start: dateOf(start), deadline, points }
}

function nextDeadlines(plans: readonly ChannelPlan[], asOf: string): Deadline[] {
  // Group every future target by (date, stage, wave) and count who still has to get there.
  const groups = new Map<string, Map<Stage, Map<string | null, Deadline>>>()
  for (const p of plans) {
    const cur = stageIndex(p.stage)
    for (const s of p.path) {
      const date = p.targets[s]
      if (!date || date < asOf) continue
      let byStage = groups.get(date)
      if (!byStage) groups.set(date, (byStage = new Map()))
      let byWave = byStage.get(s)
      if (!byWave) byStage.set(s, (byWave = new Map()))
      let g = byWave.get(p.wave)
      if (!g) byWave.set(p.wave, (g = { date, stage: s, wave: p.wave, pending: 0, total: 0 }))
      g.total++
      if (cur < stageIndex(s)) g.pending++
    }
  }
  return [...groups.values()]
    .flatMap((byStage) => [...byStage.values()].flatMap((byWave) => [...byWave.values()]))
    .filter((g) => g.pending > 0)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : stageIndex(a.stage) - stageIndex(b.stage) || compareWave(a.wave ?? '', b.wave ?? '')))
    .slice(0, 8)
}
