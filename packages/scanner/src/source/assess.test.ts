/**
 * Through the profile's capability map: status per API, per file and per
 * project, blockers with the platform service they need, the effort
 * estimate with its rule, and suggested Interface entities that pass
 * `yingjie inventory check`.
 */
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { minimalInventory, runMain, tempDir, type TempDir } from '../../../../test/utils/index'
import { DEFAULT_EFFORT_RULE, renderInterfacesYaml, scanSource, writeSourceReports } from '../index'

let dir: TempDir | undefined
afterEach(async () => {
  await dir?.cleanup()
  dir = undefined
})

const APP = {
  'app.json': '{ "pages": ["pages/a/a", "pages/b/b"], "plugins": { "WechatSI": { "version": "0.3.5", "provider": "wx069ba97219f66d99" } } }',
  'pages/a/a.js': "wx.scanCode({})\nwx.requestPayment({})\nwx.getLocation({})\nwx.getLocation({})\nwx.cloud.init()\nwx.navigateTo({ url: '/pages/b/b' })\n",
  'pages/b/b.js': "wx.request({ url: 'https://api.dept.invalid/v1/a', method: 'POST' })\nwx.request({ url: 'https://api.dept.invalid/v1/b' })\nwx.cloud.callFunction({ name: 'f' })\n",
}

describe('capability status', () => {
  it('per API from the profile map, per file the worst, per project the totals', async () => {
    dir = await tempDir(APP)
    const p = (await scanSource([dir.path])).projects[0]!
    expect(p.apis.map((a) => [a.api, a.status, a.uses])).toEqual([
      ['wx.cloud.callFunction', 2, 1],
      ['wx.requestPayment', 2, 1],
      ['wx.scanCode', 2, 1],
      ['wx.cloud.init', 'unknown', 1],
      ['wx.getLocation', 1, 2],
      ['wx.navigateTo', 1, 1],
      ['wx.request', 1, 2],
    ])
    expect(p.fileStatus.map((f) => [f.file, f.status, f.apis])).toEqual([
      ['pages/a/a.js', 2, 5],
      ['pages/b/b.js', 2, 2],
    ])
    expect(p.totals).toEqual({ apis: { supported: 0, differs: 3, unsupported: 3, unknown: 1 }, calls: { supported: 0, differs: 5, unsupported: 3, unknown: 1 } })
  })

  it('blockers are grouped by the platform service they need; plugins need a rewrite', async () => {
    dir = await tempDir(APP)
    const p = (await scanSource([dir.path])).projects[0]!
    expect(p.blockers.map((b) => [b.service, b.apis])).toEqual([
      ['unified-payment', ['wx.requestPayment']],
      ['platform-bridge', ['wx.scanCode']],
      ['rewrite', ['wx.cloud.callFunction', 'plugin:WechatSI']],
    ])
    expect(p.blockers[0]!.reason.zh).toContain('统一支付')
  })

  it('another profile rates the same code differently (Zhejiang has a scan bridge)', async () => {
    dir = await tempDir(APP)
    const p = (await scanSource([dir.path], { profile: 'zhejiang-zlb' })).projects[0]!
    expect(p.apis.find((a) => a.api === 'wx.scanCode')).toMatchObject({ status: 1, capability: 'zwjsbridge.scan' })
  })

  it('the effort estimate shows every count, weight and the rule; the weights are an option', async () => {
    dir = await tempDir(APP)
    const p = (await scanSource([dir.path])).projects[0]!
    const lines = Object.fromEntries(p.effort.lines.map((l) => [l.key, [l.count, l.weight, l.days]]))
    expect(lines).toEqual({
      base: [1, 2, 2],
      pages: [2, 1, 2],
      differs: [3, 0.5, 1.5],
      unsupported: [3, 2, 6],
      unknown: [1, 1, 1],
      hosts: [1, 2, 2],
      operations: [2, 0.5, 1],
      cloudFunctions: [1, 1, 1],
      plugins: [1, 2, 2],
    })
    expect(p.effort.days).toBe(18.5)
    expect(p.effort.rule.zh).toBe(
      '工作量（人日）= 项目基础（打包、审核、联调） 1 × 2 + 页面（wechat-native） 2 × 1 + 有差异的接口（状态 1） 3 × 0.5 + 不支持或需平台服务的接口（状态 2） 3 × 2 + 能力映射表未收录的接口 1 × 1 + 后端主机（每个一个适配器） 1 × 2 + 后端接口操作 2 × 0.5 + 云函数迁到部门后端 1 × 1 + 小程序插件替换 1 × 2 = 18.5',
    )
    const cheap = (await scanSource([dir.path], { effortRule: { ...DEFAULT_EFFORT_RULE, unsupported: 1 } })).projects[0]!
    expect(cheap.effort.days).toBe(15.5)
  })
})

describe('suggested Interface entities', () => {
  it('one per host, operations per method and path, valid for yingjie inventory check next to a minimal inventory', async () => {
    dir = await tempDir({ ...APP, 'index.html': "<script>fetch('https://other.dept.invalid/gateway/q/1')</script>" })
    const report = await scanSource([dir.path], { idPrefix: 'test-rsj-wx' })
    expect(report.interfaces.map((i) => [i.id, i.endpoint, i.operations.map((o) => `${o.id} ${o.method} ${o.path}`)])).toEqual([
      ['test-rsj-wx-api-dept-invalid', 'https://api.dept.invalid/v1', ['post-a POST /a', 'get-b GET /b']],
      ['test-rsj-wx-other-dept-invalid', 'https://other.dept.invalid', ['get-gateway-q-1 GET /gateway/q/1']],
    ])
    const inv = await tempDir(minimalInventory())
    try {
      await writeSourceReports(report, join(inv.path, 'scanned'), { owner: 'test-rsj' })
      const r = await runMain(['inventory', 'check', inv.path, '--format', 'json'])
      expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, errors: 0, warnings: 0, counts: { Interface: 2 } })
      expect(r.code).toBe(0)
    } finally {
      await inv.cleanup()
    }
  })

  it('the YAML names the schema for editors and, without an owner, says to fill it in', () => {
    const yaml = renderInterfacesYaml([], { schemaRef: '../schema.json', source: 'x', lang: 'zh' })
    expect(yaml.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema.json')
    expect(yaml).toContain('todo-owner')
    const en = renderInterfacesYaml(
      [{ id: 'a-b', host: 'b.invalid', endpoint: 'https://b.invalid', protocol: 'rest-json', projects: ['p'], operations: [{ id: 'get-x', name: 'GET /x: y', method: 'GET', path: '/x' }] }],
      { schemaRef: 's.json', source: 'x', lang: 'en', owner: 'org-a' },
    )
    expect(en).toContain('owner: org-a')
    expect(en).toContain('name: "GET /x: y"')
  })
})
