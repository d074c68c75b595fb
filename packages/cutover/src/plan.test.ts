import { loadInventory, type AnyEntity } from '@yingjie/model'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SAMPLE_BAODING, tempDir, type TempDir } from '../../../test/utils/index'
import { blockersFromSourceReports, conformanceFailures, planCutover, renderPlanText, type CutoverPlan } from './index'

let baoding: AnyEntity[]
let plan: CutoverPlan
beforeAll(async () => {
  baoding = (await loadInventory(SAMPLE_BAODING)).entities
  plan = planCutover(baoding, { asOf: '2022-12-01' })
})

const ch = (id: string) => plan.channels.find((c) => c.channel === id)!

describe('planning the Baoding sample as of 2022-12-01', () => {
  it('every channel has a stage, the date it was entered and how long it has been there', () => {
    expect(plan.channels).toHaveLength(39)
    expect(ch('bd-rsj-app')).toMatchObject({ stage: 'verified', enteredOn: '2022-10-17', verified: true, late: false })
    expect(ch('bd-gjj-oa')).toMatchObject({ stage: 'inventoried', enteredOn: '2022-02-16', daysInStage: 288 })
  })

  it('the wave-3 H5 moved back to developing with a reason is late for testing and flagged as moved back', () => {
    const mzj = ch('bd-mzj-h5')
    // Its 2022-12-05 event is after the as-of date and not yet known.
    expect(mzj).toMatchObject({ stage: 'developing', enteredOn: '2022-10-23', overdueStage: 'testing', overdueSince: '2022-09-30', late: true, lateDays: 62 })
    expect(mzj.risk.reasons.map((r) => r.code)).toContain('moved-back')
  })

  it('a retired official account is expected at notice, not at any build stage', () => {
    const qy = ch('bd-qingyuan-oa')
    expect(qy.path).toEqual(['inventoried', 'planned', 'notice', 'shutdown', 'verified'])
    expect(qy).toMatchObject({ stage: 'planned', overdueStage: 'notice', late: true, connected: false, needsConnecting: false })
  })

  it('waiting on the province and personal data of many users both count towards risk, with reasons', () => {
    const yygh = ch('bd-wjw-yygh-h5')
    expect(yygh.accessMode).toBe('province')
    expect(yygh.risk.reasons.map((r) => r.code)).toEqual(expect.arrayContaining(['late', 'stuck', 'province-build', 'personal-data', 'forecast-miss']))
    expect(yygh.risk).toMatchObject({ score: 100, level: 'high' })
    expect(ch('bd-rsj-app').risk).toEqual({ score: 0, level: 'low', reasons: [] })
  })

  it('forecasts come from observed stage durations and never precede the as-of date', () => {
    for (const c of plan.channels) {
      if (c.verified) expect(c.forecastFinish).toBe(c.verifiedOn)
      else expect(c.forecastFinish! > plan.asOf).toBe(true)
    }
    expect(plan.stageDays.inventoried!.samples).toBeGreaterThan(30)
    expect(plan.rules.forecast.zh).toContain('中位数')
  })

  it('a merged channel is not forecast to finish before its target can be live', () => {
    const zjjH5 = ch('bd-zjj-h5')
    const zjjWx = ch('bd-zjj-wx')
    expect(zjjH5.mergeInto).toBe('bd-zjj-wx')
    expect(zjjWx.stage).toBe('testing')
    // Unmerged, the H5 would finish on its own durations; merged, it waits for the mini-program to go live
    // and then walks live → verified, so it cannot finish before the target does.
    expect(zjjH5.forecastFinish! >= zjjWx.forecastFinish!).toBe(true)
  })

  it('roll-ups per organization and per wave add up to the region', () => {
    const sum = (list: typeof plan.byWave, k: 'total' | 'late' | 'verified' | 'connected') => list.reduce((s, r) => s + r[k], 0)
    for (const k of ['total', 'late', 'verified', 'connected'] as const) {
      expect(sum(plan.byWave, k)).toBe(plan.totals[k])
      expect(sum(plan.byOrganization, k)).toBe(plan.totals[k])
    }
    expect(plan.byWave.map((w) => w.key)).toEqual(['1', '2', '3'])
    expect(plan.byWave[0]).toMatchObject({ total: 12, verified: 12, late: 0 })
    expect(plan.totals).toMatchObject({ total: 39, verified: 12, late: 20 })
  })

  it('the burndown runs weekly from the first event to the deadline, actual only up to the as-of date, ideal down to zero', () => {
    const pts = plan.burndown.points
    expect(plan.burndown.deadline).toBe('2023-01-31')
    expect(pts[0]!.remaining).toBe(39)
    expect(pts.at(-1)!.ideal).toBe(0)
    for (let i = 1; i < pts.length; i++) {
      expect(new Date(pts[i]!.week).getTime() - new Date(pts[i - 1]!.week).getTime()).toBe(7 * 86_400_000)
      if (pts[i]!.remaining !== null) expect(pts[i]!.remaining!).toBeLessThanOrEqual(pts[i - 1]!.remaining!)
      expect(pts[i]!.ideal).toBeLessThanOrEqual(pts[i - 1]!.ideal)
    }
    expect(pts.filter((p) => p.remaining !== null).at(-1)!.remaining).toBe(39 - 12)
  })

  it('the recorded history obeys the stage machine', () => {
    expect(plan.findings).toEqual([])
  })

  it('next deadlines list what is due after the as-of date and how many have yet to get there', () => {
    expect(plan.nextDeadlines[0]).toMatchObject({ date: '2022-12-01' })
    expect(plan.nextDeadlines.every((d) => d.date >= '2022-12-01' && d.pending > 0)).toBe(true)
  })

  it('the same inventory a month earlier knows fewer events and fewer late channels', () => {
    const earlier = planCutover(baoding, { asOf: '2022-11-01' })
    expect(earlier.totals.verified).toBeLessThan(plan.totals.verified)
    expect(earlier.channels.find((c) => c.channel === 'bd-rsj-jiuye-h5')!.stage).not.toBe('shutdown')
  })

  it('text output names the late channels and shows the rules', () => {
    const text = renderPlanText(plan, 'zh')
    expect(text).toContain('逾期渠道 20 个')
    expect(text).toContain('bd-gjj-oa')
    expect(text).toContain('测算规则')
    expect(renderPlanText(plan, 'en')).toContain('20 late channels')
  })
})

describe('risk from other tools’ reports', () => {
  it('blockers from a source scan and failed conformance checks raise a channel’s risk, with the reasons named', () => {
    const blockers = blockersFromSourceReports(
      [
        { text: JSON.stringify({ projects: [{ path: '/src/bd-zjj-wx', blockers: [{ api: 'wx.requestPayment', message: '需要统一支付' }, '订阅消息'] }] }) },
        { text: JSON.stringify({ blockers: ['wx.getWeRunData'] }), subject: 'bd-gjj-wx' },
      ],
      baoding,
    )
    expect(blockers.get('bd-zjj-wx')).toEqual(['需要统一支付', '订阅消息'])
    expect(blockers.get('bd-gjj-wx')).toEqual(['wx.getWeRunData'])
    // The source scanner's own report: a project found by its appid, blockers grouped by the service they need.
    const scan = {
      kind: 'SourceScanReport',
      projects: [{ root: '.', path: 'rsj-mp', kind: 'wechat', appid: 'wx0995452ebef26119', blockers: [{ service: 'unified-payment', apis: ['wx.requestPayment'], reason: { zh: '需要省级统一支付', en: 'needs unified payment' } }] }],
    }
    expect(blockersFromSourceReports([{ text: JSON.stringify(scan) }], baoding).get('bd-rsj-wx')).toEqual(['wx.requestPayment（需要省级统一支付）'])
    const junit = `<?xml version="1.0"?><testsuites><testsuite name="bd-rsj-sbk-api" tests="2" failures="1"><testcase name="health"/><testcase name="replayed nonce rejected"><failure message="accepted"/></testcase></testsuite></testsuites>`
    const failures = conformanceFailures([{ text: junit }, { text: JSON.stringify({ checks: [{ name: 'signature', ok: false }, { name: 'health', ok: true }] }), subject: 'bd-zjj-wx' }])
    expect(failures.get('bd-rsj-sbk-api')).toEqual(['replayed nonce rejected'])
    // The conformance kit's own JSON (adapter verify --json) names the channel the adapter serves.
    const kit = { ok: false, url: 'http://127.0.0.1:1', channel: 'bd-gjj-wx', checks: [{ id: 'nonce-replay', title: { zh: '重放的 nonce 被拒绝', en: 'replayed nonce rejected' }, status: 'fail' }, { id: 'health', title: { zh: '健康检查', en: 'health' }, status: 'pass' }] }
    expect(conformanceFailures([{ text: JSON.stringify(kit) }]).get('bd-gjj-wx')).toEqual(['重放的 nonce 被拒绝'])
    const p = planCutover(baoding, { asOf: '2022-12-01', blockers, conformanceFailures: failures })
    const zjj = p.channels.find((c) => c.channel === 'bd-zjj-wx')!
    expect(zjj.risk.reasons.find((r) => r.code === 'source-blockers')).toMatchObject({ points: 10 })
    expect(zjj.risk.reasons.find((r) => r.code === 'conformance-failed')!.message.zh).toContain('signature')
    // The interface a channel uses carries its conformance failure to the channel.
    const rsjApp = p.channels.find((c) => c.channel === 'bd-rsj-app')!
    expect(rsjApp.verified).toBe(true) // verified channels carry no risk
  })
})

describe('a small inventory planned from scratch', () => {
  let dir: TempDir
  afterAll(() => dir?.cleanup())

  it('a channel without a Migration is not started, expected by the region milestones, and at risk', async () => {
    dir = await tempDir({
      'region.yaml': `apiVersion: yingjie/v1\nkind: Region\nmetadata: { id: t, name: 测试市 }\nspec:\n  province: 河北省\n  platform: hebei-jishiban\n  platformName: 冀时办\n  milestones: { contactsDue: 2022-02-20, connectDeadline: 2022-12-31, legacyShutdown: 2023-01-01, wave2Live: 2022-09-30 }\n`,
      'org.yaml': `apiVersion: yingjie/v1\nkind: Organization\nmetadata: { id: o, name: 测试局 }\nspec: { uscc: 91350100M000100Y43, level: city, regionCode: "130600" }\n`,
      'ch.yaml': [1, 2].map((n) => `apiVersion: yingjie/v1\nkind: Channel\nmetadata: { id: c${n}, name: 渠道${n}, owner: o }\nspec: { type: h5, identifiers: { h5Url: "https://c${n}.test.invalid/" }, decision: connect, accessMode: self }\n`).join('---\n'),
      'mig.yaml': `apiVersion: yingjie/v1\nkind: Migration\nmetadata: { id: m2, name: 迁移 }\nspec:\n  channel: c2\n  wave: 2\n  events:\n    - { date: 2022-02-01, stage: inventoried }\n    - { date: 2022-03-01, stage: planned }\n`,
    })
    const inv = await loadInventory(dir.path)
    const p = planCutover(inv.entities, { asOf: '2022-10-10' })
    const c1 = p.channels.find((c) => c.channel === 'c1')!
    expect(c1).toMatchObject({ stage: null, overdueStage: 'inventoried', overdueSince: '2022-02-20', late: true })
    expect(c1.risk.reasons.map((r) => r.code)).toContain('no-migration')
    const c2 = p.channels.find((c) => c.channel === 'c2')!
    // wave2Live applies to wave 2 only; connectDeadline stays the region's target for everyone else.
    expect(c2).toMatchObject({ stage: 'planned', expectedStage: 'live', overdueStage: 'live', overdueSince: '2022-09-30' })
    expect(c2.targets.live).toBe('2022-09-30')
    expect(c1.targets.live).toBe('2022-12-31')
    // With no channel having finished a stage beyond planned, unknown stages take the 30-day default:
    // remaining planned ≥ 7 days, then developing, testing, live, parallel, notice, shutdown at 30 each.
    expect(c2.forecastFinish).toBe('2023-04-15')
    expect(p.totals.byStage.none).toBe(1)
  })
})
