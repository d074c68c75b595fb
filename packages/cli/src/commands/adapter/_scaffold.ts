/**
 * What `adapter new` and `adapter update` share: answer layers from the
 * command line, prompts on a terminal, and printing the per-file plan.
 */
import { resolve } from 'node:path'
import type { Finding } from '@yingjie/model'
import { isScaffoldError, parseSetFlags, promptAnswers, readAnswersFile, type AnswerLayer, type AskAnswers, type FileActionKind, type ScaffoldResult } from '@yingjie/scaffold'
import type { CommandContext } from '../../_context'
import { displayPath, findingToJson, json, paint, renderFindingsText, type Style } from '../../_output'

/** Answers from `--answers FILE` and `--set name=value`, in that order (flags win). */
export async function layersFromOptions(ctx: CommandContext): Promise<{ layers: AnswerLayer[]; templateFromFile?: string }> {
  const layers: AnswerLayer[] = []
  let templateFromFile: string | undefined
  if (typeof ctx.options.answers === 'string') {
    const file = await readAnswersFile(resolve(ctx.cwd, ctx.options.answers))
    if (typeof file.values.template === 'string') templateFromFile = file.values.template
    layers.push({ source: 'file', file })
  }
  const sets = (ctx.options.set as string[] | undefined) ?? []
  if (sets.length) layers.push({ source: 'flags', values: parseSetFlags(sets) })
  return { layers, ...(templateFromFile ? { templateFromFile } : {}) }
}

/** Prompts only on an interactive terminal, and never with --yes. */
export function interactive(ctx: CommandContext): boolean {
  return ctx.isTTY && Boolean(process.stdin.isTTY) && ctx.options.yes !== true
}

/** Asks on the terminal: questions on stderr, so stdout stays the command's output. */
export function terminalAsk(ctx: CommandContext): AskAnswers {
  return (parameters, answers, template) => promptAnswers(parameters, answers, template, { input: process.stdin, output: process.stderr, lang: ctx.lang })
}

const STYLE: Record<FileActionKind, Style> = { create: 'green', update: 'cyan', merge: 'cyan', conflict: 'red', delete: 'yellow', keep: 'dim' }

/** One line per file: `  create  src/adapter.ts`. */
export function renderActions(ctx: CommandContext, result: ScaffoldResult): string {
  const width = Math.max(...result.actions.map((a) => a.action.length))
  return result.actions
    .map((a) => {
      const why = a.reason ? `  ${paint(ctx, 'dim', `（${a.reason[ctx.lang]}）`)}` : ''
      const conflicts = a.conflicts ? `  ${paint(ctx, 'red', ctx.lang === 'zh' ? `${a.conflicts} 处冲突` : `${a.conflicts} conflict(s)`)}` : ''
      return `  ${paint(ctx, STYLE[a.action], a.action.padEnd(width))}  ${a.path}${conflicts}${why}\n`
    })
    .join('')
}

export function resultJson(ctx: CommandContext, result: ScaffoldResult): string {
  return json({
    dir: displayPath(ctx.cwd, result.dir),
    template: result.template,
    ...(result.previousVersion ? { previousVersion: result.previousVersion } : {}),
    dryRun: result.dryRun,
    actions: result.actions.map((a) => ({ path: a.path, action: a.action, ...(a.conflicts ? { conflicts: a.conflicts } : {}), ...(a.reason ? { reason: a.reason[ctx.lang] } : {}) })),
    answers: result.answers,
    findings: result.findings.map((f) => findingToJson(f, ctx)),
  })
}

/** Several findings from the scaffold (a bad answers file): printed all, exit 1. Anything else is rethrown. */
export function reportScaffoldError(ctx: CommandContext, error: unknown): number {
  if (!isScaffoldError(error)) throw error
  writeFindings(ctx, error.findings)
  return 1
}

export function writeFindings(ctx: CommandContext, findings: readonly Finding[]): void {
  if (findings.length === 0) return
  if (ctx.options.format === 'json') ctx.stdout.write(json({ ok: !findings.some((f) => f.severity === 'error'), findings: findings.map((f) => findingToJson(f, ctx)) }))
  else ctx.stderr.write(renderFindingsText(findings, ctx))
}
