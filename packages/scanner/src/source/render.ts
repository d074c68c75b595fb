/**
 * The report for people: one document model (headings, paragraphs, tables,
 * lists) rendered as Markdown and as a self-contained HTML page, plus a
 * short summary for the terminal. Chinese by default, English with 'en'.
 */
import type { Lang, Localized } from '@yingjie/model'
import { SERVICE_NAMES } from './assess'
import type { ApiStatus, Position, ProjectKind, ProjectReport, SkippedEntry, SourceScanReport, StatusCounts } from './types'

type Cell = string | { text: string; status: ApiStatus | 'none' }
type Block =
  | { h: 1 | 2 | 3; text: string }
  | { p: string }
  | { table: { head: string[]; rows: Cell[][] } }
  | { list: string[] }
  | { code: string }

const KIND_NAMES: Record<ProjectKind, Localized> = {
  'wechat-native': { zh: '微信原生小程序', en: 'WeChat native mini-program' },
  'alipay-native': { zh: '支付宝原生小程序', en: 'Alipay native mini-program' },
  'uni-app': { zh: 'uni-app 项目', en: 'uni-app project' },
  taro: { zh: 'Taro 项目', en: 'Taro project' },
  'h5-vue': { zh: 'H5（Vue）', en: 'H5 (Vue)' },
  'h5-react': { zh: 'H5（React）', en: 'H5 (React)' },
  'h5-plain': { zh: 'H5（原生页面）', en: 'H5 (plain pages)' },
  unknown: { zh: '未识别的项目', en: 'unrecognised project' },
}

const STATUS_NAMES: Record<string, Localized> = {
  '0': { zh: '支持', en: 'supported' },
  '1': { zh: '有差异', en: 'differs' },
  '2': { zh: '不支持', en: 'unsupported' },
  unknown: { zh: '未收录', en: 'not in map' },
  none: { zh: '—', en: '—' },
}

const SKIP_REASONS: Record<SkippedEntry['reason'], Localized> = {
  dependencies: { zh: '依赖目录', en: 'dependencies' },
  'build-output': { zh: '构建产物', en: 'build output' },
  minified: { zh: '压缩后的代码', en: 'minified bundle' },
  'too-large': { zh: '超过大小上限', en: 'over the size limit' },
  binary: { zh: '二进制文件', en: 'binary file' },
  'symlink-loop': { zh: '符号链接循环', en: 'symbolic link loop' },
  unreadable: { zh: '无法读取', en: 'unreadable' },
  'not-found': { zh: '不存在', en: 'not found' },
}

const MAX_LOCATIONS = 3

export function kindName(kind: ProjectKind, lang: Lang): string {
  return KIND_NAMES[kind][lang]
}

export function statusName(status: ApiStatus | 'none', lang: Lang): string {
  return STATUS_NAMES[String(status)]![lang]
}

function pos(p: Position): string {
  return `${p.file}:${p.line}:${p.column}`
}

function positions(list: readonly Position[], lang: Lang): string {
  const shown = list.slice(0, MAX_LOCATIONS).map(pos).join(lang === 'zh' ? '；' : '; ')
  const more = list.length - MAX_LOCATIONS
  return more > 0 ? `${shown}${lang === 'zh' ? ` 等 ${list.length} 处` : ` and ${more} more`}` : shown
}

function counts(c: StatusCounts, lang: Lang): string {
  return lang === 'zh'
    ? `支持 ${c.supported} · 有差异 ${c.differs} · 不支持 ${c.unsupported} · 未收录 ${c.unknown}`
    : `supported ${c.supported} · differs ${c.differs} · unsupported ${c.unsupported} · not in map ${c.unknown}`
}

function projectTitle(p: ProjectReport, lang: Lang): string {
  const kind = kindName(p.kind, lang)
  return lang === 'zh' ? `${p.root}（${kind}${p.name ? `，${p.name}` : ''}）` : `${p.root} (${kind}${p.name ? `, ${p.name}` : ''})`
}

function document(report: SourceScanReport, lang: Lang): Block[] {
  const zh = lang === 'zh'
  const t = (z: string, e: string): string => (zh ? z : e)
  const platform = report.profile.platform[lang]
  const s = report.summary
  const out: Block[] = [
    { h: 1, text: t('源码扫描报告：接入省级平台需要什么', 'Source scan report: what moving to the provincial platform takes') },
    {
      p: t(
        `接入规范：${platform}（${report.profile.id}）。扫描：${report.roots.join('、')}。项目 ${s.projects} 个，文件 ${s.files.scanned} 个（未能解析 ${s.files.unparsed} 个，跳过 ${s.files.skipped} 项，其他类型文件 ${s.files.other} 个）。`,
        `Profile: ${platform} (${report.profile.id}). Scanned: ${report.roots.join(', ')}. ${s.projects} projects, ${s.files.scanned} files (${s.files.unparsed} unparsed, ${s.files.skipped} skipped, ${s.files.other} files of other types).`,
      ),
    },
    { h: 2, text: t('总览', 'Overview') },
    {
      table: {
        head: [t('项目', 'project'), t('类型', 'kind'), t('平台接口', 'platform APIs'), t('后端接口', 'endpoints'), t('阻碍项', 'blockers'), t('工作量（人日）', 'effort (person-days)')],
        rows: report.projects.map((p) => [
          p.root,
          kindName(p.kind, lang),
          counts(p.totals.apis, lang),
          String(p.endpoints.length),
          String(p.blockers.reduce((n, b) => n + b.apis.length, 0)),
          String(p.effort.days),
        ]),
      },
    },
    {
      p: t(
        `状态取自接入规范的能力映射表：支持＝可直接使用；有差异＝可用但需改写；不支持＝没有对应能力或需要平台服务；未收录＝映射表中没有该接口，需要人工确认。`,
        `Statuses come from the profile's capability map: supported = works as is; differs = works with changes; unsupported = no counterpart or needs a platform service; not in map = the map has no entry, check by hand.`,
      ),
    },
  ]

  for (const p of report.projects) {
    out.push({ h: 2, text: `${t('项目', 'Project')} ${projectTitle(p, lang)}` })
    const facts: string[] = [
      `${t('标识文件', 'Markers')}: ${p.markers.join(', ') || '—'}`,
      ...(p.appid ? [`appid: ${p.appid}`] : []),
      `${t('页面', 'Pages')}: ${p.pages.count}${p.pages.subpackages ? t(`（分包 ${p.pages.subpackages} 个）`, ` (${p.pages.subpackages} subpackages)`) : ''}`,
      `${t('文件', 'Files')}: ${p.files.scanned}${t(`，未能解析 ${p.files.unparsed}`, `, ${p.files.unparsed} unparsed`)}`,
      `${t('平台接口（种）', 'Platform APIs (distinct)')}: ${counts(p.totals.apis, lang)}`,
      `${t('平台接口（调用处）', 'Platform API uses')}: ${counts(p.totals.calls, lang)}`,
    ]
    if (p.permissions.length) facts.push(`${t('声明的隐私权限', 'Declared private-info permissions')}: ${p.permissions.join(', ')}`)
    if (p.plugins.length) facts.push(`${t('小程序插件', 'Mini-program plugins')}: ${p.plugins.map((x) => `${x.name}${x.provider ? ` (${x.provider}${x.version ? ` ${x.version}` : ''})` : ''}`).join(', ')}`)
    out.push({ list: facts })

    out.push({ h: 3, text: t('阻碍迁移的问题', 'Blockers') })
    if (p.blockers.length === 0) out.push({ p: t('没有发现不支持的能力。', 'No unsupported capability found.') })
    else
      out.push({
        table: {
          head: [t('需要的平台服务', 'platform service needed'), t('接口', 'APIs'), t('说明', 'what to do')],
          rows: p.blockers.map((b) => [SERVICE_NAMES[b.service][lang], b.apis.join(', '), b.reason[lang]]),
        },
      })

    out.push({ h: 3, text: t('平台接口', 'Platform APIs') })
    if (p.apis.length === 0) out.push({ p: t('没有发现平台接口调用。', 'No platform API use found.') })
    else
      out.push({
        table: {
          head: [t('状态', 'status'), t('接口', 'API'), t('对应能力', 'maps to'), t('处数', 'uses'), t('位置', 'where'), t('说明', 'note')],
          rows: p.apis.map((a) => [
            { text: statusName(a.status, lang), status: a.status },
            a.api,
            a.capability ?? '—',
            String(a.uses),
            positions(a.locations, lang),
            a.reason?.[lang] ?? (a.status === 'unknown' ? t('能力映射表未收录，请人工确认', 'not in the capability map: check by hand') : ''),
          ]),
        },
      })

    if (p.fileStatus.length > 0) {
      out.push({ h: 3, text: t('各文件状态', 'Status per file') })
      out.push({
        table: {
          head: [t('文件', 'file'), t('状态（最差）', 'status (worst)'), t('接口种数', 'APIs'), t('分布', 'breakdown')],
          rows: p.fileStatus.map((f) => [f.file, { text: statusName(f.status, lang), status: f.status }, String(f.apis), counts(f.byStatus, lang)]),
        },
      })
    }

    out.push({ h: 3, text: t('后端接口', 'Back-end endpoints') })
    if (p.endpoints.length === 0) out.push({ p: t('没有发现后端接口调用。', 'No back-end request found.') })
    else
      out.push({
        table: {
          head: [t('方法', 'method'), t('地址', 'URL'), t('折算', 'folded'), t('经由', 'via'), t('位置', 'where')],
          rows: p.endpoints.map((e) => [
            e.method ?? '?',
            e.url,
            e.resolved === 'full' ? t('完整', 'full') : t('部分（{…} 为运行时值）', 'partial ({…} are run-time values)'),
            e.via.join(' → '),
            positions(e.locations, lang),
          ]),
        },
      })
    if (p.unresolvedRequests.length > 0) {
      out.push({ h: 3, text: t('未能确定地址的请求', 'Requests whose URL could not be folded') })
      out.push({
        table: {
          head: [t('位置', 'where'), t('经由', 'via'), t('已知部分', 'known part')],
          rows: p.unresolvedRequests.map((u) => [pos(u), u.via.join(' → '), u.partial]),
        },
      })
    }
    if (p.cloudFunctions.length > 0) {
      out.push({ h: 3, text: t('云函数', 'Cloud functions') })
      out.push({
        table: {
          head: [t('名称', 'name'), t('在项目中定义', 'defined in the project'), t('调用位置', 'called at')],
          rows: p.cloudFunctions.map((c) => [c.name, c.defined ? t('是', 'yes') : t('否', 'no'), c.locations.length ? positions(c.locations, lang) : t('（未发现调用）', '(no call found)')]),
        },
      })
    }
    if (p.links.length > 0) {
      out.push({ h: 3, text: t('web-view、跳转与外部链接', 'web-view, navigation and external links') })
      out.push({
        table: {
          head: [t('类型', 'kind'), t('目标', 'target'), t('位置', 'where')],
          rows: p.links.map((l) => [l.kind + (l.attrs?.appId ? ` (appId ${l.attrs.appId})` : ''), l.target, pos(l)]),
        },
      })
    }
    if (p.domains.length > 0) {
      out.push({ h: 3, text: t('域名', 'Domains') })
      const role = { backend: t('后端', 'back end'), platform: t('省级平台', 'provincial platform'), external: t('外部', 'external') }
      out.push({
        table: {
          head: [t('域名', 'host'), t('角色', 'role'), t('引用次数', 'references'), t('位置', 'where')],
          rows: p.domains.map((d) => [d.host, role[d.role], String(d.references), positions(d.locations, lang)]),
        },
      })
    }
    if (p.sdks.length > 0) {
      out.push({ h: 3, text: t('第三方 SDK', 'Third-party SDKs') })
      out.push({
        table: {
          head: [t('名称', 'name'), t('版本', 'version'), t('类别', 'category'), t('来源', 'source'), t('提示', 'note')],
          rows: p.sdks.map((x) => [x.name, x.version ?? '—', x.category ?? '—', x.source, x.note?.[lang] ?? '']),
        },
      })
    }
    out.push({ h: 3, text: t('工作量估算', 'Effort estimate') })
    out.push({
      table: {
        head: [t('项', 'item'), t('数量', 'count'), t('权重（人日）', 'weight (person-days)'), t('小计', 'subtotal')],
        rows: [...p.effort.lines.map((l) => [l.label[lang], String(l.count), String(l.weight), String(l.days)]), [t('合计', 'total'), '', '', String(p.effort.days)]],
      },
    })
    out.push({ p: `${t('规则', 'Rule')}: ${p.effort.rule[lang]}` })
  }

  out.push({ h: 2, text: t('建议的接口条目', 'Suggested Interface entities') })
  if (report.interfaces.length === 0) out.push({ p: t('没有发现可确定主机的后端接口。', 'No back-end endpoint with a known host.') })
  else {
    out.push({
      p: t(
        '按后端主机分组，写在 interfaces.yaml 中；核对后放入清单，用 yingjie inventory check 检查，再用于生成适配器。',
        'Grouped by back-end host in interfaces.yaml; check them, add them to the inventory, run yingjie inventory check, then generate adapters from them.',
      ),
    })
    out.push({
      table: {
        head: ['id', t('地址', 'endpoint'), t('协议（推测）', 'protocol (guessed)'), t('操作数', 'operations')],
        rows: report.interfaces.map((i) => [i.id, i.endpoint, i.protocol, String(i.operations.length)]),
      },
    })
  }
  if (report.unparsed.length > 0) {
    out.push({ h: 2, text: t('未能解析的文件', 'Files that could not be parsed') })
    out.push({ table: { head: [t('位置', 'where'), t('错误', 'error')], rows: report.unparsed.map((u) => [pos(u), u.message]) } })
  }
  if (report.skipped.length > 0) {
    out.push({ h: 2, text: t('跳过的文件和目录', 'Skipped files and folders') })
    out.push({
      table: {
        head: [t('路径', 'path'), t('原因', 'reason')],
        rows: report.skipped.map((x) => [x.path, SKIP_REASONS[x.reason][lang] + (x.bytes !== undefined && x.reason === 'too-large' ? ` (${x.bytes} B)` : '')]),
      },
    })
  }
  return out
}

function mdCell(c: Cell): string {
  const text = typeof c === 'string' ? c : c.text
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ')
}

export function renderSourceReportMarkdown(report: SourceScanReport, lang: Lang = 'zh'): string {
  const lines: string[] = []
  for (const b of document(report, lang)) {
    if ('h' in b) lines.push(`${'#'.repeat(b.h)} ${b.text}`, '')
    else if ('p' in b) lines.push(b.p, '')
    else if ('list' in b) lines.push(...b.list.map((x) => `- ${x}`), '')
    else if ('code' in b) lines.push('```', b.code, '```', '')
    else {
      lines.push(`| ${b.table.head.map(mdCell).join(' | ')} |`, `| ${b.table.head.map(() => '---').join(' | ')} |`)
      for (const row of b.table.rows) lines.push(`| ${row.map(mdCell).join(' | ')} |`)
      lines.push('')
    }
  }
  return `${lines.join('\n').trimEnd()}\n`
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

const CSS = `body{font:14px/1.55 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:2rem auto;max-width:1200px;padding:0 1rem;color:#1f2328}
h1{font-size:1.6rem}h2{border-bottom:1px solid #d0d7de;padding-bottom:.3rem;margin-top:2rem}h3{margin-top:1.4rem}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}th,td{border:1px solid #d0d7de;padding:.3rem .5rem;text-align:left;vertical-align:top;word-break:break-all}
th{background:#f6f8fa}.s{display:inline-block;border-radius:1em;padding:0 .6em;font-size:.85em;white-space:nowrap}
.s0{background:#dafbe1;color:#116329}.s1{background:#fff8c5;color:#7d4e00}.s2{background:#ffebe9;color:#a40e26}.su{background:#ddf4ff;color:#0550ae}.sn{color:#57606a}`

export function renderSourceReportHtml(report: SourceScanReport, lang: Lang = 'zh'): string {
  const body: string[] = []
  const cell = (c: Cell): string => {
    if (typeof c === 'string') return esc(c)
    const cls = c.status === 'unknown' ? 'su' : c.status === 'none' ? 'sn' : `s${c.status}`
    return `<span class="s ${cls}">${esc(c.text)}</span>`
  }
  for (const b of document(report, lang)) {
    if ('h' in b) body.push(`<h${b.h}>${esc(b.text)}</h${b.h}>`)
    else if ('p' in b) body.push(`<p>${esc(b.p)}</p>`)
    else if ('list' in b) body.push(`<ul>${b.list.map((x) => `<li>${esc(x)}</li>`).join('')}</ul>`)
    else if ('code' in b) body.push(`<pre>${esc(b.code)}</pre>`)
    else {
      body.push(
        `<table><thead><tr>${b.table.head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${b.table.rows.map((r) => `<tr>${r.map((c) => `<td>${cell(c)}</td>`).join('')}</tr>`).join('')}</tbody></table>`,
      )
    }
  }
  const title = lang === 'zh' ? '源码扫描报告' : 'Source scan report'
  return `<!doctype html>\n<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${esc(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n${body.join('\n')}\n</body>\n</html>\n`
}

/** A few lines per project for the terminal. */
export function renderSourceSummaryText(report: SourceScanReport, lang: Lang = 'zh'): string {
  const zh = lang === 'zh'
  const s = report.summary
  const lines: string[] = [
    zh
      ? `扫描 ${report.roots.join('、')}：项目 ${s.projects} 个，文件 ${s.files.scanned} 个（未能解析 ${s.files.unparsed}，跳过 ${s.files.skipped}），接入规范 ${report.profile.platform.zh}（${report.profile.id}）`
      : `Scanned ${report.roots.join(', ')}: ${s.projects} projects, ${s.files.scanned} files (${s.files.unparsed} unparsed, ${s.files.skipped} skipped), profile ${report.profile.platform.en} (${report.profile.id})`,
  ]
  for (const p of report.projects) {
    lines.push('', `${p.path}  ${kindName(p.kind, lang)}${p.name ? `  ${p.name}` : ''}`)
    lines.push(`  ${zh ? '平台接口' : 'platform APIs'}: ${counts(p.totals.apis, lang)}`)
    for (const b of p.blockers) lines.push(`  ${zh ? '阻碍' : 'blocker'} [${SERVICE_NAMES[b.service][lang]}] ${b.apis.join(', ')}`)
    const hosts = [...new Set(p.endpoints.map((e) => e.host).filter(Boolean))]
    lines.push(
      zh
        ? `  后端接口 ${p.endpoints.length} 个（主机 ${hosts.length} 个${hosts.length ? `：${hosts.join('、')}` : ''}），未能确定地址 ${p.unresolvedRequests.length} 处，云函数 ${p.cloudFunctions.length} 个`
        : `  ${p.endpoints.length} endpoints (${hosts.length} hosts${hosts.length ? `: ${hosts.join(', ')}` : ''}), ${p.unresolvedRequests.length} requests not folded, ${p.cloudFunctions.length} cloud functions`,
    )
    lines.push(`  ${zh ? '工作量估算' : 'effort'}: ${p.effort.days} ${zh ? '人日' : 'person-days'}`)
  }
  for (const u of report.unparsed) lines.push(zh ? `未能解析：${pos(u)}  ${u.message}` : `unparsed: ${pos(u)}  ${u.message}`)
  return `${lines.join('\n')}\n`
}
