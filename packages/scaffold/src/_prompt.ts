/**
 * Interactive answers on a terminal, with node:readline. Each parameter is
 * asked with its Chinese description and default; Enter keeps the default,
 * a bad value is explained and asked again. Streams are injected, so tests
 * drive it with plain PassThrough streams.
 */
import { createInterface } from 'node:readline'
import { YjError, type Lang } from '@yingjie/model'
import { checkAnswer, coerceAnswer, isRequired, type Answers } from './_answers'
import type { AdapterTemplate, TemplateParameter } from './_template'

export interface PromptIO {
  input: NodeJS.ReadableStream
  output: NodeJS.WritableStream
  /** @default 'zh' */
  lang?: Lang
}

const MAX_TRIES = 5

function shown(value: unknown): string {
  if (value === undefined) return ''
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}

/**
 * Ask for `parameters` one by one. `operations` is never asked (a list of
 * operations is no terminal conversation): its current value is kept and the
 * user is told where to change it.
 * @throws YjError `YJ_PROMPT_ABORTED` when the input ends, or after five bad answers to one question
 */
export async function promptAnswers(parameters: readonly TemplateParameter[], current: Answers, template: AdapterTemplate, io: PromptIO): Promise<Answers> {
  const zh = (io.lang ?? 'zh') === 'zh'
  const rl = createInterface({ input: io.input, output: io.output, terminal: Boolean((io.output as { isTTY?: boolean }).isTTY) })
  const lines = rl[Symbol.asyncIterator]()
  const say = (text: string) => io.output.write(text)
  const given: Answers = {}
  const aborted = () =>
    new YjError({
      code: 'YJ_PROMPT_ABORTED',
      message: { zh: '输入已结束，未生成适配器', en: 'input ended; nothing was generated' },
      hint: { zh: '重新运行，或用 --set / --answers 提供参数、--yes 全部使用默认值', en: 'run again, or give --set / --answers, or --yes for every default' },
    })
  try {
    say(zh ? `模板 ${template.name} ${template.version}：${template.description}\n直接回车使用方括号中的默认值。\n` : `Template ${template.name} ${template.version}. Press Enter for the default in brackets.\n`)
    for (const p of parameters) {
      const description = zh ? p.description : (p.descriptionEn ?? p.description)
      if (p.type === 'operations') {
        const n = Array.isArray(current[p.name]) ? (current[p.name] as unknown[]).length : 0
        say(
          zh
            ? `· ${description}（${p.name}）：使用${n ? ` ${n} 个` : ''}示例操作；之后在 src/mapping.ts 中修改，或用 --interface / --answers 提供\n`
            : `· ${description} (${p.name}): keeping ${n} sample operation(s); edit src/mapping.ts later, or give --interface / --answers\n`,
        )
        continue
      }
      const fallback = current[p.name]
      const choices = p.type === 'enum' ? (p.choices ?? []) : []
      let tries = 0
      for (;;) {
        if (tries++ >= MAX_TRIES) throw aborted()
        const options = choices.length ? `  ${choices.map((c, i) => `${i + 1}) ${c}`).join('  ')}\n` : ''
        const yesNo = p.type === 'boolean' ? ' (y/n)' : ''
        const shownDefault = fallback !== undefined ? ` [${shown(fallback)}]` : isRequired(p) ? '' : zh ? ' [可不填]' : ' [optional]'
        say(`${options}? ${description}（${p.name}）${yesNo}${shownDefault}: `)
        const next = await lines.next()
        if (next.done) throw aborted()
        const text = String(next.value).trim()
        if (text === '') {
          if (fallback !== undefined || !isRequired(p)) break
          say(zh ? '  ✗ 此项必填\n' : '  ✗ required\n')
          continue
        }
        const picked = choices.length && /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= choices.length ? choices[Number(text) - 1]! : text
        const value = coerceAnswer(p, picked)
        const problems = checkAnswer(p, value, template.protocol, { ...current, ...given })
        if (problems.length) {
          say(`  ✗ ${zh ? problems[0]!.reason.zh : problems[0]!.reason.en}\n`)
          continue
        }
        given[p.name] = value
        break
      }
    }
    return given
  } finally {
    rl.close()
  }
}

/** Ask which template to use, by number or name. */
export async function promptTemplate(templates: readonly AdapterTemplate[], io: PromptIO): Promise<string> {
  const zh = (io.lang ?? 'zh') === 'zh'
  const rl = createInterface({ input: io.input, output: io.output, terminal: Boolean((io.output as { isTTY?: boolean }).isTTY) })
  const lines = rl[Symbol.asyncIterator]()
  try {
    io.output.write(templates.map((t, i) => `  ${i + 1}) ${t.name} ${t.version}：${zh ? t.description : (t.descriptionEn ?? t.description)}\n`).join(''))
    for (let tries = 0; tries < MAX_TRIES; tries++) {
      io.output.write(zh ? '? 选择模板（编号或名称）: ' : '? template (number or name): ')
      const next = await lines.next()
      if (next.done) break
      const text = String(next.value).trim()
      const picked = /^\d+$/.test(text) ? templates[Number(text) - 1] : templates.find((t) => t.name === text)
      if (picked) return picked.name
      io.output.write(zh ? '  ✗ 没有这个模板\n' : '  ✗ no such template\n')
    }
    throw new YjError({
      code: 'YJ_PROMPT_ABORTED',
      message: { zh: '没有选定模板，未生成适配器', en: 'no template chosen; nothing was generated' },
      hint: { zh: '用 --template 指定模板', en: 'give --template' },
    })
  } finally {
    rl.close()
  }
}
