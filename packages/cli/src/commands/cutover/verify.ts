import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { localize, renderVerifyText, verifyCutover, type PlatformRef } from '@yingjie/cutover'
import type { CommandContext } from '../../_context'
import { displayPath, json } from '../../_output'
import { parseResolve } from '../inventory/scan-web'
import { scannerProbe } from './_probe'
import { dirArg, loadAndPlan } from './_shared'

export async function platformOf(platform: string | undefined, fallbackName: string): Promise<PlatformRef> {
  try {
    const { loadProfile } = await import('@yingjie/spec')
    const profile = await loadProfile(platform ?? 'hebei-jishiban')
    return { names: [...new Set([profile.platform.name.zh, fallbackName].filter(Boolean))], domains: [...profile.platform.domains] }
  } catch {
    return { names: fallbackName ? [fallbackName] : [], domains: [] }
  }
}

export async function run(ctx: CommandContext): Promise<number> {
  const dir = dirArg(ctx)
  const loaded = await loadAndPlan(ctx, dir)
  if ('findingsText' in loaded) {
    ctx.stderr.write(loaded.findingsText)
    ctx.stderr.write(ctx.lang === 'zh' ? '清单有错误，先用 yingjie inventory check 修正后再核验\n' : 'the inventory has errors; fix them (yingjie inventory check) before verifying\n')
    return 1
  }
  const { inventory, plan } = loaded
  const region = inventory.entities.find((e) => e.kind === 'Region' && e.spec.platform)
  const base = await platformOf(region?.kind === 'Region' ? region.spec.platform : undefined, plan.region.platformName)
  const extra = (ctx.options['platform-domain'] as string[] | undefined) ?? []
  const platform: PlatformRef = { names: base.names, domains: [...base.domains, ...extra.map((d) => d.toLowerCase())] }
  const evidenceDir = resolve(ctx.cwd, (ctx.options['evidence-dir'] as string | undefined) ?? join(dir, 'evidence'))
  const hostMap = parseResolve(ctx.options.resolve as string[] | undefined)
  const ca = await Promise.all(((ctx.options.ca as string[] | undefined) ?? []).map((f) => readFile(resolve(ctx.cwd, f), 'utf8')))
  const h5Hosts = inventory.entities.flatMap((e) => (e.kind === 'Channel' && e.spec.identifiers?.h5Url ? [hostOf(e.spec.identifiers.h5Url)] : [])).filter((h): h is string => !!h)
  const probe = scannerProbe({
    platformDomains: platform.domains,
    platformName: platform.names[0],
    resolve: Object.keys(hostMap).length > 0 ? hostMap : undefined,
    ca,
    allowedHosts: new Set([...h5Hosts, ...Object.keys(hostMap).map((k) => k.replace(/:\d+$/, ''))]),
  })
  const report = await verifyCutover(plan, inventory.entities, {
    probe,
    platform,
    evidenceDir,
    root: dir,
    record: ctx.options.record === true,
    date: ctx.options.date as string | undefined,
    by: (ctx.options.by as string | undefined) ?? 'yingjie cutover verify',
  })
  if (ctx.options.format === 'json') {
    ctx.stdout.write(json({ ...(localize(report, ctx.lang) as object), evidenceDir: displayPath(ctx.cwd, evidenceDir) }))
  } else {
    ctx.stdout.write(renderVerifyText(report, ctx.lang))
    ctx.stdout.write(ctx.lang === 'zh' ? `证据文件目录：${displayPath(ctx.cwd, evidenceDir)}\n` : `evidence folder: ${displayPath(ctx.cwd, evidenceDir)}\n`)
  }
  return report.totals.failed > 0 ? 1 : 0
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return undefined
  }
}
