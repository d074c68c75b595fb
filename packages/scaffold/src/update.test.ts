import { existsSync } from 'node:fs'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir, type TempDir } from '../../../test/utils/index'
import { hasConflictMarkers } from './_diff3'
import { newAdapter, updateAdapter, type ScaffoldResult } from './_generate'
import { MANIFEST_FILE, readBase, readManifest, sha256 } from './_manifest'

const lines = (...xs: string[]) => xs.map((x) => `${x}\n`).join('')

const TEMPLATE_V1 = {
  'tiny/template.yaml': lines(
    'name: tiny',
    'version: 1.0.0',
    'description: 测试用的小模板',
    'protocol: rest-json',
    'parameters:',
    '  - { name: name, type: string, description: 包名, default: tiny-adapter }',
    '  - { name: title, type: string, description: 标题, default: 小适配器 }',
  ),
  'tiny/files/notes.md': lines('# {{md answers.title}}', 'line a', 'line b', 'line c', 'line d'),
  'tiny/files/src/code.ts': lines('// 1', 'export const a = 1', '// 3', '// 4', '// 5', '// 6', '// 7', '// 8', 'export const i = 9', '// 10'),
  'tiny/files/old.txt': 'removed from the template later\n',
  'tiny/files/kept.txt': 'edited by the developer, then removed from the template\n',
  'tiny/files/deleted.txt': 'the developer deletes this\n',
}

let dir: TempDir
const templates = () => dir.path
const adapter = () => join(dir.path, 'out')
const read = (path: string) => readFile(join(adapter(), path), 'utf8')
const actionsOf = (r: ScaffoldResult) => Object.fromEntries(r.actions.map((a) => [a.path, a.action]))

beforeEach(async () => {
  dir = await tempDir(TEMPLATE_V1)
})
afterEach(async () => {
  await dir.cleanup()
})

async function generate() {
  return newAdapter({ template: 'tiny', templatesDir: templates(), dir: 'out', cwd: dir.path })
}

/** The department edits three files and deletes one; the template moves to 1.1.0. */
async function editAndBumpTemplate(): Promise<void> {
  await writeFile(join(adapter(), 'src/code.ts'), lines('// 1', 'export const a = 100 // 部门修改', '// 3', '// 4', '// 5', '// 6', '// 7', '// 8', 'export const i = 9', '// 10'))
  await writeFile(join(adapter(), 'notes.md'), lines('# 小适配器', 'line a', 'line b', 'line c — ours', 'line d'))
  await writeFile(join(adapter(), 'kept.txt'), 'the developer changed this\n')
  await rm(join(adapter(), 'deleted.txt'))
  await dir.write({
    'tiny/template.yaml': TEMPLATE_V1['tiny/template.yaml'].replace('version: 1.0.0', 'version: 1.1.0') + '  - { name: owner, type: string, description: 负责单位 }\n',
    'tiny/files/src/code.ts': lines('// 1', 'export const a = 1', '// 3', '// 4', '// 5', '// 6', '// 7', '// 8', 'export const i = 9 // template 1.1', '// 10'),
    'tiny/files/notes.md': lines('# {{md answers.title}}', 'line a', 'line b', 'line c — theirs', 'line d'),
    'tiny/files/new.txt': '{{md answers.title}} / {{md answers.owner}}\n',
    'tiny/files/deleted.txt': 'the template changed it too\n',
  })
  await rm(join(templates(), 'tiny/files/old.txt'))
  await rm(join(templates(), 'tiny/files/kept.txt'))
}

describe('adapter new', () => {
  it('writes the files, a manifest with hashes and answers, and the base copies', async () => {
    const r = await generate()
    expect(actionsOf(r)).toEqual({ 'deleted.txt': 'create', 'kept.txt': 'create', 'notes.md': 'create', 'old.txt': 'create', 'src/code.ts': 'create' })
    const manifest = await readManifest(adapter())
    expect(manifest.template).toEqual({ name: 'tiny', version: '1.0.0', source: '..' })
    expect(manifest.answers).toEqual({ name: 'tiny-adapter', title: '小适配器' })
    expect(manifest.files['notes.md']!.sha256).toBe(sha256(await read('notes.md')))
    expect((await readBase(adapter()))['src/code.ts']).toBe(await read('src/code.ts'))
    expect(existsSync(join(adapter(), '.yingjie', 'base'))).toBe(false)
  })

  it('a dry run writes nothing; a non-empty folder is refused unless --force', async () => {
    const dry = await newAdapter({ template: 'tiny', templatesDir: templates(), dir: 'out', cwd: dir.path, dryRun: true })
    expect(dry.actions).toHaveLength(5)
    expect(existsSync(adapter())).toBe(false)
    await dir.write({ 'out/mine.txt': 'the department was here' })
    await expect(generate()).rejects.toMatchObject({ code: 'YJ_TARGET_NOT_EMPTY' })
    expect(existsSync(join(adapter(), 'notes.md'))).toBe(false)
    const forced = await newAdapter({ template: 'tiny', templatesDir: templates(), dir: 'out', cwd: dir.path, force: true })
    expect(forced.actions.every((a) => a.action === 'create')).toBe(true)
    expect(await read('mine.txt')).toBe('the department was here')
  })
})

describe('adapter update', () => {
  it('a new parameter without a default must be given (and only it is asked)', async () => {
    await generate()
    await editAndBumpTemplate()
    await expect(updateAdapter({ dir: 'out', cwd: dir.path })).rejects.toMatchObject({ code: 'YJ_ANSWER_MISSING' })
    const asked: string[] = []
    await updateAdapter({
      dir: 'out',
      cwd: dir.path,
      dryRun: true,
      ask: async (parameters) => {
        asked.push(...parameters.map((p) => p.name))
        return { owner: '保定市民政局' }
      },
    })
    expect(asked).toEqual(['owner'])
  })

  it('--dry-run says per file what would happen and writes nothing', async () => {
    await generate()
    await editAndBumpTemplate()
    const before = await read('src/code.ts')
    const r = await updateAdapter({ dir: 'out', cwd: dir.path, dryRun: true, layers: [{ source: 'flags', values: { owner: '保定市民政局' } }] })
    expect(actionsOf(r)).toEqual({
      'deleted.txt': 'keep',
      'kept.txt': 'keep',
      'new.txt': 'create',
      'notes.md': 'conflict',
      'old.txt': 'delete',
      'src/code.ts': 'merge',
    })
    expect(r.actions.find((a) => a.path === 'kept.txt')!.reason!.zh).toContain('不再跟踪')
    expect(r.actions.find((a) => a.path === 'deleted.txt')!.reason!.zh).toContain('保持删除')
    expect(r.previousVersion).toBe('1.0.0')
    expect(await read('src/code.ts')).toBe(before)
    expect(existsSync(join(adapter(), 'old.txt'))).toBe(true)
    expect((await readManifest(adapter())).template.version).toBe('1.0.0')
  })

  it('untouched files follow the template, edits survive, conflicts only where both changed the same line', async () => {
    await generate()
    await editAndBumpTemplate()
    const r = await updateAdapter({ dir: 'out', cwd: dir.path, layers: [{ source: 'flags', values: { owner: '保定市民政局' } }] })
    expect(r.actions.find((a) => a.path === 'notes.md')).toMatchObject({ action: 'conflict', conflicts: 1 })
    // The merge keeps the department's line 2 and brings the template's line 9.
    expect(await read('src/code.ts')).toBe(lines('// 1', 'export const a = 100 // 部门修改', '// 3', '// 4', '// 5', '// 6', '// 7', '// 8', 'export const i = 9 // template 1.1', '// 10'))
    const notes = await read('notes.md')
    expect(hasConflictMarkers(notes)).toBe(true)
    expect(notes).toBe(
      lines('# 小适配器', 'line a', 'line b', '<<<<<<< 你的修改 (ours)', 'line c — ours', '||||||| 上次生成 (base: tiny 1.0.0)', 'line c', '=======', 'line c — theirs', '>>>>>>> 模板新版本 (theirs: tiny 1.1.0)', 'line d'),
    )
    expect(existsSync(join(adapter(), 'old.txt'))).toBe(false)
    expect(await read('kept.txt')).toBe('the developer changed this\n')
    expect(existsSync(join(adapter(), 'deleted.txt'))).toBe(false)
    expect(await read('new.txt')).toBe('小适配器 / 保定市民政局\n')
    const manifest = await readManifest(adapter())
    expect(manifest.template.version).toBe('1.1.0')
    expect(manifest.answers).toEqual({ name: 'tiny-adapter', title: '小适配器', owner: '保定市民政局' })
    expect(Object.keys(manifest.files).sort()).toEqual(['deleted.txt', 'new.txt', 'notes.md', 'src/code.ts'])
    const base = await readBase(adapter())
    expect(Object.keys(base).sort()).toEqual(['deleted.txt', 'new.txt', 'notes.md', 'src/code.ts'])
    expect(base['notes.md']).toBe(lines('# 小适配器', 'line a', 'line b', 'line c — theirs', 'line d'))

    // Nothing asked twice, nothing changes twice: the next update keeps everything.
    const again = await updateAdapter({ dir: 'out', cwd: dir.path })
    expect(new Set(again.actions.map((a) => a.action))).toEqual(new Set(['keep']))

    // A remembered answer changed with --set reaches the untouched files only.
    const retitled = await updateAdapter({ dir: 'out', cwd: dir.path, layers: [{ source: 'flags', values: { title: '新标题' } }] })
    expect(actionsOf(retitled)['new.txt']).toBe('update')
    expect(await read('new.txt')).toBe('新标题 / 保定市民政局\n')
  })

  it('a damaged manifest or a folder that was not generated is refused', async () => {
    await expect(updateAdapter({ dir: '.', cwd: dir.path })).rejects.toMatchObject({ code: 'YJ_MANIFEST_NOT_FOUND' })
    await generate()
    const manifest = JSON.parse(await read(MANIFEST_FILE))
    manifest.files['../../outside.txt'] = { sha256: 'x' }
    await writeFile(join(adapter(), MANIFEST_FILE), JSON.stringify(manifest))
    await expect(updateAdapter({ dir: 'out', cwd: dir.path })).rejects.toMatchObject({ code: 'YJ_MANIFEST_INVALID' })
  })
})
