import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COMMANDS } from './_table'
import { minimalInventory, runMain, SAMPLE_BAODING, tempDir } from '../../../test/utils/index'

describe('yingjie help and global options', () => {
  it('--help lists every command of the table, in Chinese by default', async () => {
    const r = await runMain(['--help'])
    expect(r.code).toBe(0)
    for (const c of COMMANDS) {
      expect(r.stdout).toContain(c.path.join(' '))
      expect(r.stdout).toContain(c.summary.zh)
    }
    expect(r.stdout).toContain('退出码')
  })

  it('--lang en switches help and messages to English', async () => {
    const r = await runMain(['inventory', 'check', '--help', '--lang', 'en'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Usage: yingjie inventory check [dir]')
    expect(r.stdout).toContain('--strict')
    expect(r.stdout).toContain('exit 1 on warnings too')
  })

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
    const r = await runMain(['--version'])
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n` })
  })

  it('usage errors exit 2 and say what is wrong', async () => {
    expect(await runMain(['inventroy', 'check'])).toMatchObject({ code: 2, stderr: expect.stringContaining('未知命令 “inventroy”') })
    expect(await runMain(['inventory', 'check', '--format', 'xml'])).toMatchObject({ code: 2, stderr: expect.stringContaining('text、json') })
    expect(await runMain(['inventory', 'check', '--bogus'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--bogus') })
    expect(await runMain(['inventory', 'report', '--out'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--out') })
    expect(await runMain(['inventory', 'check', 'a', 'b'])).toMatchObject({ code: 2 })
    expect(await runMain(['--lang', 'en', 'nope'])).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command "nope"') })
  })

  it('a command group without a subcommand shows that group and exits 2', async () => {
    const r = await runMain(['inventory'])
    expect(r.code).toBe(2)
    expect(r.stdout).toContain('inventory check')
    expect(r.stdout).not.toContain('demo ')
  })
})

describe('yingjie inventory check', () => {
  it('prints findings grouped by file with position, code, message and fix', async () => {
    const dir = await tempDir(minimalInventory())
    await dir.write({ 'extra.yaml': 'apiVersion: yingjie/v1\nkind: Channel\nmetadata: {id: x, name: x, owner: nobody}\nspec: {type: h5, identifiers: {h5Url: "http://x.test.invalid/"}, decision: retire}\n' })
    try {
      const r = await runMain(['inventory', 'check', '.'], { cwd: dir.path })
      expect(r.code).toBe(1)
      expect(r.stdout).toContain('extra.yaml\n  extra.yaml:3:')
      expect(r.stdout).toMatch(/extra\.yaml:3:\d+ {2}错误 {2}YJ_REF_UNKNOWN {2}引用的单位 “nobody” 不存在/)
      expect(r.stdout).toContain('处理：')
      expect(r.stdout).toContain('错误 1 个，警告 1 个')
      expect(r.stdout).not.toContain('\x1b[')
    } finally {
      await dir.cleanup()
    }
  })

  it('--format json gives machine-readable findings in the chosen language', async () => {
    const dir = await tempDir(minimalInventory({ channel: 'apiVersion: yingjie/v1\nkind: Channel\nmetadata: {id: c, name: c, owner: test-rsj}\nspec: {type: h5, identifiers: {h5Url: "http://c.test.invalid/"}, decision: retire}\n' }))
    try {
      const r = await runMain(['inventory', 'check', dir.path, '--format', 'json', '--lang', 'en'], { cwd: dir.path })
      const out = JSON.parse(r.stdout)
      expect(out).toMatchObject({ ok: true, errors: 0, warnings: 1, counts: { Channel: 1, Organization: 1, Region: 1 } })
      expect(out.findings[0]).toMatchObject({ code: 'YJ_H5_PLAIN_HTTP', severity: 'warning', file: 'channels.yaml', line: 4, message: expect.stringContaining('plain HTTP') })
      expect(r.code).toBe(0)
    } finally {
      await dir.cleanup()
    }
  })

  it('warnings alone exit 0, or 1 with --strict', async () => {
    expect((await runMain(['inventory', 'check', SAMPLE_BAODING])).code).toBe(0)
    expect((await runMain(['inventory', 'check', SAMPLE_BAODING, '--strict'])).code).toBe(1)
  })

  it('colour only when asked for, and never with NO_COLOR', async () => {
    const forced = await runMain(['inventory', 'check', SAMPLE_BAODING], { env: { FORCE_COLOR: '1' } })
    expect(forced.stdout).toContain('\x1b[33m')
    const off = await runMain(['inventory', 'check', SAMPLE_BAODING], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })
    expect(off.stdout).not.toContain('\x1b[')
  })

  it('a missing folder is a clear error with a fix, exit 1', async () => {
    const r = await runMain(['inventory', 'check', 'does-not-exist'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('YJ_INVENTORY_NOT_FOUND')
    expect(r.stderr).toContain('处理：')
  })
})

describe('yingjie inventory report', () => {
  it('writes Markdown atomically to --out and reports where', async () => {
    const dir = await tempDir()
    try {
      const r = await runMain(['inventory', 'report', SAMPLE_BAODING, '--out', 'out/report.md'], { cwd: dir.path })
      expect(r.code).toBe(0)
      expect(r.stderr).toContain('out/report.md')
      const md = await readFile(join(dir.path, 'out/report.md'), 'utf8')
      expect(md).toContain('# 政务服务移动端渠道清单汇总')
      expect(md).toContain('## 高频事项覆盖')
    } finally {
      await dir.cleanup()
    }
  })

  it('--format json prints the report data', async () => {
    const r = await runMain(['inventory', 'report', SAMPLE_BAODING, '--format', 'json'])
    const report = JSON.parse(r.stdout)
    expect(report.totals.channels).toBeGreaterThanOrEqual(30)
    expect(report.region).toMatchObject({ id: 'baoding', platform: 'hebei-jishiban' })
  })
})
