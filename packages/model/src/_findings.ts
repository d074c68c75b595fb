import type { Lang, Localized } from './_localized'

/** 1-based position of a value in a source file. */
export interface SourceLocation {
  file: string
  line: number
  column: number
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
  return loc ? `${loc.file}:${loc.line}:${loc.column}` : ''
}

/** Sort by file, line, column, then code, so output is stable run to run. */
export function compareFindings(a: Finding, b: Finding): number {
  const fa = a.location?.file ?? ''
  const fb = b.location?.file ?? ''
  if (fa !== fb) return fa < fb ? -1 : 1
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
