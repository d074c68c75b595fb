import { join } from 'node:path'
import { loadInventory, writeFileAtomic } from '@yingjie/model'
import { planWebScan, scanWeb, type ProbeClassification } from '@yingjie/scanner'
import { loadProfile } from '@yingjie/spec'
import type { CommandContext } from '../../_context'
import { displayPath, json, paint } from '../../_output'
import { sampleInventory } from '../../_paths'
import { CLASSIFICATION_LABEL, renderScanText } from '../inventory/scan-web'
import { startDemoWebSite } from './_web-site'

const T = {
  step: { zh: '网站巡查：探测已登记的 H5 地址，抓取单位网站发现未登记的渠道（yingjie inventory scan web）', en: 'Web scan: probe declared H5 URLs, crawl websites for undeclared channels (yingjie inventory scan web)' },
  site: { zh: '模拟部门网站（本机回环地址）', en: 'simulated department websites (loopback)' },
  next: { zh: '打开 scan-web.txt 查看巡查结果，scan-web.json 是完整证据。', en: 'Open scan-web.txt for the findings; scan-web.json holds the full evidence.' },
} as const

/**
 * The web-scan part of `yingjie demo`: serve the sample's `.invalid` hosts
 * from loopback, scan them as `yingjie inventory scan web` would, and write
 * the results into the output folder. Output names no ports or times, so it
 * is the same on every run.
 */
export async function scanWebDemo(ctx: CommandContext, outDir: string): Promise<void> {
  const { lang } = ctx
  ctx.stdout.write(`\n${paint(ctx, 'bold', T.step[lang])}\n`)
  const inventory = await loadInventory(sampleInventory('baoding'))
  const site = await startDemoWebSite(inventory.entities)
  try {
    ctx.stdout.write(`${T.site[lang]}${lang === 'zh' ? '：' : ': '}${site.hosts.length} ${lang === 'zh' ? '个主机' : 'hosts'}\n`)
    const region = inventory.entities.find((e) => e.kind === 'Region')
    const profile = await loadProfile(region?.kind === 'Region' ? region.spec.platform : 'hebei-jishiban')
    const plan = planWebScan(inventory.entities)
    // Loopback: no need to spare the servers.
    const result = await scanWeb(plan, { profile, resolve: site.resolve, ca: site.ca, perHostRate: 0, perHostConcurrency: 8 })
    const s = result.summary
    const by = Object.entries(s.byClassification)
      .map(([k, n]) => `${CLASSIFICATION_LABEL[k as ProbeClassification][lang].replace('省级平台', result.platform.name)} ${n}`)
      .join(lang === 'zh' ? '，' : ', ')
    ctx.stdout.write(
      lang === 'zh'
        ? `探测已登记的 H5 地址 ${s.probes} 个：${by}\n抓取 ${result.sites.length} 个单位网站共 ${s.pages} 个页面：渠道线索 ${s.candidates} 条，已登记 ${s.matched}，未登记 ${s.undeclared}；已登记但未在网站上找到 ${s.notFound} 个\n`
        : `${s.probes} declared H5 URLs probed: ${by}\n${s.pages} pages on ${result.sites.length} websites: ${s.candidates} channel candidates, ${s.matched} matched, ${s.undeclared} undeclared; ${s.notFound} declared but not found\n`,
    )
    for (const c of result.reconciliation.undeclared) {
      const id = c.identifiers.appid ?? c.identifiers.apkUrl ?? c.identifiers.h5Url ?? c.key
      ctx.stdout.write(`  ${lang === 'zh' ? '未登记' : 'undeclared'}  ${c.name ?? ''}  ${id}  ← ${c.evidence[0]?.pageUrl ?? ''}\n`)
    }
    const files: [string, string][] = [
      ['scan-web.json', json(result)],
      ['scan-web.txt', renderScanText(result, { ...ctx, color: false })],
    ]
    for (const [name, content] of files) await writeFileAtomic(join(outDir, name), content)
    for (const [name] of files) ctx.stdout.write(`  ${displayPath(ctx.cwd, join(outDir, name))}\n`)
    ctx.stdout.write(`${T.next[lang]}\n`)
  } finally {
    await site.close()
  }
}
