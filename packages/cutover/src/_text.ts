import { STAGES, type Lang } from '@yingjie/model'
import { DECISION_LABELS, STAGE_LABELS, stageLabel, TYPE_LABELS, waveLabel } from './_labels'
import type { ChannelPlan, CutoverPlan, Rollup } from './_plan'
import { RISK_LEVEL_LABELS } from './_risk'
import type { VerifyReport } from './_verify'

/** Replace every `{ zh, en }` in a value with the chosen language's text, e.g. for JSON output. */
export function localize<T>(value: T, lang: Lang): unknown {
  if (Array.isArray(value)) return value.map((v) => localize(v, lang))
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>
    const keys = Object.keys(o)
    if (keys.length === 2 && typeof o.zh === 'string' && typeof o.en === 'string') return o[lang]
    const out: Record<string, unknown> = {}
    for (const k of keys) out[k] = localize(o[k], lang)
    return out
  }
  return value
}

/**
 * JSON text of a value with every `{ zh, en }` replaced by one language, without copying the value first
 * (a province's plan has ~10⁴ channels).
 */
export function stringifyLocalized(value: unknown, lang: Lang, space?: number): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const o = v as Record<string, unknown>
        if (typeof o.zh === 'string' && typeof o.en === 'string' && Object.keys(o).length === 2) return o[lang]
      }
      return v
    },
    space,
  )
}

export function percent(n: number, d: number): string {
  return d === 0 ? '—' : `${Math.round((n / d) * 1000) / 10}%`
}

/** Channels that are late, worst first. */
export function lateChannels(plan: CutoverPlan): ChannelPlan[] {
  return plan.channels.filter((p) => p.late).sort((a, b) => b.lateDays - a.lateDays || b.risk.score - a.risk.score || (a.channel < b.channel ? -1 : 1))
}

/** Organizations with late channels, most late channels first. */
export function lateUnits(plan: CutoverPlan): { owner: string; ownerName: string; channels: ChannelPlan[] }[] {
  const groups = new Map<string, ChannelPlan[]>()
  for (const p of lateChannels(plan)) groups.set(p.owner, [...(groups.get(p.owner) ?? []), p])
  return [...groups]
    .map(([owner, channels]) => ({ owner, ownerName: channels[0]!.ownerName, channels }))
    .sort((a, b) => b.channels.length - a.channels.length || Math.max(...b.channels.map((c) => c.lateDays)) - Math.max(...a.channels.map((c) => c.lateDays)))
}

function pad(s: string, width: number): string {
  // CJK characters take two columns in a terminal.
  let w = 0
  for (const ch of s) w += /[\u1100-\uffe5]/.test(ch) ? 2 : 1
  return s + ' '.repeat(Math.max(0, width - w))
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].reduce((w, ch) => w + (/[\u1100-\uffe5]/.test(ch) ? 2 : 1), 0))))
  return rows.map((r) => r.map((c, i) => pad(c, widths[i]!)).join('  ').trimEnd()).join('\n')
}

function rollupRow(r: Rollup, label: string, lang: Lang): string[] {
  return [label, String(r.total), `${r.connected}/${r.needsConnecting}`, String(r.shutDown), String(r.verified), String(r.late), String(r.highRisk), r.forecastFinish ?? (lang === 'zh' ? '已完成' : 'done')]
}

/** `yingjie cutover plan` as text for a terminal. */
export function renderPlanText(plan: CutoverPlan, lang: Lang, options: { limit?: number } = {}): string {
  const zh = lang === 'zh'
  const limit = options.limit ?? 30
  const t = plan.totals
  const out: string[] = []
  out.push(zh ? `${plan.region.name} 渠道迁移进度（测算基准日 ${plan.asOf}）` : `${plan.region.name} channel cutover (as of ${plan.asOf})`)
  out.push(
    zh
      ? `渠道 ${t.total} 个：已接入 ${t.connected}/${t.needsConnecting}，原渠道已关停 ${t.shutDown}，关停已核验 ${t.verified}；逾期 ${t.late} 个，高风险 ${t.highRisk} 个`
      : `${t.total} channels: ${t.connected}/${t.needsConnecting} connected, ${t.shutDown} shut down, ${t.verified} verified; ${t.late} late, ${t.highRisk} high risk`,
  )
  out.push('')
  out.push(table([STAGES.map((s) => STAGE_LABELS[s][lang]).concat(zh ? '无记录' : 'none'), [...STAGES, 'none' as const].map((s) => String(t.byStage[s]))]))
  out.push('')
  const head = zh ? ['批次', '渠道', '已接入', '已关停', '已核验', '逾期', '高风险', '预计完成'] : ['wave', 'channels', 'connected', 'shut down', 'verified', 'late', 'high risk', 'forecast']
  out.push(table([head, ...plan.byWave.map((w) => rollupRow(w, waveLabel(w.key || null, lang), lang))]))
  out.push('')
  const orgs = [...plan.byOrganization].sort((a, b) => b.late - a.late || b.highRisk - a.highRisk || b.total - a.total)
  out.push(table([[zh ? '单位' : 'organization', ...head.slice(1)], ...orgs.slice(0, limit).map((o) => rollupRow(o, o.name, lang))]))
  if (orgs.length > limit) out.push(zh ? `……另有 ${orgs.length - limit} 个单位（--format json 查看全部）` : `… ${orgs.length - limit} more organizations (--format json for all)`)
  out.push('')
  const late = lateChannels(plan)
  out.push(zh ? `逾期渠道 ${late.length} 个：` : `${late.length} late channels:`)
  for (const p of late.slice(0, limit)) {
    out.push(
      zh
        ? `  ${p.channel}  ${p.name}（${p.ownerName}）  现为“${stageLabel(p.stage, lang)}”，应于 ${p.overdueSince} 前达到“${STAGE_LABELS[p.overdueStage!].zh}”，逾期 ${p.lateDays} 天；预计 ${p.forecastFinish} 完成；风险 ${p.risk.score}（${RISK_LEVEL_LABELS[p.risk.level].zh}）`
        : `  ${p.channel}  ${p.name} (${p.ownerName})  at ${stageLabel(p.stage, lang)}, should have reached ${p.overdueStage} by ${p.overdueSince}, ${p.lateDays} days late; forecast ${p.forecastFinish}; risk ${p.risk.score} (${p.risk.level})`,
    )
    for (const r of p.risk.reasons) out.push(`      +${r.points}  ${r.message[lang]}`)
  }
  if (late.length > limit) out.push(zh ? `  ……另有 ${late.length - limit} 个` : `  … ${late.length - limit} more`)
  out.push('')
  const risky = plan.channels.filter((p) => !p.late && p.risk.level !== 'low').sort((a, b) => b.risk.score - a.risk.score)
  if (risky.length > 0) {
    out.push(zh ? `未逾期但有风险的渠道 ${risky.length} 个：` : `${risky.length} channels at risk though not late:`)
    for (const p of risky.slice(0, limit)) out.push(`  ${p.channel}  ${p.name}  ${zh ? '风险' : 'risk'} ${p.risk.score}: ${p.risk.reasons.map((r) => r.message[lang]).join(zh ? '；' : '; ')}`)
    out.push('')
  }
  const now = plan.burndown.points.filter((p) => p.remaining !== null).pop()
  if (now) out.push(zh ? `燃尽：截至 ${plan.asOf} 尚未核验关停 ${now.remaining} 个，理想进度应剩 ${now.ideal} 个（期限 ${plan.burndown.deadline ?? '未设定'}）` : `burndown: ${now.remaining} not yet verified off as of ${plan.asOf}; the ideal line is at ${now.ideal} (deadline ${plan.burndown.deadline ?? 'not set'})`)
  if (plan.nextDeadlines.length > 0) {
    out.push(zh ? '近期节点：' : 'next deadlines:')
    for (const d of plan.nextDeadlines) out.push(`  ${d.date}  ${waveLabel(d.wave, lang)}  ${STAGE_LABELS[d.stage][lang]}  ${zh ? `待完成 ${d.pending}/${d.total}` : `${d.pending}/${d.total} pending`}`)
  }
  out.push('')
  out.push(`${zh ? '测算规则' : 'forecast rule'}: ${plan.rules.forecast[lang]}`)
  out.push(`${zh ? '风险评分' : 'risk score'}: ${plan.rules.risk.map((r) => r[lang]).join(zh ? '；' : '; ')}`)
  if (plan.findings.length > 0) out.push(zh ? `\n进度记录有 ${plan.findings.length} 处不符合阶段规则（见 --format json 的 findings）` : `\n${plan.findings.length} events break the stage rules (see findings in --format json)`)
  return `${out.join('\n')}\n`
}

/** `yingjie cutover verify` as text. */
export function renderVerifyText(report: VerifyReport, lang: Lang): string {
  const zh = lang === 'zh'
  const out: string[] = []
  for (const i of report.items) {
    const head = `${i.channel}  ${i.name}（${i.ownerName}）  ${STAGE_LABELS[i.stage][lang]}`
    if (i.verdict) {
      const mark = i.verdict.passed ? (zh ? '通过' : 'pass') : zh ? '未通过' : 'FAIL'
      out.push(`${mark}  ${head}`)
      out.push(`      ${i.url} → ${i.evidence?.finalUrl ?? '-'}  HTTP ${i.evidence?.status ?? '-'}  ${i.verdict.reason[lang]}`)
      if (i.evidenceFile) out.push(`      ${zh ? '证据' : 'evidence'}: ${i.evidenceFile}  sha256 ${i.evidence?.bodySha256?.slice(0, 16) ?? '-'}…`)
      if (i.recorded) out.push(zh ? '      已记录：原渠道已关停 → 关停已核验' : '      recorded: shutdown → verified')
      if (i.recordError) out.push(`      ${zh ? '未记录' : 'not recorded'}: ${i.recordError[lang]}`)
    } else if (i.missing.length > 0) {
      out.push(`${zh ? '缺材料' : 'manual'}  ${head}  ${TYPE_LABELS[i.type][lang]}`)
      for (const m of i.missing) out.push(`      ${zh ? '尚缺' : 'missing'}: ${m[lang]}`)
    } else {
      out.push(`${zh ? '材料齐' : 'manual ok'}  ${head}  ${TYPE_LABELS[i.type][lang]}`)
    }
  }
  const t = report.totals
  out.push('')
  out.push(
    zh
      ? `核验 ${t.checked} 个渠道：自动探测 ${t.probed} 个（通过 ${t.passed}，未通过 ${t.failed}），待补人工材料 ${t.manualMissing} 个${t.recorded ? `，已记录核验 ${t.recorded} 个` : ''}`
      : `${t.checked} channels: ${t.probed} probed (${t.passed} passed, ${t.failed} failed), ${t.manualMissing} missing manual evidence${t.recorded ? `, ${t.recorded} recorded as verified` : ''}`,
  )
  return `${out.join('\n')}\n`
}

export function decisionLabel(p: ChannelPlan, lang: Lang): string {
  return p.decision ? DECISION_LABELS[p.decision][lang] : lang === 'zh' ? '未定' : 'undecided'
}

