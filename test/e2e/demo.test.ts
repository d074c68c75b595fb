import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openWorkbook, runCli, tempDir, type RunResult, type TempDir } from '../utils/index'

// The demo does a lot (servers, scans, an adapter build), so each distinct
// command line runs once and every test below reads what that run printed and wrote.
const folders: TempDir[] = []
const runs = new Map<string, Promise<{ r: RunResult; dir: { path: string } }>>()
function demo(args: string[], tag = ''): Promise<{ r: RunResult; dir: { path: string } }> {
  const key = `${tag}|${args.join(' ')}`
  let run = runs.get(key)
  if (!run) {
    run = (async () => {
      const dir = await tempDir()
      folders.push(dir)
      const r = await runCli(args, { cwd: dir.path, timeoutMs: 400_000 })
      return { r, dir }
    })()
    runs.set(key, run)
  }
  return run
}
afterAll(async () => {
  for (const f of folders) await f.cleanup()
})
const DEMO_TIMEOUT = 420_000

describe('yingjie demo', () => {
  it('checks and reports the bundled Baoding sample, writes a survey workbook and the access list, and says where', async () => {
    const { r, dir } = await demo(['demo'])
    {
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('错误 0 个，警告 8 个')
      for (const name of ['check.txt', 'check.json', 'report.md', 'report.json']) {
        expect(r.stdout).toContain(join('yingjie-out', name))
      }
      const check = JSON.parse(await readFile(join(dir.path, 'yingjie-out', 'check.json'), 'utf8'))
      expect(check).toMatchObject({ ok: true, errors: 0, warnings: 8 })
      const report = await readFile(join(dir.path, 'yingjie-out', 'report.md'), 'utf8')
      expect(report).toContain('保定市')
      expect(report).toContain('冀时办')
      const text = await readFile(join(dir.path, 'yingjie-out', 'check.txt'), 'utf8')
      expect(text).toContain('YJ_SELF_BUILT_BELOW_COUNTY')
      // The survey workbook for one department and the access list for the province.
      for (const name of ['survey-bd-rsj.xlsx', 'access-list.xlsx']) expect(r.stdout).toContain(join('yingjie-out', name))
      const survey = await openWorkbook(join(dir.path, 'yingjie-out', 'survey-bd-rsj.xlsx'))
      expect(survey.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['填表说明', '单位', '渠道', '接口'])
      expect(survey.getWorksheet('单位')!.getCell('B3').value).toBe('保定市人力资源和社会保障局')
      expect(survey.getWorksheet('渠道')!.getCell('A2').value).toBe('示例（导入时跳过本行）')
      expect(survey.getWorksheet('渠道')!.getCell('C3').value).toBe('保定人社')
      const list = (await openWorkbook(join(dir.path, 'yingjie-out', 'access-list.xlsx'))).getWorksheet('接入清单')!
      expect(list.getCell('A1').value).toBe('保定市自建政务服务移动端渠道接入冀时办清单')
      expect(list.rowCount).toBe(2 + 39)
      expect(list.getCell('B3').value).toBe('保定市公安局')
    }
  }, DEMO_TIMEOUT)

  it('--out and --lang en', async () => {
    const { r, dir } = await demo(['demo', '--out', 'elsewhere', '--lang', 'en'])
    {
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('0 errors, 8 warnings')
      const report = await readFile(join(dir.path, 'elsewhere', 'report.md'), 'utf8')
      expect(report).toContain('# Government-service mobile channel inventory summary')
    }
  }, DEMO_TIMEOUT)
})

describe('yingjie demo: cutover', () => {
  it('verifies old H5 channels against the simulated department website, records what passed, and writes bulletin, register and dashboard as of 2022-12-01', async () => {
    const { readdir } = await import('node:fs/promises')
    const { loadInventory } = await import('@yingjie/model')
    const { r, dir } = await demo(['demo'])
    {
      expect(r.code).toBe(0)
      // Some old channels redirect or show a notice, one still serves.
      expect(r.stdout).toContain('通过  bd-ybj-h5  已跳转至省级平台：https://www.hbzwfw.gov.cn/jsb/baoding/ybj/（已记录：关停已核验）')
      expect(r.stdout).toContain('通过  bd-gxq-h5  页面显示停服公告并指向冀时办')
      expect(r.stdout).toContain('未通过  bd-rsj-jiuye-h5  原渠道仍在提供服务（HTTP 200，标题“保定就业服务”）')
      expect(r.stdout).toContain('核验 19 个渠道：探测 H5 6 个，通过 5，未通过 1')
      expect(r.stdout).toContain('测算基准日 2022-12-01：渠道 39 个，已接入 19/32，已关停 16，已核验 13，逾期 20 个（15 个单位）')
      const out = join(dir.path, 'yingjie-out', 'cutover')
      expect((await readdir(out)).sort()).toEqual(['bulletin.md', 'cutover.xlsx', 'dashboard.html', 'evidence', 'inventory'])
      expect(await readdir(join(out, 'evidence'))).toHaveLength(6)
      const bulletin = await readFile(join(out, 'bulletin.md'), 'utf8')
      expect(bulletin).toContain('关停已核验 13 个')
      expect(bulletin).toContain('```mermaid\ngantt')
      // The recorded event went into the demo's copy, which stays a clean inventory; the bundled sample is untouched.
      const copy = await loadInventory(join(out, 'inventory', 'baoding'))
      expect(copy.findings).toEqual([])
      const sample = await readFile(join(bundledSample(), 'migrations', 'wave-2.yaml'), 'utf8')
      expect(sample).not.toContain('市政务服务管理办公室（演示）')
      // A second run prints exactly the same cutover section (the as-of date is fixed, ports are not printed).
      const section = (out: string): string => out.slice(out.indexOf('迁移进度：'), out.indexOf('cutover.xlsx 是进度台账。'))
      const { r: again } = await demo(['demo'], 'second run, another folder')
      expect(section(r.stdout).length).toBeGreaterThan(500)
      expect(section(again.stdout)).toBe(section(r.stdout))
    }
  }, DEMO_TIMEOUT)
})

function bundledSample(): string {
  return join(__dirname, '..', '..', 'inventories', 'baoding')
}

describe('yingjie demo: web scan', () => {
  it('scans a simulated department website serving the sample, and writes the results beside the others', async () => {
    const { r, dir } = await demo(['demo'])
    {
      expect(r.code).toBe(0)
      expect(r.stderr).toBe('')
      expect(r.stdout).toContain('网站巡查：探测已登记的 H5 地址，抓取单位网站发现未登记的渠道（yingjie inventory scan web）')
      // Shut-down channels redirect to 冀时办; the ones still serving answer with their own page.
      expect(r.stdout).toContain('探测已登记的 H5 地址 11 个：已跳转到冀时办 6，正常 5')
      expect(r.stdout).toContain('抓取 19 个单位网站共 60 个页面：渠道线索 26 条，已登记 24，未登记 2；已登记但未在网站上找到 17 个')
      expect(r.stdout).toContain('未登记  保定社保卡  2021003141592653  ← https://jiuye.baoding.invalid/')
      expect(r.stdout).toContain('未登记  保定健康APP 安卓安装包  https://wjw.baoding.invalid/download/bd-jiankang-1.4.2.apk')
      for (const name of ['scan-web.json', 'scan-web.txt']) expect(r.stdout).toContain(join('yingjie-out', name))

      const result = JSON.parse(await readFile(join(dir.path, 'yingjie-out', 'scan-web.json'), 'utf8'))
      expect(result).toMatchObject({ version: 1, complete: true, platform: { profile: 'hebei-jishiban', name: '冀时办' } })
      const probes = result.probes as { channel: string; evidence: { classification: string; finalUrl: string; tls?: { authorized: boolean } } }[]
      expect(probes.find((p) => p.channel === 'bd-ybj-h5')?.evidence).toMatchObject({ classification: 'redirected-to-platform', finalUrl: 'https://www.hbzwfw.gov.cn/jsb/bd-ybj-h5/' })
      expect(probes.find((p) => p.channel === 'bd-zjj-h5')?.evidence).toMatchObject({ classification: 'ok', tls: { authorized: true } })
      expect(result.reconciliation.undeclared.map((c: { key: string }) => c.key)).toEqual([
        'app:apk:https://wjw.baoding.invalid/download/bd-jiankang-1.4.2.apk',
        'miniprogram:2021003141592653',
      ])
      const text = await readFile(join(dir.path, 'yingjie-out', 'scan-web.txt'), 'utf8')
      expect(text).toContain('未登记的渠道线索（请核实并补录清单）')
      expect(text).toContain('bd-mzj-h5  http://mzfw.baoding.invalid/h5/  正常')
    }
  }, DEMO_TIMEOUT)
})

describe('yingjie demo: the department adapter step', () => {
  it('starts the mock platform and the example adapter, calls it with a test identity, runs the conformance kit and stops everything', async () => {
    const { r, dir } = await demo(['demo', '--out', 'elsewhere', '--lang', 'en'])
    {
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/Started: mock platform http:\/\/127\.0\.0\.1:\d+, social-security simulator \(SOAP, GBK\) http:\/\/127\.0\.0\.1:\d+, example adapter http:\/\/127\.0\.0\.1:\d+/)
      expect(r.stdout).toContain('queryInsured as test user zhangsan: HTTP 200')
      expect(r.stdout).toMatch(/Conformance: (\d+) passed, 0 failed, 0 skipped/)
      const call = JSON.parse(await readFile(join(dir.path, 'elsewhere', 'adapter', 'call.json'), 'utf8')) as { status: number; envelope: Record<string, string> }
      expect(call.envelope['C-Response-Code']).toBe('0000')
      expect(JSON.parse(call.envelope['C-Response-Body']!)).toMatchObject({ name: '张三', idNumber: '1****************0', phone: '138****5678' })
      const kit = JSON.parse(await readFile(join(dir.path, 'elsewhere', 'adapter', 'conformance.json'), 'utf8')) as { ok: boolean; failed: number }
      expect(kit).toMatchObject({ ok: true, failed: 0 })
      expect(await readFile(join(dir.path, 'elsewhere', 'adapter', 'conformance.junit.xml'), 'utf8')).toContain('failures="0"')
      const log = await readFile(join(dir.path, 'elsewhere', 'adapter', 'audit.log'), 'utf8')
      expect(log).toContain('"op":"queryInsured"')
      expect(log).not.toContain('130602199003071230')
    }
  }, DEMO_TIMEOUT)
})

describe('yingjie demo: generating an adapter from the inventory', () => {
  it('generates an adapter from the GBK form Interface of the sample and its conformance tests pass', async () => {
    const { r, dir } = await demo(['demo'])
    {
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('部门开发者：从清单接口生成适配器并运行一致性检查（yingjie adapter new / adapter verify）')
      expect(r.stdout).toContain(`已从接口 bd-gaj-jj-form 生成适配器 ${join('yingjie-out', 'adapter-bd-gaj-jj-form')}（模板 html-form-gbk 1.0.0，18 个文件）`)
      const step = r.stdout.slice(r.stdout.indexOf('部门开发者：'))
      expect(step).toMatch(/一致性检查：通过 (\d+) 项，失败 0 项，跳过 0 项/)
      const adapter = join(dir.path, 'yingjie-out', 'adapter-bd-gaj-jj-form')
      const manifest = JSON.parse(await readFile(join(adapter, '.yingjie', 'manifest.json'), 'utf8'))
      expect(manifest).toMatchObject({ template: { name: 'html-form-gbk', version: '1.0.0' }, answers: { sourceInterface: 'bd-gaj-jj-form', encoding: 'gbk' } })
      const mapping = await readFile(join(adapter, 'src', 'mapping.ts'), 'utf8')
      expect(mapping).toContain('"book-license-renewal": {')
      expect(await readFile(join(adapter, 'test-results', 'conformance.xml'), 'utf8')).toMatch(/failures="0" skipped="0"/)
    }
  }, DEMO_TIMEOUT)
})

describe('yingjie demo: source scan', () => {
  it('scans the bundled sample mini-program and writes its reports and suggested interfaces beside the others', async () => {
    const { r, dir } = await demo(['demo'])
    {
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('源码扫描：示例小程序“保定人社”要从省级平台得到什么（yingjie inventory scan source）')
      const step = r.stdout.slice(r.stdout.indexOf('源码扫描：'))
      expect(step).toMatch(/后端接口 \d+ 个（主机 3 个）/)
      expect(step).toContain('wx.startFacialRecognitionVerify')
      const out = join(dir.path, 'yingjie-out', 'source-scan')
      for (const name of ['source-scan.md', 'source-scan.html', 'source-scan.json', 'interfaces.yaml']) expect(step).toContain(join('yingjie-out', 'source-scan', name))
      const report = JSON.parse(await readFile(join(out, 'source-scan.json'), 'utf8'))
      expect(report.projects[0]).toMatchObject({ kind: 'wechat-native', appid: 'wx0995452ebef26119' })
      expect(report.interfaces.map((i: { endpoint: string }) => i.endpoint)).toContain('https://sbk-api.rsj.baoding.invalid/api/v2')
      const yaml = await readFile(join(out, 'interfaces.yaml'), 'utf8')
      expect(yaml).toContain('owner: bd-rsj')
      expect(await readFile(join(out, 'source-scan.html'), 'utf8')).toContain('<title>源码扫描报告</title>')
    }
  }, DEMO_TIMEOUT)
})
