import { loadInventory } from '@yingjie/model'
import ExcelJS from 'exceljs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_BAODING, tempDir, type TempDir } from '../../../test/utils/index'
import { planCutover, renderBulletin, renderDashboard, REPORT_FILES, writeCutoverReport, type CutoverPlan } from './index'

let plan: CutoverPlan
let dir: TempDir
beforeAll(async () => {
  plan = planCutover((await loadInventory(SAMPLE_BAODING)).entities, { asOf: '2022-12-01' })
  dir = await tempDir()
})
afterAll(() => dir.cleanup())

describe('the progress bulletin (进度通报)', () => {
  const md = () => renderBulletin(plan, 'zh')

  it('reads like a government notice: title, addressees, totals, problems, requirements, issuing office and date', () => {
    const text = md()
    expect(text.split('\n')[0]).toBe('# 关于保定市自建政务服务移动端接入冀时办工作进展情况的通报')
    for (const part of ['各县（市、区）人民政府', '## 一、总体进展', '## 二、存在的问题', '## 三、下一步工作要求', '保定市政务服务管理办公室<br>2022年12月1日']) expect(text).toContain(part)
    expect(text).toContain('全市纳入接入清单的自建渠道共 39 个，其中需接入冀时办的 32 个，已接入上线 19 个')
    expect(text).toContain('关停已核验 12 个')
  })

  it('names the late units with their channels, worst first', () => {
    const text = md()
    expect(text).toContain('以下 15 个单位有渠道未按期完成')
    expect(text).toMatch(/1\. \*\*保定市住房公积金管理中心\*\*：“保定公积金（微信公众号）”现处于“已摸查”阶段，应于2022年4月30日前达到“已定方案”，已逾期 215 天/)
  })

  it('lists the next deadlines and carries a Mermaid Gantt of the three waves', () => {
    const text = md()
    expect(text).toContain('2022年12月15日前，第3批渠道须达到“已发停服公告”阶段（尚有 12 个未完成，共 12 个）')
    const gantt = text.slice(text.indexOf('```mermaid'), text.indexOf('```', text.indexOf('```mermaid') + 3))
    expect(gantt).toContain('gantt')
    expect(gantt).toContain('dateFormat YYYY-MM-DD')
    for (const w of ['section 第1批', 'section 第2批', 'section 第3批']) expect(gantt).toContain(w)
    expect(gantt).toMatch(/已上线 :w0s4, 2022-05-15, 2022-06-30/)
    expect(gantt).toContain('测算基准日 :crit, milestone, asof, 2022-12-01, 0d')
    // Mermaid task names cannot hold a colon.
    for (const line of gantt.split('\n').filter((l) => / :/.test(l))) expect(line.split(' :')[0]).not.toContain(':')
  })

  it('has an English version', () => {
    expect(renderBulletin(plan, 'en')).toContain('## 2. Late units')
  })
})

describe('the XLSX register', () => {
  it('has a summary, per organization, per channel and a late list that agree with the plan', async () => {
    const files = await writeCutoverReport(plan, dir.path, 'zh')
    expect(files.map((f) => f.slice(dir.path.length + 1))).toEqual(Object.values(REPORT_FILES))
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await readFile(join(dir.path, REPORT_FILES.workbook))) as never)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '按单位', '渠道明细', '逾期清单'])
    const [summary, orgs, channels, late] = wb.worksheets
    expect(summary!.getCell('B2').value).toBe('2022-12-01')
    expect(summary!.getCell('B3').value).toBe(39)
    expect(orgs!.rowCount).toBe(1 + plan.byOrganization.length)
    expect(channels!.rowCount).toBe(1 + 39)
    expect(late!.rowCount).toBe(1 + 20)
    expect(late!.getRow(2).values).toEqual(expect.arrayContaining(['保定市住房公积金管理中心', '保定公积金（微信公众号）', 215]))
    expect(channels!.getCell('A1').font?.bold).toBe(true)
    expect(channels!.autoFilter).toBeTruthy()
  })
})

describe('the HTML dashboard', () => {
  it('is one self-contained file: a CSP that forbids loading anything, no external URL in any src or href', () => {
    const html = renderDashboard(plan, 'zh')
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none';`)
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//i)
    expect(html).not.toMatch(/@import|url\(/)
    for (const id of ['burndown', 'stages-by-org', 'wave-timeline', 'late-table', 'late-filter', 'as-of']) expect(html).toContain(`id="${id}"`)
    expect(html).toContain('测算基准日 <strong>2022-12-01</strong>')
  })

  it('escapes names, so a hostile channel name cannot inject markup', () => {
    const evil = structuredClone(plan)
    evil.channels[0]!.name = '<script>alert(1)</script>'
    evil.channels[0]!.late = true
    evil.channels[0]!.overdueStage = 'live'
    evil.channels[0]!.overdueSince = '2022-01-01'
    const html = renderDashboard(evil, 'en')
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(html.match(/<script>/g)).toHaveLength(1)
  })
})
