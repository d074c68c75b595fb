import { readFileSync } from 'node:fs'
import { parseArgs, sniffLang } from './_args'
import { UsageError, type CommandContext, type Output } from './_context'
import { renderCommandHelp, renderHelp } from './_help'

export interface MainIO {
  stdout: Output & { isTTY?: boolean }
  stderr: Output
  cwd: string
  env: NodeJS.ProcessEnv
}

export function version(): string {
  // Same relative place from src/ (tests) and dist/ (the built binary).
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}

function useColor(io: MainIO): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== '0') return true
  return Boolean(io.stdout.isTTY) && io.env.TERM !== 'dumb'
}

/** Run one `yingjie` invocation and return its exit code. Never throws. */
export async function main(argv: readonly string[], io: MainIO): Promise<number> {
  const lang = sniffLang(argv, io.env)
  let parsed
  try {
    parsed = parseArgs(argv)
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${lang === 'zh' ? '用法错误' : 'usage error'}: ${error[lang]}\n`)
      io.stderr.write(lang === 'zh' ? '运行 yingjie --help 查看用法\n' : 'Run yingjie --help for usage\n')
      return 2
    }
    throw error
  }
  const { command, options } = parsed
  if (options.version) {
    io.stdout.write(`${version()}\n`)
    return 0
  }
  if (!command) {
    io.stdout.write(renderHelp(lang, parsed.words))
    return options.help ? 0 : 2
  }
  if (options.help) {
    io.stdout.write(renderCommandHelp(command, lang))
    return 0
  }
  const ctx: CommandContext = {
    args: parsed.args,
    options,
    lang,
    cwd: io.cwd,
    stdout: io.stdout,
    stderr: io.stderr,
    color: useColor(io),
    isTTY: Boolean(io.stdout.isTTY),
    env: io.env,
  }
  try {
    const mod = await command.load()
    return await mod.run(ctx)
  } catch (error) {
    return reportError(error, ctx)
  }
}

async function reportError(error: unknown, ctx: CommandContext): Promise<number> {
  const { lang } = ctx
  if (error instanceof UsageError) {
    ctx.stderr.write(`${lang === 'zh' ? '用法错误' : 'usage error'}: ${error[lang]}\n`)
    return 2
  }
  const { isYjError } = await import('@yingjie/model')
  if (isYjError(error)) {
    const { displayPath } = await import('./_output')
    const f = error.finding
    const where = f.location ? `${displayPath(ctx.cwd, f.location.file)}:${f.location.line}:${f.location.column}` : ''
    ctx.stderr.write(`${where ? `${where} ` : ''}${lang === 'zh' ? '错误' : 'error'} ${f.code} ${f.message[lang]}\n`)
    ctx.stderr.write(`  ${lang === 'zh' ? '处理：' : 'fix: '}${f.hint[lang]}\n`)
    return 1
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error)
  ctx.stderr.write(
    lang === 'zh'
      ? `内部错误（这是 yingjie 的缺陷，请连同以下信息报告给维护者）：\n${stack}\n`
      : `internal error (a bug in yingjie; please report it with the following):\n${stack}\n`,
  )
  return 1
}
