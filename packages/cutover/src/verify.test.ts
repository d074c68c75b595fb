import { createHash } from 'node:crypto'
import { cp, readdir, readFile } from 'node:fs/promises'
import { createServer, request, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { loadInventory } from '@yingjie/model'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_BAODING, tempDir, type TempDir } from '../../../test/utils/index'
import { judgeShutdown, planCutover, renderVerifyText, verifyCutover, type PlatformRef, type Probe, type ProbeEvidence } from './index'

const PLATFORM: PlatformRef = { names: ['冀时办'], domains: ['hbzwfw.gov.cn'] }

// The old department sites, by host: some redirect to the platform, one shows a notice, one still serves.
const PAGES: Record<string, { status: number; headers?: Record<string, string>; body?: string }> = {
  'm.ybj.baoding.invalid': { status: 302, headers: { location: 'https://www.hbzwfw.gov.cn/jsb/bd/ybj' } },
  'jiuye.baoding.invalid': { status: 200, body: '<html><head><title>保定就业服务</title></head><body>欢迎使用保定就业服务，请登录办理业务。</body></html>' },
  'rcfw.bdgxq.invalid': { status: 200, body: '<html><head><meta charset="utf-8"><title>停止服务公告</title></head><body><p>本平台将于2022年12月31日停止服务，相关业务已迁移至“冀时办”APP。</p></body></html>' },
  'zs.jyj.baoding.invalid': { status: 301, headers: { location: 'http://rxbm.jingxiu.invalid/' } },
  'rxbm.jingxiu.invalid': { status: 302, headers: { location: 'https://hbzwfw.gov.cn/' } },
  'm.zwfw.baoding.invalid': { status: 200, body: '<title>保定政务服务</title><p>本站已下线。</p>' },
}

let server: Server
let port: number
beforeAll(async () => {
  server = createServer((req, res) => {
    const page = PAGES[(req.headers.host ?? '').split(':')[0]!]
    if (!page) {
      res.writeHead(404).end('not found')
      return
    }
    res.writeHead(page.status, { 'content-type': 'text/html; charset=utf-8', ...page.headers }).end(page.body ?? '')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  port = (server.address() as AddressInfo).port
})
afterAll(() => new Promise<void>((r) => server.close(() => r())))

/** A small probe for these tests: every .invalid host is this loopback server; platform hosts are never contacted. */
const loopbackProbe: Probe = async (start) => {
  const ev: ProbeEvidence = { url: start, time: new Date().toISOString(), status: null, finalUrl: start, redirects: [], title: null, snippet: null, bodySha256: null }
  let url = new URL(start)
  for (let hop = 0; hop < 5; hop++) {
    ev.finalUrl = url.href
    if (!url.hostname.endsWith('.invalid')) return ev
    const res = await new Promise<{ status: number; location?: string; body: Buffer }>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: url.pathname, headers: { host: url.host } }, (r) => {
        const chunks: Buffer[] = []
        r.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: r.statusCode!, location: r.headers.location, body: Buffer.concat(chunks) }))
      })
        .on('error', reject)
        .end()
    })
    ev.status = res.status
    if (res.location) {
      url = new URL(res.location, url)
      ev.redirects.push(url.href)
      continue
    }
    const html = res.body.toString('utf8')
    const text = html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()
    return { ...ev, title: /<title>(.*?)<\/title>/.exec(html)?.[1] ?? null, snippet: text.slice(0, 120), text, bodySha256: createHash('sha256').update(res.body).digest('hex') }
  }
  return ev
}

describe('judging one probe', () => {
  const base: ProbeEvidence = { url: 'https://a.invalid/', time: '', status: 200, finalUrl: 'https://a.invalid/', redirects: [], title: null, snippet: null, bodySha256: null }
  it('a redirect anywhere in the chain to the platform passes', () => {
    expect(judgeShutdown({ ...base, status: 302, redirects: ['https://b.invalid/', 'https://www.hbzwfw.gov.cn/x'] }, PLATFORM)).toMatchObject({ passed: true, kind: 'redirect' })
    // A look-alike host does not.
    expect(judgeShutdown({ ...base, finalUrl: 'https://hbzwfw.gov.cn.evil.invalid/' }, PLATFORM).passed).toBe(false)
  })
  it('a notice passes only when it names the platform', () => {
    expect(judgeShutdown({ ...base, text: '本系统已停止服务，请使用冀时办办理' }, PLATFORM)).toMatchObject({ passed: true, kind: 'notice' })
    const vague = judgeShutdown({ ...base, text: '本系统已停止服务' }, PLATFORM)
    expect(vague).toMatchObject({ passed: false, kind: 'serving' })
    expect(vague.reason.zh).toContain('未指明冀时办')
  })
  it('an error page or no answer at all proves nothing', () => {
    expect(judgeShutdown({ ...base, status: 404 }, PLATFORM)).toMatchObject({ passed: false, kind: 'gone' })
    expect(judgeShutdown({ ...base, status: null, error: 'ENOTFOUND' }, PLATFORM)).toMatchObject({ passed: false, kind: 'unreachable' })
  })
})

describe('verifying the Baoding sample against a simulated department website', () => {
  let dir: TempDir
  let root: string
  let copies = 0
  // Each story gets its own copy of the sample, since recording changes it.
  const freshCopy = async (): Promise<string> => {
    const base = join(dir.path, `copy-${++copies}`)
    await cp(SAMPLE_BAODING, join(base, 'baoding'), { recursive: true })
    await cp(join(SAMPLE_BAODING, '..', 'hebei'), join(base, 'hebei'), { recursive: true })
    return (root = join(base, 'baoding'))
  }
  beforeAll(async () => {
    dir = await tempDir()
  })
  afterAll(() => dir.cleanup())

  it('probes every H5 at notice or later, keeps the evidence, and lists what apps and mini-programs still owe', async () => {
    await freshCopy()
    const inv = await loadInventory(root)
    const plan = planCutover(inv.entities, { asOf: '2022-12-01' })
    const evidenceDir = join(dir.path, 'evidence')
    const report = await verifyCutover(plan, inv.entities, { probe: loopbackProbe, platform: PLATFORM, evidenceDir, root })
    const item = (id: string) => report.items.find((i) => i.channel === id)!
    expect(item('bd-ybj-h5').verdict).toMatchObject({ passed: true, kind: 'redirect' })
    expect(item('bd-rsj-jiuye-h5').verdict).toMatchObject({ passed: false, kind: 'serving' })
    expect(item('bd-gxq-h5').verdict).toMatchObject({ passed: true, kind: 'notice' })
    expect(item('bd-jyj-zs-h5').evidence!.redirects).toEqual(['http://rxbm.jingxiu.invalid/', 'https://hbzwfw.gov.cn/'])
    expect(item('bd-xzspj-h5').verdict!.passed).toBe(false) // "已下线" without naming the platform
    // Only channels at notice or later are checked; H5s are probed, the rest need people.
    expect(report.items.every((i) => ['notice', 'shutdown', 'verified'].includes(i.stage))).toBe(true)
    expect(report.totals).toMatchObject({ probed: 6, passed: 4, failed: 2, recorded: 0 })
    const app = item('bd-zhuozhou-songlin-app')
    expect(app.stage).toBe('shutdown')
    expect(app.missing.map((m) => m.zh).join()).toContain('应用商店下架')
    // Evidence files: one per probe, with the body hash of what the server sent.
    const files = await readdir(evidenceDir)
    expect(files).toHaveLength(6)
    const jiuye = JSON.parse(await readFile(join(evidenceDir, item('bd-rsj-jiuye-h5').evidenceFile!), 'utf8'))
    expect(jiuye.probe.bodySha256).toBe(createHash('sha256').update(PAGES['jiuye.baoding.invalid']!.body!).digest('hex'))
    expect(jiuye).toMatchObject({ channel: 'bd-rsj-jiuye-h5', verdict: { passed: false }, probe: { status: 200, title: '保定就业服务' } })
    expect(jiuye.probe.text).toBeUndefined()
    expect(renderVerifyText(report, 'zh')).toContain('未通过  bd-rsj-jiuye-h5')
  })

  it('recording is refused, and said so, when the file already holds a later event', async () => {
    await freshCopy()
    const inv = await loadInventory(root)
    const plan = planCutover(inv.entities, { asOf: '2022-11-30' })
    const ok: Probe = async (url) => ({ ...(await loopbackProbe(url)), redirects: ['https://www.hbzwfw.gov.cn/'] })
    const report = await verifyCutover(plan, inv.entities, { probe: ok, platform: PLATFORM, evidenceDir: join(dir.path, 'ev2'), root, record: true, date: '2022-11-30' })
    const ybj = report.items.find((i) => i.channel === 'bd-ybj-h5')!
    expect(ybj.recorded).toBe(true)
    // bd-ybj-h5's shutdown is dated 2022-11-30 and recorded above; nothing else was at shutdown yet.
    expect(report.totals.recorded).toBe(1)
    const later = await verifyCutover(planCutover((await loadInventory(root)).entities, { asOf: '2022-12-01' }), (await loadInventory(root)).entities, { probe: ok, platform: PLATFORM, evidenceDir: join(dir.path, 'ev2'), root, record: true, date: '2022-12-01' })
    const jiuye = later.items.find((i) => i.channel === 'bd-rsj-jiuye-h5')!
    expect(jiuye.recorded).toBe(false)
    expect(jiuye.recordError!.en).toContain('before the previous event (2022-12-27)')
  })

  it('with record, a shut-down channel whose evidence passes moves to verified, pointing at its evidence file; a failing one does not move', async () => {
    await freshCopy()
    const inv = await loadInventory(root)
    const plan = planCutover(inv.entities, { asOf: '2022-12-01' })
    const report = await verifyCutover(plan, inv.entities, { probe: loopbackProbe, platform: PLATFORM, evidenceDir: join(root, 'evidence'), root, record: true, by: '市政务服务管理办公室' })
    expect(report.items.filter((i) => i.recordError)).toEqual([])
    expect(report.totals.recorded).toBe(1)
    const again = planCutover((await loadInventory(root)).entities, { asOf: '2022-12-01' })
    const ybj = again.channels.find((c) => c.channel === 'bd-ybj-h5')!
    expect(ybj).toMatchObject({ stage: 'verified', enteredOn: '2022-12-01' })
    expect(ybj.evidence[0]).toMatch(/^evidence\/bd-ybj-h5-\d{8}T\d{6}Z\.json$/)
    expect(again.channels.find((c) => c.channel === 'bd-rsj-jiuye-h5')!.stage).toBe('shutdown')
    expect((await loadInventory(root)).findings).toEqual([])
  })
})
