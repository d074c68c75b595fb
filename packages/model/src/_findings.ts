import type { Lang, Localized } from './_localized'

/** 1-based position of a value in a source file. */
export interface SourceLocation {
  file: string
  line: number
  column: number
  /**
   * Worksheet name when `file` is a workbook; `line` is then the row and
   * `column` the column number (1 = A) of the cell.
   */
  sheet?: string
}

export type Severity = 'error' | 'warning'

/** Path of a value inside one document, e.g. ['spec', 'services', 0, 'item']. */
export type ValuePath = ReadonlyArray<string | number>

/**
 * One problem found in user input. Findings are data: they are collected,
 * sorted, printed in the user's language and serialised as JSON; they are
 * never thrown (see {@link YjError} for the thrown form).
 */
export interface Finding {
  /** Stable code, `YJ_` + upper snake case. Tools and people search for it. */
  code: string
  severity: Severity
  message: Localized
  /** What to do about it. */
  hint: Localized
  location?: SourceLocation
  /** The entity the finding is about, when there is one. */
  entity?: { kind: string; id: string }
  /** Where inside the entity; lets other front ends (Excel) point at a cell. */
  path?: ValuePath
}

export interface FindingInit {
  code: string
  severity?: Severity
  message: Localized
  hint: Localized
  location?: SourceLocation
  entity?: { kind: string; id: string }
  path?: ValuePath
}

export function finding(init: FindingInit): Finding {
  return { severity: 'error', ...init }
}

/** Thrown form of a finding, for failures that stop a command. */
export class YjError extends Error {
  readonly code: string
  readonly finding: Finding
  constructor(init: FindingInit) {
    const f = finding(init)
    super(`${f.code}: ${f.message.en}`)
    this.name = 'YjError'
    this.code = f.code
    this.finding = f
  }
}

export function isYjError(error: unknown): error is YjError {
  return error instanceof YjError
}

export function formatLocation(loc: SourceLocation | undefined): string {
  if (!loc) return ''
  return loc.sheet !== undefined ? `${loc.file}:${cellReference(loc.sheet, loc.line, loc.column)}` : `${loc.file}:${loc.line}:${loc.column}`
}

/** A cell as people type it in Excel: `渠道!C5` (sheet names with spaces or punctuation are quoted). */
export function cellReference(sheet: string, row: number, column: number): string {
  let letters = ''
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  const name = /^[\p{L}\p{N}_]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`
  return `${name}!${letters}${row}`
}

/** Sort by file, line, column, then code, so output is stable run to run. */
export function compareFindings(a: Finding, b: Finding): number {
  const fa = a.location?.file ?? ''
  const fb = b.location?.file ?? ''
  if (fa !== fb) return fa < fb ? -1 : 1
  const sa = a.location?.sheet ?? ''
  const sb = b.location?.sheet ?? ''
  if (sa !== sb) return sa < sb ? -1 : 1
  const la = a.location?.line ?? 0
  const lb = b.location?.line ?? 0
  if (la !== lb) return la - lb
  const ca = a.location?.column ?? 0
  const cb = b.location?.column ?? 0
  if (ca !== cb) return ca - cb
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0
}

/** One finding as a single line, e.g. for logs and plain output. */
export function formatFinding(f: Finding, lang: Lang): string {
  const where = formatLocation(f.location)
  const label = f.severity === 'error' ? (lang === 'zh' ? '错误' : 'error') : lang === 'zh' ? '警告' : 'warning'
  return `${where ? `${where} ` : ''}${label} ${f.code} ${f.message[lang]}`
}
