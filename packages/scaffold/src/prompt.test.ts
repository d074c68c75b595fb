import { PassThrough } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/utils/index'
import { newAdapter } from './_generate'
import { promptAnswers, promptTemplate } from './_prompt'
import { findTemplate, listTemplates } from './_template'

function io(input: string) {
  const stdin = new PassThrough()
  const stdout = new PassThrough()
  let said = ''
  stdout.on('data', (d: Buffer) => (said += d.toString('utf8')))
  stdin.end(input)
  return { io: { input: stdin, output: stdout }, said: () => said }
}

describe('prompts on a terminal (streams injected)', () => {
  it('Enter keeps the default, a bad value is explained and asked again, enums by number', async () => {
    const template = await findTemplate('html-form-gbk')
    const ask = template.parameters.filter((p) => ['name', 'encoding', 'authNote', 'timeoutMs', 'operations'].includes(p.name))
    const t = io(['', '2', '', 'soon', '3000', ''].join('\n'))
    const given = await promptAnswers(ask, { name: 'my-form-adapter', encoding: 'gbk', timeoutMs: 5000, operations: [{}, {}] }, template, t.io)
    expect(given).toEqual({ encoding: 'gb18030', timeoutMs: 3000 })
    expect(t.said()).toContain('? 适配器的包名，也是默认的目录名（name） [my-form-adapter]: ')
    expect(t.said()).toContain('1) gbk  2) gb18030  3) utf-8')
    expect(t.said()).toMatch(/（authNote） \[可不填\]: \? /)
    expect(t.said()).toContain('  ✗ 应为整数')
    expect(t.said()).toContain('使用 2 个示例操作')
  })

  it('the end of input stops with a message, nothing generated', async () => {
    const template = await findTemplate('rest-json')
    const t = io('')
    await expect(promptAnswers(template.parameters.slice(0, 1), {}, template, t.io)).rejects.toMatchObject({ code: 'YJ_PROMPT_ABORTED' })
  })

  it('choosing a template by number or name', async () => {
    const templates = await listTemplates()
    expect(await promptTemplate(templates, io('9\nsoap-xml\n').io)).toBe('soap-xml')
    expect(await promptTemplate(templates, io('2\n').io)).toBe('rest-json')
  })

  it('adapter new asks only for what no flag, file or Interface gave', async () => {
    const dir = await tempDir()
    try {
      const asked: string[] = []
      const result = await newAdapter({
        template: 'rest-json',
        cwd: dir.path,
        dryRun: true,
        layers: [{ source: 'flags', values: { name: 'asked-adapter', title: '问答生成' } }],
        ask: async (parameters, answers, template) => {
          asked.push(...parameters.map((p) => p.name))
          const t = io('\n2\n')
          return promptAnswers(parameters.filter((p) => ['channel', 'auth'].includes(p.name)), answers, template, t.io)
        },
      })
      expect(asked).not.toContain('name')
      expect(asked).not.toContain('title')
      expect(asked).toContain('channel')
      expect(result.answers).toMatchObject({ name: 'asked-adapter', title: '问答生成', channel: 'my-channel', auth: 'basic' })
      expect(result.origin.auth).toBe('prompt')
    } finally {
      await dir.cleanup()
    }
  })
})
