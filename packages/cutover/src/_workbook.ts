import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import { STAGES, type Lang } from '@yingjie/model'
import { STAGE_LABELS, stageLabel, TYPE_LABELS, waveLabel } from './_labels'
import type { CutoverPlan, Rollup } from './_plan'
import { RISK_LEVEL_LABELS } from './_risk'
import { decisionLabel, lateChannels, percent } from './_text'

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }

type Cell = string | number | null
type Writer = InstanceType<typeof ExcelJS.stream.xlsx.WorkbookWriter>

function header(row: ExcelJS.Row): void {
  row.eachCell((cell) => {
    cell.font = { bold: true }
    cell.fill = HEADER_FILL
  })
}

// The streaming writer keeps memory flat and is several times faster than
// building the whole workbook first: a province has ~10⁴ channels.
function sheet(wb: Writer, name: string, columns: { header: string; width: number }[], rows: Iterable<Cell[]>): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = columns.map((c) => ({ width: c.width }))
  const head = ws.addRow(columns.map((c) => c.header))
  header(head)
  head.commit()
  let n = 0
  for (const r of rows) {
    ws.addRow(r).commit()
    n++
  }
  if (n > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: n + 1, column: columns.length } }
  ws.commit()
}

/** 进度台账: summary, per organization, per channel and the late list, as an XLSX workbook. */
export async function renderWorkbook(plan: CutoverPlan, lang: Lang): Promise<Buffer> {
  const zh = lang === 'zh'
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (c: Buffer) => chunks.push(c))
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  wb.creator = 'yingjie'
  wb.created = new Date(`${plan.asOf}T00:00:00Z`)
  const t = plan.totals

  const summary = wb.addWorksheet(zh ? '汇总' : 'Summary')
  summary.columns = [{ width: 28 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 12 }, { width: 14 }]
  summary.addRow([zh ? `${plan.region.name}渠道迁移进度台账` : `${plan.region.name} cutover register`]).getCell(1).font = { bold: true, size: 14 }
  summary.addRow([zh ? '测算基准日' : 'As of', plan.asOf])
  summary.addRow([zh ? '渠道总数' : 'Channels', t.total])
  summary.addRow([zh ? '需接入' : 'To connect', t.needsConnecting])
  summary.addRow([zh ? '已接入上线' : 'Connected (live)', t.connected, percent(t.connected, t.needsConnecting)])
  summary.addRow([zh ? '原渠道已关停' : 'Old channel shut down', t.shutDown, percent(t.shutDown, t.total)])
  summary.addRow([zh ? '关停已核验' : 'Shutdown verified', t.verified, percent(t.verified, t.total)])
  summary.addRow([zh ? '逾期' : 'Late', t.late])
  summary.addRow([zh ? '高风险' : 'High risk', t.highRisk])
  summary.addRow([])
  header(summary.addRow([zh ? '阶段' : 'Stage', zh ? '渠道数' : 'Channels']))
  for (const s of STAGES) summary.addRow([STAGE_LABELS[s][lang], t.byStage[s]])
  if (t.byStage.none > 0) summary.addRow([stageLabel(null, lang), t.byStage.none])
  summary.addRow([])
  header(summary.addRow(zh ? ['批次', '渠道数', '已接入', '已关停', '已核验', '逾期', '预计完成'] : ['Wave', 'Channels', 'Connected', 'Shut down', 'Verified', 'Late', 'Forecast']))
  for (const w of plan.byWave) summary.addRow([waveLabel(w.key || null, lang), w.total, w.connected, w.shutDown, w.verified, w.late, w.forecastFinish ?? ''])
  summary.commit()

  const rollupRow = (r: Rollup): Cell[] => [r.name, r.total, r.needsConnecting, r.connected, r.shutDown, r.verified, r.late, r.highRisk, r.forecastFinish, r.deadline]
  sheet(
    wb,
    zh ? '按单位' : 'By organization',
    (zh ? ['单位', '渠道数', '需接入', '已接入', '已关停', '已核验', '逾期', '高风险', '预计完成', '期限'] : ['Organization', 'Channels', 'To connect', 'Connected', 'Shut down', 'Verified', 'Late', 'High risk', 'Forecast', 'Deadline']).map((h, i) => ({
      header: h,
      width: i === 0 ? 36 : 12,
    })),
    [...plan.byOrganization].sort((a, b) => b.late - a.late || b.total - a.total || (a.name < b.name ? -1 : 1)).map(rollupRow),
  )

  const channelCols = zh
    ? ['渠道 id', '渠道名称', '类型', '单位', '处置方式', '批次', '当前阶段', '进入日期', '停留天数', '应达阶段', '逾期天数', '下一节点', '节点日期', '预计完成', '期限', '风险分', '风险等级', '风险原因']
    : ['Channel id', 'Name', 'Type', 'Organization', 'Decision', 'Wave', 'Stage', 'Entered', 'Days in stage', 'Expected stage', 'Days late', 'Next stage', 'Next target', 'Forecast', 'Deadline', 'Risk', 'Level', 'Reasons']
  const widths = [26, 30, 10, 30, 8, 8, 14, 12, 10, 14, 10, 14, 12, 12, 12, 8, 8, 60]
  sheet(
    wb,
    zh ? '渠道明细' : 'Channels',
    channelCols.map((h, i) => ({ header: h, width: widths[i]! })),
    (function* () {
      for (const p of plan.channels) yield [
      p.channel,
      p.name,
      TYPE_LABELS[p.type][lang],
      p.ownerName,
      decisionLabel(p, lang),
      waveLabel(p.wave, lang),
      stageLabel(p.stage, lang),
      p.enteredOn,
      p.daysInStage,
      p.expectedStage ? STAGE_LABELS[p.expectedStage][lang] : null,
      p.late ? p.lateDays : null,
      p.nextStage ? STAGE_LABELS[p.nextStage][lang] : null,
      p.nextTarget,
      p.forecastFinish,
      p.deadline,
      p.risk.score,
      RISK_LEVEL_LABELS[p.risk.level][lang],
      p.risk.reasons.map((r) => r.message[lang]).join(zh ? '；' : '; '),
    ] as Cell[]
    })(),
  )

  sheet(
    wb,
    zh ? '逾期清单' : 'Late',
    (zh ? ['单位', '渠道名称', '渠道 id', '当前阶段', '应达阶段', '应于', '逾期天数', '预计完成', '风险分'] : ['Organization', 'Name', 'Channel id', 'Stage', 'Overdue stage', 'Due', 'Days late', 'Forecast', 'Risk']).map((h, i) => ({
      header: h,
      width: [30, 30, 26, 14, 14, 12, 10, 12, 8][i]!,
    })),
    lateChannels(plan).map((p) => [p.ownerName, p.name, p.channel, stageLabel(p.stage, lang), STAGE_LABELS[p.overdueStage!][lang], p.overdueSince, p.lateDays, p.forecastFinish, p.risk.score]),
  )

  await wb.commit()
  return Buffer.concat(chunks)
}
