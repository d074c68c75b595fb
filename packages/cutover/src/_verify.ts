import { join } from 'node:path'
import { writeFileAtomic, type AnyEntity, type ChannelType, type Entity, type Localized, type Stage } from '@yingjie/model'
import { advanceChannel } from './_advance'
import { STAGE_LABELS } from './_labels'
import { stageIndex, VERIFY_FROM } from './_machine'
import type { ChannelPlan, CutoverPlan } from './_plan'

/** What probing one URL saw. Everything but `text` is kept in the evidence file. */
export interface ProbeEvidence {
  url: string
  /** When the probe ran (ISO 8601). */
  time: string
  /** Final HTTP status, null when no response came back. */
  status: number | null
  /** Where the redirects ended; for a redirect to a host the probe may not contact, that host's URL. */
  finalUrl: string | null
  /** Every hop, in order (HTTP Location and meta refresh). */
  redirects: string[]
  title: string | null
  /** The visible text around a shutdown notice, or the start of the page. */
  snippet: string | null
  bodySha256: string | null
  bytes?: number
  /** Why no response came (DNS, timeout, refused, …). */
  error?: string
  /** Visible text of the page, for judging; not written to evidence files. */
  text?: string
}

/**
 * Fetch one URL and describe what came back. The CLI injects the web
 * scanner's probe; tests use their own against loopback servers.
 */
export type Probe = (url: string) => Promise<ProbeEvidence>

/** The provincial platform an old channel must point to. */
export interface PlatformRef {
  /** Names a shutdown notice must mention, e.g. ['冀时办']. */
  names: string[]
  /** Hosts (and their subdomains) of the platform, e.g. ['hbzwfw.gov.cn']. */
  domains: string[]
}

/** Words that mark a shutdown or move notice. */
export const SHUTDOWN_WORDS = ['停止服务', '停止对外服务', '停服', '关停', '已下线', '下线', '停止运行', '迁移至', '迁移到', '已迁移', '已迁至', '请前往', '请使用', '改用', '不再提供', 'no longer', 'discontinued', 'moved to', 'shut down']

export type VerdictKind = 'redirect' | 'notice' | 'serving' | 'gone' | 'unreachable'

export interface ShutdownVerdict {
  passed: boolean
  kind: VerdictKind
  reason: Localized
}

function hostOf(url: string | null | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

function onPlatform(url: string | null | undefined, platform: PlatformRef): boolean {
  const host = hostOf(url)
  return !!host && platform.domains.some((d) => host === d.toLowerCase() || host.endsWith(`.${d.toLowerCase()}`))
}

/** Does the evidence show the old channel is off: redirected to the platform, or a notice naming it? Pure. */
export function judgeShutdown(e: ProbeEvidence, platform: PlatformRef): ShutdownVerdict {
  const hop = [...e.redirects, e.finalUrl].find((u) => onPlatform(u, platform))
  if (hop) return { passed: true, kind: 'redirect', reason: { zh: `已跳转至省级平台：${hop}`, en: `redirects to the platform: ${hop}` } }
  if (e.status === null) {
    return {
      passed: false,
      kind: 'unreachable',
      reason: {
        zh: `无法访问（${e.error ?? '无响应'}），不能证明已跳转或已公告；如域名已注销，请补充人工证明材料`,
        en: `unreachable (${e.error ?? 'no response'}); this proves neither a redirect nor a notice; if the domain was cancelled, add manual evidence`,
      },
    }
  }
  const text = `${e.title ?? ''}\n${e.text ?? e.snippet ?? ''}`
  const word = SHUTDOWN_WORDS.find((w) => text.toLowerCase().includes(w.toLowerCase()))
  const name = platform.names.find((n) => n && text.includes(n))
  if (word && name) return { passed: true, kind: 'notice', reason: { zh: `页面显示停服公告并指向${name}（“${word}”）`, en: `the page shows a shutdown notice naming ${name} ("${word}")` } }
  if (e.status >= 400) {
    return {
      passed: false,
      kind: 'gone',
      reason: { zh: `返回 HTTP ${e.status}，但没有跳转至省级平台，也没有停服公告`, en: `HTTP ${e.status}, with neither a redirect to the platform nor a notice` },
    }
  }
  return {
    passed: false,
    kind: 'serving',
    reason: {
      zh: `原渠道仍在提供服务（HTTP ${e.status}${e.title ? `，标题“${e.title}”` : ''}）${word && !name ? `：有停服字样但未指明${platform.names[0] ?? '省级平台'}` : ''}`,
      en: `the old channel still serves (HTTP ${e.status}${e.title ? `, title "${e.title}"` : ''})${word && !name ? `: shutdown wording without naming ${platform.names[0] ?? 'the platform'}` : ''}`,
    },
  }
}

/** Manual evidence an unprobeable channel needs, and words that show an evidence entry covers it. */
interface ManualItem {
  label: Localized
  words: RegExp
  when?: (c: Entity<'Channel'>) => boolean
}

export const MANUAL_EVIDENCE: Record<Exclude<ChannelType, 'h5'>, ManualItem[]> = {
  app: [
    { label: { zh: '安卓应用商店下架证明（截图或商店回执）', en: 'Android store delisting (screenshot or store receipt)' }, words: /下架|delist|应用商店|android|安卓/i, when: (c) => !!c.spec.identifiers?.androidPackage || !c.spec.identifiers?.iosAppId },
    { label: { zh: 'App Store 下架证明', en: 'App Store delisting' }, words: /app ?store|ios|苹果/i, when: (c) => !!c.spec.identifiers?.iosAppId },
    { label: { zh: '服务端停止对外服务证明（接口关闭记录或旧版启动提示截图）', en: 'proof the server stopped (interfaces closed, or the old app showing the move notice)' }, words: /服务端|接口|server|启动提示|停止服务/i },
  ],
  miniprogram: [
    { label: { zh: '小程序暂停服务或注销证明（平台后台截图）', en: 'mini-program suspended or cancelled (console screenshot)' }, words: /暂停|注销|停止服务|suspend|cancel/i },
    { label: { zh: '打开原小程序后的跳转提示页截图', en: 'screenshot of the move notice shown when opening it' }, words: /跳转|提示页|notice|截图|screenshot/i },
  ],
  'official-account': [
    { label: { zh: '菜单改链至省级平台或停止服务的截图', en: 'menus relinked to the platform, or service stopped (screenshot)' }, words: /菜单|改链|menu|停止服务|注销/i },
  ],
}

const NOTICE_ITEM: ManualItem = { label: { zh: '停服公告（网址或截图）', en: 'the shutdown notice (URL or screenshot)' }, words: /./ }

export interface VerifyOptions {
  probe: Probe
  platform: PlatformRef
  /** Folder for evidence files (JSON, one per probe). */
  evidenceDir: string
  /** Inventory root: needed with `record` (to advance) and to write evidence paths relative to it. */
  root: string
  /** Advance shutdown → verified for channels whose evidence passes. */
  record?: boolean
  /** Date of recorded events. @default the plan's as-of date */
  date?: string
  by?: string
  /** Probes at once. @default 8 */
  concurrency?: number
}

export interface VerifyItem {
  channel: string
  name: string
  type: ChannelType
  owner: string
  ownerName: string
  stage: Stage
  url: string | null
  /** Probed result, for H5 channels. */
  verdict: ShutdownVerdict | null
  evidence: Omit<ProbeEvidence, 'text'> | null
  evidenceFile: string | null
  /** Manual evidence still missing, for channels that cannot be probed. */
  missing: Localized[]
  /** Set when `record` appended the verified event. */
  recorded: boolean
  /** Why recording was refused, if it was. */
  recordError?: Localized
}

export interface VerifyReport {
  asOf: string
  platform: PlatformRef
  items: VerifyItem[]
  totals: { checked: number; probed: number; passed: number; failed: number; manualMissing: number; recorded: number }
}

/** Channels at or past `notice` on the plan date: the ones whose old channel must show it is going or gone. */
export function channelsToVerify(plan: CutoverPlan): ChannelPlan[] {
  return plan.channels.filter((p) => stageIndex(p.stage) >= stageIndex(VERIFY_FROM))
}

/**
 * Probe the old channel of every channel at notice stage or later, keep the
 * evidence, and (with `record`) advance shutdown → verified where it passes.
 */
export async function verifyCutover(plan: CutoverPlan, entities: readonly AnyEntity[], options: VerifyOptions): Promise<VerifyReport> {
  const channels = new Map<string, Entity<'Channel'>>()
  const migrations = new Map<string, Entity<'Migration'>>()
  for (const e of entities) {
    if (e.kind === 'Channel') channels.set(e.metadata.id, e)
    else if (e.kind === 'Migration' && !migrations.has(e.spec.channel)) migrations.set(e.spec.channel, e)
  }
  const todo = channelsToVerify(plan)
  const items: VerifyItem[] = new Array(todo.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const i = next++
      items[i] = await verifyOne(todo[i]!, channels.get(todo[i]!.channel)!, migrations.get(todo[i]!.channel), plan, options)
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 8, todo.length) }, worker))
  // Recording is sequential: each advance takes the file lock.
  if (options.record) {
    for (const item of items) {
      if (!item.verdict?.passed || item.stage !== 'shutdown') continue
      try {
        await advanceChannel(options.root, {
          channel: item.channel,
          stage: 'verified',
          date: options.date ?? plan.asOf,
          by: options.by,
          note: `关停核验通过：${item.verdict.reason.zh}`,
          evidence: item.evidenceFile ? [join(options.evidenceDir, item.evidenceFile)] : undefined,
        }, { cwd: options.root })
        item.recorded = true
      } catch (error) {
        const f = (error as { finding?: { message: Localized } }).finding
        item.recordError = f?.message ?? { zh: String(error), en: String(error) }
      }
    }
  }
  const probed = items.filter((i) => i.verdict)
  return {
    asOf: plan.asOf,
    platform: options.platform,
    items,
    totals: {
      checked: items.length,
      probed: probed.length,
      passed: probed.filter((i) => i.verdict!.passed).length,
      failed: probed.filter((i) => !i.verdict!.passed).length,
      manualMissing: items.filter((i) => i.missing.length > 0).length,
      recorded: items.filter((i) => i.recorded).length,
    },
  }
}

async function verifyOne(p: ChannelPlan, c: Entity<'Channel'>, m: Entity<'Migration'> | undefined, plan: CutoverPlan, options: VerifyOptions): Promise<VerifyItem> {
  const base: VerifyItem = {
    channel: p.channel,
    name: p.name,
    type: p.type,
    owner: p.owner,
    ownerName: p.ownerName,
    stage: p.stage!,
    url: null,
    verdict: null,
    evidence: null,
    evidenceFile: null,
    missing: [],
    recorded: false,
  }
  const url = c.spec.type === 'h5' ? c.spec.identifiers?.h5Url : undefined
  if (url) {
    const raw = await options.probe(url)
    const { text, ...evidence } = raw
    void text
    const verdict = judgeShutdown(raw, options.platform)
    const stamp = evidence.time.replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')
    const name = `${p.channel}-${stamp}.json`
    await writeFileAtomic(
      join(options.evidenceDir, name),
      `${JSON.stringify({ channel: p.channel, name: p.name, owner: p.ownerName, stage: p.stage, asOf: plan.asOf, platform: options.platform, verdict, probe: evidence }, null, 2)}\n`,
    )
    return { ...base, url, verdict, evidence, evidenceFile: name }
  }
  // Cannot be probed: list what a person still has to supply.
  const events = (m?.spec.events ?? []).filter((e) => e.date <= plan.asOf)
  const onOrAfter = (s: Stage): string[] => events.filter((e) => stageIndex(e.stage) >= stageIndex(s)).flatMap((e) => e.evidence ?? [])
  const needed: ManualItem[] = [NOTICE_ITEM]
  if (stageIndex(p.stage) >= stageIndex('shutdown')) {
    const list = c.spec.type === 'h5' ? [] : MANUAL_EVIDENCE[c.spec.type]
    needed.push(...list.filter((item) => !item.when || item.when(c)))
  }
  const missing: Localized[] = []
  for (const item of needed) {
    const pool = item === NOTICE_ITEM ? onOrAfter('notice') : onOrAfter('shutdown')
    if (!pool.some((e) => item.words.test(e))) missing.push(item.label)
  }
  if (c.spec.type === 'h5') missing.push({ zh: `未登记 H5 网址，无法自动核验（${STAGE_LABELS[p.stage!].zh}）`, en: 'no H5 URL recorded; cannot probe it' })
  return { ...base, missing }
}
