import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { loadInventory, writeFileAtomic, type Lang } from '@yingjie/model'
import {
  planWebScan,
  scanWeb,
  type ChannelCandidate,
  type OrganizationCounts,
  type ProbeClassification,
  type WebScanEvent,
  type WebScanOptions,
  type WebScanPlan,
  type WebScanResult,
} from '@yingjie/scanner'
import { loadDefaultProfile, loadProfile, type AccessProfile } from '@yingjie/spec'
import { UsageError, type CommandContext } from '../../_context'
import { displayPath, json, paint } from '../../_output'
import { inventoryDirArg } from './_shared'

export const CLASSIFICATION_LABEL: Record<ProbeClassification, { zh: string; en: string }> = {
  ok: { zh: '正常', en: 'ok' },
  'redirected-to-platform': { zh: '已跳转到省级平台', en: 'redirected to the platform' },
  'notice-page': { zh: '停服公告页', en: 'notice page' },
  'http-error': { zh: 'HTTP 错误', en: 'HTTP error' },
  timeout: { zh: '超时', en: 'timeout' },
  dns: { zh: '域名无法解析', en: 'DNS failure' },
  'tls-error': { zh: '证书/TLS 错误', en: 'TLS error' },
  'too-large': { zh: '响应过大', en: 'too large' },
  'robots-refused': { zh: 'robots.txt 禁止访问', en: 'refused by robots.txt' },
  'redirect-error': { zh: '跳转错误', en: 'redirect error' },
  'out-of-scope': { zh: '超出扫描范围', en: 'out of scope' },
  unreachable: { zh: '无法连接', en: 'unreachable' },
}

const TYPE_LABEL = {
  app: { zh: 'APP', en: 'app' },
  miniprogram: { zh: '小程序', en: 'mini-program' },
  'official-account': { zh: '公众号', en: 'official account' },
  h5: { zh: 'H5', en: 'H5' },
} as const

const T = {
  inventoryErrors: {
    zh: (n: number) => `清单有 ${n} 个格式错误，只扫描格式正确的条目；运行 yingjie inventory check 查看`,
    en: (n: number) => `the inventory has ${n} format errors; scanning the entries that are well-formed; run yingjie inventory check to see them`,
  },
  nothing: { zh: '清单中没有需要扫描的网站或 H5 地址', en: 'nothing to scan: no websites or H5 URLs in the inventory' },
  stopping: { zh: '正在停止，保存已完成的结果…（再按一次 Ctrl-C 立即退出）', en: 'stopping; saving what finished… (Ctrl-C again to quit now)' },
  interrupted: { zh: '扫描被中断，结果不完整', en: 'scan interrupted; results are partial' },
  written: { zh: '扫描结果已写入', en: 'results written to' },
} as const

function counts(c: OrganizationCounts, lang: Lang): string {
  return lang === 'zh'
    ? `页面 ${c.pages}，线索 ${c.candidates}，错误 ${c.errors}，H5 探测 ${c.probed}/${c.probes}`
    : `pages ${c.pages}, candidates ${c.candidates}, errors ${c.errors}, H5 probed ${c.probed}/${c.probes}`
}

function integerOption(ctx: CommandContext, name: string, min: number): number | undefined {
  const raw = ctx.options[name]
  if (raw === undefined) return undefined
  const n = Number(raw)
  if (!Number.isInteger(n) || n < min) throw new UsageError(`选项 --${name} 应为不小于 ${min} 的整数，收到 “${String(raw)}”`, `option --${name} takes an integer of at least ${min}, got "${String(raw)}"`)
  return n
}

/** `HOST[:PORT]=ADDRESS[:PORT]` values → the scanner's host map. */
export function parseResolve(values: readonly string[] | undefined): Record<string, string> {
  const map: Record<string, string> = {}
  for (const v of values ?? []) {
    const m = /^([a-z0-9.-]+(?::\d+)?)=(\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?|\[[0-9a-f:]+\](?::\d+)?)$/i.exec(v.trim())
    if (!m) throw new UsageError(`--resolve 格式应为 主机名[:端口]=IP[:端口]，收到 “${v}”`, `--resolve takes HOST[:PORT]=IP[:PORT], got "${v}"`)
    map[m[1]!.toLowerCase()] = m[2]!
  }
  return map
}

async function profileFor(ctx: CommandContext, platform: string | undefined): Promise<AccessProfile> {
  const ref = (ctx.options.profile as string | undefined) ?? platform
  return ref ? loadProfile(ref, { cwd: ctx.cwd }) : loadDefaultProfile()
}

/** Progress: listr2 on a terminal, plain lines otherwise (stderr, so stdout stays data). */
async function withProgress(ctx: CommandContext, plan: WebScanPlan, scan: (onEvent: (e: WebScanEvent) => void) => Promise<WebScanResult>): Promise<WebScanResult> {
  const { lang } = ctx
  const names = new Map(plan.organizations.map((o) => [o.id, o.name]))
  const label = (id: string) => `${id} ${names.get(id) ?? ''}`.trim()
  if (!ctx.isTTY || ctx.env.CI) {
    return scan((e) => {
      if (e.type === 'organization-start') ctx.stderr.write(`[${label(e.organization)}] ${lang === 'zh' ? '开始' : 'started'}\n`)
      if (e.type === 'organization-done') {
        const state = e.complete ? (lang === 'zh' ? '完成' : 'done') : lang === 'zh' ? '中断' : 'interrupted'
        ctx.stderr.write(`[${label(e.organization)}] ${state}${lang === 'zh' ? '：' : ': '}${counts(e.counts, lang)}\n`)
      }
    })
  }
  const { Listr, ListrLogger, ProcessOutput } = await import('listr2')
  // One row per organization while that fits a screen; one summary row beyond.
  const perOrganization = plan.organizations.length <= 30
  const waiting = new Map<string, { title: (t: string) => void; done: () => void }>()
  const finished = new Set<string>()
  let doneCount = 0
  const total = { pages: 0, candidates: 0, errors: 0, probed: 0, probes: 0 }
  const latest = new Map<string, OrganizationCounts>()
  let summaryTitle: ((t: string) => void) | undefined
  let summaryDone: (() => void) | undefined
  const summary = () => {
    const sum = { ...total }
    for (const c of latest.values()) for (const k of Object.keys(sum) as (keyof OrganizationCounts)[]) sum[k] += c[k]
    return `${lang === 'zh' ? '单位' : 'organizations'} ${doneCount}/${plan.organizations.length}：${counts(sum, lang)}`
  }
  const tasks = perOrganization
    ? plan.organizations.map((o) => ({
        title: label(o.id),
        task: (_: unknown, task: { title: string }) =>
          new Promise<void>((done) => {
            waiting.set(o.id, { title: (t) => (task.title = t), done })
            if (finished.has(o.id)) done()
          }),
      }))
    : [
        {
          title: summary(),
          task: (_: unknown, task: { title: string }) =>
            new Promise<void>((done) => {
              summaryTitle = (t) => (task.title = t)
              summaryDone = done
              if (doneCount === plan.organizations.length) done()
            }),
        },
      ]
  const list = new Listr(tasks, {
    concurrent: true,
    exitOnError: false,
    // listr2 would exit on Ctrl-C; the command handles it to save what finished.
    registerSignalListeners: false,
    rendererOptions: { logger: new ListrLogger({ processOutput: new ProcessOutput(process.stderr, process.stderr) }) },
  })
  const running = list.run()
  const result = await scan((e) => {
    if (e.type === 'organization-done') {
      doneCount++
      latest.set(e.organization, e.counts)
      finished.add(e.organization)
      waiting.get(e.organization)?.title(`${label(e.organization)}  ${counts(e.counts, lang)}`)
      waiting.get(e.organization)?.done()
    } else {
      latest.set(e.organization, e.counts)
      waiting.get(e.organization)?.title(`${label(e.organization)}  ${counts(e.counts, lang)}`)
    }
    summaryTitle?.(summary())
    if (doneCount === plan.organizations.length) summaryDone?.()
  })
  for (const o of plan.organizations) waiting.get(o.id)?.done()
  summaryDone?.()
  await running
  return result
}

function candidateLine(c: ChannelCandidate, ctx: CommandContext): string {
  const { lang } = ctx
  const id = c.identifiers.appid ?? c.identifiers.androidPackage ?? (c.identifiers.iosAppId ? `id${c.identifiers.iosAppId}` : undefined) ?? c.identifiers.officialAccountId ?? c.identifiers.h5Url ?? c.identifiers.storeLink ?? c.identifiers.apkUrl ?? ''
  const e = c.evidence[0]
  const where = e ? `${e.pageUrl} (${e.where})` : ''
  return `  ${TYPE_LABEL[c.type][lang]}  ${c.name ?? (lang === 'zh' ? '（无名称）' : '(no name)')}  ${id}\n      ${paint(ctx, 'dim', `${lang === 'zh' ? '见' : 'seen at'} ${where}${c.mentions > 1 ? (lang === 'zh' ? `，共 ${c.mentions} 处` : `, ${c.mentions} places`) : ''}`)}\n`
}

/** The results as text for people. */
export function renderScanText(result: WebScanResult, ctx: CommandContext): string {
  const { lang } = ctx
  const s = result.summary
  const out: string[] = []
  const head = (zh: string, en: string) => out.push('', paint(ctx, 'bold', lang === 'zh' ? zh : en))
  out.push(
    lang === 'zh'
      ? `已扫描 ${s.organizations} 个单位：探测已登记的 H5 地址 ${s.probes} 个，抓取页面 ${s.pages} 个，发现渠道线索 ${s.candidates} 条（已登记 ${s.matched}，未登记 ${s.undeclared}），已登记但未找到 ${s.notFound} 个`
      : `scanned ${s.organizations} organizations: ${s.probes} declared H5 URLs probed, ${s.pages} pages crawled, ${s.candidates} channel candidates (${s.matched} matched, ${s.undeclared} undeclared), ${s.notFound} declared but not found`,
  )
  if (result.probes.length > 0) {
    head('已登记 H5 地址探测', 'Declared H5 URLs')
    for (const p of result.probes) {
      const e = p.evidence
      const cls = CLASSIFICATION_LABEL[e.classification][lang].replace('省级平台', result.platform.name)
      const style = e.classification === 'ok' ? 'green' : e.classification === 'redirected-to-platform' || e.classification === 'notice-page' ? 'cyan' : 'red'
      const detail = [e.status !== undefined ? String(e.status) : '', e.reason ?? '', e.finalUrl !== e.url ? `→ ${e.finalUrl}` : '', e.title ? `“${e.title}”` : ''].filter(Boolean).join('  ')
      out.push(`  ${p.channel}  ${e.url}  ${paint(ctx, style, cls)}  ${paint(ctx, 'dim', detail)}`)
      for (const r of p.review.filter((x) => x.status === 'fail')) out.push(`      ${paint(ctx, 'yellow', lang === 'zh' ? '审核项' : 'review')} ${r.title[lang]}${lang === 'zh' ? '：' : ': '}${r.detail[lang]}`)
    }
  }
  const undeclared = result.reconciliation.undeclared
  if (undeclared.length > 0) {
    head('未登记的渠道线索（请核实并补录清单）', 'Undeclared channel candidates (check and add them to the inventory)')
    for (const c of undeclared) out.push(candidateLine(c, ctx).trimEnd())
  }
  if (result.reconciliation.notFound.length > 0) {
    head('已登记但未在网站上找到', 'Declared but not found on any website')
    for (const n of result.reconciliation.notFound) {
      out.push(`  ${n.channel}  ${TYPE_LABEL[n.type][lang]}  ${n.name}${n.probe ? `  (${CLASSIFICATION_LABEL[n.probe][lang]})` : ''}`)
    }
  }
  if (result.reconciliation.matched.length > 0) {
    head('已登记并在网站上找到', 'Declared and found')
    const byChannel = new Map<string, number>()
    for (const m of result.reconciliation.matched) byChannel.set(m.channel, (byChannel.get(m.channel) ?? 0) + 1)
    out.push(`  ${[...byChannel.keys()].join(lang === 'zh' ? '、' : ', ')}`)
  }
  const errors = result.sites.flatMap((site) => site.errors.map((e) => ({ site: site.organization, ...e })))
  if (errors.length > 0) {
    head('抓取错误', 'Crawl errors')
    for (const e of errors.slice(0, 20)) out.push(`  ${e.site}  ${e.url}  ${CLASSIFICATION_LABEL[e.classification][lang]}${e.reason ? ` (${e.reason})` : ''}`)
    if (errors.length > 20) out.push(lang === 'zh' ? `  ……另有 ${errors.length - 20} 个，见结果文件` : `  … ${errors.length - 20} more in the results file`)
  }
  if (!result.complete) out.push('', paint(ctx, 'yellow', T.interrupted[lang]))
  return `${out.join('\n')}\n`
}

/**
 * Read the inventory and plan the scan. The inventory itself is not kept:
 * only the plan lives through a scan that may take hours. A scan needs
 * schema-valid entities, not a clean `inventory check`, so reading is enough.
 */
async function planFor(ctx: CommandContext, dir: string): Promise<{ plan: WebScanPlan; profile: AccessProfile }> {
  const inventory = await loadInventory(dir)
  const errors = inventory.findings.filter((f) => f.severity === 'error').length
  if (errors > 0) ctx.stderr.write(`${paint(ctx, 'yellow', T.inventoryErrors[ctx.lang](errors))}\n`)
  const region = inventory.entities.find((e) => e.kind === 'Region')
  const profile = await profileFor(ctx, region?.kind === 'Region' ? region.spec.platform : undefined)
  return { plan: planWebScan(inventory.entities, { organizations: (ctx.options.org as string[] | undefined) ?? [] }), profile }
}

export async function run(ctx: CommandContext): Promise<number> {
  const { lang } = ctx
  const dir = inventoryDirArg(ctx)
  const resolveMap = parseResolve(ctx.options.resolve as string[] | undefined)
  const numbers = {
    concurrency: integerOption(ctx, 'concurrency', 1),
    perHost: integerOption(ctx, 'per-host', 1),
    rate: integerOption(ctx, 'rate', 0),
    depth: integerOption(ctx, 'depth', 0),
    maxPages: integerOption(ctx, 'max-pages', 1),
    timeout: integerOption(ctx, 'timeout', 100),
    retries: integerOption(ctx, 'retries', 0),
  }
  const ca = await Promise.all(((ctx.options.ca as string[] | undefined) ?? []).map((f) => readFile(resolve(ctx.cwd, f), 'utf8')))

  const { plan, profile } = await planFor(ctx, dir)
  if (plan.organizations.length === 0) {
    ctx.stderr.write(`${T.nothing[lang]}\n`)
    return 0
  }

  const controller = new AbortController()
  let interrupts = 0
  const onSigint = () => {
    interrupts++
    if (interrupts > 1) process.exit(130)
    ctx.stderr.write(`\n${T.stopping[lang]}\n`)
    controller.abort(new Error('interrupted'))
  }
  process.on('SIGINT', onSigint)
  const total = numbers.timeout ?? 30_000
  const options: WebScanOptions = {
    profile,
    resolve: resolveMap,
    ...(ca.length > 0 ? { ca } : {}),
    allowPrivate: (ctx.options['allow-private'] as string[] | undefined) ?? [],
    ...(numbers.concurrency !== undefined ? { concurrency: numbers.concurrency } : {}),
    ...(numbers.perHost !== undefined ? { perHostConcurrency: numbers.perHost } : {}),
    ...(numbers.rate !== undefined ? { perHostRate: numbers.rate } : {}),
    ...(numbers.depth !== undefined ? { maxDepth: numbers.depth } : {}),
    ...(numbers.maxPages !== undefined ? { maxPages: numbers.maxPages } : {}),
    ...(numbers.retries !== undefined ? { retries: numbers.retries } : {}),
    // --timeout bounds a whole exchange; no single phase may take longer.
    timeouts: { total, lookup: Math.min(5000, total), connect: Math.min(5000, total), secureConnect: Math.min(5000, total), send: Math.min(10_000, total), response: Math.min(15_000, total), idle: Math.min(15_000, total) },
    discover: ctx.options.discover !== false,
    robots: ctx.options.robots !== false,
    signal: controller.signal,
  }
  let result: WebScanResult
  try {
    result = await withProgress(ctx, plan, (onEvent) => scanWeb(plan, { ...options, onEvent }))
  } finally {
    process.off('SIGINT', onSigint)
  }

  const out = ctx.options.out as string | undefined
  const data = out || ctx.options.format === 'json' ? json(result) : ''
  if (out) {
    const target = resolve(ctx.cwd, out)
    await writeFileAtomic(target, data)
    ctx.stderr.write(`${T.written[lang]} ${displayPath(ctx.cwd, target)}\n`)
  }
  if (ctx.options.format === 'json') ctx.stdout.write(data)
  else ctx.stdout.write(renderScanText(result, ctx))
  return result.complete ? 0 : 130
}
