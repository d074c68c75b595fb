import { STAGES, type Lang, type Stage } from '@yingjie/model'
import { chineseDate } from './_dates'
import { STAGE_LABELS, stageLabel, waveLabel } from './_labels'
import { compareWave, type CutoverPlan, type Rollup } from './_plan'
import { lateChannels, lateUnits, percent } from './_text'

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

export type WaveSchedule = { wave: string; stages: { stage: Stage; date: string }[] }[]

/** Typical target date of each stage in each wave (the most common one). */
export function waveSchedule(plan: CutoverPlan): WaveSchedule {
  const byWave = new Map<string, Map<Stage, Map<string, number>>>()
  for (const p of plan.channels) {
    const targets = p.targets
    if (p.wave === null) continue
    let w = byWave.get(p.wave)
    if (!w) byWave.set(p.wave, (w = new Map()))
    for (const s of STAGES) {
      const d = targets[s]
      if (!d) continue
      let counts = w.get(s)
      if (!counts) w.set(s, (counts = new Map()))
      counts.set(d, (counts.get(d) ?? 0) + 1)
    }
  }
  return [...byWave]
    .sort((a, b) => compareWave(a[0], b[0]))
    .map(([wave, stages]) => ({
      wave,
      stages: STAGES.filter((s) => stages.has(s)).map((s) => ({ stage: s, date: [...stages.get(s)!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0] })),
    }))
}

/** A Mermaid Gantt chart: one section per wave, one bar per stage between its targets. */
export function renderGantt(plan: CutoverPlan, schedule: WaveSchedule, lang: Lang): string {
  const zh = lang === 'zh'
  const safe = (s: string): string => s.replace(/[:#;]/g, ' ')
  const lines = ['```mermaid', 'gantt', `  title ${safe(zh ? `${plan.region.name}各批次迁移计划` : `${plan.region.name} cutover waves`)}`, '  dateFormat YYYY-MM-DD', '  axisFormat %Y-%m']
  schedule.forEach((w, wi) => {
    lines.push(`  section ${safe(waveLabel(w.wave, lang))}`)
    let prev: string | undefined
    w.stages.forEach((s, si) => {
      const start = prev ?? s.date
      const end = s.date > start ? s.date : start
      const id = `w${wi}s${si}`
      if (end === start) lines.push(`  ${safe(STAGE_LABELS[s.stage][lang])} :milestone, ${id}, ${start}, 0d`)
      else lines.push(`  ${safe(STAGE_LABELS[s.stage][lang])} :${id}, ${start}, ${end}`)
      prev = s.date
    })
  })
  const ms = Object.entries(plan.region.milestones).sort((a, b) => (a[1] < b[1] ? -1 : 1))
  if (ms.length > 0) {
    lines.push(`  section ${zh ? '全市节点' : 'milestones'}`)
    ms.forEach(([name, date], i) => lines.push(`  ${safe(MILESTONE_NAMES[name]?.[lang] ?? name)} :milestone, m${i}, ${date}, 0d`))
  }
  lines.push(`  ${zh ? '测算基准日' : 'as of'} :crit, milestone, asof, ${plan.asOf}, 0d`)
  lines.push('```')
  return lines.join('\n')
}

const MILESTONE_NAMES: Record<string, { zh: string; en: string }> = {
  contactsDue: { zh: '报送联系人', en: 'contacts due' },
  inventoryReported: { zh: '接入清单报省', en: 'inventory reported' },
  connectDeadline: { zh: '全部接入', en: 'all connected' },
  legacyShutdown: { zh: '原渠道停止服务', en: 'legacy shutdown' },
  shutdownVerified: { zh: '关停核验完成', en: 'shutdown verified' },
}

function rollupLine(r: Rollup, label: string): string {
  return `| ${cell(label)} | ${r.total} | ${r.connected}/${r.needsConnecting} | ${r.shutDown} | ${r.verified} | ${r.late} | ${r.forecastFinish ?? '—'} |`
}

/**
 * 进度通报: a progress bulletin in the register of a government notice, with
 * totals, the late units by name, the next deadlines and a Gantt of the waves.
 */
export function renderBulletin(plan: CutoverPlan, lang: Lang, schedule: WaveSchedule = waveSchedule(plan)): string {
  return lang === 'zh' ? bulletinZh(plan, schedule) : bulletinEn(plan, schedule)
}

function bulletinZh(plan: CutoverPlan, schedule: WaveSchedule): string {
  const t = plan.totals
  const platform = plan.region.platformName || '省级平台移动端'
  const region = plan.region.name
  const units = lateUnits(plan)
  const late = lateChannels(plan)
  const out: string[] = []
  out.push(`# 关于${region}自建政务服务移动端接入${platform}工作进展情况的通报`)
  out.push('')
  out.push(`（截至${chineseDate(plan.asOf)}）`)
  out.push('')
  out.push('各县（市、区）人民政府，各开发区管委会，市政府各部门：')
  out.push('')
  out.push(
    `为推进政务服务移动端“应接尽接、应上尽上”，按照全市接入工作安排，现将截至${chineseDate(plan.asOf)}各单位自建政务服务移动端渠道接入${platform}、原渠道关停情况通报如下。`,
  )
  out.push('')
  out.push('## 一、总体进展')
  out.push('')
  out.push(
    `全市纳入接入清单的自建渠道共 ${t.total} 个，其中需接入${platform}的 ${t.needsConnecting} 个，已接入上线 ${t.connected} 个，接入率 ${percent(t.connected, t.needsConnecting)}；` +
      `原渠道已关停 ${t.shutDown} 个，其中关停已核验 ${t.verified} 个，核验完成率 ${percent(t.verified, t.total)}。` +
      (t.late > 0 ? `对照各批次时间节点，逾期渠道 ${t.late} 个，涉及 ${units.length} 个单位。` : '各渠道均按计划推进，无逾期。'),
  )
  out.push('')
  out.push('| 阶段 | 渠道数 |')
  out.push('| --- | ---: |')
  for (const s of STAGES) out.push(`| ${STAGE_LABELS[s].zh} | ${t.byStage[s]} |`)
  if (t.byStage.none > 0) out.push(`| 未建迁移记录 | ${t.byStage.none} |`)
  out.push('')
  out.push('分批次情况：')
  out.push('')
  out.push('| 批次 | 渠道数 | 已接入 | 已关停 | 已核验 | 逾期 | 预计完成 |')
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | --- |')
  for (const w of plan.byWave) out.push(rollupLine(w, waveLabel(w.key || null, 'zh')))
  out.push('')
  out.push('## 二、存在的问题')
  out.push('')
  if (units.length === 0) {
    out.push('截至通报日，无逾期渠道。')
  } else {
    out.push(`（一）以下 ${units.length} 个单位有渠道未按期完成：`)
    out.push('')
    units.forEach((u, i) => {
      const items = u.channels.map((p) => `“${p.name}”现处于“${stageLabel(p.stage, 'zh')}”阶段，应于${chineseDate(p.overdueSince!)}前达到“${STAGE_LABELS[p.overdueStage!].zh}”，已逾期 ${p.lateDays} 天`)
      out.push(`${i + 1}. **${u.ownerName}**：${items.join('；')}。`)
    })
  }
  const risky = plan.channels.filter((p) => p.risk.level === 'high').sort((a, b) => b.risk.score - a.risk.score)
  if (risky.length > 0) {
    out.push('')
    out.push(`（二）风险较高的渠道 ${risky.length} 个，需重点关注：`)
    out.push('')
    out.push('| 单位 | 渠道 | 当前阶段 | 风险分 | 主要原因 |')
    out.push('| --- | --- | --- | ---: | --- |')
    for (const p of risky.slice(0, 20)) out.push(`| ${cell(p.ownerName)} | ${cell(p.name)} | ${stageLabel(p.stage, 'zh')} | ${p.risk.score} | ${cell(p.risk.reasons.map((r) => r.message.zh).join('；'))} |`)
    if (risky.length > 20) out.push(`\n另有 ${risky.length - 20} 个高风险渠道，详见进度台账（XLSX）。`)
  }
  const miss = plan.channels.filter((p) => p.forecastMissesDeadline && !p.late)
  if (miss.length > 0) {
    out.push('')
    out.push(`（三）尚未逾期、但按当前进度测算难以在期限前完成的渠道 ${miss.length} 个：${miss.slice(0, 20).map((p) => `${p.ownerName}“${p.name}”（预计${chineseDate(p.forecastFinish!)}）`).join('、')}${miss.length > 20 ? ' 等' : ''}。`)
  }
  out.push('')
  out.push('## 三、下一步工作要求')
  out.push('')
  const reqs: string[] = []
  if (late.length > 0) reqs.push(`请逾期单位于通报印发后 5 个工作日内向${plan.region.office ?? '市政务服务管理办公室'}书面说明逾期原因，明确整改措施和完成时限。`)
  for (const d of plan.nextDeadlines.slice(0, 5)) {
    reqs.push(`${chineseDate(d.date)}前，${waveLabel(d.wave, 'zh')}渠道须达到“${STAGE_LABELS[d.stage].zh}”阶段（尚有 ${d.pending} 个未完成，共 ${d.total} 个）。`)
  }
  reqs.push(`原渠道关停后，请及时发布停服公告并设置跳转至${platform}，由市政务服务管理办公室组织核验。`)
  reqs.forEach((r, i) => out.push(`${i + 1}. ${r}`))
  out.push('')
  out.push('附：各批次迁移计划甘特图')
  out.push('')
  out.push(renderGantt(plan, schedule, 'zh'))
  out.push('')
  out.push(`<div align="right">${plan.region.office ?? ''}<br>${chineseDate(plan.asOf)}</div>`)
  out.push('')
  out.push(`> 说明：预计完成日期的测算规则：${plan.rules.forecast.zh}`)
  out.push('')
  return out.join('\n')
}

function bulletinEn(plan: CutoverPlan, schedule: WaveSchedule): string {
  const t = plan.totals
  const platform = plan.region.platformName || 'the provincial platform'
  const units = lateUnits(plan)
  const out: string[] = []
  out.push(`# Progress bulletin: connecting ${plan.region.name}'s self-built government-service channels to ${platform}`)
  out.push('')
  out.push(`As of ${plan.asOf}.`)
  out.push('')
  out.push('## 1. Overall progress')
  out.push('')
  out.push(
    `${t.total} channels are on the list; ${t.needsConnecting} must be connected to ${platform}, and ${t.connected} are live (${percent(t.connected, t.needsConnecting)}). ` +
      `${t.shutDown} old channels are shut down, ${t.verified} of them verified (${percent(t.verified, t.total)} of all). ` +
      (t.late > 0 ? `${t.late} channels of ${units.length} organizations are late.` : 'No channel is late.'),
  )
  out.push('')
  out.push('| stage | channels |')
  out.push('| --- | ---: |')
  for (const s of STAGES) out.push(`| ${STAGE_LABELS[s].en} | ${t.byStage[s]} |`)
  if (t.byStage.none > 0) out.push(`| no migration record | ${t.byStage.none} |`)
  out.push('')
  out.push('| wave | channels | connected | shut down | verified | late | forecast |')
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | --- |')
  for (const w of plan.byWave) out.push(rollupLine(w, waveLabel(w.key || null, 'en')))
  out.push('')
  out.push('## 2. Late units')
  out.push('')
  if (units.length === 0) out.push('None.')
  units.forEach((u, i) => {
    out.push(`${i + 1}. **${u.ownerName}**: ${u.channels.map((p) => `${p.name} is at ${stageLabel(p.stage, 'en')} and should have reached ${p.overdueStage} by ${p.overdueSince} (${p.lateDays} days late)`).join('; ')}.`)
  })
  out.push('')
  out.push('## 3. Next deadlines')
  out.push('')
  for (const d of plan.nextDeadlines.slice(0, 5)) out.push(`- ${d.date}: ${waveLabel(d.wave, 'en')} reaches ${STAGE_LABELS[d.stage].en} (${d.pending} of ${d.total} still to go)`)
  out.push('')
  out.push(renderGantt(plan, schedule, 'en'))
  out.push('')
  out.push(`> Forecast rule: ${plan.rules.forecast.en}`)
  out.push('')
  return out.join('\n')
}
