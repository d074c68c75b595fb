import { loadInventory, YjError } from '@yingjie/model'
import { describe, expect, it } from 'vitest'
import { simInventory, tempDir } from '../../../test/utils/index'
import { planWebScan, reconcile, type PlannedChannel } from './_web-plan'
import type { ChannelCandidate } from './_web-types'

async function samplePlan(organizations?: string[]) {
  const dir = await tempDir(simInventory())
  try {
    const inventory = await loadInventory(dir.path)
    return planWebScan(inventory.entities, organizations ? { organizations } : {})
  } finally {
    await dir.cleanup()
  }
}

const candidate = (c: Partial<ChannelCandidate> & Pick<ChannelCandidate, 'key' | 'type'>): ChannelCandidate => ({
  identifiers: {},
  organizations: ['test-rsj'],
  evidence: [{ pageUrl: 'http://www.dept.invalid/', snippet: 's', where: 'a' }],
  mentions: 1,
  ...c,
})

describe('planning a web scan from the inventory', () => {
  it('crawls organizations with websites, probes declared H5 URLs, and scopes to the hosts the inventory names', async () => {
    const plan = await samplePlan()
    expect(plan.organizations).toEqual([
      { id: 'test-rsj', name: '某某市人力资源和社会保障局', websites: ['http://www.dept.invalid/'], probes: [] },
      {
        id: 'test-ybj',
        name: '某某市医疗保障局',
        websites: [],
        probes: ['test-ybj-ok', 'test-ybj-notice', 'test-ybj-platform', 'test-ybj-missing', 'test-ybj-secure', 'test-ybj-expiring', 'test-ybj-nx'],
      },
    ])
    expect(plan.scope).toEqual(['expiring.dept.invalid', 'h5.dept.invalid', 'nowhere.dept.invalid', 'secure.dept.invalid', 'www.dept.invalid'])
    expect(plan.channels.find((c) => c.id === 'test-rsj-app')).toMatchObject({ iosAppId: '1519950468', androidPackage: 'cn.gov.dept.rsj' })
  })

  it('--org narrows the organizations but not the scope; an unknown id is an error with a hint', async () => {
    const plan = await samplePlan(['test-ybj'])
    expect(plan.organizations.map((o) => o.id)).toEqual(['test-ybj'])
    expect(plan.scope).toContain('www.dept.invalid')
    const error = await samplePlan(['nope']).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(YjError)
    expect((error as YjError).code).toBe('YJ_SCAN_ORG_UNKNOWN')
  })
})

describe('reconciling candidates with the inventory', () => {
  const channels: PlannedChannel[] = [
    { id: 'app', owner: 'o', name: '某某人社', type: 'app', androidPackage: 'cn.gov.a', iosAppId: '123456', storeLinks: ['https://appgallery.huawei.com/app/C1'], serviceNames: [] },
    { id: 'mp', owner: 'o', name: '某某人社（微信小程序）', type: 'miniprogram', appid: 'wx0000000000000001', storeLinks: [], serviceNames: [] },
    { id: 'oa', owner: 'o', name: '某某人社公众号', type: 'official-account', officialAccount: { name: '某某人社发布', accountId: 'gh_0123456789ab' }, storeLinks: [], serviceNames: [] },
    { id: 'h5', owner: 'o', name: '某某 H5', type: 'h5', h5Url: 'http://m.dept.invalid/rsj/', storeLinks: [], serviceNames: [] },
    { id: 'lost', owner: 'o', name: '某某旧版', type: 'h5', h5Url: 'http://old.dept.invalid/', storeLinks: [], serviceNames: [] },
    { id: 'other', owner: 'elsewhere', name: '别处', type: 'app', storeLinks: [], serviceNames: [] },
  ]

  it('matches by the strongest identifier, then by name within the same type', () => {
    const r = reconcile({
      channels,
      candidates: [
        candidate({ key: 'app:android:cn.gov.a', type: 'app', identifiers: { androidPackage: 'cn.gov.a' } }),
        candidate({ key: 'app:ios:123456', type: 'app', identifiers: { iosAppId: '123456' } }),
        candidate({ key: 'app:store:x', type: 'app', identifiers: { storeLink: 'https://appgallery.huawei.com/app/C1' } }),
        candidate({ key: 'miniprogram:name:某某人社', type: 'miniprogram', name: '某某人社' }),
        candidate({ key: 'official-account:gh_0123456789ab', type: 'official-account', identifiers: { officialAccountId: 'gh_0123456789ab' } }),
        candidate({ key: 'official-account:name:某某人社发布', type: 'official-account', name: '某某人社发布' }),
        candidate({ key: 'h5:m.dept.invalid/', type: 'h5', identifiers: { h5Url: 'http://m.dept.invalid/' } }),
        candidate({ key: 'miniprogram:wx0000000000000009', type: 'miniprogram', identifiers: { appid: 'wx0000000000000009' } }),
      ],
      crawled: new Set(['o']),
      probes: new Map([['lost', 'dns']]),
    })
    expect(r.matched.map((m) => [m.channel, m.matchedBy])).toEqual([
      ['app', 'androidPackage'],
      ['app', 'iosAppId'],
      ['app', 'storeLink'],
      ['h5', 'h5Url'],
      ['mp', 'name'],
      ['oa', 'officialAccountId'],
      ['oa', 'name'],
    ])
    expect(r.undeclared.map((c) => c.key)).toEqual(['miniprogram:wx0000000000000009'])
    // "other" belongs to an organization that was not crawled: nobody looked for it.
    expect(r.notFound).toEqual([{ channel: 'lost', owner: 'o', type: 'h5', name: '某某旧版', probe: 'dns' }])
  })

  it('an H5 channel whose page was crawled is found', () => {
    const r = reconcile({ channels, candidates: [], crawled: new Set(['o']), pages: new Set(['http://old.dept.invalid/']) })
    expect(r.notFound.map((n) => n.channel)).not.toContain('lost')
  })
})
