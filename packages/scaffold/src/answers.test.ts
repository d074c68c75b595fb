import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../../../test/utils/index'
import { checkAnswer, parseSetFlags, readAnswersFile, resolveAnswers, soapOperationName, type OperationAnswer } from './_answers'
import { isScaffoldError } from './_errors'
import { findTemplate, listTemplates, loadTemplate, type TemplateParameter } from './_template'

const string = (validation: TemplateParameter['validation']): TemplateParameter => ({ name: 'p', type: 'string', description: '参数', validation })

describe('every shipped template', () => {
  it('loads, with defaults that pass their own rules', async () => {
    const templates = await listTemplates()
    expect(templates.map((t) => t.name)).toEqual(['html-form-gbk', 'rest-json', 'soap-xml'])
    for (const t of templates) {
      expect(t.version).toMatch(/^\d+\.\d+\.\d+$/)
      expect(t.description).toMatch(/[\u4e00-\u9fff]/)
      for (const p of t.parameters) expect(p.description, `${t.name}.${p.name}`).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('an unknown name suggests the closest', async () => {
    await expect(findTemplate('rest-jsn')).rejects.toMatchObject({ code: 'YJ_TEMPLATE_UNKNOWN', finding: { hint: { zh: expect.stringContaining('rest-json') } } })
  })
})

describe('checking one value', () => {
  it('strings: pattern, length (in characters, not UTF-16 units)', () => {
    expect(checkAnswer(string({ pattern: '^[a-z]+$', message: '只能小写' }), 'ABC', 'rest-json')[0]!.reason.zh).toBe('只能小写')
    expect(checkAnswer(string({ maxLength: 2 }), '😀😀', 'rest-json')).toEqual([])
    expect(checkAnswer(string({ maxLength: 2 }), '😀😀😀', 'rest-json')).toHaveLength(1)
  })

  it('integers, booleans, enums, URLs', () => {
    const int: TemplateParameter = { name: 'n', type: 'integer', description: '数', validation: { minimum: 1, maximum: 10 } }
    expect(checkAnswer(int, 11, 'rest-json')[0]!.reason.zh).toBe('不能大于 10')
    expect(checkAnswer(int, 1.5, 'rest-json')[0]!.reason.zh).toBe('应为整数')
    expect(checkAnswer({ name: 'b', type: 'boolean', description: '是否' }, 'yes', 'rest-json')).toHaveLength(1)
    expect(checkAnswer({ name: 'e', type: 'enum', description: '编码', choices: ['gbk'] }, 'big5', 'rest-json')[0]!.reason.zh).toContain('gbk')
    expect(checkAnswer({ name: 'u', type: 'url', description: '地址' }, 'ftp://x.invalid/', 'rest-json')).toHaveLength(1)
    expect(checkAnswer({ name: 'u', type: 'url', description: '地址' }, 'https://x.invalid/a', 'rest-json')).toEqual([])
  })

  const ops = (over: Partial<OperationAnswer>[]): OperationAnswer[] => over.map((o, i) => ({ id: `op${i}`, name: '操作', path: '/x', ...o }))
  const operations: TemplateParameter = { name: 'operations', type: 'operations', description: '操作' }

  it('operations: shape, repeated ids and fields, path parameters', () => {
    const problems = checkAnswer(
      operations,
      ops([{ id: 'same' }, { id: 'same', path: '/cards/{cardNo}', input: [{ name: 'a' }, { name: 'a' }] }, { id: '1bad' }]),
      'rest-json',
    ).map((p) => [p.path.join('.'), p.reason.zh])
    expect(problems).toEqual(
      expect.arrayContaining([
        ['2.id', expect.stringContaining('/2/id')],
      ]),
    )
    const semantic = checkAnswer(operations, ops([{ id: 'same' }, { id: 'same', path: '/cards/{cardNo}', input: [{ name: 'a' }, { name: 'a' }] }]), 'rest-json').map((p) => p.reason.zh)
    expect(semantic).toEqual(['操作 id “same” 重复', '操作 same 的字段 “a” 重复', '路径参数 {cardNo} 不是该操作的输入字段'])
  })

  it('operations: SOAP names must be XML names; GBK forms cannot carry emoji', () => {
    const soap = checkAnswer(operations, [{ id: 'q', name: '查询', input: [{ name: 'a b' }] }], 'soap')
    expect(soap[0]!.reason.zh).toContain('XML 元素名')
    const unsafe = checkAnswer(operations, [{ id: 'q', name: '查询', input: [{ name: 'constructor' }], output: [{ name: 'toString' }] }], 'soap')
    expect(unsafe.map((p) => p.path)).toEqual([[0, 'input', 0, 'name'], [0, 'output', 0, 'name']])
    const form = checkAnswer(operations, [{ id: 'q', name: '查询', path: '/q.do', output: [{ name: 'x', label: '状态😀' }] }], 'html-form', { encoding: 'gbk' })
    expect(form[0]).toMatchObject({ path: [0, 'output', 0, 'label'], reason: { zh: expect.stringContaining('gb18030') } })
    expect(checkAnswer(operations, [{ id: 'q', name: '查询', path: '/q.do', output: [{ name: 'x', label: '状态😀' }] }], 'html-form', { encoding: 'gb18030' })).toEqual([])
  })

  it('the SOAP body element comes from the soapAction', () => {
    expect(soapOperationName({ id: 'query-account', name: 'q', soapAction: 'urn:queryPersonalAccount' })).toBe('queryPersonalAccount')
    expect(soapOperationName({ id: 'query-account', name: 'q', soapAction: 'http://x.invalid/ws/Query' })).toBe('Query')
    expect(soapOperationName({ id: 'query-account', name: 'q' })).toBe('QueryAccount')
  })
})

describe('answers in layers', () => {
  it('flags win over the file, the file over the Interface, all over defaults; flags are typed', async () => {
    const template = await findTemplate('rest-json')
    const dir = await tempDir({ 'answers.yaml': 'title: 来自文件\ntimeoutMs: 2000\nport: 9000\n' })
    try {
      const file = await readAnswersFile(join(dir.path, 'answers.yaml'))
      const r = resolveAnswers(template, [
        { source: 'interface', values: { title: '来自接口', system: '接口中的系统', notAParameter: 1 }, id: 'x' },
        { source: 'file', file },
        { source: 'flags', values: parseSetFlags(['port=8081', 'concurrency=4']) },
      ])
      expect(r.findings).toEqual([])
      expect(r.answers).toMatchObject({ title: '来自文件', system: '接口中的系统', timeoutMs: 2000, port: 8081, concurrency: 4, name: 'my-rest-adapter' })
      expect(r.origin).toMatchObject({ title: 'file', system: 'interface', port: 'flags', name: 'default' })
    } finally {
      await dir.cleanup()
    }
  })

  it('a misspelt name in an answers file is located, with a did-you-mean', async () => {
    const template = await findTemplate('rest-json')
    const dir = await tempDir({ 'answers.yaml': 'name: ok-name\ntimeoutMS: 2000\nport: 0\n' })
    try {
      const file = await readAnswersFile(join(dir.path, 'answers.yaml'))
      const r = resolveAnswers(template, [{ source: 'file', file }])
      expect(r.findings.map((f) => [f.code, f.location?.line, f.location?.column, f.hint.zh])).toEqual([
        ['YJ_ANSWER_UNKNOWN', 2, 1, '是否应为 “timeoutMs”？'],
        ['YJ_ANSWER_INVALID', 3, 7, expect.stringContaining('端口')],
      ])
    } finally {
      await dir.cleanup()
    }
  })

  it('a bad --set names the flag; --set without = is refused', async () => {
    const template = await findTemplate('rest-json')
    const r = resolveAnswers(template, [{ source: 'flags', values: { timeoutMs: 'soon' } }])
    expect(r.findings[0]!.message.zh).toBe('参数 --set timeoutMs 的取值不符合要求：应为整数')
    try {
      parseSetFlags(['timeoutMs'])
      expect.unreachable()
    } catch (error) {
      expect(isScaffoldError(error) && error.code).toBe('YJ_ANSWER_INVALID')
    }
  })
})

describe('a template author edits template.yaml', () => {
  it('schema mistakes and defaults that break their own rules are located', async () => {
    const dir = await tempDir({
      'mine/template.yaml': [
        'name: mine',
        'version: 1.0',
        'description: 我的模板',
        'protocol: rest-json',
        'parameters:',
        '  - name: port',
        '    type: integer',
        '    description: 端口',
        '    default: 70000',
        '    validation: { maximum: 65535 }',
        '',
      ].join('\n'),
      'mine/files/a.txt': 'x',
    })
    try {
      await loadTemplate(join(dir.path, 'mine')).then(
        () => expect.unreachable(),
        (error: unknown) => {
          if (!isScaffoldError(error)) throw error
          expect(error.findings.map((f) => [f.code, f.location?.line])).toEqual([['YJ_TYPE_INVALID', 2]])
        },
      )
      await dir.write({ 'mine/template.yaml': (await import('node:fs')).readFileSync(join(dir.path, 'mine/template.yaml'), 'utf8').replace('version: 1.0', 'version: 1.0.0') })
      await loadTemplate(join(dir.path, 'mine')).then(
        () => expect.unreachable(),
        (error: unknown) => {
          if (!isScaffoldError(error)) throw error
          expect(error.findings.map((f) => [f.code, f.location?.line, f.message.zh])).toEqual([['YJ_TEMPLATE_INVALID', 9, '参数 port：默认值不符合自身的校验规则：不能大于 65535']])
        },
      )
    } finally {
      await dir.cleanup()
    }
  })
})
