import { STAGES, type Lang, type Stage } from '@yingjie/model'
import { dayOf } from './_dates'
import { STAGE_LABELS, stageLabel, waveLabel } from './_labels'
import type { CutoverPlan } from './_plan'
import { waveSchedule } from './_bulletin'
import { lateChannels, percent } from './_text'

// The dashboard is one HTML file that opens from a USB stick on an office PC
// with no network: charts are SVG drawn here, the little interaction there is
// (sorting and filtering the late list) is an inline script, and a Content
// Security Policy forbids the page from loading anything at all.

const COLORS: Record<Stage | 'none', string> = {
  none: '#bdbdbd',
  inventoried: '#c6dbef',
  planned: '#9ecae1',
  developing: '#6baed6',
  testing: '#4292c6',
  live: '#74c476',
  parallel: '#31a354',
  notice: '#fdae6b',
  shutdown: '#e6550d',
  verified: '#756bb1',
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)
}

const fmt = (n: number): string => (Math.round(n * 10) / 10).toString()

function burndownSvg(plan: CutoverPlan, lang: Lang): string {
  const pts = plan.burndown.points
  const W = 960
  const H = 320
  const m = { l: 48, r: 16, t: 16, b: 40 }
  const total = Math.max(plan.totals.total, 1)
  if (pts.length === 0) return ''
  const x0 = dayOf(pts[0]!.week)!
  const x1 = dayOf(pts[pts.length - 1]!.week)! + 6
  const sx = (d: number): number => m.l + ((d - x0) / Math.max(x1 - x0, 1)) * (W - m.l - m.r)
  const sy = (v: number): number => H - m.b - (v / total) * (H - m.t - m.b)
  const line = (get: (p: (typeof pts)[number]) => number | null): string => {
    const parts: string[] = []
    for (const p of pts) {
      const v = get(p)
      if (v === null) continue
      parts.push(`${parts.length === 0 ? 'M' : 'L'}${fmt(sx(dayOf(p.week)! + 6))},${fmt(sy(v))}`)
    }
    return parts.join(' ')
  }
  const out: string[] = [`<svg id="burndown" class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="${lang === 'zh' ? '燃尽图' : 'burndown'}">`]
  for (let i = 0; i <= 4; i++) {
    const v = Math.round((total * i) / 4)
    out.push(`<line class="grid" x1="${m.l}" x2="${W - m.r}" y1="${fmt(sy(v))}" y2="${fmt(sy(v))}"/><text class="tick" x="${m.l - 6}" y="${fmt(sy(v) + 4)}" text-anchor="end">${v}</text>`)
  }
  let lastMonth = ''
  const every = Math.max(1, Math.ceil(((x1 - x0) / 30) / 12))
  let k = 0
  for (const p of pts) {
    const month = p.week.slice(0, 7)
    if (month === lastMonth) continue
    lastMonth = month
    if (k++ % every !== 0) continue
    const x = sx(dayOf(p.week)!)
    out.push(`<text class="tick" x="${fmt(x)}" y="${H - m.b + 16}" text-anchor="middle">${month}</text>`)
  }
  const asOf = sx(dayOf(plan.asOf)!)
  out.push(`<line class="asof" x1="${fmt(asOf)}" x2="${fmt(asOf)}" y1="${m.t}" y2="${H - m.b}"/><text class="tick" x="${fmt(asOf + 4)}" y="${m.t + 10}">${escapeHtml(plan.asOf)}</text>`)
  if (plan.burndown.deadline && dayOf(plan.burndown.deadline) !== undefined) {
    const d = sx(dayOf(plan.burndown.deadline)!)
    out.push(`<line class="deadline" x1="${fmt(d)}" x2="${fmt(d)}" y1="${m.t}" y2="${H - m.b}"/>`)
  }
  out.push(`<path id="burndown-ideal" class="ideal" d="${line((p) => p.ideal)}"/>`)
  out.push(`<path id="burndown-forecast" class="forecast" d="${line((p) => p.forecast)}"/>`)
  out.push(`<path id="burndown-actual" class="actual" d="${line((p) => p.remaining)}"/>`)
  out.push(`<line class="axis" x1="${m.l}" x2="${W - m.r}" y1="${H - m.b}" y2="${H - m.b}"/>`)
  out.push('</svg>')
  const zh = lang === 'zh'
  out.push(
    `<p class="legend"><span class="key actual"></span>${zh ? '实际：尚未核验关停的渠道' : 'actual: not yet verified off'} <span class="key ideal"></span>${zh ? '理想进度' : 'ideal line'} <span class="key forecast"></span>${zh ? '测算' : 'forecast'} <span class="key deadline"></span>${zh ? '期限' : 'deadline'}</p>`,
  )
  return out.join('')
}

function stageLegend(lang: Lang): string {
  return `<p class="legend">${[...STAGES, 'none' as const].map((s) => `<span class="swatch" style="background:${COLORS[s]}"></span>${escapeHtml(s === 'none' ? stageLabel(null, lang) : STAGE_LABELS[s][lang])}`).join(' ')}</p>`
}

function stagesByOrgSvg(plan: CutoverPlan, lang: Lang, limit = 40): string {
  const orgs = [...plan.byOrganization].sort((a, b) => b.late - a.late || b.total - a.total || (a.name < b.name ? -1 : 1)).slice(0, limit)
  const rowH = 22
  const labelW = 260
  const W = 960
  const H = orgs.length * rowH + 8
  const max = Math.max(1, ...orgs.map((o) => o.total))
  // Leave room after the longest bar for its count label.
  const scale = (W - labelW - 100) / max
  const out: string[] = [`<svg id="stages-by-org" class="chart" viewBox="0 0 ${W} ${H}" role="img">`]
  orgs.forEach((o, i) => {
    const y = 4 + i * rowH
    out.push(`<text class="label" x="${labelW - 8}" y="${y + 14}" text-anchor="end">${escapeHtml(o.name)}</text>`)
    let x = labelW
    for (const s of [...STAGES, 'none' as const]) {
      const n = o.byStage[s]
      if (!n) continue
      const w = n * scale
      out.push(`<rect class="bar" x="${fmt(x)}" y="${y}" width="${fmt(w)}" height="${rowH - 6}" fill="${COLORS[s]}"><title>${escapeHtml(`${o.name} · ${s === 'none' ? stageLabel(null, lang) : STAGE_LABELS[s][lang]}: ${n}`)}</title></rect>`)
      x += w
    }
    out.push(`<text class="tick" x="${fmt(x + 4)}" y="${y + 14}">${o.total}${o.late ? ` (${lang === 'zh' ? '逾期' : 'late'} ${o.late})` : ''}</text>`)
  })
  out.push('</svg>')
  const more = plan.byOrganization.length - orgs.length
  return out.join('') + stageLegend(lang) + (more > 0 ? `<p class="note">${lang === 'zh' ? `按逾期数和渠道数排序，显示前 ${orgs.length} 个单位，其余 ${more} 个见 XLSX 台账` : `top ${orgs.length} organizations by late and total; ${more} more in the XLSX`}</p>` : '')
}

function waveTimelineSvg(plan: CutoverPlan, lang: Lang): string {
  const schedule = waveSchedule(plan)
  const dates = schedule.flatMap((w) => w.stages.map((s) => dayOf(s.date)!)).concat(dayOf(plan.asOf)!)
  const x0 = Math.min(...dates) - 7
  const x1 = Math.max(...dates) + 7
  const W = 960
  const labelW = 90
  const rowH = 34
  const H = schedule.length * rowH + 36
  const sx = (d: number): number => labelW + ((d - x0) / Math.max(x1 - x0, 1)) * (W - labelW - 16)
  const out: string[] = [`<svg id="wave-timeline" class="chart" viewBox="0 0 ${W} ${H}" role="img">`]
  schedule.forEach((w, i) => {
    const y = 8 + i * rowH
    out.push(`<text class="label" x="${labelW - 8}" y="${y + 16}" text-anchor="end">${escapeHtml(waveLabel(w.wave, lang))}</text>`)
    let prev: number | undefined
    for (const s of w.stages) {
      const d = dayOf(s.date)!
      const start = prev ?? d - 3
      out.push(`<rect class="segment" x="${fmt(sx(start))}" y="${y}" width="${fmt(Math.max(sx(d) - sx(start), 3))}" height="22" fill="${COLORS[s.stage]}"><title>${escapeHtml(`${waveLabel(w.wave, lang)} · ${STAGE_LABELS[s.stage][lang]} · ${s.date}`)}</title></rect>`)
      prev = d
    }
  })
  const a = sx(dayOf(plan.asOf)!)
  out.push(`<line class="asof" x1="${fmt(a)}" x2="${fmt(a)}" y1="0" y2="${H - 24}"/><text class="tick" x="${fmt(a)}" y="${H - 8}" text-anchor="middle">${escapeHtml(plan.asOf)}</text>`)
  out.push('</svg>')
  return out.join('') + stageLegend(lang)
}

function lateTable(plan: CutoverPlan, lang: Lang): string {
  const zh = lang === 'zh'
  const late = lateChannels(plan)
  const orgs = [...new Set(late.map((p) => p.ownerName))].sort()
  const head = [
    ['org', 'text', zh ? '单位' : 'Organization'],
    ['name', 'text', zh ? '渠道' : 'Channel'],
    ['stage', 'text', zh ? '当前阶段' : 'Stage'],
    ['due', 'text', zh ? '应达阶段' : 'Overdue stage'],
    ['since', 'text', zh ? '应于' : 'Due'],
    ['days', 'number', zh ? '逾期天数' : 'Days late'],
    ['forecast', 'text', zh ? '预计完成' : 'Forecast'],
    ['risk', 'number', zh ? '风险分' : 'Risk'],
  ]
  const rows = late.map(
    (p) =>
      `<tr data-org="${escapeHtml(p.ownerName)}"><td>${escapeHtml(p.ownerName)}</td><td>${escapeHtml(p.name)}<br><code>${escapeHtml(p.channel)}</code></td><td>${escapeHtml(stageLabel(p.stage, lang))}</td><td>${escapeHtml(STAGE_LABELS[p.overdueStage!][lang])}</td><td>${escapeHtml(p.overdueSince!)}</td><td class="num">${p.lateDays}</td><td>${escapeHtml(p.forecastFinish ?? '')}</td><td class="num" title="${escapeHtml(p.risk.reasons.map((r) => r.message[lang]).join('；'))}">${p.risk.score}</td></tr>`,
  )
  return (
    `<div class="filters"><input id="late-filter" type="search" placeholder="${zh ? '筛选：单位、渠道名称或 id' : 'filter: organization, channel name or id'}">` +
    `<select id="late-org"><option value="">${zh ? '全部单位' : 'all organizations'}</option>${orgs.map((o) => `<option>${escapeHtml(o)}</option>`).join('')}</select>` +
    `<span id="late-count"></span></div>` +
    `<table id="late-table"><thead><tr>${head.map(([k, type, label]) => `<th data-key="${k}" data-type="${type}" tabindex="0">${escapeHtml(label!)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>` +
    (late.length === 0 ? `<p>${zh ? '无逾期渠道。' : 'No late channels.'}</p>` : '')
  )
}

const SCRIPT = `
(function () {
  var table = document.getElementById('late-table');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var text = document.getElementById('late-filter');
  var org = document.getElementById('late-org');
  var count = document.getElementById('late-count');
  var label = count.getAttribute('data-label') || '';
  function apply() {
    var q = text.value.trim().toLowerCase();
    var o = org.value;
    var shown = 0;
    rows.forEach(function (r) {
      var ok = (!q || r.textContent.toLowerCase().indexOf(q) >= 0) && (!o || r.getAttribute('data-org') === o);
      r.hidden = !ok;
      if (ok) shown++;
    });
    count.textContent = label.replace('{n}', shown).replace('{total}', rows.length);
  }
  var sortKey = -1, sortDir = 1;
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, i) {
    function sort() {
      sortDir = sortKey === i ? -sortDir : 1;
      sortKey = i;
      var numeric = th.getAttribute('data-type') === 'number';
      rows.sort(function (a, b) {
        var x = a.cells[i].textContent, y = b.cells[i].textContent;
        var c = numeric ? Number(x) - Number(y) : x.localeCompare(y, 'zh-CN');
        return c * sortDir;
      });
      rows.forEach(function (r) { body.appendChild(r); });
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', sortDir > 0 ? 'ascending' : 'descending');
    }
    th.addEventListener('click', sort);
    th.addEventListener('keydown', function (e) { if (e.key === 'Enter') sort(); });
  });
  text.addEventListener('input', apply);
  org.addEventListener('change', apply);
  apply();
})();
`

const STYLE = `
body{font-family:"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;margin:0 auto;max-width:1000px;padding:16px;color:#222;background:#fff}
h1{font-size:22px;margin:8px 0}h2{font-size:17px;margin:24px 0 8px;border-left:4px solid #c00;padding-left:8px}
#as-of{color:#555}#as-of strong{color:#c00}
.cards{display:flex;flex-wrap:wrap;gap:8px}.card{flex:1 1 120px;border:1px solid #ddd;border-radius:6px;padding:8px 12px}
.card b{display:block;font-size:24px}.card span{color:#666;font-size:13px}
.chart{width:100%;height:auto;font-size:12px}.tick{fill:#555;font-size:11px}.label{fill:#222;font-size:12px}
.grid{stroke:#eee}.axis{stroke:#999}.asof{stroke:#c00;stroke-dasharray:4 3}.deadline{stroke:#333;stroke-dasharray:2 2}
path.actual{fill:none;stroke:#08519c;stroke-width:2.5}path.ideal{fill:none;stroke:#999;stroke-width:1.5;stroke-dasharray:6 4}path.forecast{fill:none;stroke:#e6550d;stroke-width:1.5;stroke-dasharray:2 3}
.legend{font-size:12px;color:#444}.key{display:inline-block;width:18px;height:0;border-top:3px solid #08519c;margin:0 4px 3px 10px}
.key.ideal{border-top:2px dashed #999}.key.forecast{border-top:2px dotted #e6550d}.key.deadline{border-top:2px dotted #333}
.swatch{display:inline-block;width:10px;height:10px;margin:0 3px 0 10px}
.note{font-size:12px;color:#666}
.filters{display:flex;gap:8px;align-items:center;margin:8px 0}#late-filter{flex:1;padding:4px}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f3f6fa;cursor:pointer;user-select:none}th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
td.num{text-align:right}code{font-size:11px;color:#666}
footer{margin-top:24px;font-size:12px;color:#666}
`

/** The offline HTML dashboard: burndown, stages per organization, wave timeline and the late list. */
export function renderDashboard(plan: CutoverPlan, lang: Lang): string {
  const zh = lang === 'zh'
  const t = plan.totals
  const title = zh ? `${plan.region.name}政务服务移动端迁移看板` : `${plan.region.name} cutover dashboard`
  const card = (id: string, n: string | number, label: string): string => `<div class="card" id="card-${id}"><b>${n}</b><span>${escapeHtml(label)}</span></div>`
  return `<!doctype html>
<html lang="${zh ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p id="as-of">${zh ? '测算基准日' : 'As of'} <strong>${escapeHtml(plan.asOf)}</strong>${plan.region.platformName ? ` · ${zh ? '省级平台' : 'platform'}：${escapeHtml(plan.region.platformName)}` : ''}${plan.burndown.deadline ? ` · ${zh ? '关停核验期限' : 'deadline'} ${escapeHtml(plan.burndown.deadline)}` : ''}</p>
</header>
<section class="cards">
${card('total', t.total, zh ? '渠道总数' : 'channels')}
${card('connected', `${t.connected}/${t.needsConnecting}`, zh ? `已接入（${percent(t.connected, t.needsConnecting)}）` : `connected (${percent(t.connected, t.needsConnecting)})`)}
${card('shutdown', t.shutDown, zh ? '原渠道已关停' : 'shut down')}
${card('verified', t.verified, zh ? '关停已核验' : 'verified')}
${card('late', t.late, zh ? '逾期' : 'late')}
${card('risk', t.highRisk, zh ? '高风险' : 'high risk')}
</section>
<section><h2>${zh ? '燃尽图：尚未核验关停的渠道' : 'Burndown: channels not yet verified off'}</h2>${burndownSvg(plan, lang)}</section>
<section><h2>${zh ? '各单位阶段分布' : 'Stages per organization'}</h2>${stagesByOrgSvg(plan, lang)}</section>
<section><h2>${zh ? '批次时间线' : 'Wave timeline'}</h2>${waveTimelineSvg(plan, lang)}</section>
<section><h2>${zh ? '逾期清单' : 'Late list'}</h2>${lateTable(plan, lang).replace('<span id="late-count"></span>', `<span id="late-count" data-label="${zh ? '显示 {n} / {total} 个' : '{n} of {total} shown'}"></span>`)}</section>
<footer>${zh ? '由 yingjie cutover report 生成；本页不联网，所有数据均在文件内。' : 'Made by yingjie cutover report; this page works offline and holds all its data.'} ${escapeHtml(plan.rules.forecast[lang])}</footer>
<script>${SCRIPT}</script>
</body>
</html>
`
}
