/**
 * A department developer's whole story, once per template: generate an
 * adapter from an Interface of the Baoding sample, install it (one pnpm
 * install for all three, preferring the local store), type-check, build,
 * run its own tests (mapping, round trips through its simulator, the
 * conformance kit against the mock platform); then edit mapping.ts, bump
 * the template, run `adapter update`, and see the edit survive and the
 * template change arrive.
 *
 * The adapters live in a temporary folder inside the repository (.tmp/ is
 * git-ignored and outside every tsconfig and test glob) so that their
 * `link:` dependency reaches packages/connector, and run it from source
 * through the "source" export condition: nothing needs building first.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, runMain, SAMPLE_BAODING, tempDir } from '../utils/index'

const CASES = [
  { template: 'rest-json', interfaceId: 'bd-mzj-hy-api' },
  { template: 'soap-xml', interfaceId: 'bd-gjj-hx-soap' },
  { template: 'html-form-gbk', interfaceId: 'bd-gaj-jj-form' },
] as const

let root: string
const templatesCopy = () => join(root, 'templates')
const adapterDir = (template: string) => join(root, template)

interface Ran {
  code: number
  output: string
}

/** pnpm as this test run was started with it (npx pnpm …), else from PATH, else through npx. */
function pnpm(): string[] {
  const exec = process.env.npm_execpath
  if (exec && /pnpm/i.test(exec)) return /\.[cm]?js$/.test(exec) ? [process.execPath, exec] : [exec]
  if (spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status === 0) return ['pnpm']
  return ['npx', '-y', 'pnpm@10.34.9']
}

function run(command: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, output }))
  })
}

beforeAll(async () => {
  await mkdir(join(REPO_ROOT, '.tmp'), { recursive: true })
  root = await mkdtemp(join(REPO_ROOT, '.tmp', 'e2e-adapters-'))
  // A workspace of its own: one install serves the three adapters.
  await writeFile(join(root, 'pnpm-workspace.yaml'), 'packages:\n  - "*"\nonlyBuiltDependencies:\n  - esbuild\n')
  await writeFile(join(root, 'package.json'), '{ "name": "e2e-adapters", "private": true }\n')
  // A copy of the templates, so the test can release a new template version.
  await cp(join(REPO_ROOT, 'templates'), templatesCopy(), { recursive: true })
  for (const c of CASES) {
    const r = await runMain(['adapter', 'new', c.template, '--interface', c.interfaceId, '--inventory', SAMPLE_BAODING, '--templates', templatesCopy()], { cwd: root })
    expect(r.stderr.replace(/^.*(YJ_INTERFACE_NO_CHANNEL|处理：).*$/gm, '').trim(), r.stderr).toBe('')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`已用模板 ${c.template} 1.0.0 生成适配器：${c.template}`)
  }
  // Prefer the local store; fetch from the npm registry only what it lacks. CI sets CI=true, which
  // would otherwise demand a lockfile this fresh workspace cannot have.
  const install = await run([...pnpm(), 'install', '--prefer-offline', '--no-frozen-lockfile', '--reporter=append-only'], root)
  expect(install.code, install.output).toBe(0)
}, 300_000)

afterAll(async () => {
  if (root) await rm(root, { recursive: true, force: true })
})

describe.each(CASES)('an adapter from the $template template (Interface $interfaceId)', ({ template, interfaceId }) => {
  it('installs, type-checks, builds and passes its own tests, the conformance kit included', async () => {
    const dir = adapterDir(template)
    const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'))
    expect(pkg.dependencies['@yingjie/connector']).toBe('link:../../../packages/connector')
    expect(existsSync(join(dir, 'node_modules', '@yingjie', 'connector', 'src', 'index.ts'))).toBe(true)

    // Inside the workspace the connector is type-checked and run from source (no build needed).
    const tsc = await run([process.execPath, join(dir, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', '.', '--customConditions', 'source'], dir)
    expect(tsc.output).toBe('')
    expect(tsc.code).toBe(0)

    const build = await run([...pnpm(), 'run', 'build'], dir)
    expect(build.code, build.output).toBe(0)
    expect(existsSync(join(dir, 'dist', 'server.js'))).toBe(true)
    expect(existsSync(join(dir, 'dist', 'adapter.js'))).toBe(true)

    const test = await run([...pnpm(), 'test'], dir, { NODE_OPTIONS: '--conditions=source' })
    expect(test.output).toMatch(/# fail 0/)
    expect(test.code, test.output.slice(-3000)).toBe(0)
    const junit = await readFile(join(dir, 'test-results', 'conformance.xml'), 'utf8')
    expect(junit).toMatch(/tests="2\d" failures="0" skipped="0"/)
  }, 300_000)

  it('keeps the developer’s edit to mapping.ts through a template update, and brings the template’s changes', async () => {
    const dir = adapterDir(template)
    const mappingFile = join(dir, 'src', 'mapping.ts')
    const generated = await readFile(mappingFile, 'utf8')
    // The department's edit: a note in the mapping and a constant of its own at the end.
    const edited = generated.replace('export const mapping = {\n', 'export const mapping = {\n  // 部门修改：字段说明以业务科室确认的为准\n') + "\nexport const DEPARTMENT_NOTE = '部门修改'\n"
    await writeFile(mappingFile, edited)

    // The template's 1.1.0: a new line in mapping.ts's header, a changed adapter.ts, a new file, one file dropped.
    const tpl = join(templatesCopy(), template)
    const yaml = await readFile(join(tpl, 'template.yaml'), 'utf8')
    await writeFile(join(tpl, 'template.yaml'), yaml.replace('version: 1.0.0', 'version: 1.1.0'))
    const mappingTemplate = await readFile(join(tpl, 'files', 'src', 'mapping.ts'), 'utf8')
    await writeFile(join(tpl, 'files', 'src', 'mapping.ts'), mappingTemplate.replace(' * 这是最常需要修改的文件：\n', ' * 这是最常需要修改的文件（模板 1.1.0 起附有示例请求）：\n'))
    const adapterTemplate = await readFile(join(tpl, 'files', 'src', 'adapter.ts'), 'utf8')
    await writeFile(join(tpl, 'files', 'src', 'adapter.ts'), adapterTemplate.replace('export default defineAdapter({\n', '// 模板 1.1.0：版本号随适配器发布\nexport default defineAdapter({\n'))
    await mkdir(join(tpl, 'files', 'docs'), { recursive: true })
    await writeFile(join(tpl, 'files', 'docs', 'operations.md'), '# {{md adapter.title}}：运维说明\n')
    await rm(join(tpl, 'files', '.dockerignore'))

    const dry = await runMain(['adapter', 'update', template, '--dry-run'], { cwd: root })
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toContain(`试运行：用模板 ${template} 1.0.0 → 1.1.0 更新 ${template}（未写入任何文件）`)
    expect(dry.stdout).toMatch(/^ {2}merge +src\/mapping\.ts$/m)
    expect(dry.stdout).toMatch(/^ {2}update +src\/adapter\.ts$/m)
    expect(dry.stdout).toMatch(/^ {2}create +docs\/operations\.md$/m)
    expect(dry.stdout).toMatch(/^ {2}delete +\.dockerignore$/m)
    // The README names the template version, so it follows the template too (nobody edited it).
    expect(dry.stdout).toMatch(/^ {2}update +README\.md$/m)
    expect(dry.stdout).toMatch(/^ {2}keep +src\/fields\.ts$/m)
    expect(await readFile(mappingFile, 'utf8')).toBe(edited)

    const update = await runMain(['adapter', 'update', template], { cwd: root })
    expect(update.code, update.stderr).toBe(0)
    expect(update.stdout).toContain('合并 1，冲突 0，删除 1')
    const merged = await readFile(mappingFile, 'utf8')
    expect(merged).toContain('// 部门修改：字段说明以业务科室确认的为准')
    expect(merged).toContain("export const DEPARTMENT_NOTE = '部门修改'")
    expect(merged).toContain('这是最常需要修改的文件（模板 1.1.0 起附有示例请求）')
    expect(merged).not.toMatch(/^(<<<<<<<|>>>>>>>|=======)/m)
    expect(await readFile(join(dir, 'src', 'adapter.ts'), 'utf8')).toContain('// 模板 1.1.0：版本号随适配器发布')
    expect(await readFile(join(dir, 'docs', 'operations.md'), 'utf8')).toMatch(/适配器：运维说明/)
    expect(existsSync(join(dir, '.dockerignore'))).toBe(false)
    const manifest = JSON.parse(await readFile(join(dir, '.yingjie', 'manifest.json'), 'utf8'))
    expect(manifest.template).toMatchObject({ name: template, version: '1.1.0' })
    expect(manifest.answers.sourceInterface).toBe(interfaceId)

    // Still compiles into the same behaviour: the mapping and round-trip tests pass after the update.
    const again = await run([process.execPath, '--conditions=source', '--import', 'tsx', '--test', 'test/mapping.test.ts', 'test/operations.test.ts'], dir)
    expect(again.output).toMatch(/# fail 0/)
    expect(again.code).toBe(0)
  }, 300_000)
})

describe('yingjie adapter new on the command line', () => {
  it('--dry-run lists the files and writes nothing; a non-empty folder is refused; --format json', async () => {
    const dir = await tempDir({ 'busy/keep.txt': 'mine' })
    try {
      const dry = await runMain(['adapter', 'new', 'fresh', '--template', 'soap-xml', '--dry-run', '--set', 'name=fresh-adapter'], { cwd: dir.path })
      expect(dry.code).toBe(0)
      expect(dry.stdout).toMatch(/^ {2}create +src\/mapping\.ts$/m)
      expect(existsSync(join(dir.path, 'fresh'))).toBe(false)

      const busy = await runMain(['adapter', 'new', 'busy', '--template', 'rest-json'], { cwd: dir.path })
      expect(busy.code).toBe(1)
      expect(busy.stderr).toContain('YJ_TARGET_NOT_EMPTY')
      expect(await readFile(join(dir.path, 'busy', 'keep.txt'), 'utf8')).toBe('mine')

      const json = await runMain(['adapter', 'new', '--template', 'html-form-gbk', '--set', 'name=form-one', '--set', 'encoding=gb18030', '--format', 'json'], { cwd: dir.path })
      expect(json.code).toBe(0)
      const out = JSON.parse(json.stdout)
      expect(out).toMatchObject({ dir: 'form-one', template: { name: 'html-form-gbk', version: '1.0.0' }, dryRun: false, answers: { encoding: 'gb18030', connector: '^0.1.0' } })
      expect(existsSync(join(dir.path, 'form-one', '.yingjie', 'manifest.json'))).toBe(true)
    } finally {
      await dir.cleanup()
    }
  })

  it('bad answers are listed with their fix; no template off a terminal is a usage error', async () => {
    const dir = await tempDir({ 'answers.yaml': 'name: Bad Name\nprot: 1\n' })
    try {
      const bad = await runMain(['adapter', 'new', '--template', 'rest-json', '--answers', 'answers.yaml', '--set', 'timeoutMs=soon'], { cwd: dir.path })
      expect(bad.code).toBe(1)
      expect(bad.stderr).toContain('answers.yaml:2:1')
      expect(bad.stderr).toContain('YJ_ANSWER_UNKNOWN')
      expect(bad.stderr).toContain('是否应为 “port”？')
      expect(bad.stderr).toContain('参数 --set timeoutMs 的取值不符合要求：应为整数')
      const none = await runMain(['adapter', 'new'], { cwd: dir.path })
      expect(none.code).toBe(2)
      expect(none.stderr).toContain('--template')
      const list = await runMain(['adapter', 'templates', '--format', 'json'], { cwd: dir.path })
      expect(JSON.parse(list.stdout).map((t: { name: string }) => t.name)).toEqual(['html-form-gbk', 'rest-json', 'soap-xml'])
    } finally {
      await dir.cleanup()
    }
  })
})

describe('yingjie adapter new on a real terminal', () => {
  it('asks every parameter in a pseudo-terminal (util-linux script): Enter keeps the default, enums by number', async () => {
    const dir = await tempDir()
    try {
      const tsx = join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')
      const command = `'${process.execPath}' --conditions=source --import 'file://${tsx}' '${join(REPO_ROOT, 'packages', 'cli', 'src', 'bin.ts')}' adapter new --template rest-json`
      const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: dir.path, env: { PATH: process.env.PATH, HOME: process.env.HOME, TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'] })
      let screen = ''
      child.stdout.setEncoding('utf8').on('data', (d: string) => (screen += d))
      // name, then Enter for title … legacyKey, 2 (basic) for auth, Enter for the rest; operations are not asked.
      child.stdin.write(['pty-adapter', '', '', '', '', '', '', '2', '', '', '', '', '', '', ''].join('\n'))
      const code = await new Promise<number>((resolve) => child.on('close', (c) => resolve(c ?? -1)))
      child.stdin.destroy()
      const text = screen.replace(/\r/g, '')
      expect(text).toContain('? 适配器的包名，也是默认的目录名（name） [my-rest-adapter]: ')
      expect(text).toContain('1) none  2) basic  3) bearer')
      expect(text).toContain('已用模板 rest-json 1.0.0 生成适配器：pty-adapter')
      expect(code).toBe(0)
      const manifest = JSON.parse(await readFile(join(dir.path, 'pty-adapter', '.yingjie', 'manifest.json'), 'utf8'))
      expect(manifest.answers).toMatchObject({ name: 'pty-adapter', auth: 'basic', title: '部门业务适配器', port: 8080 })
      expect(await readFile(join(dir.path, 'pty-adapter', '.env.example'), 'utf8')).toContain('YINGJIE_LEGACY_SYSTEM_USER=')
    } finally {
      await dir.cleanup()
    }
  }, 120_000)
})
