/**
 * One test per extraction pattern: how code reaches a platform API, how a
 * request URL is built, and what else the scan picks up.
 */
import { loadDefaultProfile, type AccessProfile } from '@yingjie/spec'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { tempDir, type TempDir } from '../../../../test/utils/index'
import { scanSource, type ProjectReport, type SourceScanReport } from '../index'

let profile: AccessProfile
let dir: TempDir | undefined
beforeAll(async () => {
  profile = await loadDefaultProfile()
})
afterEach(async () => {
  await dir?.cleanup()
  dir = undefined
})

const WX_APP = { 'app.json': '{ "pages": ["pages/index/index"] }', 'project.config.json': '{ "appid": "wx0995452ebef26119" }' }

async function scan(files: Record<string, string | Uint8Array>): Promise<SourceScanReport> {
  dir = await tempDir(files)
  return scanSource([dir.path], { profile })
}

async function project(files: Record<string, string>): Promise<ProjectReport> {
  const report = await scan({ ...WX_APP, ...files })
  expect(report.unparsed).toEqual([])
  return report.projects[0]!
}

function uses(p: ProjectReport, api: string): string[] {
  return (p.apis.find((a) => a.api === api)?.locations ?? []).map((l) => `${l.file}:${l.line}:${l.column} ${l.via}`)
}

function endpoints(p: ProjectReport): string[] {
  return p.endpoints.map((e) => `${e.method ?? '?'} ${e.url}`)
}

describe('platform API calls', () => {
  it('a direct call, with file:line:column', async () => {
    const p = await project({ 'pages/index/index.js': "Page({\n  onLoad() {\n    wx.scanCode({})\n  },\n})\n" })
    expect(uses(p, 'wx.scanCode')).toEqual(['pages/index/index.js:3:5 call'])
    expect(p.apis.find((a) => a.api === 'wx.scanCode')).toMatchObject({ status: 2, needs: 'platform-bridge' })
  })

  it('through an alias: const w = wx', async () => {
    const p = await project({ 'a.js': 'const w = wx\nw.showToast({ title: "ok" })\n' })
    expect(uses(p, 'wx.showToast')).toEqual(['a.js:2:1 alias'])
  })

  it('through destructuring, renamed or not: const { login, makePhoneCall: call } = wx', async () => {
    const p = await project({ 'a.js': 'const { login, makePhoneCall: call } = wx\nlogin({})\ncall({ phoneNumber: "1" })\n' })
    expect(uses(p, 'wx.login')).toEqual(['a.js:1:9 destructuring', 'a.js:2:1 alias'])
    expect(uses(p, 'wx.makePhoneCall')).toEqual(['a.js:1:16 destructuring', 'a.js:3:1 alias'])
  })

  it('through a promisified wrapper that passes the API through, also from another module', async () => {
    const p = await project({
      'utils/p.js': 'const promisify = (fn) => (o = {}) => new Promise((ok, ko) => fn({ ...o, success: ok, fail: ko }))\nexport const getLocation = promisify(wx.getLocation)\nexport const wxp = promisify(wx)\n',
      'a.js': "import { getLocation, wxp } from './utils/p'\nawait getLocation({ type: 'gcj02' })\nwxp.chooseImage({})\n",
    })
    expect(uses(p, 'wx.getLocation')).toEqual(['a.js:2:7 wrapper', 'utils/p.js:2:38 reference'])
    expect(uses(p, 'wx.chooseImage')).toEqual(['a.js:3:1 wrapper'])
  })

  it("by computed member: wx['login'], wx[name] with a constant name, and wx[x] that cannot be known", async () => {
    const p = await project({ 'a.js': "wx['login']({})\nconst name = 'getLocation'\nwx[name]({})\nfunction f(x) { return wx[x] }\n" })
    expect(uses(p, 'wx.login')).toEqual(['a.js:1:1 computed'])
    expect(uses(p, 'wx.getLocation')).toEqual(['a.js:3:1 computed'])
    expect(p.apis.find((a) => a.api === 'wx.*')).toMatchObject({ status: 'unknown' })
  })

  it('a local variable or parameter with a platform name is not the platform', async () => {
    const p = await project({ 'a.js': 'function f(my) { return my.toFixed(2) }\nconst tt = { login() {} }\ntt.login()\n' })
    expect(p.apis).toEqual([])
  })

  it('Taro through its import, default and named', async () => {
    const report = await scan({
      'package.json': '{ "dependencies": { "@tarojs/taro": "3.6.30" } }',
      'src/a.ts': "import Taro, { scanCode } from '@tarojs/taro'\nTaro.login()\nscanCode({})\n",
    })
    const p = report.projects[0]!
    expect(p.kind).toBe('taro')
    expect(uses(p, 'Taro.login')).toEqual(['src/a.ts:2:1 import'])
    expect(uses(p, 'Taro.scanCode')).toEqual(['src/a.ts:3:1 import'])
  })

  it('buttons and navigators in WXML and AXML stand for the APIs they open', async () => {
    const p = await project({
      'pages/index/index.wxml': '<view>\n  <button open-type="getPhoneNumber">手机号</button>\n  <navigator target="miniProgram" app-id="wx1fa3f1e4dbdb35eb">跳转</navigator>\n</view>\n',
    })
    expect(uses(p, 'wx.getPhoneNumber')).toEqual(['pages/index/index.wxml:2:3 component <button open-type="getPhoneNumber">'])
    expect(uses(p, 'wx.navigateToMiniProgram')).toHaveLength(1)
    expect(p.links[0]).toMatchObject({ kind: 'navigator', attrs: { target: 'miniProgram', appId: 'wx1fa3f1e4dbdb35eb' } })
  })

  it('QQ and Toutiao APIs, and anything the capability map lacks, are unknown rather than guessed', async () => {
    const p = await project({ 'a.js': 'qq.login({})\ntt.getSystemInfo({})\nwx.cloud.init()\n' })
    expect(p.apis.map((a) => [a.api, a.status])).toEqual([
      ['qq.login', 'unknown'],
      ['tt.getSystemInfo', 'unknown'],
      ['wx.cloud.init', 'unknown'],
    ])
  })
})

describe('back-end endpoints', () => {
  it('concatenation and template literals fold into one URL; the HTTP method when visible, GET by default', async () => {
    const p = await project({
      'a.js': "const HOST = 'https://api.dept.invalid'\nconst V = 'v2'\nwx.request({ url: HOST + '/api/' + V + '/a', method: 'POST' })\nwx.request({ url: `${HOST}/api/${V}/b` })\n",
    })
    expect(endpoints(p)).toEqual(['POST https://api.dept.invalid/api/v2/a', 'GET https://api.dept.invalid/api/v2/b'])
    expect(p.endpoints[0]).toMatchObject({ host: 'api.dept.invalid', path: '/api/v2/a', resolved: 'full', via: ['wx.request'], locations: [{ file: 'a.js', line: 3, column: 1 }] })
  })

  it('a config object imported from another module (ES modules and CommonJS, @/ alias)', async () => {
    const p = await project({
      'config/index.js': "module.exports = { api: { base: 'https://api.dept.invalid' + '/gateway' } }\n",
      'src/env.js': "export default { upload: 'https://files.dept.invalid/upload' }\n",
      'a.js': "const cfg = require('./config/index')\nimport env from '@/env'\nwx.request({ url: cfg.api.base + '/user' })\nwx.uploadFile({ url: env.upload, filePath: 'x', name: 'f' })\n",
    })
    expect(endpoints(p)).toEqual(['GET https://api.dept.invalid/gateway/user', 'POST https://files.dept.invalid/upload'])
  })

  it('a custom wrapper that forwards the url option, and wrappers of that wrapper', async () => {
    const p = await project({
      'utils/http.js': [
        "const BASE = 'https://api.dept.invalid'",
        'export function request(options) {',
        '  return new Promise((resolve) => wx.request({ ...options, url: BASE + options.url, success: resolve }))',
        '}',
        "export const post = (url, data) => request({ url, data, method: 'POST' })",
        'export default { get: (url) => request({ url }) }',
      ].join('\n'),
      'a.js': "import http, { post, request } from './utils/http'\npost('/apply')\nhttp.get('/status')\nrequest({ url: '/x', method: 'PUT' })\n",
    })
    expect(endpoints(p)).toEqual(['POST https://api.dept.invalid/apply', 'GET https://api.dept.invalid/status', 'PUT https://api.dept.invalid/x'])
    expect(p.endpoints[0]!.via).toEqual(['post', 'request', 'wx.request'])
    // The wrapper's own wx.request is not an endpoint by itself.
    expect(p.unresolvedRequests).toEqual([])
  })

  it('a class-based wrapper whose methods call this.request', async () => {
    const p = await project({
      'http.js': "class Http {\n  request(url, method = 'GET') { return uni.request({ url: 'https://api.dept.invalid' + url, method }) }\n  post(url) { return this.request(url, 'POST') }\n}\nexport default new Http()\n",
      'a.js': "import http from './http'\nhttp.post('/form')\nhttp.request('/list')\n",
    })
    expect(endpoints(p)).toEqual(['POST https://api.dept.invalid/form', 'GET https://api.dept.invalid/list'])
  })

  it('axios: an instance with a baseURL from .env.production, axios.defaults.baseURL, lower-case methods', async () => {
    const report = await scan({
      'package.json': '{ "dependencies": { "vue": "^3.4.0", "axios": "^1.6.0" } }',
      '.env': 'VUE_APP_API=/dev-api\n',
      '.env.production': 'VUE_APP_API=https://prod.dept.invalid/api\n',
      'src/request.js': "import axios from 'axios'\nexport default axios.create({ baseURL: process.env.VUE_APP_API })\n",
      'src/global.js': "import axios from 'axios'\naxios.defaults.baseURL = 'https://legacy.dept.invalid'\naxios.get('/news')\n",
      'src/user.js': "import request from './request'\nrequest({ url: '/user/info', method: 'get' })\nrequest.post('/user/login', {})\n",
    })
    expect(endpoints(report.projects[0]!)).toEqual(['GET https://legacy.dept.invalid/news', 'GET https://prod.dept.invalid/api/user/info', 'POST https://prod.dept.invalid/api/user/login'])
  })

  it('fetch (with an init), jQuery and XMLHttpRequest', async () => {
    const report = await scan({
      'index.html': "<script>\nfetch('https://a.dept.invalid/x', { method: 'DELETE' })\n$.ajax({ url: 'https://a.dept.invalid/y', type: 'POST' })\nvar xhr = new XMLHttpRequest()\nxhr.open('PUT', 'https://a.dept.invalid/z')\n</script>\n",
    })
    const p = report.projects[0]!
    expect(p.kind).toBe('h5-plain')
    expect(endpoints(p)).toEqual(['DELETE https://a.dept.invalid/x', 'POST https://a.dept.invalid/y', 'PUT https://a.dept.invalid/z'])
    expect(p.endpoints[0]!.locations[0]).toMatchObject({ file: 'index.html', line: 2 })
  })

  it('a base URL chosen at build time gives both endpoints', async () => {
    const p = await project({ 'a.js': "const B = process.env.NODE_ENV === 'production' ? 'https://prod.dept.invalid' : 'https://test.dept.invalid'\nwx.request({ url: B + '/a' })\n" })
    expect(endpoints(p)).toEqual(['GET https://prod.dept.invalid/a', 'GET https://test.dept.invalid/a'])
  })

  it('run-time pieces stay as {placeholders}; a URL with nothing known is listed as unresolved', async () => {
    const p = await project({ 'a.js': "function card(id) { return wx.request({ url: 'https://a.dept.invalid/card/' + id }) }\nfunction any(u) { return wx.request({ url: getApp().globalData.base + u }) }\nwx.request({ url: getApp().globalData.url })\n" })
    expect(p.endpoints.map((e) => [e.url, e.resolved])).toEqual([['https://a.dept.invalid/card/{id}', 'partial']])
    expect(p.unresolvedRequests.map((u) => [u.line, u.partial])).toEqual([
      [2, '{base}{u}'],
      [3, '{url}'],
    ])
  })

  it('cloud function names, and whether the project defines them', async () => {
    const report = await scan({
      'project.config.json': '{ "cloudfunctionRoot": "cloudfunctions/" }',
      'miniprogram/app.json': '{ "pages": ["pages/index/index"] }',
      'miniprogram/a.js': "wx.cloud.callFunction({ name: 'login' })\nconst fn = 'stats'\nwx.cloud.callFunction({ name: fn })\n",
      'cloudfunctions/login/index.js': 'exports.main = async () => ({})\n',
    })
    const p = report.projects[0]!
    expect(p.cloudFunctions.map((c) => [c.name, c.defined, c.locations.length])).toEqual([
      ['login', true, 1],
      ['stats', false, 1],
    ])
  })

  it('external domains, with the roles back end, platform and external', async () => {
    const p = await project({
      'a.js': "wx.request({ url: 'https://api.dept.invalid/x' })\nconst logo = 'https://cdn.example.invalid/logo.png'\nconst back = 'https://www.hbzwfw.gov.cn/jsb'\n",
      'pages/index/index.wxml': '<web-view src="https://h5.dept.invalid/guide"></web-view>\n',
    })
    expect(p.domains.map((d) => [d.host, d.role])).toEqual([
      ['api.dept.invalid', 'backend'],
      ['cdn.example.invalid', 'external'],
      ['h5.dept.invalid', 'external'],
      ['www.hbzwfw.gov.cn', 'platform'],
    ])
  })

  it('third-party SDKs from package.json, with notes for the ones that matter', async () => {
    const p = await project({ 'package.json': '{ "dependencies": { "weixin-js-sdk": "^1.6.0", "sm-crypto": "^0.3.13", "dayjs": "^1.11.0" } }' })
    expect(p.sdks.map((s) => [s.name, s.category])).toEqual([
      ['dayjs', 'utility'],
      ['sm-crypto', 'crypto'],
      ['weixin-js-sdk', 'wechat-jssdk'],
    ])
    expect(p.sdks.find((s) => s.name === 'weixin-js-sdk')!.note!.zh).toContain('不可用')
  })
})
