import { describe, expect, it } from 'vitest'
import { checkTransition, pathFor, STAGE_PATHS } from './index'

const at = (from: Parameters<typeof checkTransition>[0]['from'], to: Parameters<typeof checkTransition>[0]['to'], more: Partial<Parameters<typeof checkTransition>[0]> = {}) =>
  checkTransition({ from, to, date: '2022-06-01', lastDate: '2022-05-01', ...more })

describe('the stage machine', () => {
  it('a connected channel walks all nine stages, one at a time', () => {
    expect(pathFor('connect')).toEqual(STAGE_PATHS.build)
    let from = null as Parameters<typeof checkTransition>[0]['from']
    for (const to of STAGE_PATHS.build) {
      expect(at(from, to, { decision: 'connect' })).toEqual({ ok: true, direction: 'forward' })
      from = to
    }
  })

  it('a department that jumps from developing to live is told which stage it skipped', () => {
    const r = at('developing', 'live', { decision: 'connect' })
    expect(r).toMatchObject({ ok: false, code: 'YJ_STAGE_SKIPPED' })
    if (!r.ok) expect(r.message.zh).toContain('联调测试')
  })

  it('a retired channel goes from planned straight to notice, and has no developing stage at all', () => {
    expect(pathFor('retire')).toEqual(['inventoried', 'planned', 'notice', 'shutdown', 'verified'])
    expect(at('planned', 'notice', { decision: 'retire' }).ok).toBe(true)
    expect(at('planned', 'developing', { decision: 'retire' })).toMatchObject({ ok: false, code: 'YJ_STAGE_NOT_ON_PATH' })
  })

  it('moving back needs a reason; with one it is allowed', () => {
    expect(at('testing', 'developing')).toMatchObject({ ok: false, code: 'YJ_STAGE_BACKWARD' })
    expect(at('testing', 'developing', { reason: '   ' })).toMatchObject({ ok: false, code: 'YJ_STAGE_BACKWARD' })
    expect(at('testing', 'developing', { reason: '联调发现实名字段缺失' })).toEqual({ ok: true, direction: 'backward' })
  })

  it('an event dated before the last one is refused, so history is only ever appended', () => {
    expect(at('planned', 'developing', { date: '2022-04-30' })).toMatchObject({ ok: false, code: 'YJ_EVENT_ORDER' })
  })

  it('recording the stage a channel is already at is refused', () => {
    expect(at('live', 'live')).toMatchObject({ ok: false, code: 'YJ_STAGE_SAME' })
  })

  it('the first event must be inventoried', () => {
    expect(at(null, 'planned', { lastDate: null })).toMatchObject({ ok: false, code: 'YJ_STAGE_SKIPPED' })
    expect(at(null, 'inventoried', { lastDate: null }).ok).toBe(true)
  })

  it('a merged channel ends with its target: not live before the target is, and then it may skip the build stages', () => {
    expect(at('testing', 'live', { decision: 'merge', mergeTarget: 'bd-rsj-wx', mergeTargetStage: 'testing' })).toMatchObject({ ok: false, code: 'YJ_MERGE_TARGET_NOT_LIVE' })
    expect(at('testing', 'live', { decision: 'merge', mergeTargetStage: 'parallel' }).ok).toBe(true)
    expect(at('planned', 'notice', { decision: 'merge', mergeTargetStage: null })).toMatchObject({ ok: false, code: 'YJ_MERGE_TARGET_NOT_LIVE' })
    expect(at('planned', 'notice', { decision: 'merge', mergeTargetStage: 'live' }).ok).toBe(true)
    // Only the build stages may be skipped: notice still comes before shutdown.
    expect(at('planned', 'shutdown', { decision: 'merge', mergeTargetStage: 'verified' })).toMatchObject({ ok: false, code: 'YJ_STAGE_SKIPPED' })
  })
})
