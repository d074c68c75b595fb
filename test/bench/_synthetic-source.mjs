// A synthetic WeChat mini-program for the source-scan benchmark: pages that
// call platform APIs directly, through aliases and a promisified helper, and
// request the back end through a wrapper whose base URL comes from a config
// module. Deterministic: the same tree every run.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const APIS = ['showToast', 'showModal', 'getLocation', 'chooseImage', 'setStorageSync', 'getStorageSync', 'navigateTo', 'scanCode', 'makePhoneCall', 'previewImage']

function page(i, ts) {
  const t = ts ? ': string' : ''
  const n = ts ? ': number' : ''
  const lines = [
    `import { get, post } from '../../utils/http'`,
    `import { chooseImage } from '../../utils/promisify'`,
    `const w = wx`,
    `const { ${APIS[i % APIS.length]}: first } = wx`,
    ``,
    `// Page ${i}: generated for the benchmark`,
    `Page({`,
    `  data: { list: [], page: 1, total: 0, keyword: '', loading: false, item${i}: null },`,
    `  async onLoad(query) {`,
    `    w.showLoading({ title: '加载中' })`,
    `    const res = await get('/module${i % 40}/list?page=' + this.data.page)`,
    `    this.setData({ list: res.list, total: res.total })`,
    `    w.hideLoading()`,
    `  },`,
  ]
  for (let k = 0; k < 12; k++) {
    const api = APIS[(i + k) % APIS.length]
    lines.push(
      `  action${k}(e) {`,
      `    const id${t === '' ? '' : ''} = e.currentTarget.dataset.id`,
      `    const label = \`item-\${id}-${k}\``,
      `    if (this.data.loading) return`,
      `    for (let j = 0; j < this.data.list.length; j++) {`,
      `      const row = this.data.list[j]`,
      `      if (row.id === id && row.status !== ${k}) row.label = label + ':' + j`,
      `    }`,
      `    wx.${api}({ title: label, url: '/pages/detail/detail?id=' + id, success: (r) => this.done${k}(r) })`,
      `    return post('/module${i % 40}/action${k}', { id, label, at: Date.now() })`,
      `  },`,
      `  done${k}(r) {`,
      `    const total${n === '' ? '' : ''} = (this.data.total || 0) + ${k}`,
      `    this.setData({ total, last: r && r.errMsg ? r.errMsg.split(':')[1] : 'ok' })`,
      `  },`,
    )
  }
  lines.push(
    `  async photo() {`,
    `    const res = await chooseImage({ count: 1 })`,
    `    first({})`,
    `    return res.tempFilePaths.map((p${t}) => p.replace(/^wxfile:\\/\\//, ''))`,
    `  },`,
    `})`,
  )
  return `${lines.join('\n')}\n`
}

function wxml(i) {
  const rows = []
  for (let k = 0; k < 10; k++) rows.push(`  <view class="row" data-id="{{item.id}}" bindtap="action${k}">{{item.name}} ${k}</view>`)
  return `<view class="page-${i}">\n${rows.join('\n')}\n  <navigator url="/pages/detail/detail?id=${i}">详情</navigator>\n</view>\n`
}

/** Write the project into `root`; returns { files, jsFiles, bytes }. */
export function generateSourceProject(root, { pages = 1900, ts = 200, markup = 97 } = {}) {
  let files = 0
  let jsFiles = 0
  let bytes = 0
  const write = (rel, text) => {
    const file = join(root, rel)
    mkdirSync(join(file, '..'), { recursive: true })
    writeFileSync(file, text)
    files++
    bytes += Buffer.byteLength(text)
    if (/\.(js|ts)$/.test(rel)) jsFiles++
  }
  const list = []
  for (let i = 0; i < pages; i++) list.push(`pages/p${i}/p${i}`)
  write('app.json', JSON.stringify({ pages: list }, null, 2))
  write('project.config.json', JSON.stringify({ appid: 'wx0995452ebef26119', projectname: 'bench' }))
  write('config/index.js', `const HOST = 'https://api.bench.invalid'\nmodule.exports = { baseUrl: HOST + '/api/v1' }\n`)
  write(
    'utils/http.js',
    `const { baseUrl } = require('../config/index')\nexport function request(options) {\n  return new Promise((resolve, reject) => wx.request({ ...options, url: baseUrl + options.url, success: (r) => resolve(r.data), fail: reject }))\n}\nexport const get = (url) => request({ url })\nexport const post = (url, data) => request({ url, data, method: 'POST' })\n`,
  )
  write('utils/promisify.js', `const promisify = (fn) => (o = {}) => new Promise((ok, ko) => fn({ ...o, success: ok, fail: ko }))\nexport const chooseImage = promisify(wx.chooseImage)\n`)
  for (let i = 0; i < pages - ts - 4; i++) write(`pages/p${i}/p${i}.js`, page(i, false))
  for (let i = pages - ts - 4; i < pages - 4; i++) write(`pages/p${i}/p${i}.ts`, page(i, true))
  for (let i = 0; i < markup; i++) write(`pages/p${i}/p${i}.wxml`, wxml(i))
  return { files, jsFiles, bytes }
}
