/**
 * `NAME.errors.xlsx`: a copy of the department's own workbook with every
 * bad cell filled red (warnings yellow) and a Chinese note saying what is
 * wrong and how to fix it, plus a summary sheet listing every problem with
 * its cell reference. The department fixes this copy and sends it back.
 */
import { basename, dirname, extname, join } from 'node:path'
import ExcelJS from 'exceljs'
import { cellReference, writeFileAtomic, type Finding } from '@yingjie/model'
import { SUMMARY_SHEET } from './_columns'
import type { WorkbookTables } from './_workbook'

/** Notes this tool wrote start with this, so a re-checked copy can drop the old ones. */
export const NOTE_MARK = '【应接检查】'

export const ERROR_FILL = 'FFFFC7CE'
export const WARNING_FILL = 'FFFFEB9C'
const ERROR_FONT = 'FF9C0006'
const WARNING_FONT = 'FF9C5700'

/** `NAME.errors.xlsx` beside `input` (an `x.errors.xlsx` input is overwritten rather than doubled). */
export function errorWorkbookPath(input: string): string {
  const name = basename(input, extname(input)).replace(/\.errors$/, '')
  return join(dirname(input), `${name}.errors.xlsx`)
}

/** Write the marked copy of `input` beside it and return its path. */
export async function writeErrorWorkbook(input: WorkbookTables, findings: readonly Finding[]): Promise<string> {
  const out = errorWorkbookPath(input.file)
  const workbook = new ExcelJS.Workbook()
  let csvSheet: string | undefined
  if (input.format === 'csv') {
    csvSheet = basename(input.file, extname(input.file)).slice(0, 31) || 'CSV'
    const ws = workbook.addWorksheet(csvSheet)
    for (const table of input.sheets) {
      for (const r of table.rows) {
        r.cells.forEach((cell, i) => {
          if (cell.kind === 'string') ws.getCell(r.row, i + 1).value = cell.text
        })
      }
    }
  } else {
    await workbook.xlsx.readFile(input.file)
    const old = workbook.getWorksheet(SUMMARY_SHEET.zh)
    if (old) workbook.removeWorksheet(old.id)
    clearOldMarks(workbook)
  }
  const marks = new Map<string, { ws: ExcelJS.Worksheet; row: number; column: number; list: Finding[] }>()
  for (const f of findings) {
    const loc = f.location
    if (!loc || loc.file !== input.file) continue
    const sheetName = loc.sheet ?? csvSheet
    const ws = sheetName === undefined ? undefined : workbook.getWorksheet(sheetName)
    if (!ws) continue
    const key = `${ws.name}!${loc.line}:${loc.column}`
    const mark = marks.get(key) ?? { ws, row: loc.line, column: loc.column, list: [] }
    mark.list.push(f)
    marks.set(key, mark)
  }
  for (const { ws, row, column, list } of marks.values()) {
    const cell = ws.getCell(row, column)
    const isError = list.some((f) => f.severity === 'error')
    ownStyle(cell)
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: isError ? ERROR_FILL : WARNING_FILL } }
    cell.font = { ...(cell.font ?? {}), color: { argb: isError ? ERROR_FONT : WARNING_FONT } }
    const text = [NOTE_MARK, ...list.map((f) => `${f.severity === 'error' ? '错误' : '提示'} ${f.code}：${f.message.zh}\n处理：${f.hint.zh}`)].join('\n')
    cell.note = { texts: [{ text }], margins: { insetmode: 'auto' } } as ExcelJS.Comment
  }
  addSummarySheet(workbook, findings.filter((f) => f.location?.file === input.file), csvSheet)
  await writeFileAtomic(out, Buffer.from(await workbook.xlsx.writeBuffer()))
  return out
}

/** Cells read from a file share one style object per style id; give this one its own before changing it. */
function ownStyle(cell: ExcelJS.Cell): void {
  cell.style = { ...cell.style }
}

function noteText(note: ExcelJS.Cell['note']): string {
  if (!note) return ''
  if (typeof note === 'string') return note
  return (note.texts ?? []).map((t) => t.text).join('')
}

/** Drop the fills and notes an earlier check left, so only current problems are marked. */
function clearOldMarks(workbook: ExcelJS.Workbook): void {
  for (const ws of workbook.worksheets) {
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (!noteText(cell.note).startsWith(NOTE_MARK)) return
        // exceljs has no API to remove a note: assigning undefined leaves an empty one, and a
        // cell read from a file keeps its note in the value's model, so the value is set anew.
        const value = cell.value
        ;(cell as unknown as { _comment?: unknown })._comment = undefined
        cell.value = value
        ownStyle(cell)
        cell.fill = { type: 'pattern', pattern: 'none' }
        const { color: _color, ...font } = cell.font ?? {}
        cell.font = font
      })
    })
  }
}

function addSummarySheet(workbook: ExcelJS.Workbook, findings: readonly Finding[], csvSheet: string | undefined): void {
  const ws = workbook.addWorksheet(SUMMARY_SHEET.zh, { views: [{ state: 'frozen', ySplit: 1 }] })
  ws.columns = [
    { header: '序号', width: 6 },
    { header: '级别', width: 8 },
    { header: '位置', width: 14 },
    { header: '代码', width: 26 },
    { header: '问题', width: 60 },
    { header: '处理办法', width: 60 },
  ]
  ws.getRow(1).font = { bold: true }
  findings.forEach((f, i) => {
    const loc = f.location!
    const sheet = loc.sheet ?? csvSheet
    const where = sheet !== undefined ? cellReference(sheet, loc.line, loc.column) : `${loc.line}:${loc.column}`
    const row = ws.addRow([i + 1, f.severity === 'error' ? '错误' : '提示', where, f.code, f.message.zh, f.hint.zh])
    row.alignment = { wrapText: true, vertical: 'top' }
    if (sheet !== undefined && workbook.getWorksheet(sheet)) {
      row.getCell(3).value = { text: where, hyperlink: `#${where}` }
    }
    row.getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: f.severity === 'error' ? ERROR_FILL : WARNING_FILL } }
  })
  // Open on the summary, the first thing to read.
  workbook.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: workbook.worksheets.length - 1, visibility: 'visible' }]
}
