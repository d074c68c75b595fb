import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, runMain, simInventory, spawnCli, startSimSite, tempDir, type SimSite, type TempDir } from '../utils/index'

let site: SimSite
let dir: TempDir
const FAST = ['--rate', '0', '--retries', '0', '--max-pages', '30']

beforeAll(async () => {
  site = await startSimSite()
  dir = await tempDir({ ...simInventory(), 'ca.pem': site.ca })
})
afterAll(async () => {
  await site.close()
  await dir.cleanup()
})

describe('yingjie inventory scan web', () => {
  it('the city office scans its inventory: JSON on stdout, the same in the results file, progress as plain lines', async () => {
    const r = await runCli(['inventory', 'scan', 'web', '.', ...site.resolveArgs, '--ca', 'ca.pem', ...FAST, '--format', 'json', '--out', 'out/results.json'], { cwd: dir.path })
    expect(r.code).toBe(0)
    const result = JSON.parse(r.stdout)
    expect(JSON.parse(await readFile(join(dir.path, 'out', 'results.json'), 'utf8'))).toEqual(result)
    expect(result).toMatchObject({ version: 1, complete: true, platform: { name: '冀时办' }, summary: { organizations: 2, probes: 7, notFound: 1 } })
    expect(r.stderr).toContain('[test-rsj 某某市人力资源和社会保障局] 开始')
    expect(r.stderr).toMatch(/\[test-rsj 某某市人力资源和社会保障局\] 完成：页面 \d+，线索 \d+，错误 0，H5 探测 0\/0/)
    expect(r.stderr).toContain('[test-ybj 某某市医疗保障局] 完成')
    expect(r.stderr).toContain(`扫描结果已写入 ${join('out', 'results.json')}`)
  })

  it('text for people, in English on request', async () => {
    const r = await runMain(['inventory', 'scan', 'web', dir.path, ...site.resolveArgs, '--ca', join(dir.path, 'ca.pem'), ...FAST, '--lang', 'en'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^scanned 2 organizations: 7 declared H5 URLs probed/)
    expect(r.stdout).toContain('Declared H5 URLs')
    expect(r.stdout).toMatch(/test-ybj-platform {2}http:\/\/h5\.dept\.invalid\/to-platform\/ {2}redirected to the platform/)
    expect(r.stdout).toContain('test-ybj-notice  http://h5.dept.invalid/notice/  notice page')
    expect(r.stdout).toContain('review Certificate validity: the certificate has 9 days left, fewer than 30')
    expect(r.stdout).toContain('Undeclared channel candidates')
    expect(r.stdout).toContain('Declared but not found on any website')
    expect(r.stdout).toContain('test-rsj-old-app')
  })

  it('Chinese by default, with the platform named', async () => {
    const r = await runMain(['inventory', 'scan', 'web', dir.path, ...site.resolveArgs, '--ca', join(dir.path, 'ca.pem'), ...FAST, '--no-discover'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('已跳转到冀时办')
    expect(r.stdout).toContain('域名无法解析')
  })

  it('Ctrl-C writes what finished and exits 130', async () => {
    const inv = await tempDir({
      'inv.yaml': `apiVersion: yingjie/v1
kind: Organization
metadata: { id: fast-org, name: 快单位 }
spec: { uscc: "11130600000372154H", level: city, regionCode: "130600" }
---
apiVersion: yingjie/v1
kind: Organization
metadata: { id: slow-org, name: 慢单位 }
spec: { uscc: "11130600MB1H26515W", level: city, regionCode: "130600" }
---
apiVersion: yingjie/v1
kind: Channel
metadata: { id: fast-h5, name: 某某人社, owner: fast-org }
spec: { type: h5, identifiers: { h5Url: "http://h5.dept.invalid/ok/" } }
---
apiVersion: yingjie/v1
kind: Channel
metadata: { id: slow-h5, name: 挂起, owner: slow-org }
spec: { type: h5, identifiers: { h5Url: "http://h5.dept.invalid/hang/" } }
`,
    })
    try {
      const cli = spawnCli(['inventory', 'scan', 'web', '.', ...site.resolveArgs, '--timeout', '60000', '--retries', '0', '--rate', '0', '--out', 'partial.json'], { cwd: inv.path })
      await cli.stderrIncludes('[fast-org 快单位] 完成')
      cli.child.kill('SIGINT')
      const r = await cli.done
      expect(r.code).toBe(130)
      expect(r.stderr).toContain('正在停止，保存已完成的结果')
      expect(r.stdout).toContain('扫描被中断，结果不完整')
      const partial = JSON.parse(await readFile(join(inv.path, 'partial.json'), 'utf8'))
      expect(partial.complete).toBe(false)
      expect(partial.probes.map((p: { channel: string }) => p.channel)).toEqual(['fast-h5'])
    } finally {
      await inv.cleanup()
    }
  })

  it('without a host map, .invalid names fail as DNS errors and nothing is sent anywhere', async () => {
    const before = site.requests.length
    const r = await runMain(['inventory', 'scan', 'web', dir.path, '--no-discover', '--retries', '0', '--format', 'json'])
    expect(r.code).toBe(0)
    const result = JSON.parse(r.stdout)
    expect(new Set(result.probes.map((p: { evidence: { classification: string } }) => p.evidence.classification))).toEqual(new Set(['dns']))
    expect(site.requests.length).toBe(before)
  })

  it('wrong usage says what is expected', async () => {
    const bad = await runMain(['inventory', 'scan', 'web', dir.path, '--resolve', 'www.dept.invalid=localhost'])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--resolve 格式应为 主机名[:端口]=IP[:端口]')
    const zero = await runMain(['inventory', 'scan', 'web', dir.path, '--concurrency', '0', '--lang', 'en'])
    expect(zero.code).toBe(2)
    expect(zero.stderr).toContain('option --concurrency takes an integer of at least 1, got "0"')
    const org = await runMain(['inventory', 'scan', 'web', dir.path, '--org', 'nope'])
    expect(org.code).toBe(1)
    expect(org.stderr).toContain('YJ_SCAN_ORG_UNKNOWN')
  })
})
