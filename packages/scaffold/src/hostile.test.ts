/**
 * Values hostile to code generation — quotes, backticks, `${`, backslashes,
 * newlines, Chinese, emoji, reserved words and __proto__ as field names —
 * go into every template. Each generated adapter must type-check (tsc) and
 * behave: its own generated tests call every operation through the legacy
 * client against its simulator and compare exactly what arrives there and
 * what comes back.
 */
import { execFile } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../../../test/utils/index'
import type { Answers, OperationAnswer } from './_answers'
import { newAdapter } from './_generate'

const EVIL = '引号\'"反引号`${process.exit(7)}` 反斜杠\\ 换行\n回车\r */ <script>|# 😀'

const COMMON: Answers = { name: 'hostile-adapter', title: EVIL, system: EVIL, channel: 'bd-hostile', authNote: EVIL, legacyKey: 'default', timeoutMs: 3000 }

const ANSWERS: Record<string, Answers> = {
  'rest-json': {
    ...COMMON,
    endpoint: 'http://127.0.0.1:9/a\'b?x="y"&z=${q}',
    auth: 'basic',
    operations: [
      {
        id: 'class',
        name: EVIL,
        item: EVIL,
        idempotent: true,
        method: 'GET',
        path: "/q'x/{class}/$(y)",
        input: [
          { name: 'class', label: EVIL, required: true },
          { name: 'constructor', label: '构造', type: 'integer', required: true },
          { name: 'a\'b"c', type: 'boolean' },
          { name: '`${x}`', label: '模板' },
          { name: 'back\\slash' },
          { name: '姓名', personal: 'name', required: true },
          { name: '😀', type: 'number' },
          { name: 'new\nline', type: 'date' },
        ],
        output: [
          { name: 'default', label: EVIL },
          { name: '__proto__', type: 'number' },
          { name: '中文', type: 'integer' },
          { name: 'toString', type: 'boolean' },
        ],
      },
      {
        id: 'submit-x',
        name: '提交',
        item: 'X-1',
        method: 'POST',
        path: '/submit',
        input: [{ name: '__proto__', required: true }, { name: 'hasOwnProperty' }, { name: 'idNumber', personal: 'idNumber' }],
        output: [{ name: 'ok', type: 'boolean' }],
      },
    ] satisfies OperationAnswer[],
  },
  'soap-xml': {
    ...COMMON,
    endpoint: 'http://127.0.0.1:9/ws',
    namespace: 'http://x.invalid/ws?a=\'b"&c=${d}',
    encoding: 'gbk',
    soapVersion: '1.2',
    operations: [
      {
        id: 'class',
        name: EVIL,
        item: EVIL,
        idempotent: true,
        soapAction: 'urn:Query-Class.v1',
        // constructor, toString and friends are refused for SOAP: the XML parser cannot carry them.
        input: [
          { name: 'class', label: EVIL, required: true },
          { name: 'new', type: 'integer' },
          { name: 'a.b-c', type: 'boolean' },
          { name: '_x', label: '`${x}`', personal: 'name' },
          { name: 'function', personal: 'idNumber' },
        ],
        output: [
          { name: 'default', label: EVIL },
          { name: 'export', type: 'number' },
          { name: 'await', type: 'integer' },
          { name: 'x.y', type: 'boolean' },
        ],
      },
      { id: 'plain', name: '无 SOAPAction', item: 'X-2', input: [{ name: 'a' }], output: [{ name: 'b' }] },
    ] satisfies OperationAnswer[],
  },
  'html-form-gbk': {
    ...COMMON,
    endpoint: 'http://127.0.0.1:9/',
    encoding: 'gb18030',
    auth: 'basic',
    operations: [
      {
        id: 'class',
        name: EVIL,
        item: EVIL,
        idempotent: true,
        method: 'GET',
        path: "/q'x(1).jsp",
        input: [
          { name: 'class', label: EVIL, required: true },
          { name: 'constructor', type: 'integer' },
          { name: 'a\'b"c', type: 'boolean' },
          { name: '`${x}`' },
          { name: 'back\\slash' },
          { name: '姓名', personal: 'name', required: true },
          { name: '😀' },
          { name: 'new\nline', type: 'date' },
        ],
        output: [
          { name: 'default', label: `${EVIL}一` },
          { name: 'constructor', label: '数量', type: 'integer' },
          { name: '😀', label: '😀 标签', type: 'boolean' },
          { name: 'x', label: '金额 & <b>', type: 'number' },
        ],
      },
      { id: 'submit', name: '提交', item: 'X-3', method: 'POST', path: '/submit.do', input: [{ name: 'hasOwnProperty' }, { name: 'sfzh', personal: 'idNumber' }], output: [{ name: 'bh', label: '编号' }] },
    ] satisfies OperationAnswer[],
  },
}

const TEMPLATES = Object.keys(ANSWERS)
let root: string
let tscOutput = ''

function run(command: string, args: string[], cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024, env: { PATH: process.env.PATH, HOME: process.env.HOME } }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}${stderr}` })
    })
  })
}

beforeAll(async () => {
  // Inside the repository (so the connector resolves through the workspace), outside every test glob and tsconfig.
  await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true })
  root = await mkdtemp(join(REPO_ROOT, '.tmp', 'scaffold-hostile-'))
  await mkdir(join(root, 'node_modules', '@yingjie'), { recursive: true })
  await symlink(join(REPO_ROOT, 'packages', 'connector'), join(root, 'node_modules', '@yingjie', 'connector'), 'dir')
  for (const template of TEMPLATES) {
    await newAdapter({ template, dir: join(root, template), cwd: root, layers: [{ source: 'flags', values: {} }, { source: 'file', file: { file: 'hostile', values: ANSWERS[template]!, document: { file: 'hostile', index: 0, value: {}, locate: () => ({ file: 'hostile', line: 1, column: 1 }) } } }] })
  }
  // One compiler run for the three adapters: the generated tsconfig, plus the workspace's "source" condition.
  await writeFile(
    join(root, 'tsconfig.json'),
    JSON.stringify({ extends: './rest-json/tsconfig.json', compilerOptions: { customConditions: ['source'] }, include: TEMPLATES.flatMap((t) => [`${t}/src`, `${t}/test`]) }),
  )
  const tsc = createRequire(join(REPO_ROOT, 'package.json')).resolve('typescript/bin/tsc')
  tscOutput = (await run(process.execPath, [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], root)).output
}, 240_000)

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true })
})

describe.each(TEMPLATES)('%s with hostile values', (template) => {
  it('type-checks', () => {
    const errors = tscOutput.split('\n').filter((line) => line.startsWith(`${template}/`) || (line.includes('error TS') && !TEMPLATES.some((t) => line.startsWith(`${t}/`))))
    expect(errors).toEqual([])
  })

  it('behaves: every operation round-trips through its simulator with the exact names and values', async () => {
    const tsx = pathToFileURL(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx')).href
    const r = await run(process.execPath, ['--conditions=source', '--import', tsx, '--test', 'test/mapping.test.ts', 'test/operations.test.ts'], join(root, template))
    expect(r.output).toMatch(/# fail 0/)
    expect(r.code).toBe(0)
  }, 120_000)

  it('keeps the hostile text as data: in the README, .env.example and code', async () => {
    const dir = join(root, template)
    const adapter = await readFile(join(dir, 'src', 'adapter.ts'), 'utf8')
    expect(adapter).toContain(JSON.stringify(EVIL))
    expect(adapter).not.toContain('`${process.exit(7)}`\n')
    const readme = await readFile(join(dir, 'README.md'), 'utf8')
    expect(readme).toContain('\\<script\\>\\|\\#')
    const env = await readFile(join(dir, '.env.example'), 'utf8')
    expect(env).toContain('YINGJIE_LEGACY_DEFAULT_URL=')
    expect(env.split('\n').filter((l) => l.startsWith('#')).every((l) => !l.includes('\r'))).toBe(true)
  })
})
