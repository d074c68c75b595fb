import { spawn } from 'node:child_process'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { cp, readdir, readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { loadInventory } from '@yingjie/model'
import { afterEach, describe, expect, it } from 'vitest'
import { createCertificateAuthority, issueCertificate } from '../../packages/cli/src/commands/demo/_certificate'
import { REGION_YAML, ORG_YAML, REPO_ROOT, runCli, runMain, SAMPLE_BAODING, tempDir, type TempDir } from '../utils/index'

let dir: TempDir | undefined
afterEach(async () => {
  await dir?.cleanup()
  dir = undefined
})

async function sampleCopy(): Promise<string> {
  dir = await tempDir()
  await cp(SAMPLE_BAODING, join(dir.path, 'baoding'), { recursive: true })
  await cp(join(SAMPLE_BAODING, '..', 'hebei'), join(dir.path, 'hebei'), { recursive: true })
  return join(dir.path, 'baoding')
}

describe('yingjie cutover plan', () => {
  it('prints where every channel stands, as text and as JSON in the chosen language', async () => {
    const text = await runMain(['cutover', 'plan', SAMPLE_BAODING, '--as-of', '2022-12-01'])
    expect(text.code).toBe(0)
    expect(text.stdout).toContain('渠道 39 个：已接入 19/32，原渠道已关停 16，关停已核验 12；逾期 20 个')
    const json = await runMain(['cutover', 'plan', SAMPLE_BAODING, '--as-of', '2022-12-01', '--format', 'json', '--lang', 'en'])
    const plan = JSON.parse(json.stdout)
    expect(plan.totals).toMatchObject({ total: 39, late: 20 })
    expect(plan.channels.find((c: { channel: string }) => c.channel === 'bd-gjj-oa').risk.reasons[0].message).toBe('215 days late: should have reached planned by 2022-04-30')
    expect(plan.burndown.points.length).toBeGreaterThan(50)
  })

  it('refuses a bad date as a usage error and an inventory with errors without planning', async () => {
    expect((await runMain(['cutover', 'plan', SAMPLE_BAODING, '--as-of', '2022-13-01'])).code).toBe(2)
    dir = await tempDir({ 'region.yaml': REGION_YAML, 'org.yaml': ORG_YAML.replace('91350100M000100Y43', '91350100M000100Y44') })
    // A bad code is the full check's business: only --check stops on it.
    expect((await runMain(['cutover', 'plan', dir.path])).code).toBe(0)
    const r = await runMain(['cutover', 'plan', dir.path, '--check'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('YJ_USCC_INVALID')
    expect(r.stderr).not.toContain('    at ')
    // A file that does not parse always stops it.
    await dir.write({ 'broken.yaml': 'apiVersion: yingjie/v1\nkind: Migration\nmetadata: { id: x, name: x }\nspec: { channel: [ }\n' })
    const broken = await runMain(['cutover', 'plan', dir.path])
    expect(broken.code).toBe(1)
    expect(broken.stderr).toContain('broken.yaml:4')
  })

  it('takes blockers from a source-scan report into the risk score', async () => {
    dir = await tempDir({ 'scan.json': JSON.stringify({ projects: [{ path: 'x', blockers: ['wx.requestPayment', 'wx.getWeRunData'] }] }) })
    const r = await runMain(['cutover', 'plan', SAMPLE_BAODING, '--as-of', '2022-12-01', '--format', 'json', '--source-report', `bd-zjj-wx=${join(dir.path, 'scan.json')}`])
    const zjj = JSON.parse(r.stdout).channels.find((c: { channel: string }) => c.channel === 'bd-zjj-wx')
    expect(zjj.risk.reasons.map((x: { code: string }) => x.code)).toContain('source-blockers')
  })
})

describe('yingjie cutover advance', () => {
  it('appends the event and says so; a move back without --reason exits 1 with the code and the fix, no stack trace', async () => {
    const root = await sampleCopy()
    const ok = await runMain(['cutover', 'advance', 'bd-zjj-wx', 'live', root, '--date', '2022-12-06', '--by', '市住建局 韩东升', '--evidence', 'https://jsb.hbzwfw.gov.cn/x'])
    expect(ok).toMatchObject({ code: 0, stderr: '' })
    expect(ok.stdout).toContain('bd-zjj-wx：联调测试 → 已上线（2022-12-06）')
    const back = await runMain(['cutover', 'advance', 'bd-zjj-wx', 'testing', root, '--date', '2022-12-07'])
    expect(back.code).toBe(1)
    expect(back.stderr).toContain('YJ_STAGE_BACKWARD')
    expect(back.stderr).toContain('--reason')
    expect(back.stderr).not.toContain('    at ')
    expect((await runMain(['cutover', 'advance', 'bd-zjj-wx', 'golive', root])).code).toBe(2)
    const json = await runMain(['cutover', 'advance', 'bd-zjj-wx', 'testing', root, '--date', '2022-12-07', '--reason', '审核退回', '--format', 'json'])
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, from: 'live', to: 'testing', direction: 'backward' })
  })

  it('four processes advancing four channels of one file at the same time lose nothing', async () => {
    const root = await sampleCopy()
    const moves: [string, string][] = [
      ['bd-gjj-oa', 'planned'],
      ['bd-wjw-yygh-h5', 'testing'],
      ['bd-zjj-wx', 'live'],
      ['bd-zhuozhou-app', 'developing'],
    ]
    const results = await Promise.all(moves.map(([c, s]) => runCli(['cutover', 'advance', c, s, root, '--date', '2022-12-10', '--format', 'json'], { timeoutMs: 120_000 })))
    for (const r of results) expect(r.stderr).toBe('')
    expect(results.map((r) => r.code)).toEqual(moves.map(() => 0))
    const inv = await loadInventory(root)
    expect(inv.findings).toEqual([])
    for (const [c, s] of moves) {
      const m = inv.entities.find((e) => e.kind === 'Migration' && e.spec.channel === c)!
      expect(m.kind === 'Migration' && m.spec.events!.at(-1)).toEqual({ date: '2022-12-10', stage: s })
    }
    expect((await readdir(join(root, 'migrations'))).sort()).toEqual(['wave-1.yaml', 'wave-2.yaml', 'wave-3.yaml'])
  }, 180_000)

  it('a process killed with SIGKILL at random moments never leaves a broken file nor loses an acknowledged event', async () => {
    dir = await tempDir({ 'region.yaml': REGION_YAML, 'org.yaml': ORG_YAML })
    const channels = Array.from({ length: 30 }, (_, i) => `k${i}`)
    await writeFile(
      join(dir.path, 'channels.yaml'),
      channels.map((c) => `apiVersion: yingjie/v1\nkind: Channel\nmetadata: { id: ${c}, name: 渠道${c}, owner: test-rsj }\nspec: { type: h5, identifiers: { h5Url: "https://${c}.test.invalid/" }, decision: connect, accessMode: self }\n`).join('---\n'),
    )
    // One file holds every Migration, with comments the edits must keep.
    await writeFile(
      join(dir.path, 'migrations.yaml'),
      `# 迁移进度（kill -9 测试）\n` + channels.map((c) => `apiVersion: yingjie/v1\nkind: Migration\nmetadata:\n  id: mig-${c}\n  name: 迁移${c}   # 注释\nspec:\n  channel: ${c}\n  events: []\n`).join('---\n'),
    )
    const tsx = pathToFileURL(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx')).href
    const script = join(REPO_ROOT, 'test', 'e2e', '_fixtures', 'advance-loop.ts')
    const acked: string[] = []
    let kills = 0
    let done = false
    for (let round = 0; round < 40 && kills < 12 && !done; round++) {
      const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, script, dir.path], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] })
      let out = ''
      let err = ''
      let firstAck: () => void = () => {}
      const started = new Promise<void>((r) => (firstAck = r))
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d
        if (out.includes('ACK') || out.includes('DONE')) firstAck()
      })
      child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d))
      const exited = new Promise<number | null>((r) => child.on('close', (code) => r(code)))
      await Promise.race([started, exited])
      // Let it write for a random while, then pull the plug.
      await new Promise((r) => setTimeout(r, Math.random() * 250))
      if (child.exitCode === null) {
        child.kill('SIGKILL')
        kills++
      }
      const code = await exited
      for (const line of out.split('\n')) if (line.startsWith('ACK ')) acked.push(line.slice(4))
      if (out.includes('DONE')) done = true
      else expect(code, err).toBe(null)
      // The file always parses and validates, and holds every acknowledged event.
      const inv = await loadInventory(dir.path)
      expect(inv.findings).toEqual([])
      const have = new Set(inv.entities.flatMap((e) => (e.kind === 'Migration' ? (e.spec.events ?? []).map((ev) => `${e.spec.channel} ${ev.stage}`) : [])))
      for (const a of acked) expect(have.has(a), a).toBe(true)
    }
    expect(kills).toBe(12)
    expect(acked.length).toBeGreaterThanOrEqual(12)
    const text = await readFile(join(dir.path, 'migrations.yaml'), 'utf8')
    expect(text.startsWith('# 迁移进度（kill -9 测试）\n')).toBe(true)
    expect(text.match(/# 注释/g)).toHaveLength(30)
  }, 300_000)
})

describe('yingjie cutover verify', () => {
  it('probes the old H5s through a host map only, writes evidence, records what passed and exits 1 while one still serves', async () => {
    const root = await sampleCopy()
    const seen: string[] = []
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '')
      seen.push(host)
      if (host === 'jiuye.baoding.invalid') res.writeHead(200, { 'content-type': 'text/html; charset=gbk' }).end(Buffer.from('3c7469746c653ebecdd2b5b7fecef13c2f7469746c653e', 'hex'))
      else if (host === 'm.ybj.baoding.invalid') res.writeHead(302, { location: 'https://www.hbzwfw.gov.cn/jsb/ybj' }).end()
      else res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>公告</title>本站已停止服务，请使用冀时办。')
    }
    const hosts = ['jiuye.baoding.invalid', 'm.ybj.baoding.invalid', 'rcfw.bdgxq.invalid', 'rxbm.jingxiu.invalid', 'zs.jyj.baoding.invalid']
    const ca = createCertificateAuthority('cutover e2e CA')
    const cert = issueCertificate(ca, { hosts })
    await writeFile(join(root, '..', 'ca.pem'), ca.certPem)
    const servers: Server[] = [createServer(handler), createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, handler) as unknown as Server]
    const [httpPort, httpsPort] = await Promise.all(servers.map((s) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)))))
    try {
      const resolveArgs = hosts.flatMap((h) => ['--resolve', `${h}=127.0.0.1:${httpPort}`, '--resolve', `${h}:443=127.0.0.1:${httpsPort}`])
      const r = await runMain(['cutover', 'verify', root, '--as-of', '2022-12-01', '--record', '--format', 'json', '--ca', join(root, '..', 'ca.pem'), ...resolveArgs])
      expect(r.code).toBe(1)
      const report = JSON.parse(r.stdout)
      const item = (id: string) => report.items.find((i: { channel: string }) => i.channel === id)
      expect(item('bd-rsj-jiuye-h5').verdict).toMatchObject({ passed: false, kind: 'serving' })
      expect(item('bd-rsj-jiuye-h5').evidence.title).toBe('就业服务') // decoded from GBK
      expect(item('bd-ybj-h5')).toMatchObject({ recorded: true, verdict: { passed: true, kind: 'redirect' } })
      // m.zwfw.baoding.invalid is not in the host map: never contacted (the scanner refuses .invalid names without a lookup).
      expect(item('bd-xzspj-h5').verdict.kind).toBe('unreachable')
      expect(item('bd-xzspj-h5').evidence.error).toMatch(/^dns/)
      expect(seen).not.toContain('m.zwfw.baoding.invalid')
      expect(seen).not.toContain('www.hbzwfw.gov.cn')
      expect(report.items.find((i: { channel: string }) => i.channel === 'bd-jyj-oa').missing).toEqual(expect.arrayContaining([expect.stringContaining('菜单改链')]))
      expect(await readdir(join(root, 'evidence'))).toHaveLength(6)
      const text = await runMain(['cutover', 'plan', root, '--as-of', '2022-12-01', '--format', 'json'])
      expect(JSON.parse(text.stdout).channels.find((c: { channel: string }) => c.channel === 'bd-ybj-h5').stage).toBe('verified')
    } finally {
      for (const s of servers) {
        s.closeAllConnections()
        await new Promise<void>((r) => s.close(() => r()))
      }
    }
  })
})
