/**
 * Reading spreadsheets into plain tables: .xlsx (Excel, WPS, LibreOffice)
 * through exceljs, and .csv (UTF-8 with or without BOM, or GBK as Excel
 * saves it on a Chinese system). Cells keep their spreadsheet type (number,
 * date, text…) so the importer can tell a typed number from text.
 */
import { readFile } from 'node:fs/promises'
import { basename, extname } from 'node:path'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { finding, type Finding } from '@yingjie/model'
import { LISTS_SHEET } from './_columns'

export type Cell =
  | { kind: 'empty' }
  | { kind: 'string'; text: string }
  | { kind: 'number'; value: number; numFmt?: string }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; value: Date }
  | { kind: 'error'; text: string }
  | { kind: 'formula-no-result'; formula: string }

export const EMPTY: Cell = { kind: 'empty' }

const IGNORED_PARTS = ['dataValidations', 'conditionalFormatting', 'extLst', 'hyperlinks', 'drawing', 'picture', 'tableParts', 'rowBreaks', 'headerFooter', 'pageSetup', 'printOptions', 'pageMargins', 'sheetProtection', 'autoFilter']

export interface TableRow {
  /** 1-based row number in the sheet (the line for CSV). */
  row: number
  /** Index 0 is column A. */
  cells: Cell[]
}

export interface SheetTable {
  name: string
  hidden: boolean
  rows: TableRow[]
}

export interface WorkbookTables {
  file: string
  format: 'xlsx' | 'csv'
  sheets: SheetTable[]
  /** Key/value pairs the survey writer left in its hidden list sheet (e.g. org). */
  meta: Record<string, string>
  findings: Finding[]
}

export function isBlank(cell: Cell | undefined): boolean {
  return !cell || cell.kind === 'empty' || (cell.kind === 'string' && cell.text.replace(/[\s\u3000\u00a0]/g, '') === '')
}

/** Read a workbook or CSV file. Never throws for bad content: problems come back as findings. */
export async function readWorkbookTables(file: string): Promise<WorkbookTables> {
  const ext = extname(file).toLowerCase()
  let bytes: Buffer
  try {
    bytes = await readFile(file)
  } catch (error) {
    return unreadable(file, ext === '.csv' ? 'csv' : 'xlsx', (error as NodeJS.ErrnoException).code ?? 'EIO')
  }
  if (ext === '.csv' || ext === '.txt') return { file, format: 'csv', sheets: [csvTable(decodeCsv(bytes), basename(file, extname(file)))], meta: {}, findings: [] }
  if (ext === '.xls' || ext === '.et') {
    return {
      file,
      format: 'xlsx',
      sheets: [],
      meta: {},
      findings: [
        finding({
          code: 'YJ_WORKBOOK_FORMAT',
          message: { zh: `不支持旧版 ${ext} 格式`, en: `the old ${ext} format is not supported` },
          hint: { zh: '在 Excel 或 WPS 中“另存为”Excel 工作簿（*.xlsx）后再导入', en: 'save it as an Excel workbook (*.xlsx) and import that' },
          location: { file, line: 1, column: 1 },
        }),
      ],
    }
  }
  const workbook = new ExcelJS.Workbook()
  try {
    // Only cell values, merges and sheet state matter here; skipping the rest
    // (drop-down ranges exceljs expands cell by cell, formatting, links) saves time.
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: IGNORED_PARTS } as ExcelJS.XlsxReadOptions)
  } catch (error) {
    return unreadable(file, 'xlsx', error instanceof Error ? error.message.split('\n')[0]! : String(error))
  }
  const sheets: SheetTable[] = []
  let meta: Record<string, string> = {}
  for (const ws of workbook.worksheets) {
    if (ws.name === LISTS_SHEET) {
      meta = readMeta(ws)
      continue
    }
    sheets.push(sheetTable(ws))
  }
  return { file, format: 'xlsx', sheets, meta, findings: [] }
}

function unreadable(file: string, format: 'xlsx' | 'csv', reason: string): WorkbookTables {
  return {
    file,
    format,
    sheets: [],
    meta: {},
    findings: [
      finding({
        code: 'YJ_WORKBOOK_UNREADABLE',
        message: { zh: `无法读取工作簿（${reason}）`, en: `cannot read the workbook (${reason})` },
        hint: { zh: '确认文件是 .xlsx 或 .csv，没有损坏、没有设置打开密码', en: 'make sure it is an .xlsx or .csv file, not damaged and without a password' },
        location: { file, line: 1, column: 1 },
      }),
    ],
  }
}

function readMeta(ws: ExcelJS.Worksheet): Record<string, string> {
  const meta: Record<string, string> = {}
  ws.eachRow((row) => {
    const key = row.getCell(1).value
    const value = row.getCell(2).value
    if (typeof key === 'string' && (typeof value === 'string' || typeof value === 'number')) meta[key] = String(value)
  })
  return meta
}

function sheetTable(ws: ExcelJS.Worksheet): SheetTable {
  const rows: TableRow[] = []
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = []
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      // A merge spreads the master's value over its range. Down a column
      // that is what people mean (one organization for several rows); across
      // a row it is layout, so only the master's own column gets the value.
      if (cell.isMerged && cell.master !== cell && cell.master.fullAddress.col !== col) return
      cells[col - 1] = toCell(cell.isMerged ? cell.master : cell)
    })
    for (let i = 0; i < cells.length; i++) cells[i] ??= EMPTY
    rows.push({ row: rowNumber, cells })
  })
  return { name: ws.name, hidden: ws.state === 'hidden' || ws.state === 'veryHidden', rows }
}

function toCell(cell: ExcelJS.Cell): Cell {
  return fromValue(cell.value, cell.numFmt)
}

function fromValue(value: ExcelJS.CellValue, numFmt: string | undefined): Cell {
  if (value === null || value === undefined) return EMPTY
  if (typeof value === 'string') return { kind: 'string', text: value }
  if (typeof value === 'number') return { kind: 'number', value, numFmt }
  if (typeof value === 'boolean') return { kind: 'boolean', value }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'error', text: '#VALUE!' } : { kind: 'date', value }
  if (typeof value === 'object') {
    if ('error' in value) return { kind: 'error', text: String(value.error) }
    if ('richText' in value) return { kind: 'string', text: value.richText.map((r) => r.text).join('') }
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result
      const formula = ('formula' in value ? value.formula : (value as { sharedFormula: string }).sharedFormula) ?? ''
      if (result === undefined || result === null) return { kind: 'formula-no-result', formula }
      if (typeof result === 'object' && result !== null && 'error' in result) return { kind: 'error', text: String((result as { error: unknown }).error) }
      return fromValue(result as ExcelJS.CellValue, numFmt)
    }
    if ('text' in value) {
      const text = (value as { text: unknown }).text
      if (typeof text === 'string') return { kind: 'string', text }
      if (text && typeof text === 'object' && 'richText' in text) return { kind: 'string', text: (text as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('') }
    }
  }
  return { kind: 'string', text: String(value) }
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

/**
 * CSV bytes to text. Excel on a Chinese system saves "CSV" as GBK and
 * "CSV UTF-8" with a BOM; WPS and scripts often write UTF-8 without one.
 * Valid UTF-8 is taken as UTF-8, anything else as GB18030 (a superset of GBK).
 */
export function decodeCsv(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8.decode(bytes.subarray(3))
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  try {
    return utf8.decode(bytes)
  } catch {
    return iconv.decode(Buffer.from(bytes), 'gb18030')
  }
}

/** RFC 4180 CSV (quotes, doubled quotes, line breaks inside quotes); tab-separated when the header has tabs and no commas. */
export function csvTable(text: string, name: string): SheetTable {
  const firstLine = text.slice(0, text.search(/\r?\n|$/))
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ','
  const rows: TableRow[] = []
  let line = 1
  let field = ''
  let fields: Cell[] = []
  let recordLine = 1
  let quoted = false
  let inQuotes = false
  const endField = (): void => {
    fields.push(field === '' && !quoted ? EMPTY : { kind: 'string', text: field })
    field = ''
    quoted = false
  }
  const endRecord = (): void => {
    endField()
    if (fields.some((c) => !isBlank(c))) rows.push({ row: recordLine, cells: fields })
    fields = []
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else {
          inQuotes = false
        }
      } else {
        if (ch === '\n') line++
        field += ch
      }
      continue
    }
    if (ch === '"' && field === '') {
      inQuotes = true
      quoted = true
    } else if (ch === sep) {
      endField()
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else {
      field += ch
    }
  }
  if (field !== '' || fields.length > 0 || quoted) endRecord()
  return { name, hidden: false, rows }
}
