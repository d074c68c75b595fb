import { loadInventory } from '@yingjie/model'
import { loadDefaultProfile, type AccessProfile } from '@yingjie/spec'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { simInventory, startSimSite, tempDir, type SimSite, type TempDir } from '../../../test/utils/index'
import { planWebScan, type WebScanPlan } from './_web-plan'
import { scanWeb, type WebScanEvent, type WebScanOptions } from './_web-scan'
import type { WebScanResult } from './_web-types'

let site: SimSite
let dir: TempDir
let plan: WebScanPlan
let profile: AccessProfile
let options: WebScanOptions

beforeAll(async () => {
  site = await startSimSite()
  dir = await tempDir(simInventory())
  plan = planWebScan((await loadInventory(dir.path)).entities)
  profile = await loadDefaultProfile()
  options = { profile, resolve: site.resolve, ca: site.ca, perHostRate: 0, retries: 0, maxPages: 40, timeouts: { response: 1000, idle: 2000, total: 5000 } }
})
afterAll(async () => {
  await site.close()
  await dir.cleanup()
})

/** The result without what changes run to run: times and certificate dates. */
function stable(result: WebScanResult): unknown {
  return JSON.parse(
    JSON.stringify(result, (key, value) => (key === 'startedAt' || key === 'finishedAt' || key === 'durationMs' ? undefined : key === 'validTo' ? '<date>' : value)),
  )
}

describe('scanWeb: a city office scans its inventory', () => {
  it('probes every declared H5 URL, crawls the website, and reconciles (golden)', async () => {
    const events: WebScanEvent[] = []
    const result = await scanWeb(plan, { ...options, onEvent: (e) => events.push(e) })
    expect(result.complete).toBe(true)
    expect(result.platform).toEqual({ profile: 'hebei-jishiban', name: '冀时办', domains: ['hbzwfw.gov.cn'] })
    expect(Object.fromEntries(result.probes.map((p) => [p.channel, p.evidence.classification]))).toEqual({
      'test-ybj-expiring': 'ok',
      'test-ybj-missing': 'http-error',
      'test-ybj-notice': 'notice-page',
      'test-ybj-nx': 'dns',
      'test-ybj-ok': 'ok',
      'test-ybj-platform': 'redirected-to-platform',
      'test-ybj-secure': 'ok',
    })
    const review = (id: string) => Object.fromEntries(result.probes.find((p) => p.channel === id)!.review.map((r) => [r.id, r.status]))
    expect(review('test-ybj-secure')).toEqual({ https: 'pass', 'certificate-validity': 'pass', 'title-matches-service': 'pass' })
    expect(review('test-ybj-expiring')['certificate-validity']).toBe('fail')
    expect(review('test-ybj-ok').https).toBe('fail')

    const matched = result.reconciliation.matched.map((m) => `${m.channel} ${m.matchedBy}`)
    expect(matched).toEqual([
      'test-rsj-app androidPackage',
      'test-rsj-app iosAppId',
      'test-rsj-gjj appid',
      'test-rsj-jy name', // the weixin:// link "打开某某就业小程序"
      'test-rsj-jy appid',
      'test-rsj-mp name',
      'test-rsj-oa name',
    ])
    expect(result.reconciliation.undeclared.map((c) => c.key)).toContain('h5:m.dept.invalid/')
    expect(result.reconciliation.notFound.map((n) => n.channel)).toEqual(['test-rsj-old-app'])
    expect(result.summary).toMatchObject({ organizations: 2, probes: 7, matched: 7, notFound: 1 })

    expect(events.filter((e) => e.type === 'organization-start').map((e) => e.organization).sort()).toEqual(['test-rsj', 'test-ybj'])
    expect(events.filter((e) => e.type === 'organization-done').every((e) => e.type === 'organization-done' && e.complete)).toBe(true)
    await expect(`${JSON.stringify(stable(result), null, 2)}\n`).toMatchFileSnapshot('./__golden__/scan.json')
  })

  it('--no-discover only probes; nothing can be "not found" then', async () => {
    const result = await scanWeb(plan, { ...options, discover: false })
    expect(result.sites).toEqual([])
    expect(result.probes).toHaveLength(7)
    expect(result.reconciliation).toEqual({ matched: [], undeclared: [], notFound: [] })
  })

  it('only hosts the inventory names are contacted', async () => {
    const before = site.requests.length
    await scanWeb(plan, options)
    const hosts = new Set(site.requests.slice(before).map((r) => r.host))
    expect([...hosts].every((h) => plan.scope.includes(h))).toBe(true)
  })

  it('an interrupted scan keeps what finished and says it is partial', async () => {
    const hanging = planWebScan((await loadInventory(dir.path)).entities)
    // One more organization whose only H5 URL never answers.
    hanging.organizations.push({ id: 'slow-org', name: '慢单位', websites: [], probes: ['hang'] })
    hanging.channels.push({ id: 'hang', owner: 'slow-org', name: '挂起', type: 'h5', h5Url: 'http://h5.dept.invalid/hang/', storeLinks: [], serviceNames: [] })
    const controller = new AbortController()
    const done = new Set<string>()
    const pending = scanWeb(hanging, {
      ...options,
      discover: false,
      signal: controller.signal,
      timeouts: { response: 60_000, idle: 60_000, total: 60_000 },
      onEvent: (e) => {
        if (e.type === 'organization-done') done.add(e.organization)
        if (done.has('test-ybj')) controller.abort(new Error('Ctrl-C'))
      },
    })
    const result = await pending
    expect(result.complete).toBe(false)
    expect(result.probes.map((p) => p.channel)).not.toContain('hang')
    expect(result.probes).toHaveLength(7)
  })
})
