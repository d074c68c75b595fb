import type { Lang } from '@yingjie/model'
import { COMMANDS, GLOBAL_OPTIONS, type CommandSpec, type OptionSpec } from './_table'

const T = {
  usage: { zh: '用法', en: 'Usage' },
  commands: { zh: '命令', en: 'Commands' },
  options: { zh: '选项', en: 'Options' },
  global: { zh: '通用选项', en: 'Global options' },
  default: { zh: '默认', en: 'default' },
  more: { zh: '运行 yingjie <命令> --help 查看命令的详细用法', en: 'Run yingjie <command> --help for details of a command' },
  exit: {
    zh: '退出码：0 成功；1 发现问题或执行失败；2 用法错误',
    en: 'Exit codes: 0 ok; 1 findings or failure; 2 usage error',
  },
  title: {
    zh: '应接 yingjie：政务服务移动端“应接尽接、应上尽上”工具',
    en: 'yingjie: move every self-built government-service channel onto the provincial platform',
  },
} as const

function optionLine(o: OptionSpec, lang: Lang): [string, string] {
  const flag = `${o.short ? `-${o.short}, ` : '    '}--${o.name}${o.value ? ` ${o.value}` : ''}`
  const def = o.default !== undefined && o.type !== 'boolean' ? `（${T.default[lang]}：${String(o.default)}）` : ''
  return [flag, o.description[lang] + (lang === 'en' ? def.replace('（', ' (').replace('：', ': ').replace('）', ')') : def)]
}

function columns(rows: [string, string][], indent = '  '): string {
  const width = Math.min(34, Math.max(...rows.map(([a]) => a.length)) + 2)
  return rows.map(([a, b]) => `${indent}${a.padEnd(width)}${b}`).join('\n')
}

/** Help for the whole tool, or for the group of commands sharing `words`. */
export function renderHelp(lang: Lang, words: readonly string[] = []): string {
  const list = COMMANDS.filter((c) => words.every((w, i) => c.path[i] === w))
  const rows: [string, string][] = list.map((c) => [`${c.path.join(' ')}${c.usage ? ` ${c.usage}` : ''}`, c.summary[lang]])
  return [
    T.title[lang],
    '',
    `${T.usage[lang]}: yingjie ${words.length ? `${words.join(' ')} ` : ''}<${lang === 'zh' ? '命令' : 'command'}> [${lang === 'zh' ? '选项' : 'options'}]`,
    '',
    `${T.commands[lang]}:`,
    columns(rows),
    '',
    `${T.global[lang]}:`,
    columns(GLOBAL_OPTIONS.map((o) => optionLine(o, lang))),
    '',
    T.more[lang],
    T.exit[lang],
    '',
  ].join('\n')
}

export function renderCommandHelp(command: CommandSpec, lang: Lang): string {
  const options = [...(command.options ?? []), ...GLOBAL_OPTIONS]
  return [
    `${T.usage[lang]}: yingjie ${command.path.join(' ')}${command.usage ? ` ${command.usage}` : ''} [${lang === 'zh' ? '选项' : 'options'}]`,
    '',
    command.summary[lang],
    '',
    `${T.options[lang]}:`,
    columns(options.map((o) => optionLine(o, lang))),
    '',
    T.exit[lang],
    '',
  ].join('\n')
}
