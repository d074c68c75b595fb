import { describe, expect, it } from 'vitest'
import { checkInventoryDir } from './_check'
import { buildReport, renderReportMarkdown } from './_report'
import { minimalInventory, SAMPLE_BAODING, tempDir } from '../../../test/utils/index'

const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0)

describe('inventory report', () => {
  it('on the Baoding sample, every roll-up adds up to the channel count and coverage splits the list', async () => {
    const { inventory, result } = await checkInventoryDir(SAMPLE_BAODING)
    const r = buildReport(inventory, result)
    const channels = result.counts.Channel
    expect(r.totals.channels).toBe(channels)
    expect(sum(r.channelsByType)).toBe(channels)
    expect(sum(r.channelsByOwnerLevel)).toBe(channels)
    expect(sum(r.channelsByDecision)).toBe(channels)
    expect(sum(r.channelsByAccessMode)).toBe(channels)
    expect(r.organizations.reduce((a, o) => a + o.channels, 0)).toBe(channels)
    expect(r.coverage.covered.length + r.coverage.uncovered.length).toBe(r.coverage.items)
    expect(r.coverage.items).toBeGreaterThanOrEqual(40)
    expect(r.channelsByDecision.undecided).toBe(1)
    expect(r.findings).toMatchObject({ errors: 0, warnings: 8 })
    expect(r.region).toMatchObject({ platform: 'hebei-jishiban', milestones: { connectDeadline: '2022-12-31' } })
  })

  it('names items no channel serves, and channels of one owner that serve the same items', async () => {
    const list = 'apiVersion: yingjie/v1\nkind: ServiceList\nmetadata: {id: l, name: l}\nspec:\n  issuer: 省\n  items:\n    - {code: A-1, name: 社保卡申领, domain: 社保}\n    - {code: B-1, name: 公积金提取, domain: 公积金}\n'
    const mk = (id: string, name: string, url: string) =>
      `apiVersion: yingjie/v1\nkind: Channel\nmetadata: {id: ${id}, name: ${name}, owner: test-rsj}\nspec:\n  type: h5\n  identifiers: {h5Url: "${url}"}\n  decision: connect\n  services: [{name: 社保卡, item: A-1}]\n`
    const dir = await tempDir({ ...minimalInventory(), 'list.yaml': list, 'c.yaml': `${mk('sb-h5', '社保服务H5', 'https://a.test.invalid/')}---\n${mk('sb-app', '社保服务 APP', 'https://b.test.invalid/')}` })
    try {
      const { inventory, result } = await checkInventoryDir(dir.path)
      const r = buildReport(inventory, result)
      expect(r.coverage.uncovered.map((i) => i.code)).toEqual(['B-1'])
      expect(r.coverage.covered[0]).toMatchObject({ code: 'A-1', channels: ['sb-h5', 'sb-app'] })
      expect(r.possibleDuplicates).toEqual([
        { reason: 'same-name', channels: ['sb-h5', 'sb-app'], detail: '社保服务' },
        { reason: 'same-services', channels: ['sb-h5', 'sb-app'], detail: 'A-1' },
      ])
      const zh = renderReportMarkdown(r, 'zh')
      expect(zh).toContain('| B-1 | 公积金提取 | 公积金 |')
      expect(zh).toContain('共 2 项，已有渠道提供 1 项（50.0%）')
      expect(renderReportMarkdown(r, 'en')).toContain('2 items; 1 served by at least one channel (50.0%)')
    } finally {
      await dir.cleanup()
    }
  })
})
