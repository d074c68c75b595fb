import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { minimalInventory, REPO_ROOT, runCli, runMain, tempDir } from '../utils/index'

const WECHAT = join(REPO_ROOT, 'packages', 'scanner', 'fixtures', 'source', 'wechat-native')

describe('yingjie inventory scan source', () => {
  it('a department hands over its mini-program: the office scans it, gets the reports and interfaces it can check into the inventory', async () => {
    const inv = await tempDir(minimalInventory())
    try {
      const r = await runCli(['inventory', 'scan', 'source', WECHAT, '--out', 'scanned', '--owner', 'test-rsj'], { cwd: inv.path })
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('微信原生小程序')
      expect(r.stdout).toContain('阻碍 [统一支付] wx.requestPayment')
      expect(r.stdout).toContain('未能解析：miniprogram/pages/broken/broken.js:5:3')
      for (const name of ['source-scan.md', 'source-scan.html', 'source-scan.json', 'interfaces.yaml']) expect(r.stdout).toContain(join('scanned', name))
      const md = await readFile(join(inv.path, 'scanned', 'source-scan.md'), 'utf8')
      expect(md).toContain('https://api.rsj.example.invalid/api/v2/card/status')
      const check = await runCli(['inventory', 'check', '.'], { cwd: inv.path })
      expect(check.stdout).toContain('错误 0 个，警告 0 个')
      expect(check.code).toBe(0)
    } finally {
      await inv.cleanup()
    }
  })

  it('--format json prints the report; --lang en writes English reports', async () => {
    const out = await tempDir()
    try {
      const r = await runMain(['inventory', 'scan', 'source', WECHAT, '--format', 'json', '--lang', 'en', '--out', out.path])
      expect(r.code).toBe(0)
      const report = JSON.parse(r.stdout)
      expect(report).toMatchObject({ kind: 'SourceScanReport', profile: { id: 'hebei-jishiban' }, summary: { projects: 1, endpoints: 4 } })
      expect(r.stderr).toContain('Wrote:')
      expect(await readFile(join(out.path, 'source-scan.md'), 'utf8')).toContain('# Source scan report')
    } finally {
      await out.cleanup()
    }
  })

  it('--profile picks another province’s capability map', async () => {
    const r = await runMain(['inventory', 'scan', 'source', WECHAT, '--format', 'json', '--profile', 'zhejiang-zlb'])
    const report = JSON.parse(r.stdout)
    expect(report.profile.id).toBe('zhejiang-zlb')
    expect(report.projects[0].apis.find((a: { api: string }) => a.api === 'wx.scanCode').status).toBe(1)
  })

  it('without a path it is a usage error (exit 2); a missing path is exit 1 with a message, never a stack', async () => {
    const none = await runMain(['inventory', 'scan', 'source'])
    expect(none.code).toBe(2)
    expect(none.stderr).toContain('请给出要扫描的源码目录')
    const missing = await runCli(['inventory', 'scan', 'source', 'no/such/folder'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain('YJ_SOURCE_NOT_FOUND')
    expect(missing.stderr).not.toMatch(/\n\s+at /)
  })
})
