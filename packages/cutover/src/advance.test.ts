import { spawnSync } from 'node:child_process'
import { cp, readFile, writeFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { loadInventory, type StageEvent } from '@yingjie/model'
import { afterEach, describe, expect, it } from 'vitest'
import { SAMPLE_BAODING, tempDir, type TempDir } from '../../../test/utils/index'
import { advanceChannel, appendEventToText, lockPathFor, withFileLock } from './index'

const EVENT: StageEvent = { date: '2022-12-02', stage: 'live', by: '市住建局 韩东升', note: '冀时办上线' }

const MIGRATION = (events: string) => `# 头部注释：保留
apiVersion: yingjie/v1
kind: Migration
metadata:
  id: mig-a
  name: 迁移 A   # 行尾注释
spec:
  channel: a
  wave: 1
${events}---
# 第二个文档
apiVersion: yingjie/v1
kind: Migration
metadata: { id: mig-b, name: 迁移 B }
spec:
  channel: b
  events:
    - { date: 2022-01-01, stage: inventoried }
`

describe('appending an event in place', () => {
  it('keeps every other byte of the file: comments, flow maps, the other documents', () => {
    const text = MIGRATION(`  events:\n    - date: 2022-01-01\n      stage: inventoried\n      note: "引号保留"\n    # 事件之间的注释\n    - date: 2022-03-01\n      stage: planned\n`)
    const { text: next, events } = appendEventToText(text, 'a', EVENT)
    expect(events.at(-1)).toEqual(EVENT)
    const at = next.indexOf('    - date: 2022-12-02')
    expect(at).toBeGreaterThan(0)
    // Removing the inserted lines gives the original back exactly.
    const inserted = '    - date: 2022-12-02\n      stage: live\n      by: 市住建局 韩东升\n      note: 冀时办上线\n'
    expect(next.slice(at, at + inserted.length)).toBe(inserted)
    expect(next.slice(0, at) + next.slice(at + inserted.length)).toBe(text)
  })

  it('writes the first event under a Migration that has none yet, and turns `events: []` into a list', () => {
    const none = appendEventToText(MIGRATION(''), 'a', { date: '2022-01-05', stage: 'inventoried' })
    expect(none.text).toContain('  wave: 1\n  events:\n    - date: 2022-01-05\n      stage: inventoried\n---')
    const empty = appendEventToText(MIGRATION('  events: []\n'), 'a', { date: '2022-01-05', stage: 'inventoried' })
    expect(empty.events).toEqual([{ date: '2022-01-05', stage: 'inventoried' }])
    expect(empty.text).toContain('  events:\n    - date: 2022-01-05\n')
    const bare = appendEventToText(MIGRATION('  events:\n'), 'a', { date: '2022-01-05', stage: 'inventoried' })
    expect(bare.text).toContain('  events:\n    - date: 2022-01-05\n      stage: inventoried\n---')
  })

  it('appends to a flow-style list inside the braces', () => {
    const { text } = appendEventToText(MIGRATION(''), 'b', { date: '2022-02-01', stage: 'planned', note: 'a: "b"' })
    expect(text).toContain('    - { date: 2022-01-01, stage: inventoried }\n    - date: 2022-02-01\n      stage: planned\n      note: \'a: "b"\'\n')
  })

  it('keeps Windows line endings and a file without a final newline', () => {
    const crlf = MIGRATION('  events:\n    - date: 2022-01-01\n      stage: inventoried\n').replace(/\n/g, '\r\n')
    const r = appendEventToText(crlf, 'a', { date: '2022-02-01', stage: 'planned' })
    expect(r.text).toContain('      stage: inventoried\r\n    - date: 2022-02-01\r\n      stage: planned\r\n')
    expect(r.text.replace(/\r\n/g, '')).not.toContain('\n')
    const bare = 'apiVersion: yingjie/v1\nkind: Migration\nmetadata: { id: m, name: m }\nspec:\n  channel: a\n  events:\n    - date: 2022-01-01\n      stage: inventoried'
    expect(appendEventToText(bare, 'a', { date: '2022-02-01', stage: 'planned' }).text).toBe(`${bare}\n    - date: 2022-02-01\n      stage: planned\n`)
  })

  it('quotes what YAML would misread and writes multi-line notes as one quoted line', () => {
    const { text, events } = appendEventToText(MIGRATION(''), 'a', { date: '2022-01-05', stage: 'inventoried', by: 'yes', note: '第一行\n第二行: 含冒号', evidence: ['https://x.invalid/a?b=1#c', '- 截图'] })
    expect(events.at(-1)).toEqual({ date: '2022-01-05', stage: 'inventoried', by: 'yes', note: '第一行\n第二行: 含冒号', evidence: ['https://x.invalid/a?b=1#c', '- 截图'] })
    expect(text).toContain('"第一行\\n第二行: 含冒号"')
  })

  it('a refused move leaves the text alone and says why', () => {
    const text = MIGRATION('  events:\n    - date: 2022-01-01\n      stage: inventoried\n')
    expect(() => appendEventToText(text, 'a', EVENT, () => ({ ok: false, code: 'YJ_STAGE_SKIPPED', message: { zh: '跳过', en: 'skipped' }, hint: { zh: '', en: '' } }))).toThrow(/YJ_STAGE_SKIPPED/)
    expect(() => appendEventToText(text, 'nope', EVENT)).toThrow(/YJ_MIGRATION_MISSING/)
  })
})

describe('advancing a channel of the Baoding sample', () => {
  let dir: TempDir
  afterEach(() => dir?.cleanup())

  const copy = async (): Promise<string> => {
    dir = await tempDir()
    await cp(SAMPLE_BAODING, join(dir.path, 'baoding'), { recursive: true })
    await cp(join(SAMPLE_BAODING, '..', 'hebei'), join(dir.path, 'hebei'), { recursive: true })
    return join(dir.path, 'baoding')
  }

  it('the coordinator records that 保定住建 went live: one event appended, the rest of wave-3.yaml untouched, the inventory still clean', async () => {
    const root = await copy()
    const file = join(root, 'migrations', 'wave-3.yaml')
    const before = await readFile(file, 'utf8')
    const r = await advanceChannel(root, { channel: 'bd-zjj-wx', stage: 'live', date: '2022-12-02', by: '市住建局 韩东升', note: '冀时办上线', evidence: ['https://jsb.hbzwfw.gov.cn/zjj'] })
    expect(r).toMatchObject({ from: 'testing', direction: 'forward', file })
    const after = await readFile(file, 'utf8')
    expect(after.length).toBeGreaterThan(before.length)
    expect(after.startsWith(before.slice(0, before.indexOf('mig-bd-zjj-wx')))).toBe(true)
    const inv = await loadInventory(root)
    expect(inv.findings).toEqual([])
    const m = inv.entities.find((e) => e.kind === 'Migration' && e.spec.channel === 'bd-zjj-wx')!
    expect(m.kind === 'Migration' && m.spec.events!.at(-1)).toEqual({ date: '2022-12-02', stage: 'live', by: '市住建局 韩东升', note: '冀时办上线', evidence: ['https://jsb.hbzwfw.gov.cn/zjj'] })
    expect(await readdir(join(root, 'migrations'))).toEqual(['wave-1.yaml', 'wave-2.yaml', 'wave-3.yaml'])
  })

  it('moving back without a reason is refused and the file is not touched; with a reason it is recorded', async () => {
    const root = await copy()
    const file = join(root, 'migrations', 'wave-3.yaml')
    const before = await readFile(file, 'utf8')
    await expect(advanceChannel(root, { channel: 'bd-zjj-wx', stage: 'developing', date: '2022-12-02' })).rejects.toMatchObject({ code: 'YJ_STAGE_BACKWARD' })
    expect(await readFile(file, 'utf8')).toBe(before)
    const r = await advanceChannel(root, { channel: 'bd-zjj-wx', stage: 'developing', date: '2022-12-02', reason: '支付接口需改造' })
    expect(r.direction).toBe('backward')
  })

  it('a merged channel cannot be shut down before its target is live', async () => {
    const root = await copy()
    await advanceChannel(root, { channel: 'bd-zjj-h5', stage: 'testing', date: '2022-12-02' })
    await expect(advanceChannel(root, { channel: 'bd-zjj-h5', stage: 'live', date: '2022-12-03' })).rejects.toMatchObject({ code: 'YJ_MERGE_TARGET_NOT_LIVE' })
    await advanceChannel(root, { channel: 'bd-zjj-wx', stage: 'live', date: '2022-12-03' })
    await advanceChannel(root, { channel: 'bd-zjj-h5', stage: 'notice', date: '2022-12-04' })
  })

  it('unknown channels, missing evidence files and bad dates are errors with codes', async () => {
    const root = await copy()
    await expect(advanceChannel(root, { channel: 'bd-nope', stage: 'live' })).rejects.toMatchObject({ code: 'YJ_REF_UNKNOWN' })
    await expect(advanceChannel(root, { channel: 'bd-zjj-wx', stage: 'live', evidence: ['no-such.png'] }, { cwd: root })).rejects.toMatchObject({ code: 'YJ_EVIDENCE_NOT_FOUND' })
    await expect(advanceChannel(root, { channel: 'bd-zjj-wx', stage: 'live', date: '2022-02-30' })).rejects.toMatchObject({ code: 'YJ_DATE_INVALID' })
    await expect(advanceChannel(root, { channel: 'bd-zjj-wx', stage: 'live', date: '2022-01-01' })).rejects.toMatchObject({ code: 'YJ_EVENT_ORDER' })
  })

  it('an evidence file is recorded relative to the inventory root', async () => {
    const root = await copy()
    await writeFile(join(root, 'shot.png'), 'png')
    await advanceChannel(root, { channel: 'bd-zjj-wx', stage: 'live', date: '2022-12-02', evidence: ['shot.png'] }, { cwd: root })
    expect(await readFile(join(root, 'migrations', 'wave-3.yaml'), 'utf8')).toContain('      evidence:\n        - shot.png\n')
  })
})

describe('the file lock', () => {
  let dir: TempDir
  afterEach(() => dir?.cleanup())

  it('runs holders one after another, never together', async () => {
    dir = await tempDir({ 'f.yaml': '' })
    const file = join(dir.path, 'f.yaml')
    let inside = 0
    let most = 0
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withFileLock(file, async () => {
          inside++
          most = Math.max(most, inside)
          await new Promise((r) => setTimeout(r, 5))
          inside--
        }),
      ),
    )
    expect(most).toBe(1)
    expect(await readdir(dir.path)).toEqual(['f.yaml'])
  })

  it('takes over the lock of a process that died holding it, and removes what it left behind', async () => {
    dir = await tempDir({ 'f.yaml': '' })
    const file = join(dir.path, 'f.yaml')
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' })
    const pid = Number(dead.stdout)
    const { hostname } = await import('node:os')
    await writeFile(lockPathFor(file), JSON.stringify({ pid, host: hostname(), token: 'dead', time: '' }))
    await writeFile(join(dir.path, `.f.yaml.${pid}.abcdef.tmp`), 'half-written')
    const r = await withFileLock(file, async () => 'got it', { timeoutMs: 2000 })
    expect(r).toBe('got it')
    expect(await readdir(dir.path)).toEqual(['f.yaml'])
  })

  it('gives up after the timeout while a live process holds it', async () => {
    dir = await tempDir({ 'f.yaml': '' })
    const file = join(dir.path, 'f.yaml')
    const { hostname } = await import('node:os')
    await writeFile(lockPathFor(file), JSON.stringify({ pid: process.pid, host: hostname(), token: 'other', time: '' }))
    await expect(withFileLock(file, async () => 1, { timeoutMs: 100 })).rejects.toMatchObject({ code: 'YJ_LOCK_TIMEOUT' })
  })
})
