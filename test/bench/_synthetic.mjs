// Generates a synthetic province inventory: 10 cities, 2,000 organizations,
// 10,000 channels and 5,000 interfaces in 300 files, with valid codes so the
// check does all of its work rather than stopping at the first error.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO } from './_measure.mjs'

const { usccCheckChar, gb11714CheckChar } = await import(pathToFileURL(join(REPO, 'packages/model/dist/index.js')).href)

export const SIZE = { organizations: 2000, channelsPerOrg: 5, interfacesPerOrg: 2.5, files: 300 }
const TYPES = ['app', 'miniprogram', 'h5', 'official-account', 'miniprogram']
const DOMAINS = ['教育', '公安', '社保', '民政', '卫健', '税务', '医保', '公积金', '住建', '交通']

function uscc(region, n) {
  const org = String(n).padStart(8, '0')
  const base = `11${region}${org}${gb11714CheckChar(org)}`
  return base + usccCheckChar(base)
}

function hex16(n) {
  return (BigInt(n) * 0x9e3779b97f4a7c15n).toString(16).padStart(16, '0').slice(-16)
}

export function generateProvince(root) {
  mkdirSync(root, { recursive: true })
  const items = []
  for (let i = 0; i < 60; i++) items.push({ code: `SY-${String(i + 1).padStart(3, '0')}`, name: `合成事项${i + 1}`, domain: DOMAINS[i % DOMAINS.length] })
  const head = [
    `apiVersion: yingjie/v1\nkind: Region\nmetadata:\n  id: synthetic\n  name: 合成省（基准测试）\nspec:\n  province: 合成省\n  regionCode: "130000"\n  platform: hebei-jishiban\n  milestones:\n    contactsDue: 2022-02-20\n    connectDeadline: 2022-12-31\n    legacyShutdown: 2023-01-01\n`,
    `apiVersion: yingjie/v1\nkind: ServiceList\nmetadata:\n  id: synthetic-list\n  name: 合成高频事项清单\nspec:\n  issuer: 合成省政务服务管理办公室\n  items:\n${items.map((i) => `    - { code: ${i.code}, name: ${i.name}, domain: ${i.domain} }`).join('\n')}\n`,
  ]
  writeFileSync(join(root, 'province.yaml'), head.join('---\n'))
  // Organizations are dealt round-robin into the other 299 files.
  const buckets = Array.from({ length: SIZE.files - 1 }, () => [])
  let channel = 0
  let iface = 0
  for (let o = 0; o < SIZE.organizations; o++) {
    const docs = buckets[o % buckets.length]
    const city = 1 + (o % 10)
    const cityCode = `13${String(city).padStart(2, '0')}00`
    const county = o % 4 === 0 ? cityCode : `13${String(city).padStart(2, '0')}${String(2 + (o % 30)).padStart(2, '0')}`
    const orgId = `org-${o}`
    docs.push(
      `apiVersion: yingjie/v1\nkind: Organization\nmetadata:\n  id: ${orgId}\n  name: 合成单位${o}\nspec:\n  uscc: "${uscc(county, 100000 + o)}"\n  level: ${county === cityCode ? 'city' : 'county'}\n  regionCode: "${county}"\n  contact:\n    name: 联系人${o}\n    phone: "0312-${String(1000000 + o)}"\n  websites:\n    - https://org-${o}.bench.invalid/\n`,
    )
    const ifaceIds = []
    const nIface = o % 2 === 0 ? 2 : 3
    for (let k = 0; k < nIface; k++) {
      const id = `if-${iface++}`
      ifaceIds.push(id)
      docs.push(
        `apiVersion: yingjie/v1\nkind: Interface\nmetadata:\n  id: ${id}\n  name: 合成接口${id}\n  owner: ${orgId}\nspec:\n  system: 业务系统${id}\n  protocol: ${['rest-json', 'soap', 'html-form'][k % 3]}\n  endpoint: https://${id}.bench.invalid/api\n  encoding: ${k % 3 === 2 ? 'gbk' : 'utf-8'}\n  auth: { type: token }\n  operations:\n    - id: query\n      name: 查询\n      method: POST\n      path: /query\n      idempotent: true\n      item: ${items[(o + k) % items.length].code}\n      input:\n        - { name: idNumber, label: 身份证号, type: string, required: true, personal: idNumber }\n        - { name: name, label: 姓名, type: string, personal: name }\n      output:\n        - { name: status, label: 状态, type: string }\n`,
      )
    }
    for (let k = 0; k < SIZE.channelsPerOrg; k++) {
      const n = channel++
      const type = TYPES[k]
      const ids =
        type === 'app'
          ? `  identifiers:\n    androidPackage: cn.gov.bench.c${n}\n    iosAppId: id${1500000000 + n}\n`
          : type === 'miniprogram'
            ? `  identifiers:\n    miniprogram: { host: wechat, appid: wx${hex16(n + 1)} }\n`
            : type === 'h5'
              ? `  identifiers:\n    h5Url: https://c${n}.bench.invalid/h5/\n`
              : `  identifiers:\n    officialAccount: { platform: wechat, name: 合成公众号${n} }\n`
      docs.push(
        `apiVersion: yingjie/v1\nkind: Channel\nmetadata:\n  id: ch-${n}\n  name: 合成渠道${n}\n  owner: ${orgId}\nspec:\n  type: ${type}\n${ids}  vendor: 合成厂商\n  launchDate: 2019-0${1 + (n % 9)}-1${n % 10}\n  users: { registered: ${n * 13}, monthlyActive: ${n * 3} }\n  personalData: true\n  mlpsLevel: 2\n  filingNumber: 冀ICP备2021${String(n).padStart(6, '0')}号-1A\n  services:\n    - { name: 服务${n}, item: ${items[n % items.length].code} }\n  interfaces: [${ifaceIds[k % ifaceIds.length]}]\n  decision: connect\n  accessMode: self\n`,
      )
    }
  }
  buckets.forEach((docs, fileNo) => {
    const dir = join(root, `city-${String(fileNo % 10).padStart(2, '0')}`)
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, `units-${String(fileNo).padStart(3, '0')}.yaml`), docs.join('---\n'))
  })
  return { files: buckets.length + 1, organizations: SIZE.organizations, channels: channel, interfaces: iface }
}
