/**
 * One cell to one field value, per column type. Pure: spreadsheet hazards
 * (numbers Excel has rounded, dates as serial numbers, full-width input,
 * formulas, error values) are either repaired when the meaning is certain or
 * returned as a problem for that cell, never passed on silently.
 */
import { validateDate, type Localized } from '@yingjie/model'
import { choiceFor, type ColumnDef } from './_columns'
import type { Cell } from './_workbook'

export interface CellProblem {
  code: string
  message: Localized
  hint: Localized
}

/** `value` undefined means the cell is empty (the field is absent). */
export type CellResult = { value?: unknown; problem?: CellProblem }

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000
// Trim ASCII and full-width spaces and no-break spaces.
const EDGE_SPACE = /^[\s\u3000\u00a0\ufeff]+|[\s\u3000\u00a0\ufeff]+$/g
const SCIENTIFIC = /^[+-]?\d+(\.\d+)?E[+-]?\d+$/i

export function trimCellText(text: string): string {
  return text.replace(EDGE_SPACE, '')
}

/** NFKC turns full-width letters, digits and punctuation into their ASCII forms; safe for codes, not for Chinese prose. */
function normalizeCode(text: string): string {
  return trimCellText(NON_ASCII.test(text) ? text.normalize('NFKC') : text)
}

const NON_ASCII = /[^\x00-\x7f]/

/** How Excel shows a number that does not fit: 1.31E+17. */
export function excelScientific(n: number): string {
  const [mantissa, exponent] = n.toExponential().split('e') as [string, string]
  const digits = Number(mantissa).toPrecision(3).replace(/\.?0+$/, '')
  return `${digits}E${exponent.startsWith('-') ? '' : '+'}${exponent.replace(/^\+/, '')}`
}

function numberAltered(column: ColumnDef, shown: string, fromText: boolean): CellProblem {
  return {
    code: 'YJ_CELL_NUMBER_ALTERED',
    message: fromText
      ? { zh: `“${column.header.zh}”为“${shown}”：这是 Excel 科学计数法，号码的后几位已经丢失`, en: `"${column.header.en}" is '${shown}': Excel scientific notation, the last digits are lost` }
      : {
          zh: `“${column.header.zh}”被 Excel 当作数字保存（显示为 ${shown}），只保留了 15 位有效数字，号码已被改写`,
          en: `"${column.header.en}" was stored as a number (shown as ${shown}); Excel keeps 15 significant digits, so the code has been altered`,
        },
    hint: { zh: '把该单元格设为“文本”格式（或在开头输入英文单引号 \'），然后重新输入完整号码', en: "format the cell as Text (or start it with an apostrophe ') and type the full code again" },
  }
}

/** Excel date cell or serial number to YYYY-MM-DD (calendar day as written, no time zone shift). */
function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function textOf(cell: Cell): string | undefined {
  switch (cell.kind) {
    case 'string':
      return cell.text
    case 'number':
      return Number.isInteger(cell.value) ? String(cell.value) : String(cell.value)
    case 'boolean':
      return cell.value ? '是' : '否'
    case 'date':
      return isoDay(cell.value)
    default:
      return undefined
  }
}

const LIST_SEPARATORS = /[\r\n,，;；、]+/

/** Convert one cell for `column`. `resolveOwner` maps an organization name to its id. */
export function convertCell(column: ColumnDef, cell: Cell, resolveOwner?: (text: string) => string | undefined): CellResult {
  if (cell.kind === 'empty') return {}
  if (cell.kind === 'error') {
    return {
      problem: {
        code: 'YJ_CELL_ERROR_VALUE',
        message: { zh: `“${column.header.zh}”是错误值 ${cell.text}`, en: `"${column.header.en}" holds the error value ${cell.text}` },
        hint: { zh: '修正公式或直接填写取值', en: 'fix the formula or type the value' },
      },
    }
  }
  if (cell.kind === 'formula-no-result') {
    return {
      problem: {
        code: 'YJ_CELL_FORMULA_NO_VALUE',
        message: { zh: `“${column.header.zh}”是公式（=${cell.formula}），但文件中没有保存计算结果`, en: `"${column.header.en}" is a formula (=${cell.formula}) without a saved result` },
        hint: { zh: '在 Excel 或 WPS 中打开并保存一次，或把公式改为直接填写的取值', en: 'open and save it in Excel or WPS, or replace the formula with its value' },
      },
    }
  }
  switch (column.type) {
    case 'text': {
      const text = trimCellText(textOf(cell) ?? '')
      return text === '' ? {} : { value: text }
    }
    case 'code': {
      if (cell.kind === 'number') {
        const n = cell.value
        if (!Number.isInteger(n) || Math.abs(n) >= 1e15) return { problem: numberAltered(column, excelScientific(n), false) }
        return { value: String(n) }
      }
      const text = normalizeCode(textOf(cell) ?? '')
      if (SCIENTIFIC.test(text)) return { problem: numberAltered(column, text, true) }
      return text === '' ? {} : { value: text }
    }
    case 'id': {
      const raw = normalizeCode(textOf(cell) ?? '')
      if (raw === '') return {}
      const owner = resolveOwner?.(raw)
      return { value: owner ?? (/^[A-Za-z0-9-]+$/.test(raw) ? raw.toLowerCase() : raw) }
    }
    case 'url': {
      const text = normalizeCode(textOf(cell) ?? '')
      return text === '' ? {} : { value: text }
    }
    case 'date':
      return convertDate(column, cell)
    case 'integer': {
      if (cell.kind === 'number') return { value: cell.value }
      const text = normalizeCode(textOf(cell) ?? '').replace(/[,\s]/g, '')
      if (text === '') return {}
      return /^\d+$/.test(text) ? { value: Number(text) } : { value: text }
    }
    case 'choice': {
      const text = cell.kind === 'boolean' ? String(cell.value) : trimCellText(textOf(cell) ?? '')
      if (text === '') return {}
      const choice = choiceFor(column.choices ?? [], text)
      if (choice) return { value: choice.code }
      return {
        problem: {
          code: 'YJ_VALUE_NOT_ALLOWED',
          message: { zh: `“${column.header.zh}”的取值“${text}”不在可选范围内`, en: `"${column.header.en}" has '${text}', which is not one of the choices` },
          hint: {
            zh: `从下拉列表中选择：${(column.choices ?? []).map((c) => c.label.zh).join('、')}`,
            en: `pick one of: ${(column.choices ?? []).map((c) => c.label.en).join(', ')}`,
          },
        },
      }
    }
    case 'list': {
      const items = (textOf(cell) ?? '')
        .split(LIST_SEPARATORS)
        .map((s) => normalizeCode(s))
        .filter((s) => s !== '')
        .map((s) => (column.key === 'interfaces' && /^[A-Za-z0-9-]+$/.test(s) ? s.toLowerCase() : s))
      return items.length === 0 ? {} : { value: items }
    }
    case 'services': {
      const services = (textOf(cell) ?? '')
        .split(/[\r\n;；]+/)
        .map((line) => line.split(/[|｜]/).map((part, i) => (i === 0 ? trimCellText(part) : normalizeCode(part))))
        .filter((parts) => parts.some((p) => p !== ''))
        .map(([name, item, itemCode]) => {
          const svc: Record<string, string> = { name: name ?? '' }
          if (item) svc.item = item
          if (itemCode) svc.itemCode = itemCode
          return svc
        })
      return services.length === 0 ? {} : { value: services }
    }
  }
}

function convertDate(column: ColumnDef, cell: Cell): CellResult {
  if (cell.kind === 'date') return { value: isoDay(cell.value) }
  if (cell.kind === 'number') {
    // A date cell whose format was lost (WPS, LibreOffice, pasted values) is a serial day number.
    if (cell.value >= 1 && cell.value < 2_958_466) return { value: isoDay(new Date(EXCEL_EPOCH_MS + Math.floor(cell.value) * DAY_MS)) }
  }
  const text = normalizeCode(textOf(cell) ?? '')
  if (text === '') return {}
  const loose = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text)
  const value = loose ? `${loose[1]}-${loose[2]!.padStart(2, '0')}-${loose[3]!.padStart(2, '0')}` : text
  const check = validateDate(value)
  if (check.ok) return { value }
  return {
    value,
    problem: {
      code: 'YJ_DATE_INVALID',
      message: { zh: `“${column.header.zh}”不是有效日期：${check.reason.zh}`, en: `"${column.header.en}" is not a valid date: ${check.reason.en}` },
      hint: { zh: '按 YYYY-MM-DD 填写真实存在的日期，如 2022-12-31，或设为日期格式', en: 'use a real date as YYYY-MM-DD, e.g. 2022-12-31' },
    },
  }
}
