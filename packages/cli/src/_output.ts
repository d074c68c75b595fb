import { isAbsolute, relative, resolve } from 'node:path'
import { formatLocation, type Finding, type Lang, type SourceLocation } from '@yingjie/model'
import type { CommandContext } from './_context'

const CODES = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1, cyan: 36 } as const
export type Style = keyof typeof CODES

export function paint(ctx: Pick<CommandContext, 'color'>, style: Style, text: string): string {
  return ctx.color ? `\x1b[${CODES[style]}m${text}\x1b[0m` : text
}

/** A path as the user would like to read it: relative to where they stand when that is shorter. */
export function displayPath(cwd: string, path: string): string {
  const abs = resolve(cwd, path)
  const rel = relative(cwd, abs)
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel
}

const SEVERITY = {
  error: { zh: '错误', en: 'error', style: 'red' },
  warning: { zh: '警告', en: 'warning', style: 'yellow' },
} as const

/** Findings grouped by file, each with its position, code, message and fix. */
export function renderFindingsText(findings: readonly Finding[], ctx: Pick<CommandContext, 'color' | 'lang' | 'cwd'>): string {
  const lang = ctx.lang
  const groups = new Map<string, Finding[]>()
  for (const f of findings) {
    const key = f.location ? displayPath(ctx.cwd, f.location.file) : ''
    groups.set(key, [...(groups.get(key) ?? []), f])
  }
  const out: string[] = []
  for (const [file, list] of groups) {
    out.push(paint(ctx, 'bold', file || (lang === 'zh' ? '（清单）' : '(inventory)')))
    for (const f of list) {
      const sev = SEVERITY[f.severity]
      const pos = f.location ? locationText(ctx.cwd, f.location) : ''
      out.push(`  ${paint(ctx, 'dim', pos)}  ${paint(ctx, sev.style, sev[lang])}  ${f.code}  ${f.message[lang]}`)
      out.push(`      ${paint(ctx, 'cyan', lang === 'zh' ? '处理：' : 'fix: ')}${f.hint[lang]}`)
    }
    out.push('')
  }
  return out.join('\n')
}

/** `file:line:column`, or `book.xlsx:渠道!C5` for a cell of a workbook. */
export function locationText(cwd: string, loc: SourceLocation): string {
  return formatLocation({ ...loc, file: displayPath(cwd, loc.file) })
}

/** A finding as JSON: the chosen language's text, flat location. */
export function findingToJson(f: Finding, ctx: { lang: Lang; cwd: string }): Record<string, unknown> {
  const lang = ctx.lang
  return {
    code: f.code,
    severity: f.severity,
    file: f.location ? displayPath(ctx.cwd, f.location.file) : undefined,
    line: f.location?.line,
    column: f.location?.column,
    sheet: f.location?.sheet,
    message: f.message[lang],
    hint: f.hint[lang],
    entity: f.entity,
    path: f.path,
  }
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`
}
