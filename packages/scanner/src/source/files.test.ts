/**
 * What the scan reads and what it skips: dependencies, build output,
 * minified bundles, big files, binaries, symlink loops, files that do
 * not parse. Each is reported; none stops the scan or hangs it.
 */
import { mkdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { loadDefaultProfile, type AccessProfile } from '@yingjie/spec'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { tempDir, type TempDir } from '../../../../test/utils/index'
import { scanSource } from '../index'

let profile: AccessProfile
let dir: TempDir | undefined
beforeAll(async () => {
  profile = await loadDefaultProfile()
})
afterEach(async () => {
  await dir?.cleanup()
  dir = undefined
})

const APP = { 'app.json': '{ "pages": ["pages/index/index"] }', 'pages/index/index.js': 'Page({ onLoad() { wx.showToast({}) } })\n' }

describe('skipped and unparsed files', () => {
  it('node_modules, miniprogram_npm and build output are skipped and listed, their code not read', async () => {
    dir = await tempDir({
      ...APP,
      'node_modules/lib/index.js': 'wx.login()\n',
      'miniprogram_npm/vant/index.js': 'wx.login()\n',
      'dist/app.js': 'wx.login()\n',
      'unpackage/dist/dev/mp-weixin/app.js': 'wx.login()\n',
    })
    const r = await scanSource([dir.path], { profile })
    expect(r.skipped).toEqual([
      { path: 'dist', reason: 'build-output' },
      { path: 'miniprogram_npm', reason: 'dependencies' },
      { path: 'node_modules', reason: 'dependencies' },
      { path: 'unpackage', reason: 'build-output' },
    ])
    expect(r.projects[0]!.apis.map((a) => a.api)).toEqual(['wx.showToast'])
  })

  it('a minified bundle, a file over 2 MB and a binary file with a .js name are skipped with their reason', async () => {
    const long = `var a=${'1+'.repeat(2000)}1;wx.login()`
    const big = `// big\n${'wx.login()\n'.repeat(220_000)}`
    dir = await tempDir({ ...APP, 'lib/vendor.js': long, 'lib/x.min.js': 'wx.login()', 'big.js': big, 'blob.js': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]) })
    const r = await scanSource([dir.path], { profile })
    expect(r.skipped).toEqual([
      { path: 'big.js', reason: 'too-large', bytes: big.length },
      { path: 'blob.js', reason: 'binary', bytes: 7 },
      { path: 'lib/vendor.js', reason: 'minified', bytes: long.length },
      { path: 'lib/x.min.js', reason: 'minified', bytes: 10 },
    ])
    expect(r.projects[0]!.apis.map((a) => a.api)).toEqual(['wx.showToast'])
  })

  it('the size limit is an option', async () => {
    dir = await tempDir({ ...APP, 'mid.js': `wx.login()\n${'//\n'.repeat(400)}` })
    const r = await scanSource([dir.path], { profile, maxFileBytes: 1000 })
    expect(r.skipped).toEqual([{ path: 'mid.js', reason: 'too-large', bytes: 1211 }])
  })

  it('a symlink loop is reported and the scan finishes', async () => {
    dir = await tempDir(APP)
    await mkdir(join(dir.path, 'pages', 'deep'), { recursive: true })
    await symlink('../..', join(dir.path, 'pages', 'deep', 'up'))
    await symlink('self', join(dir.path, 'self'))
    const r = await scanSource([dir.path], { profile })
    expect(r.skipped).toEqual([
      { path: 'pages/deep/up', reason: 'symlink-loop' },
      { path: 'self', reason: 'symlink-loop' },
    ])
    expect(r.projects).toHaveLength(1)
  })

  it('a file that does not parse is listed with its position and the rest is scanned', async () => {
    dir = await tempDir({ ...APP, 'pages/bad/bad.js': 'Page({\n  onLoad() {\n    wx.login(\n  },\n})\n', 'pages/bad/bad.json': '{ "usingComponents": {} }', 'app.ts': 'const x: number = 1\nwx.getLocation({})\n' })
    const r = await scanSource([dir.path], { profile })
    expect(r.unparsed).toEqual([{ file: 'pages/bad/bad.js', line: 4, column: 3, message: expect.stringContaining('Unexpected token') }])
    expect(r.projects[0]!.apis.map((a) => a.api).sort()).toEqual(['wx.getLocation', 'wx.showToast'])
    expect(r.summary.files).toMatchObject({ unparsed: 1 })
  })

  it('a broken JSON config is listed as unparsed too', async () => {
    dir = await tempDir({ 'app.json': '{ "pages": [ }', 'a.js': 'wx.login()\n' })
    const r = await scanSource([dir.path], { profile })
    expect(r.unparsed.map((u) => u.file)).toEqual(['app.json'])
    expect(r.projects.map((p) => p.kind)).toEqual(['unknown'])
  })

  it('several folders in one scan are prefixed by their names', async () => {
    const a = await tempDir({ 'one/app.json': '{ "pages": [] }', 'one/a.js': 'wx.login()\n' })
    const b = await tempDir({ 'two/index.html': '<script>fetch("https://x.dept.invalid/a")</script>' })
    try {
      const r = await scanSource([join(a.path, 'one'), join(b.path, 'two')], { profile })
      expect(r.roots).toEqual(['one', 'two'])
      expect(r.projects.map((p) => [p.root, p.kind])).toEqual([
        ['one', 'wechat-native'],
        ['two', 'h5-plain'],
      ])
      expect(r.projects[0]!.apis[0]!.locations[0]!.file).toBe('one/a.js')
    } finally {
      await a.cleanup()
      await b.cleanup()
    }
  })

  it('a path that does not exist stops the scan with YJ_SOURCE_NOT_FOUND', async () => {
    await expect(scanSource(['/nonexistent/yingjie-source'], { profile })).rejects.toMatchObject({ code: 'YJ_SOURCE_NOT_FOUND' })
  })
})
