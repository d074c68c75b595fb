import { join } from 'node:path'
import { scanSource, SERVICE_NAMES, writeSourceReports } from '@yingjie/scanner/source'
import type { CommandContext } from '../../_context'
import { displayPath, paint } from '../../_output'
import { sampleInventory } from '../../_paths'

const T = {
  step: {
    zh: '源码扫描：示例小程序“保定人社”要从省级平台得到什么（yingjie inventory scan source）',
    en: 'Source scan: what the sample mini-program 保定人社 needs from the provincial platform (yingjie inventory scan source)',
  },
  sample: { zh: '示例源码（虚构）', en: 'Sample source (illustrative)' },
  next: {
    zh: '打开 source-scan/source-scan.html 查看报告；interfaces.yaml 是建议加入清单的接口条目。',
    en: 'Open source-scan/source-scan.html for the report; interfaces.yaml holds the suggested Interface entities.',
  },
} as const

/**
 * The source-scan part of `yingjie demo`: scan the bundled sample
 * mini-program (inventories/baoding/sources/bd-rsj-wx, channel bd-rsj-wx)
 * and write its reports into `<out>/source-scan/`.
 */
export async function scanSourceDemo(ctx: CommandContext, outDir: string): Promise<void> {
  const { lang } = ctx
  ctx.stdout.write(`\n${paint(ctx, 'bold', T.step[lang])}\n`)
  const sample = join(sampleInventory('baoding'), 'sources', 'bd-rsj-wx')
  ctx.stdout.write(`${T.sample[lang]}: ${displayPath(ctx.cwd, sample)}\n`)
  const report = await scanSource([sample], { idPrefix: 'bd-rsj-wx', displayRoot: (abs) => displayPath(ctx.cwd, abs) })
  const p = report.projects[0]!
  const t = p.totals.apis
  const hosts = [...new Set(p.endpoints.map((e) => e.host).filter(Boolean))]
  ctx.stdout.write(
    lang === 'zh'
      ? `平台接口 ${t.supported + t.differs + t.unsupported + t.unknown} 种：支持 ${t.supported}，有差异 ${t.differs}，不支持 ${t.unsupported}，未收录 ${t.unknown}；后端接口 ${p.endpoints.length} 个（主机 ${hosts.length} 个）；工作量估算 ${p.effort.days} 人日\n`
      : `${t.supported + t.differs + t.unsupported + t.unknown} platform APIs: ${t.supported} supported, ${t.differs} differ, ${t.unsupported} unsupported, ${t.unknown} not in the map; ${p.endpoints.length} endpoints on ${hosts.length} hosts; effort ${p.effort.days} person-days\n`,
  )
  for (const b of p.blockers) ctx.stdout.write(`  ${lang === 'zh' ? '阻碍' : 'blocker'} [${SERVICE_NAMES[b.service][lang]}] ${b.apis.join(', ')}\n`)
  const written = await writeSourceReports(report, join(outDir, 'source-scan'), { lang, owner: 'bd-rsj' })
  for (const f of written) ctx.stdout.write(`  ${displayPath(ctx.cwd, f)}\n`)
  ctx.stdout.write(`${T.next[lang]}\n`)
}
