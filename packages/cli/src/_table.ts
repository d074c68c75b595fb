/**
 * Every command and option of `yingjie`, as data. Help text, argument
 * parsing and lazy loading are all derived from this table; command modules
 * are imported only when their command runs, so `yingjie --version` stays
 * as cheap as starting Node.
 */
import type { Localized } from '@yingjie/model'

export type OptionType = 'boolean' | 'string' | 'string[]'

export interface OptionSpec {
  name: string
  short?: string
  type: OptionType
  /** Placeholder shown in help, e.g. DIR. */
  value?: string
  description: Localized
  default?: string | boolean
  /** Allowed values for string options. */
  choices?: readonly string[]
}

export interface CommandSpec {
  /** Words after `yingjie`, e.g. ['inventory', 'check']. */
  path: readonly string[]
  summary: Localized
  /** Positional arguments as shown in help, e.g. '[dir]'. */
  usage?: string
  options?: readonly OptionSpec[]
  /** Module under ./commands that exports `run(ctx)`. Loaded lazily. */
  load: () => Promise<{ run: (ctx: import('./_context').CommandContext) => Promise<number> }>
}

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'lang', type: 'string', value: 'zh|en', choices: ['zh', 'en'], default: 'zh', description: { zh: '界面语言', en: 'language of messages' } },
  { name: 'help', short: 'h', type: 'boolean', description: { zh: '显示帮助', en: 'show help' } },
  { name: 'version', short: 'v', type: 'boolean', description: { zh: '显示版本号', en: 'show the version' } },
]

const FORMAT: OptionSpec = {
  name: 'format',
  type: 'string',
  value: 'text|json',
  choices: ['text', 'json'],
  default: 'text',
  description: { zh: '输出格式', en: 'output format' },
}

export const COMMANDS: readonly CommandSpec[] = [
  {
    path: ['inventory', 'check'],
    usage: '[dir]',
    summary: { zh: '检查清单文件：格式、编码、引用、重复和合规提示', en: 'check inventory files: format, codes, references, duplicates, compliance warnings' },
    options: [
      FORMAT,
      { name: 'strict', type: 'boolean', description: { zh: '有警告时也以 1 退出', en: 'exit 1 on warnings too' } },
    ],
    load: () => import('./commands/inventory/check'),
  },
  {
    path: ['inventory', 'report'],
    usage: '[dir]',
    summary: { zh: '生成清单汇总报告（Markdown 或 JSON）', en: 'summarise the inventory (Markdown or JSON)' },
    options: [
      { ...FORMAT, value: 'markdown|json', choices: ['markdown', 'json'], default: 'markdown' },
      { name: 'out', short: 'o', type: 'string', value: 'FILE', description: { zh: '写入文件（原子写入）；省略则输出到终端', en: 'write to FILE (atomically) instead of stdout' } },
    ],
    load: () => import('./commands/inventory/report'),
  },
  {
    path: ['demo'],
    summary: { zh: '在自带的保定示例数据上运行检查和报告', en: 'run check and report on the bundled Baoding sample' },
    options: [
      { name: 'out', short: 'o', type: 'string', value: 'DIR', default: './yingjie-out', description: { zh: '输出目录', en: 'output folder' } },
    ],
    load: () => import('./commands/demo/index'),
  },
  {
    path: ['spec', 'list'],
    summary: { zh: '列出随工具发布的省级平台接入规范配置', en: 'list the shipped provincial access-spec profiles' },
    options: [FORMAT],
    load: () => import('./commands/spec/list'),
  },
  {
    path: ['spec', 'show'],
    usage: '<id|file>',
    summary: {
      zh: '显示接入规范配置：签名、身份认证、信封、错误码、脱敏、审核项、能力映射',
      en: 'show a profile: signing, identity, envelopes, error codes, masking, review, capability map',
    },
    options: [FORMAT],
    load: () => import('./commands/spec/show'),
  },
  {
    path: ['spec', 'check'],
    usage: '<file...>',
    summary: { zh: '检查修改过的接入规范配置文件，错误精确到行列', en: 'check edited profile files; every error names line and column' },
    options: [FORMAT],
    load: () => import('./commands/spec/check'),
  },
]
