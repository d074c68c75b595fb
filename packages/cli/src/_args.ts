import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './_table'
import { UsageError } from './_context'

export interface ParsedArgs {
  command?: CommandSpec
  /** Command words typed so far when no full command matched (for group help). */
  words: string[]
  args: string[]
  options: Record<string, string | boolean | string[] | undefined>
}

/** Pre-scan for --lang so usage errors themselves come out in the right language. */
export function sniffLang(argv: readonly string[], env: NodeJS.ProcessEnv): 'zh' | 'en' {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--lang') return argv[i + 1] === 'en' ? 'en' : 'zh'
    if (a.startsWith('--lang=')) return a.slice(7) === 'en' ? 'en' : 'zh'
  }
  return env.YINGJIE_LANG === 'en' ? 'en' : 'zh'
}

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const words: string[] = []
  let command: CommandSpec | undefined
  let i = 0
  // Command words come first; the longest matching path wins.
  while (i < argv.length && !argv[i]!.startsWith('-')) {
    const candidate = [...words, argv[i]!]
    const prefix = COMMANDS.some((c) => candidate.every((w, k) => c.path[k] === w))
    if (!prefix) break
    words.push(argv[i]!)
    i++
    const exact = COMMANDS.find((c) => c.path.length === words.length && c.path.every((w, k) => w === words[k]))
    if (exact) {
      command = exact
      break
    }
  }
  const specs = [...GLOBAL_OPTIONS, ...(command?.options ?? [])]
  const options: ParsedArgs['options'] = {}
  const args: string[] = []
  for (; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--') {
      args.push(...argv.slice(i + 1))
      break
    }
    if (!a.startsWith('-') || a === '-') {
      if (!command && words.length === 0) {
        throw new UsageError(`未知命令 “${a}”`, `unknown command "${a}"`)
      }
      if (!command) throw new UsageError(`未知子命令 “${[...words, a].join(' ')}”`, `unknown command "${[...words, a].join(' ')}"`)
      args.push(a)
      continue
    }
    let name: string
    let inline: string | undefined
    if (a.startsWith('--')) {
      const eq = a.indexOf('=')
      name = eq > 0 ? a.slice(2, eq) : a.slice(2)
      inline = eq > 0 ? a.slice(eq + 1) : undefined
    } else {
      const spec = specs.find((s) => s.short === a.slice(1))
      if (!spec) throw new UsageError(`未知选项 “${a}”`, `unknown option "${a}"`)
      name = spec.name
    }
    let spec: OptionSpec | undefined = specs.find((s) => s.name === name)
    let negated = false
    if (!spec && name.startsWith('no-')) {
      spec = specs.find((s) => s.name === name.slice(3) && s.type === 'boolean')
      negated = spec !== undefined
    }
    if (!spec) throw new UsageError(`未知选项 “--${name}”`, `unknown option "--${name}"`)
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new UsageError(`选项 --${name} 不接受取值`, `option --${name} takes no value`)
      options[spec.name] = !negated
      continue
    }
    const value = inline ?? argv[++i]
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`选项 --${name} 需要一个取值${spec.value ? `（${spec.value}）` : ''}`, `option --${name} needs a value${spec.value ? ` (${spec.value})` : ''}`)
    }
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(
        `选项 --${name} 的取值必须是 ${spec.choices.join('、')} 之一，实际为 “${value}”`,
        `option --${name} must be one of ${spec.choices.join(', ')}, got "${value}"`,
      )
    }
    if (spec.type === 'string[]') {
      const list = (options[spec.name] as string[] | undefined) ?? []
      list.push(value)
      options[spec.name] = list
    } else {
      options[spec.name] = value
    }
  }
  for (const spec of specs) {
    if (options[spec.name] === undefined && spec.default !== undefined) options[spec.name] = spec.default
  }
  return { command, words, args, options }
}
