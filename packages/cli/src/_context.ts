import type { Lang } from '@yingjie/model'

export interface Output {
  write(text: string): void
}

/** Everything a command needs from the outside world, so tests can run it in-process. */
export interface CommandContext {
  /** Positional arguments after the command words. */
  args: string[]
  options: Record<string, string | boolean | string[] | undefined>
  lang: Lang
  cwd: string
  stdout: Output
  stderr: Output
  /** Colour is on only for a TTY without NO_COLOR. */
  color: boolean
  /** Interactive terminal: progress may redraw lines. */
  isTTY: boolean
  env: NodeJS.ProcessEnv
}

/** A wrong command line: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en)
    this.name = 'UsageError'
  }
}
