/**
 * Suggested `Interface` entities for the endpoints a scan found, one per
 * back-end host, ready to paste into the inventory (and valid for
 * `yingjie inventory check` once the owner is a real Organization id).
 */
import type { EndpointReport, SuggestedInterface, SuggestedOperation } from './types'

const ID_MAX = 100
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE'])

export function slug(text: string, max = 60): string {
  const s = text
    .toLowerCase()
    .replace(/\{[^}]*\}/g, 'x')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
  const cut = s.slice(0, max).replace(/-+$/, '')
  return cut || 'x'
}

function protocolOf(paths: string[]): SuggestedInterface['protocol'] {
  if (paths.some((p) => /\.(asmx|svc)(\b|$)|[?&]wsdl\b|\/services\//i.test(p))) return 'soap'
  if (paths.length > 0 && paths.every((p) => /\.(asp|aspx|jsp|php|do|action)(\b|$)/i.test(p))) return 'html-form'
  return 'rest-json'
}

/** The longest run of leading path segments all paths share (placeholders never shared). */
function commonPrefix(paths: string[]): string {
  // One path has no shared prefix to speak of: keep the origin as the endpoint.
  if (new Set(paths).size < 2) return ''
  const split = paths.map((p) => p.split('?')[0]!.split('/').filter(Boolean))
  const first = split[0]!
  let n = 0
  while (n < first.length && !first[n]!.includes('{') && split.every((s) => s[n] === first[n] && s.length > n + 1)) n++
  return n === 0 ? '' : `/${first.slice(0, n).join('/')}`
}

export interface SuggestOptions {
  /** Prefix of the entity ids, e.g. the channel id. @default 'scanned' */
  idPrefix?: string
}

export function suggestInterfaces(endpoints: readonly (EndpointReport & { project: string })[], options: SuggestOptions = {}): SuggestedInterface[] {
  const prefix = slug(options.idPrefix ?? 'scanned', 40)
  const byOrigin = new Map<string, (EndpointReport & { project: string })[]>()
  for (const e of endpoints) {
    if (!e.host || e.host.includes('{')) continue
    const scheme = /^(\w+):/.exec(e.url)?.[1] ?? 'https'
    if (scheme !== 'http' && scheme !== 'https') continue
    const origin = `${scheme}://${e.host}`
    const list = byOrigin.get(origin)
    if (list) list.push(e)
    else byOrigin.set(origin, [e])
  }
  const out: SuggestedInterface[] = []
  const ids = new Set<string>()
  for (const [origin, list] of [...byOrigin].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const host = origin.slice(origin.indexOf('//') + 2)
    const paths = list.map((e) => e.path)
    const base = commonPrefix(paths)
    let id = `${prefix}-${slug(host)}`.slice(0, ID_MAX).replace(/-+$/, '')
    for (let n = 2; ids.has(id); n++) id = `${prefix}-${slug(host)}-${n}`
    ids.add(id)
    const ops: SuggestedOperation[] = []
    const opIds = new Set<string>()
    const seen = new Set<string>()
    for (const e of [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : (a.method ?? '') < (b.method ?? '') ? -1 : 1))) {
      const path = e.path.split('?')[0]!.slice(base.length) || '/'
      const method = e.method && METHODS.has(e.method) ? (e.method as SuggestedOperation['method']) : undefined
      const key = `${method ?? ''} ${path}`
      if (seen.has(key)) continue
      seen.add(key)
      let opId = slug(`${method ?? 'call'}-${path}`, 80)
      for (let n = 2; opIds.has(opId); n++) opId = `${slug(`${method ?? 'call'}-${path}`, 76)}-${n}`
      opIds.add(opId)
      ops.push({ id: opId, name: `${method ?? '?'} ${path}`, ...(method ? { method } : {}), path })
    }
    out.push({ id, host, endpoint: `${origin}${base}`, protocol: protocolOf(paths), operations: ops, projects: [...new Set(list.map((e) => e.project))].sort() })
  }
  return out
}

const PLAIN = /^[A-Za-z0-9\u4e00-\u9fff（）][A-Za-z0-9_\u4e00-\u9fff（）、，：. /-]*$/
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~|[-+]?\d[\d._]*(e[-+]?\d+)?|\.inf|\.nan)$/i

export function yamlScalar(s: string): string {
  return PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(' ') && !s.includes(': ') && !s.includes(' #') ? s : JSON.stringify(s)
}

export interface InterfacesYamlOptions {
  /** Organization id for `metadata.owner`. Without it a placeholder is written that `inventory check` reports. */
  owner?: string
  /** Path from the YAML file to inventory.schema.json, for the editor header. */
  schemaRef: string
  /** Which scan produced it, for the comment. */
  source: string
  lang: 'zh' | 'en'
}

export const OWNER_PLACEHOLDER = 'todo-owner'

export function renderInterfacesYaml(interfaces: readonly SuggestedInterface[], options: InterfacesYamlOptions): string {
  const zh = options.lang === 'zh'
  const lines: string[] = [
    `# yaml-language-server: $schema=${options.schemaRef}`,
    zh ? `# 由 yingjie inventory scan source 根据源码生成（${options.source}）：建议的接口条目，按后端主机分组。` : `# Suggested by yingjie inventory scan source from the source code (${options.source}), one per back-end host.`,
    zh
      ? '# 请核对系统名称、协议、认证方式、操作名称和字段后再放入清单；操作名称暂用“方法 路径”。'
      : '# Check the system name, protocol, auth, operation names and fields before adding them to the inventory; names are "METHOD path" for now.',
  ]
  if (!options.owner) {
    lines.push(
      zh
        ? `# metadata.owner 暂为 ${OWNER_PLACEHOLDER}，请改为所属单位（Organization）的 id，或运行时加 --owner。`
        : `# metadata.owner is ${OWNER_PLACEHOLDER}: set it to the owning Organization's id, or pass --owner.`,
    )
  }
  if (interfaces.length === 0) lines.push(zh ? '# 没有发现可确定主机的后端接口。' : '# No back-end endpoint with a known host was found.')
  interfaces.forEach((i, n) => {
    if (n > 0 || lines.length > 0) lines.push('---')
    lines.push(
      'apiVersion: yingjie/v1',
      'kind: Interface',
      'metadata:',
      `  id: ${i.id}`,
      `  name: ${yamlScalar(zh ? `${i.host} 接口（源码扫描发现）` : `${i.host} interface (found in source)`)}`,
      `  owner: ${options.owner ?? OWNER_PLACEHOLDER}`,
      `  description: ${yamlScalar(zh ? `调用方：${i.projects.join('、')}` : `called by: ${i.projects.join(', ')}`)}`,
      '  labels:',
      '    yingjie.scan: source',
      'spec:',
      `  system: ${yamlScalar(zh ? `待确认（${i.host}）` : `to confirm (${i.host})`)}`,
      `  protocol: ${i.protocol}`,
      `  endpoint: ${yamlScalar(i.endpoint)}`,
    )
    if (i.operations.length > 0) {
      lines.push('  operations:')
      for (const op of i.operations) {
        lines.push(`    - id: ${op.id}`, `      name: ${yamlScalar(op.name)}`)
        if (op.method) lines.push(`      method: ${op.method}`)
        lines.push(`      path: ${yamlScalar(op.path)}`)
      }
    }
  })
  return `${lines.join('\n')}\n`
}
