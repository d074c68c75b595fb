import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkInventoryDir } from './_check'
import { CHANNEL_YAML, minimalInventory, ORG_YAML, REGION_YAML, SAMPLE_BAODING, tempDir } from '../../../test/utils/index'

/** Check an inventory made of `files` and return its findings. */
async function check(files: Record<string, string>) {
  const dir = await tempDir(files)
  try {
    const { result } = await checkInventoryDir(dir.path)
    return { ...result, dir: dir.path }
  } finally {
    await dir.cleanup()
  }
}

const codes = (r: { findings: { code: string }[] }) => r.findings.map((f) => f.code).sort()

function channel(id: string, spec: string, owner = 'test-rsj'): string {
  return `apiVersion: yingjie/v1\nkind: Channel\nmetadata:\n  id: ${id}\n  name: 渠道 ${id}\n  owner: ${owner}\nspec:\n${spec
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\n`
}

const LIST = `apiVersion: yingjie/v1
kind: ServiceList
metadata: {id: hb-list, name: 高频事项清单}
spec:
  issuer: 河北省政务服务管理办公室
  items:
    - {code: HB-SB-001, name: 社会保障卡申领, domain: 社保}
    - {code: HB-GJJ-001, name: 住房公积金提取, domain: 公积金}
`

describe('the Baoding sample', () => {
  it('checks clean apart from the eight warnings it is meant to show', async () => {
    const { result } = await checkInventoryDir(SAMPLE_BAODING)
    expect(result.errors).toBe(0)
    expect(result.findings.map((f) => `${f.code} ${f.entity?.id}`).sort()).toEqual([
      'YJ_DECISION_MISSING bd-gjj-oa',
      'YJ_FILING_MISSING bd-lianchi-wx',
      'YJ_FILING_MISSING bd-zhuozhou-songlin-app',
      'YJ_H5_PLAIN_HTTP bd-mzj-h5',
      'YJ_H5_PLAIN_HTTP bd-rsj-jiuye-h5',
      'YJ_MLPS_MISSING bd-mzj-alipay',
      'YJ_SELF_BUILT_BELOW_COUNTY bd-zhuozhou-songlin-app',
      'YJ_SERVICES_MISSING bd-sws-h5',
    ])
    expect(result.counts.Channel).toBeGreaterThanOrEqual(30)
    expect(result.counts.Organization).toBeGreaterThanOrEqual(15)
    expect(result.counts.Interface).toBeGreaterThanOrEqual(10)
    expect(result.counts.Migration).toBe(result.counts.Channel)
  })
})

describe('errors', () => {
  it('a minimal valid inventory has no findings at all', async () => {
    expect((await check(minimalInventory())).findings).toEqual([])
  })

  it('the same id in two files is an error that names where it was first used', async () => {
    const r = await check({ ...minimalInventory(), 'more.yaml': CHANNEL_YAML.replace('identifiers:\n    h5Url: https://rsj.test.invalid/h5/', 'identifiers:\n    h5Url: https://other.test.invalid/') })
    expect(codes(r)).toEqual(['YJ_ID_DUPLICATE'])
    expect(r.findings[0]!.message.zh).toContain('channels.yaml:4:7')
    expect(r.findings[0]!.location!.file).toBe(join(r.dir, 'more.yaml'))
  })

  it('two channel records with the same WeChat appid are duplicates', async () => {
    const a = channel('rsj-wx', 'type: miniprogram\nidentifiers:\n  miniprogram: {host: wechat, appid: wx0995452ebef26119}\ndecision: retire\nfilingNumber: 冀ICP备2021001234号-1X')
    const b = channel('rsj-wx2', 'type: miniprogram\nidentifiers:\n  miniprogram: {host: wechat, appid: wx0995452ebef26119}\ndecision: retire\nfilingNumber: 冀ICP备2021001234号-2X')
    const r = await check({ ...minimalInventory(), 'wx.yaml': `${a}---\n${b}` })
    expect(codes(r)).toEqual(['YJ_CHANNEL_DUPLICATE'])
    expect(r.findings[0]).toMatchObject({ entity: { id: 'rsj-wx2' }, location: { line: 23, column: 40 } })
  })

  it('the same H5 address written with a trailing slash or different case is a duplicate', async () => {
    const b = channel('rsj-h5-copy', 'type: h5\nidentifiers:\n  h5Url: https://RSJ.test.invalid/h5\ndecision: retire')
    expect(codes(await check({ ...minimalInventory(), 'b.yaml': b }))).toEqual(['YJ_CHANNEL_DUPLICATE'])
  })

  it('an owner that does not exist is reported with the closest id', async () => {
    const r = await check(minimalInventory({ channel: CHANNEL_YAML.replace('owner: test-rsj', 'owner: test-rjs') }))
    expect(codes(r)).toEqual(['YJ_REF_UNKNOWN'])
    expect(r.findings[0]!.hint.zh).toContain('test-rsj')
    expect(r.findings[0]!.location!.line).toBe(6)
  })

  it('an owner that names a channel instead of an organization is the wrong kind', async () => {
    const b = channel('other', 'type: h5\nidentifiers:\n  h5Url: https://x.test.invalid/\ndecision: retire', 'test-rsj-h5')
    expect(codes(await check({ ...minimalInventory(), 'b.yaml': b }))).toEqual(['YJ_REF_WRONG_KIND'])
  })

  it('merge without a target, and a target that does not exist', async () => {
    const a = channel('m1', 'type: h5\nidentifiers:\n  h5Url: https://m1.test.invalid/\ndecision: merge')
    const b = channel('m2', 'type: h5\nidentifiers:\n  h5Url: https://m2.test.invalid/\ndecision: merge\nmergeInto: nowhere')
    const r = await check({ ...minimalInventory(), 'm.yaml': `${a}---\n${b}` })
    expect(codes(r)).toEqual(['YJ_FIELD_REQUIRED', 'YJ_REF_UNKNOWN'])
  })

  it('a service item code missing from the provincial list is an unresolved reference', async () => {
    const c = channel('svc', 'type: h5\nidentifiers:\n  h5Url: https://svc.test.invalid/\ndecision: connect\nservices:\n  - {name: 社保卡申领, item: HB-SB-001}\n  - {name: 公积金提取, item: HB-GJJ-01}')
    const r = await check({ ...minimalInventory(), 'list.yaml': LIST, 'svc.yaml': c })
    expect(codes(r)).toEqual(['YJ_REF_UNKNOWN'])
    expect(r.findings[0]!.hint.zh).toContain('HB-GJJ-001')
    expect(r.findings[0]!.path).toEqual(['spec', 'services', 1, 'item'])
  })

  it('without any service list, item references produce one warning instead of many errors', async () => {
    const c = channel('svc', 'type: h5\nidentifiers:\n  h5Url: https://svc.test.invalid/\ndecision: connect\nservices:\n  - {name: a, item: X-1}\n  - {name: b, item: X-2}')
    expect(codes(await check({ ...minimalInventory(), 'svc.yaml': c }))).toEqual(['YJ_SERVICE_LIST_MISSING'])
  })

  it('a USCC with a wrong check character is located at the value and says which character is expected', async () => {
    const r = await check(minimalInventory({ organization: ORG_YAML.replace('91350100M000100Y43', '91350100M000100Y44') }))
    expect(codes(r)).toEqual(['YJ_USCC_INVALID'])
    expect(r.findings[0]!.location).toMatchObject({ line: 7, column: 9 })
    expect(r.findings[0]!.message.zh).toContain('3')
  })

  it('a county whose region code is not under its parent city', async () => {
    const county = `apiVersion: yingjie/v1
kind: Organization
metadata: {id: county, name: 某县}
spec:
  uscc: 91350100M000100Y43
  level: county
  regionCode: "130702"
  parent: test-rsj
`
    const r = await check({ ...minimalInventory(), 'county.yaml': county })
    expect(codes(r)).toEqual(['YJ_REGION_CODE_NOT_UNDER_PARENT', 'YJ_REGION_CODE_NOT_UNDER_PARENT', 'YJ_USCC_DUPLICATE'])
  })

  it('an invalid appid, Android package, phone and date are each reported', async () => {
    const c = channel('bad', 'type: app\nidentifiers:\n  androidPackage: cn.gov.1bad\nlaunchDate: 2022-02-30\ndecision: retire\nfilingNumber: 冀ICP备1号-1A')
    const w = channel('badwx', 'type: miniprogram\nidentifiers:\n  miniprogram: {host: wechat, appid: wx12345}\ndecision: retire\nfilingNumber: 冀ICP备1号-2X')
    const org = ORG_YAML.replace('0312-1234567', '312-1234567')
    const r = await check({ ...minimalInventory({ organization: org }), 'c.yaml': `${c}---\n${w}` })
    expect(codes(r)).toEqual(['YJ_ANDROID_PACKAGE_INVALID', 'YJ_APPID_INVALID', 'YJ_DATE_INVALID', 'YJ_PHONE_INVALID'])
  })

  it('a Migration that moves backwards without a reason, or rewrites dates, is an error', async () => {
    const m = `apiVersion: yingjie/v1
kind: Migration
metadata: {id: mig, name: 迁移}
spec:
  channel: test-rsj-h5
  events:
    - {date: 2022-01-10, stage: inventoried}
    - {date: 2022-03-01, stage: planned}
    - {date: 2022-02-01, stage: inventoried}
`
    const r = await check({ ...minimalInventory(), 'm.yaml': m })
    expect(codes(r)).toEqual(['YJ_EVENT_ORDER', 'YJ_STAGE_BACKWARD'])
    expect(r.findings.every((f) => f.location!.line === 9)).toBe(true)
  })

  it('a broken item-code rule in the Region is reported and does not crash the check', async () => {
    const region = REGION_YAML.replace('  platform: hebei-jishiban', '  platform: hebei-jishiban\n  rules:\n    itemCode: {pattern: "([A-Z"}')
    const c = channel('svc', 'type: h5\nidentifiers:\n  h5Url: https://svc.test.invalid/\ndecision: retire\nservices:\n  - {name: a, itemCode: "91350100M000100Y43ABCDEFGHIJKLM"}')
    const r = await check({ ...minimalInventory({ region }), 'svc.yaml': c })
    expect(codes(r)).toEqual(['YJ_RULE_INVALID'])
  })
})

describe('warnings', () => {
  it('each compliance warning fires on the record that needs it', async () => {
    const township = `apiVersion: yingjie/v1
kind: Organization
metadata: {id: town, name: 某镇人民政府}
spec:
  uscc: 11130600MB1F57280W
  level: township
  regionCode: "130681"
  parent: test-rsj
`
    const files = {
      ...minimalInventory(),
      'town.yaml': township,
      'w.yaml': [
        channel('plain', 'type: h5\nidentifiers:\n  h5Url: http://plain.test.invalid/\ndecision: retire'),
        channel('pd', 'type: h5\nidentifiers:\n  h5Url: https://pd.test.invalid/\npersonalData: true\ndecision: retire'),
        channel('nosvc', 'type: h5\nidentifiers:\n  h5Url: https://nosvc.test.invalid/\ndecision: connect'),
        channel('townapp', 'type: app\nidentifiers:\n  androidPackage: cn.gov.town\ndecision: retire', 'town'),
        channel('nodecision', 'type: h5\nidentifiers:\n  h5Url: https://nd.test.invalid/'),
      ].join('---\n'),
    }
    const r = await check(files)
    expect(r.errors).toBe(0)
    expect(r.findings.map((f) => `${f.code} ${f.entity!.id}`).sort()).toEqual([
      'YJ_DECISION_MISSING nodecision',
      'YJ_FILING_MISSING townapp',
      'YJ_H5_PLAIN_HTTP plain',
      'YJ_MLPS_MISSING pd',
      'YJ_SELF_BUILT_BELOW_COUNTY townapp',
      'YJ_SERVICES_MISSING nosvc',
    ])
    // The Region can switch both app rules off.
    const relaxed = REGION_YAML.replace('  platform: hebei-jishiban', '  platform: hebei-jishiban\n  rules: {belowCountySelfBuilt: false, filingRequired: false}')
    const r2 = await check({ ...files, 'region.yaml': relaxed })
    expect(codes(r2)).not.toContain('YJ_SELF_BUILT_BELOW_COUNTY')
    expect(codes(r2)).not.toContain('YJ_FILING_MISSING')
  })
})
