import type { AnyEntity } from '@yingjie/model'

// Readers for other tools' reports that feed the risk score. They accept the
// JSON of `yingjie inventory scan source` and `yingjie adapter verify`, and
// anything shaped like them, because those formats are still settling: what
// matters is a list of blockers (or failed checks) and what they belong to.

/** One report: its text, and the channel (or interface) it is about when the user said so (`ID=FILE`). */
export interface ReportInput {
  text: string
  /** Explicit subject: a channel id (source scans) or a channel/interface id (conformance). */
  subject?: string
  file?: string
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

const SUBJECT_KEYS = ['channel', 'channelId', 'interface', 'adapter', 'subject']
const PLACE_KEYS = ['path', 'root', 'dir', 'project', 'name']

function describe(item: Json): string {
  if (typeof item === 'string') return item
  if (item && typeof item === 'object' && !Array.isArray(item)) {
    if (typeof item.zh === 'string') return item.zh
    // The source scanner's BlockerReport: { service, apis: [...], reason: { zh, en } }
    if (Array.isArray(item.apis) && item.apis.length > 0) {
      const reason = item.reason && typeof item.reason === 'object' && !Array.isArray(item.reason) && typeof item.reason.zh === 'string' ? `（${item.reason.zh}）` : ''
      return `${item.apis.filter((a) => typeof a === 'string').join('、')}${reason}`
    }
    for (const k of ['message', 'title', 'reason', 'api', 'capability', 'service', 'name', 'id']) {
      const v = item[k]
      if (typeof v === 'string' && v) {
        const zh = item.zh
        return typeof zh === 'string' ? zh : v
      }
      if (v && typeof v === 'object' && !Array.isArray(v) && typeof v.zh === 'string') return v.zh
    }
  }
  return JSON.stringify(item)
}

/**
 * Blockers per channel from source-scan reports (`yingjie inventory scan
 * source --format json`). A report names its channel explicitly (`ID=FILE` on
 * the command line, or a `channel` field), or each project is matched by its
 * mini-program appid, or by its path against each channel's id,
 * `source.path` and `source.repository`.
 */
export function blockersFromSourceReports(reports: readonly ReportInput[], entities: readonly AnyEntity[]): Map<string, string[]> {
  const channels = entities.filter((e) => e.kind === 'Channel')
  const out = new Map<string, string[]>()
  const push = (id: string, list: string[]): void => {
    if (list.length === 0) return
    out.set(id, [...(out.get(id) ?? []), ...list])
  }
  const byAppid = new Map<string, string>()
  for (const c of channels) if (c.kind === 'Channel' && c.spec.identifiers?.miniprogram?.appid) byAppid.set(c.spec.identifiers.miniprogram.appid, c.metadata.id)
  const matchPlace = (place: string): string | undefined => {
    for (const c of channels) {
      if (c.kind !== 'Channel') continue
      const src = c.spec.source
      const repoName = src?.repository?.replace(/\.git$/, '').split('/').pop()
      if (place.includes(c.metadata.id)) return c.metadata.id
      if (src?.path && src.path.length > 2 && place.replace(/\/$/, '').endsWith(src.path.replace(/\/$/, ''))) return c.metadata.id
      if (repoName && place.split(/[\\/]/).includes(repoName)) return c.metadata.id
    }
    return undefined
  }
  for (const report of reports) {
    const root = JSON.parse(report.text) as Json
    const walk = (node: Json, subject: string | undefined): void => {
      if (Array.isArray(node)) {
        for (const n of node) walk(n, subject)
        return
      }
      if (!node || typeof node !== 'object') return
      let here = subject
      for (const k of SUBJECT_KEYS) if (typeof node[k] === 'string') here = here ?? (node[k] as string)
      if (!here && typeof node.appid === 'string') here = byAppid.get(node.appid)
      if (!here) for (const k of PLACE_KEYS) if (typeof node[k] === 'string') here = matchPlace(node[k] as string) ?? here
      const blockers = node.blockers
      if (Array.isArray(blockers) && here) push(here, blockers.map(describe))
      for (const [k, v] of Object.entries(node)) if (k !== 'blockers' && v && typeof v === 'object') walk(v, here)
    }
    walk(root, report.subject)
  }
  return out
}

/**
 * Failed conformance checks per subject (channel or interface id) from
 * `adapter verify --json` output or JUnit XML. A subject comes from `ID=FILE`,
 * a `channel` / `interface` / `adapter` field, or the JUnit suite name.
 */
export function conformanceFailures(reports: readonly ReportInput[]): Map<string, string[]> {
  const out = new Map<string, string[]>()
  const push = (id: string | undefined, name: string): void => {
    if (!id) return
    out.set(id, [...(out.get(id) ?? []), name])
  }
  for (const report of reports) {
    const text = report.text.trimStart()
    if (text.startsWith('<')) {
      const suites = text.split(/<testsuite\b/).slice(1)
      for (const suite of suites) {
        const suiteName = /^[^>]*\bname="([^"]*)"/.exec(suite)?.[1]
        for (const m of suite.matchAll(/<testcase\b[^>]*\bname="([^"]*)"[^>]*?(?:\/>|>([\s\S]*?)<\/testcase>)/g)) {
          if (m[2] && /<(failure|error)\b/.test(m[2])) push(report.subject ?? suiteName, unescapeXml(m[1]!))
        }
      }
      continue
    }
    const root = JSON.parse(text) as Json
    const walk = (node: Json, subject: string | undefined): void => {
      if (Array.isArray(node)) {
        for (const n of node) walk(n, subject)
        return
      }
      if (!node || typeof node !== 'object') return
      let here = subject
      for (const k of SUBJECT_KEYS) if (typeof node[k] === 'string') here = here ?? (node[k] as string)
      const checks = node.checks ?? node.results
      if (Array.isArray(checks)) {
        for (const c of checks) {
          if (!c || typeof c !== 'object' || Array.isArray(c)) continue
          const failed = c.ok === false || c.passed === false || c.pass === false || (typeof c.status === 'string' && /^(fail|failed|error)$/i.test(c.status))
          if (failed) push(here, describe(c.title ?? c.name ?? c.id ?? c))
        }
      }
      for (const [k, v] of Object.entries(node)) if (k !== 'checks' && k !== 'results' && v && typeof v === 'object') walk(v, here)
    }
    walk(root, report.subject)
  }
  return out
}

function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')
}
