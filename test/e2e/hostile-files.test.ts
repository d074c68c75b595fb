import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { minimalInventory, runCli, tempDir, type RunResult, type TempDir } from '../utils/index'

/**
 * A city office points `yingjie inventory check` at a folder full of broken
 * files. Every one of them must come back as a located YJ_* finding from the
 * real binary — never a stack trace, never a hang — and the rest still checks.
 */
describe('hostile inventory files', () => {
  let dir: TempDir
  let result: RunResult
  let json: { findings: { code: string; file: string; line: number; column: number; severity: string }[]; counts: Record<string, number> }

  beforeAll(async () => {
    const aliasBomb = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i)
      const cur = String.fromCharCode(97 + i)
      aliasBomb.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]`)
    }
    dir = await tempDir({
      ...minimalInventory(),
      'broken/invalid.yaml': 'apiVersion: yingjie/v1\nkind: Channel\nmetadata: {id: x, name: "unclosed\n',
      'broken/tabs.yaml': 'apiVersion: yingjie/v1\nkind: Channel\nmetadata:\n\tid: tabbed\n',
      'broken/dupkey.yaml': 'apiVersion: yingjie/v1\nkind: Organization\nkind: Channel\nmetadata: {id: dup, name: d}\nspec: {}\n',
      'broken/bomb.yaml': `${aliasBomb.join('\n')}\n`,
      'broken/bom.yaml': Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('apiVersion: yingjie/v1\nkind: Channel\nmetadata: {id: bom-ok, name: 带BOM的文件, owner: test-rsj}\nspec: {type: h5, identifiers: {h5Url: "https://bom.test.invalid/"}, decision: retire}\n'),
      ]),
      // "name: 保定人社" in GBK
      'broken/gbk.yaml': Buffer.concat([Buffer.from('apiVersion: yingjie/v1\nname: '), Buffer.from([0xb1, 0xa3, 0xb6, 0xa8, 0xc8, 0xcb, 0xc9, 0xe7]), Buffer.from('\n')]),
      'broken/empty.yaml': '',
      'broken/list.yaml': '- just\n- a list\n',
    })
    // 50 MB of otherwise valid YAML.
    const line = '# padding padding padding padding padding padding padding padding padding\n'
    await writeFile(join(dir.path, 'broken/huge.yaml'), line.repeat(Math.ceil((50 * 1024 * 1024) / line.length)))
    await mkdir(join(dir.path, 'loop'))
    await symlink(dir.path, join(dir.path, 'loop', 'parent'))
    result = await runCli(['inventory', 'check', '.', '--format', 'json'], { cwd: dir.path })
    json = JSON.parse(result.stdout)
  }, 120_000)

  afterAll(async () => {
    await dir?.cleanup()
  })

  const at = (file: string) => json.findings.filter((f) => f.file === file)

  it('exits 1 with JSON on stdout and nothing that looks like a stack trace', () => {
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
    expect(result.stdout).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
  })

  it('reports each broken file with its own code and position', () => {
    expect(at('broken/invalid.yaml')[0]).toMatchObject({ code: 'YJ_YAML_SYNTAX', severity: 'error' })
    expect(at('broken/tabs.yaml').map((f) => f.code)).toContain('YJ_YAML_TAB')
    expect(at('broken/tabs.yaml')[0]).toMatchObject({ line: 4 })
    expect(at('broken/dupkey.yaml')[0]).toMatchObject({ code: 'YJ_YAML_DUPLICATE_KEY', line: 3, column: 1 })
    expect(at('broken/bomb.yaml')[0]).toMatchObject({ code: 'YJ_YAML_ALIAS_LIMIT', line: 1 })
    expect(at('broken/gbk.yaml')[0]).toMatchObject({ code: 'YJ_FILE_ENCODING', line: 2, column: 7 })
    expect(at('broken/empty.yaml')[0]).toMatchObject({ code: 'YJ_FILE_EMPTY', severity: 'warning' })
    expect(at('broken/huge.yaml')[0]).toMatchObject({ code: 'YJ_FILE_TOO_LARGE', line: 1, column: 1 })
    expect(at('broken/list.yaml')[0]).toMatchObject({ code: 'YJ_DOCUMENT_NOT_ENTITY', line: 1, column: 1 })
    expect(json.findings.some((f) => f.code === 'YJ_FILE_LOOP' && f.file === 'loop/parent')).toBe(true)
  })

  it('still reads the good files, including one with a BOM', () => {
    expect(at('broken/bom.yaml')).toEqual([])
    expect(json.counts).toMatchObject({ Region: 1, Organization: 1, Channel: 2 })
  })
})

describe('folders that hold no inventory', () => {
  it('an empty folder is an error naming the folder', async () => {
    const dir = await tempDir({ 'readme.txt': 'not yaml' })
    try {
      const r = await runCli(['inventory', 'check', dir.path])
      expect(r.code).toBe(1)
      expect(r.stdout).toContain('YJ_INVENTORY_EMPTY')
      expect(r.stdout).toContain(dir.path)
    } finally {
      await dir.cleanup()
    }
  })

  it('a folder that does not exist, in English', async () => {
    const r = await runCli(['inventory', 'check', '/nonexistent/yingjie', '--lang', 'en'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('YJ_INVENTORY_NOT_FOUND inventory folder not found: /nonexistent/yingjie')
    expect(r.stderr).toContain('fix: ')
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })
})
