// Generates a synthetic city for the cutover benchmark: 1 region with
// milestones, organizations, channels and one Migration per channel with on
// average 10 stage events (including backward moves with a reason), spread
// over 100 channel files and 100 migration files.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { REPO } from './_measure.mjs'

const { usccCheckChar, gb11714CheckChar } = await import(pathToFileURL(join(REPO, 'packages/model/dist/index.js')).href)

const TYPES = ['app', 'miniprogram', 'h5', 'official-account', 'miniprogram']
// 13 events; channel n gets the first 7 + (n % 7) of them (10 on average).
const SCRIPT = ['inventoried', 'planned', 'developing', 'testing', 'developing*', 'testing', 'developing*', 'testing', 'live', 'parallel', 'notice', 'shutdown', 'verified']
const STAGES = ['inventoried', 'planned', 'developing', 'testing', 'live', 'parallel', 'notice', 'shutdown', 'verified']
const TARGET_OFFSETS = [30, 75, 120, 200, 260, 290, 330, 360, 390]

function uscc(region, n) {
  const org = String(n).padStart(8, '0')
  const base = `11${region}${org}${gb11714CheckChar(org)}`
  return base + usccCheckChar(base)
}

function date(day) {
  return new Date(Date.UTC(2022, 0, 1) + day * 86_400_000).toISOString().slice(0, 10)
}

export function generateCity(root, channels = 10_000) {
  mkdirSync(root, { recursive: true })
  const organizations = Math.max(1, Math.round(channels / 10))
  const files = 100
  writeFileSync(
    join(root, 'region.yaml'),
    `apiVersion: yingjie/v1\nkind: Region\nmetadata:\n  id: synthetic\n  name: 合成市（基准测试）\nspec:\n  province: 合成省\n  regionCode: "130600"\n  platform: hebei-jishiban\n  platformName: 冀时办\n  coordinator: { office: 合成市政务服务管理办公室 }\n  milestones:\n    contactsDue: 2022-02-20\n    connectDeadline: 2022-12-31\n    legacyShutdown: 2023-01-01\n    shutdownVerified: 2023-01-31\n`,
  )
  const orgDocs = []
  for (let o = 0; o < organizations; o++) {
    const county = `13${String(6).padStart(2, '0')}${String(2 + (o % 30)).padStart(2, '0')}`
    orgDocs.push(`apiVersion: yingjie/v1\nkind: Organization\nmetadata:\n  id: org-${o}\n  name: 合成单位${o}\nspec:\n  uscc: "${uscc(county, 200000 + o)}"\n  level: county\n  regionCode: "${county}"\n`)
  }
  writeFileSync(join(root, 'organizations.yaml'), orgDocs.join('---\n'))
  const chBuckets = Array.from({ length: files }, () => [])
  const migBuckets = Array.from({ length: files }, () => [])
  let events = 0
  for (let n = 0; n < channels; n++) {
    const type = TYPES[n % TYPES.length]
    const ids =
      type === 'h5' ? `  identifiers: { h5Url: "https://c${n}.bench.invalid/" }\n` : type === 'app' ? `  identifiers: { androidPackage: cn.gov.bench.c${n} }\n` : ''
    chBuckets[n % files].push(
      `apiVersion: yingjie/v1\nkind: Channel\nmetadata:\n  id: ch-${n}\n  name: 合成渠道${n}\n  owner: org-${n % organizations}\nspec:\n  type: ${type}\n${ids}  users: { registered: ${(n * 37) % 300000}, monthlyActive: ${(n * 11) % 40000} }\n  personalData: ${n % 3 === 0}\n  decision: connect\n  accessMode: ${n % 10 === 0 ? 'province' : 'self'}\n`,
    )
    const wave = 1 + (n % 5)
    const start = (n % 30) + wave * 10
    const count = 7 + (n % 7)
    const lines = []
    let day = start
    for (let k = 0; k < count; k++) {
      const step = SCRIPT[k]
      const back = step.endsWith('*')
      day += 8 + ((n * 7 + k * 13) % 40)
      lines.push(`    - date: ${date(day)}\n      stage: ${back ? step.slice(0, -1) : step}\n      by: 合成单位${n % organizations} 联络人${back ? '\n      reason: 联调发现问题，退回开发' : ''}`)
      events++
    }
    const targets = STAGES.map((s, i) => `    ${s}: ${date(TARGET_OFFSETS[i] + wave * 20)}`).join('\n')
    migBuckets[n % files].push(`apiVersion: yingjie/v1\nkind: Migration\nmetadata:\n  id: mig-${n}\n  name: 合成渠道${n}迁移\n  owner: org-${n % organizations}\nspec:\n  channel: ch-${n}\n  wave: ${wave}\n  targets:\n${targets}\n  events:\n${lines.join('\n')}\n`)
  }
  mkdirSync(join(root, 'channels'), { recursive: true })
  mkdirSync(join(root, 'migrations'), { recursive: true })
  chBuckets.forEach((docs, i) => writeFileSync(join(root, 'channels', `c-${String(i).padStart(3, '0')}.yaml`), docs.join('---\n')))
  migBuckets.forEach((docs, i) => writeFileSync(join(root, 'migrations', `m-${String(i).padStart(3, '0')}.yaml`), docs.join('---\n')))
  return { channels, organizations, events, files: 2 + files * 2 }
}
