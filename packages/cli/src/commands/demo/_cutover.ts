import { cp, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { lateUnits, planCutover, verifyCutover, writeCutoverReport } from '@yingjie/cutover'
import { loadInventory } from '@yingjie/model'
import type { CommandContext } from '../../_context'
import { displayPath, paint } from '../../_output'
import { sampleInventory } from '../../_paths'
import { scannerProbe } from '../cutover/_probe'
import { platformOf } from '../cutover/verify'
import { createCertificateAuthority, issueCertificate } from './_certificate'

/** The demo's fixed date, so its output is the same on every run. */
export const DEMO_AS_OF = '2022-12-01'

// The simulated department websites behind the sample's old H5 channels:
// some already send visitors to the platform, some show a notice, one still serves.
const SITES: Record<string, (res: ServerResponse) => void> = {
  'm.ybj.baoding.invalid': (res) => res.writeHead(302, { location: 'https://www.hbzwfw.gov.cn/jsb/baoding/ybj/' }).end(),
  'zs.jyj.baoding.invalid': (res) => res.writeHead(301, { location: 'https://www.hbzwfw.gov.cn/jsb/baoding/jyj/zs/' }).end(),
  'rxbm.jingxiu.invalid': (res) => html(res, 200, '页面跳转', '<meta http-equiv="refresh" content="0; url=https://www.hbzwfw.gov.cn/jsb/baoding/jingxiu/">正在跳转至冀时办……'),
  'm.zwfw.baoding.invalid': (res) => html(res, 200, '停止服务公告', '<p>保定政务服务手机版已于2022年10月停止服务，全部事项已迁移至“冀时办”保定专区，请下载冀时办APP办理。</p>'),
  'rcfw.bdgxq.invalid': (res) => html(res, 200, '关于人才服务平台停止服务的公告', '<p>本平台将于2022年12月31日起停止服务，人才服务事项请通过“冀时办”办理。</p>'),
  'jiuye.baoding.invalid': (res) => html(res, 200, '保定就业服务', '<form>身份证号 <input name="sfzh"> 密码 <input type="password"> <button>登录</button></form><p>就业登记、失业保险金申领</p>'),
}

function html(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(`<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`)
}

const T = {
  step: { zh: '迁移进度：核验原渠道关停、测算进度、生成通报（yingjie cutover verify / plan / report）', en: 'Cutover: verify old channels, plan, report (yingjie cutover verify / plan / report)' },
  site: { zh: '模拟部门网站', en: 'simulated department website' },
  next: {
    zh: '打开 cutover/dashboard.html 查看看板，cutover/bulletin.md 是进度通报，cutover/cutover.xlsx 是进度台账。',
    en: 'Open cutover/dashboard.html for the dashboard; cutover/bulletin.md is the bulletin, cutover/cutover.xlsx the register.',
  },
} as const

/**
 * The cutover part of `yingjie demo`: copy the sample, verify its old H5
 * channels against a simulated department website on loopback (recording
 * the ones that pass), then plan and report as of a fixed date.
 */
export async function cutoverDemo(ctx: CommandContext, outDir: string): Promise<void> {
  const { lang } = ctx
  ctx.stdout.write(`\n${paint(ctx, 'bold', T.step[lang])}\n`)
  const base = join(outDir, 'cutover')
  const root = join(base, 'inventory', 'baoding')
  // A fresh copy each run: recording changes it, and the bundled sample must stay as shipped.
  await rm(join(base, 'inventory'), { recursive: true, force: true })
  await rm(join(base, 'evidence'), { recursive: true, force: true })
  await cp(sampleInventory('baoding'), root, { recursive: true })
  await cp(sampleInventory('hebei'), join(base, 'inventory', 'hebei'), { recursive: true })

  // One HTTP and one HTTPS server answer for every old site by the Host header;
  // the HTTPS one has a certificate from a CA made for this run only.
  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const site = SITES[(req.headers.host ?? '').replace(/:\d+$/, '')]
    if (site) site(res)
    else res.writeHead(404).end()
  }
  const ca = createCertificateAuthority()
  const cert = issueCertificate(ca, { hosts: Object.keys(SITES) })
  const servers: Server[] = [createServer(handler), createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, handler) as unknown as Server]
  const [httpPort, httpsPort] = await Promise.all(
    servers.map((s) => new Promise<number>((r) => s.listen(0, '127.0.0.1', () => r((s.address() as AddressInfo).port)))),
  )
  try {
    // The port changes run to run; it is not printed, so the demo's output stays the same.
    ctx.stdout.write(lang === 'zh' ? `${T.site.zh}（本机回环地址）：${Object.keys(SITES).length} 个旧站点\n` : `${T.site.en} (loopback): ${Object.keys(SITES).length} old sites\n`)
    const inventory = await loadInventory(root)
    const platform = await platformOf('hebei-jishiban', '冀时办')
    const hostMap = Object.fromEntries(Object.keys(SITES).flatMap((h) => [[h, `127.0.0.1:${httpPort}`], [`${h}:443`, `127.0.0.1:${httpsPort}`]]))
    const probe = scannerProbe({ platformDomains: platform.domains, platformName: platform.names[0], resolve: hostMap, ca: [ca.certPem], allowedHosts: Object.keys(SITES) })
    const before = planCutover(inventory.entities, { asOf: DEMO_AS_OF })
    const verified = await verifyCutover(before, inventory.entities, {
      probe,
      platform,
      evidenceDir: join(base, 'evidence'),
      root,
      record: true,
      by: '市政务服务管理办公室（演示）',
    })
    for (const i of verified.items.filter((x) => x.verdict)) {
      const mark = i.verdict!.passed ? paint(ctx, 'green', lang === 'zh' ? '通过' : 'pass') : paint(ctx, 'red', lang === 'zh' ? '未通过' : 'FAIL')
      ctx.stdout.write(`  ${mark}  ${i.channel}  ${i.verdict!.reason[lang]}${i.recorded ? (lang === 'zh' ? '（已记录：关停已核验）' : ' (recorded: verified)') : ''}\n`)
    }
    const t = verified.totals
    ctx.stdout.write(
      lang === 'zh'
        ? `核验 ${t.checked} 个渠道：探测 H5 ${t.probed} 个，通过 ${t.passed}，未通过 ${t.failed}；APP、小程序、公众号待补人工材料 ${t.manualMissing} 个；已记录核验 ${t.recorded} 个\n`
        : `${t.checked} channels: ${t.probed} H5 probed, ${t.passed} passed, ${t.failed} failed; ${t.manualMissing} apps, mini-programs and accounts missing manual evidence; ${t.recorded} recorded as verified\n`,
    )

    const plan = planCutover((await loadInventory(root)).entities, { asOf: DEMO_AS_OF })
    const p = plan.totals
    ctx.stdout.write(
      lang === 'zh'
        ? `测算基准日 ${DEMO_AS_OF}：渠道 ${p.total} 个，已接入 ${p.connected}/${p.needsConnecting}，已关停 ${p.shutDown}，已核验 ${p.verified}，逾期 ${p.late} 个（${lateUnits(plan).length} 个单位）\n`
        : `as of ${DEMO_AS_OF}: ${p.total} channels, ${p.connected}/${p.needsConnecting} connected, ${p.shutDown} shut down, ${p.verified} verified, ${p.late} late (${lateUnits(plan).length} organizations)\n`,
    )
    const files = await writeCutoverReport(plan, base, lang)
    for (const f of files) ctx.stdout.write(`  ${displayPath(ctx.cwd, f)}\n`)
    ctx.stdout.write(`${T.next[lang]}\n`)
  } finally {
    for (const s of servers) {
      s.closeAllConnections()
      await new Promise<void>((r) => s.close(() => r()))
    }
  }
}
