/**
 * The department developer's story, end to end: the mock provincial
 * platform issues an identity, the gateway signs a call, the example
 * adapter maps it onto a SOAP system that answers in GBK, and the envelope
 * comes back; the conformance kit passes the adapter, and a copy with one
 * rule broken fails exactly the check named for that rule.
 */
import { spawn } from 'node:child_process'
import { cp, readFile, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { KIT_CHECKS, serve, startMockPlatform, verifyAdapter, type RunningAdapter } from '@yingjie/connector'
import { conformanceFailures } from '@yingjie/cutover'
import { findUnmaskedPersonalData } from '@yingjie/spec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import adapter from '../example-adapter/src/adapter'
import startSimulators from '../example-adapter/test/simulator'
import { REPO_ROOT, runMain, tempDir, waitFor } from '../utils/index'

const EXAMPLE = join(REPO_ROOT, 'test', 'example-adapter')

describe('the example adapter, end to end through the CLI', () => {
  let mock: ReturnType<typeof spawn>
  let mockOut = ''
  let platform: { url: string; adapterEnv: Record<string, string> }
  let running: RunningAdapter
  let sims: Awaited<ReturnType<typeof startSimulators>>
  let logs = ''

  beforeAll(async () => {
    // `yingjie platform mock` as a user starts it: a real child process.
    const tsx = pathToFileURL(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx')).href
    mock = spawn(process.execPath, ['--conditions=source', '--import', tsx, join(REPO_ROOT, 'packages/cli/src/bin.ts'), 'platform', 'mock', '--port', '0', '--format', 'json'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    mock.stdout!.setEncoding('utf8').on('data', (d: string) => (mockOut += d))
    await waitFor(() => mockOut.trim().endsWith('}'), 'the mock platform to start')
    platform = JSON.parse(mockOut) as typeof platform
    sims = await startSimulators()
    const destination = new PassThrough()
    destination.on('data', (d: Buffer) => (logs += d.toString('utf8')))
    running = await serve(adapter, { port: 0, env: { ...platform.adapterEnv }, legacyUrls: sims.urls, log: { destination } })
  })
  afterAll(async () => {
    await running?.close()
    await sims?.close()
    mock?.kill('SIGTERM')
  })

  it('mock platform issues an accessLink → gateway signs → adapter → SOAP in GBK → success envelope, personal data masked', async () => {
    const r = await runMain(['adapter', 'call', 'queryInsured', '--user', 'zhangsan', '--input', '{"year":2024}', '--url', running.url, '--platform', platform.url, '--format', 'json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const { status, envelope } = JSON.parse(r.stdout) as { status: number; envelope: Record<string, string> }
    expect(status).toBe(200)
    expect(envelope).toMatchObject({ 'C-API-Status': '00', 'C-Response-Code': '0000', 'C-Response-Desc': '成功' })
    expect(JSON.parse(envelope['C-Response-Body']!)).toEqual({
      name: '张三',
      idNumber: '1****************0',
      phone: '138****5678',
      unit: '保定示例科技有限公司（虚构）',
      status: '正常参保缴费',
      months: 126,
    })
  })

  it('prints the envelope and its decoded data for people; an error envelope exits 1', async () => {
    const ok = await runMain(['adapter', 'call', 'listOffices', '--input', '{"county":"130602"}', '--url', running.url, '--platform', platform.url])
    expect(ok.code).toBe(0)
    expect(ok.stderr).toBe('HTTP 200 成功\n')
    expect(ok.stdout).toContain('"C-Response-Code": "0000"')
    expect(ok.stdout).toContain('竞秀区社保经办大厅')
    const refused = await runMain(['adapter', 'call', 'queryInsured', '--url', running.url, '--platform', platform.url])
    expect(refused.code).toBe(1)
    expect(refused.stdout).toContain('"C-Response-Code": "4010"')
    const badInput = await runMain(['adapter', 'call', 'queryInsured', '--input', '{year', '--url', running.url, '--platform', platform.url])
    expect(badInput.code).toBe(2)
    const noPlatform = await runMain(['adapter', 'call', 'listOffices', '--url', running.url, '--platform', 'http://127.0.0.1:9'])
    expect([noPlatform.code, noPlatform.stderr]).toEqual([1, expect.stringContaining('YJ_MOCK_PLATFORM_UNREACHABLE')])
  })

  it('the kit against a running adapter by URL: contract checks pass, fault and log checks are skipped, not failed', async () => {
    const r = await runMain(['adapter', 'verify', '--url', running.url, '--platform', platform.url, '--format', 'json'])
    const report = JSON.parse(r.stdout) as { ok: boolean; checks: { id: string; status: string; message: string }[] }
    expect(report.checks.filter((c) => c.status === 'fail')).toEqual([])
    expect(report.checks.filter((c) => c.status === 'skip').map((c) => c.id)).toEqual(['legacy-down-envelope', 'health-reports-legacy-down', 'logs-masked'])
    expect(r.code).toBe(0)
    expect(findUnmaskedPersonalData(logs)).toEqual([])
  })
})

describe('yingjie adapter verify <folder>', () => {
  it('starts the adapter, its GBK SOAP simulator, fault proxies and the mock platform; all checks pass; JUnit and JSON', async () => {
    const dir = await tempDir()
    try {
      const r = await runMain(['adapter', 'verify', EXAMPLE, '--junit', join(dir.path, 'junit.xml'), '--format', 'json'])
      const report = JSON.parse(r.stdout) as { ok: boolean; passed: number; failed: number; skipped: number; checks: { id: string; status: string; message: string }[] }
      expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([])
      expect(report).toMatchObject({ ok: true, channel: 'bd-rsj-app', profile: 'hebei-jishiban', passed: KIT_CHECKS.length, failed: 0, skipped: 0 })
      expect(KIT_CHECKS.length).toBeGreaterThanOrEqual(15)
      expect(r.code).toBe(0)
      const junit = await readFile(join(dir.path, 'junit.xml'), 'utf8')
      expect(junit).toContain(`<testsuites name="yingjie adapter verify" tests="${KIT_CHECKS.length}" failures="0" skipped="0"`)
      expect(junit.match(/<testcase /g)).toHaveLength(KIT_CHECKS.length)
      expect(junit).toContain('name="replayed-nonce-rejected"')
    } finally {
      await dir.cleanup()
    }
  })

  // A copy of the example in a temporary folder that resolves @yingjie/connector like the original.
  async function brokenCopy(edit: (source: string) => string) {
    const dir = await tempDir()
    await cp(EXAMPLE, dir.path, { recursive: true })
    await symlink(join(REPO_ROOT, 'test', 'node_modules'), join(dir.path, 'node_modules'), 'dir')
    const file = join(dir.path, 'src', 'adapter.ts')
    const before = await readFile(file, 'utf8')
    const after = edit(before)
    expect(after).not.toBe(before)
    await writeFile(file, after)
    return dir
  }

  it('a copy that turns response masking off fails responses-masked, and only that check; exit 1 and a JUnit failure', async () => {
    const dir = await brokenCopy((s) => s.replace("identity: 'required',\n      idempotent: true,", "identity: 'required',\n      idempotent: true,\n      revealPersonalData: true,"))
    try {
      const r = await runMain(['adapter', 'verify', dir.path, '--junit', join(dir.path, 'junit.xml')], { cwd: dir.path })
      expect(r.code).toBe(1)
      expect(r.stdout).toMatch(/✗ 失败\s+responses-masked/)
      expect(r.stdout).toContain(`通过 ${KIT_CHECKS.length - 1} 项，失败 1 项`)
      const junit = await readFile(join(dir.path, 'junit.xml'), 'utf8')
      expect(junit).toMatch(/<testcase [^>]*name="responses-masked"[^>]*>\s*<failure message="[^"]*revealPersonalData/)
      expect(junit.match(/<failure /g)).toHaveLength(1)
      // The coordinator's plan reads the same report and finds the channel's failure.
      expect(conformanceFailures([{ text: junit }]).get('bd-rsj-app')).toEqual(['responses-masked'])
    } finally {
      await dir.cleanup()
    }
  })

  it('a copy that prints the citizen’s ID number to the console fails logs-masked', async () => {
    const dir = await brokenCopy((s) => s.replace('async handler({ input, user, legacy }) {', 'async handler({ input, user, legacy }) {\n        console.log(`query for ${user!.idNumber}`)'))
    try {
      const r = await runMain(['adapter', 'verify', dir.path, '--format', 'json', '--lang', 'en'], { cwd: dir.path })
      const report = JSON.parse(r.stdout) as { checks: { id: string; status: string; message: string }[] }
      expect(report.checks.filter((c) => c.status === 'fail').map((c) => c.id)).toEqual(['logs-masked'])
      expect(report.checks.find((c) => c.id === 'logs-masked')!.message).toMatch(/unmasked personal data item\(s\) in the log, e.g. idNumber 1\*{16}0/)
      expect(r.code).toBe(1)
    } finally {
      await dir.cleanup()
    }
  })

  it('a folder without an adapter module is a readable error, not a stack', async () => {
    const dir = await tempDir({ 'README.md': 'nothing here' })
    try {
      const r = await runMain(['adapter', 'verify', dir.path])
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('YJ_ADAPTER_NOT_FOUND')
      expect(r.stderr).not.toContain('    at ')
    } finally {
      await dir.cleanup()
    }
  })

  it('usage errors: neither folder nor --url, or both', async () => {
    expect((await runMain(['adapter', 'verify'])).code).toBe(2)
    expect((await runMain(['adapter', 'verify', EXAMPLE, '--url', 'http://127.0.0.1:9'])).code).toBe(2)
  })
})

describe('the kit reports a non-conforming server by name', () => {
  it('a server that ignores signatures and answers 200 to everything fails the refusal checks', async () => {
    const mock = await startMockPlatform()
    const { createServer } = await import('node:http')
    const fake = createServer((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(req.url === '/openapi.json' ? JSON.stringify({ openapi: '3.1.0', info: {}, paths: { '/api/q': { post: { operationId: 'q', requestBody: { content: { 'application/json': { schema: {}, example: {} } } } } } } }) : '{"status":"ok"}')
      })
    })
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', () => r()))
    try {
      const url = `http://127.0.0.1:${(fake.address() as import('node:net').AddressInfo).port}`
      const report = await verifyAdapter({ url, platformUrl: mock.url })
      const failed = report.checks.filter((c) => c.status === 'fail').map((c) => c.id)
      expect(report.ok).toBe(false)
      for (const id of ['metrics', 'unsigned-rejected', 'bad-signature-rejected', 'wrong-access-key-rejected', 'stale-timestamp-rejected', 'replayed-nonce-rejected', 'oversized-body-413', 'malformed-json-enveloped', 'unknown-operation-not-found']) {
        expect(failed).toContain(id)
      }
    } finally {
      fake.close()
      await mock.close()
    }
  })
})

describe('yingjie platform mock', () => {
  it('serves the users of a --users file, prints the adapter environment, and stops cleanly on SIGTERM', async () => {
    const dir = await tempDir({
      'users.yaml': 'users:\n  - { id: wang, kind: person, name: 王小明, idNumber: "11010519491231002X", phone: "13700001111" }\n',
    })
    try {
      const tsx = pathToFileURL(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx')).href
      const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, join(REPO_ROOT, 'packages/cli/src/bin.ts'), 'platform', 'mock', '--port', '0', '--users', 'users.yaml', '--profile', 'zhejiang-zlb', '--lang', 'en'], {
        cwd: dir.path,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let out = ''
      child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d))
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
      await waitFor(() => out.includes('Press Ctrl+C'), 'the mock platform to start')
      expect(out).toMatch(/Mock platform \(zhejiang-zlb\) listening on http:\/\/127\.0\.0\.1:\d+/)
      expect(out).toContain('wang（王小明）')
      expect(out).toContain('export YINGJIE_PLATFORM_ACCESS_KEY=yingjie-mock-app')
      const url = /listening on (http:\/\/\S+)/.exec(out)![1]!
      const issued = (await (await fetch(`${url}/mock/identities`, { method: 'POST', body: '{"user":"wang"}', headers: { 'content-type': 'application/json' } })).json()) as { param: string }
      expect(issued.param).toBe('ticketId')
      child.kill('SIGTERM')
      expect(await exited).toBe(0)
    } finally {
      await dir.cleanup()
    }
  })

  it('a users file that is not a list of users is a readable error', async () => {
    const dir = await tempDir({ 'users.yaml': 'users: 5\n' })
    try {
      const r = await runMain(['platform', 'mock', '--port', '0', '--users', 'users.yaml'], { cwd: dir.path })
      expect(r.code).toBe(1)
      expect(r.stderr).toContain('YJ_MOCK_USERS_INVALID')
    } finally {
      await dir.cleanup()
    }
  })
})
