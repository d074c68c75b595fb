/**
 * Plain-text renderings of profiles for people (`yingjie spec list/show`).
 * JSON output needs nothing here: the loaded profile is already data.
 */
import type { Lang } from '@yingjie/model'
import { apiFramework, summarizeCapabilities } from './_capabilities'
import type { ProfileSummary } from './_load'
import type { AccessProfile, MaskKind, MaskRule } from './_types'

const L = {
  default: { zh: '默认', en: 'default' },
  file: { zh: '文件', en: 'file' },
  platform: { zh: '平台', en: 'Platform' },
  name: { zh: '名称', en: 'name' },
  operator: { zh: '运营单位', en: 'operator' },
  domains: { zh: '域名', en: 'domains' },
  elder: { zh: '长辈版', en: 'elder mode' },
  signing: { zh: '签名（网关 → 部门接口）', en: 'Signing (gateway → department)' },
  algorithm: { zh: '算法', en: 'algorithm' },
  headers: { zh: '请求头', en: 'headers' },
  canonical: { zh: '签名串', en: 'canonical string' },
  identity: { zh: '身份认证', en: 'Identity' },
  entry: { zh: '入口参数', en: 'entry parameter' },
  config: { zh: '需配置', en: 'configure' },
  envelopes: { zh: '响应信封', en: 'Envelopes' },
  inbound: { zh: '部门应答使用', en: 'department replies use' },
  errors: { zh: '错误码', en: 'Error codes' },
  masking: { zh: '脱敏规则', en: 'Masking' },
  review: { zh: '审核检查项', en: 'Review checklist' },
  capabilities: { zh: '能力映射', en: 'Capability map' },
  assumptions: { zh: '假定（须与省级平台核实）', en: 'Assumptions (confirm with the province)' },
} as const

const MASK_KIND: Record<MaskKind, { zh: string; en: string }> = {
  name: { zh: '姓名', en: 'name' },
  idNumber: { zh: '证件号码', en: 'ID number' },
  phone: { zh: '手机号', en: 'phone' },
  email: { zh: '邮箱', en: 'email' },
  bankCard: { zh: '银行卡号', en: 'bank card' },
}

function describeRule(rule: MaskRule, lang: Lang): string {
  switch (rule.strategy) {
    case 'hide-first':
      return lang === 'zh' ? `隐藏开头 ${rule.count} 个字` : `hide the first ${rule.count}`
    case 'keep-ends':
      return lang === 'zh' ? `保留前 ${rule.first} 位、后 ${rule.last} 位` : `keep first ${rule.first}, last ${rule.last}`
    case 'keep-positions':
      return lang === 'zh' ? `保留第 ${rule.positions} 位` : `keep positions ${rule.positions}`
    case 'email':
      return lang === 'zh' ? `保留用户名前 ${rule.keepLocal} 位和域名` : `keep the first ${rule.keepLocal} of the local part and the domain`
  }
}

function scalar(value: unknown, lang: Lang): string {
  if (value === null) return lang === 'zh' ? '（空）' : '(empty)'
  return value === '' ? '""' : String(value)
}

function visible(separator: string): string {
  return JSON.stringify(separator).slice(1, -1)
}

const SEP = { zh: '，', en: ', ' } as const

/** Parenthesised text: full-width in Chinese, ASCII with a space in English. */
function paren(text: string, lang: Lang): string {
  return lang === 'zh' ? `（${text}）` : ` (${text})`
}
const COLON = { zh: '：', en: ': ' } as const

/** A multi-section description of one profile in the user's language. */
export function describeProfile(profile: AccessProfile, lang: Lang): string {
  const c = COLON[lang]
  const sep = SEP[lang]
  const out: string[] = []
  const title = lang === 'zh' ? profile.metadata.name : (profile.metadata.nameEn ?? profile.metadata.name)
  out.push(`${title}${paren(`${profile.id}${profile.metadata.default ? `${sep}${L.default[lang]}` : ''}`, lang)}`)
  if (profile.metadata.description) out.push(profile.metadata.description[lang])
  out.push(`${L.file[lang]}${c}${profile.file}`, '')

  const p = profile.platform
  out.push(L.platform[lang])
  out.push(`  ${L.name[lang]}${c}${p.name[lang]}${p.operator ? `${sep}${L.operator[lang]}${c}${p.operator[lang]}` : ''}`)
  out.push(`  ${L.domains[lang]}${c}${p.domains.join(sep)}`)
  if (p.elderMode) out.push(`  ${L.elder[lang]}${c}${p.elderMode[lang]}`)
  out.push('')

  const s = profile.signing
  out.push(L.signing[lang])
  out.push(`  ${L.algorithm[lang]}${c}${s.algorithm}${sep}${s.output}`)
  const skew = lang === 'zh' ? `允许偏差 ±${s.timestamp.skewSeconds} 秒` : `±${s.timestamp.skewSeconds} s skew`
  const hdr = [
    `AK ${s.headers.accessKey}`,
    `${lang === 'zh' ? '时间戳' : 'timestamp'} ${s.headers.timestamp}${paren(`${s.timestamp.format}${sep}${skew}`, lang)}`,
    ...(s.headers.nonce
      ? [`nonce ${s.headers.nonce}${s.nonce ? paren(`${s.nonce.required ? (lang === 'zh' ? '必填' : 'required') : lang === 'zh' ? '可选' : 'optional'}${sep}${lang === 'zh' ? `保留 ${s.nonce.ttlSeconds} 秒` : `kept ${s.nonce.ttlSeconds} s`}`, lang) : ''}`]
      : []),
    `${lang === 'zh' ? '签名' : 'signature'} ${s.headers.signature}`,
    ...(s.headers.algorithm ? [`${s.headers.algorithm.name}: ${s.headers.algorithm.value}`] : []),
  ]
  out.push(`  ${L.headers[lang]}${c}${hdr.join(lang === 'zh' ? '；' : '; ')}`)
  const joined = s.canonical.parts.join(s.canonical.separator === '' ? ' + ' : ` ${visible(s.canonical.separator)} `)
  const trailing = s.canonical.trailingSeparator ? ` ${visible(s.canonical.separator)}` : ''
  const query = s.canonical.parts.includes('query') ? paren(`${lang === 'zh' ? '查询串' : 'query'}${c}${s.canonical.query ?? 'sorted-encoded'}`, lang) : ''
  out.push(`  ${L.canonical[lang]}${c}${joined}${trailing}${query}`)
  out.push('')

  const id = profile.identity
  out.push(`${L.identity[lang]}${paren(id.kind, lang)}`)
  const life = lang === 'zh' ? `有效 ${id.entry.lifetimeSeconds} 秒${id.entry.singleUse ? '，一次性' : ''}` : `valid ${id.entry.lifetimeSeconds} s${id.entry.singleUse ? ', single use' : ''}`
  out.push(`  ${L.entry[lang]}${c}${id.entry.param}${paren(life, lang)}`)
  if (id.config?.length) out.push(`  ${L.config[lang]}${c}${id.config.join(sep)}`)
  id.steps.forEach((st, i) => {
    const produces = st.produces === 'user' ? (lang === 'zh' ? '用户信息' : 'user') : lang === 'zh' ? '令牌' : 'token'
    const signed = st.request.signed ? (lang === 'zh' ? '，签名' : ', signed') : ''
    out.push(`  ${i + 1}. ${st.id}  ${st.request.method} ${st.request.path} → ${produces}${paren(`${st.response.envelope}${signed}`, lang)}`)
  })
  out.push('')

  out.push(L.envelopes[lang])
  for (const [name, env] of Object.entries(profile.envelopes)) {
    const fields = [
      ...(env.status ? [`${env.status.field}=${(env.status.success ?? []).map((v) => scalar(v, lang)).join('|')}`] : []),
      `${env.code.field}${env.code.success ? `=${env.code.success.map((v) => scalar(v, lang)).join('|')}` : ''}`,
      `${lang === 'zh' ? '消息' : 'message'} ${env.message.field}`,
      env.body ? `${lang === 'zh' ? '数据' : 'data'} ${env.body.field}${paren(env.body.codec, lang)}` : lang === 'zh' ? '数据为整个应答' : 'data is the whole reply',
    ]
    out.push(`  ${name}${c}${fields.join(sep)}`)
  }
  out.push(`  ${L.inbound[lang]}${c}${profile.inbound.envelope}`)
  out.push('')

  out.push(`${L.errors[lang]}${paren(String(profile.errors.length), lang)}`)
  const width = Math.max(0, ...profile.errors.map((e) => e.code.length))
  for (const e of profile.errors) out.push(`  ${e.code.padEnd(width)}  ${e.kind.padEnd(20)}  ${e[lang]}`)
  out.push('')

  out.push(L.masking[lang])
  for (const [kind, rule] of Object.entries(profile.masking.rules) as [MaskKind, MaskRule][]) {
    out.push(`  ${MASK_KIND[kind][lang]}${c}${describeRule(rule, lang)}`)
  }
  out.push('')

  const automatic = profile.review.filter((r) => r.automatic).length
  out.push(`${L.review[lang]}${paren(`${profile.review.length}${sep}${lang === 'zh' ? `可自动检查 ${automatic}` : `${automatic} automatic`}`, lang)}`)
  for (const r of profile.review) {
    const tag = r.automatic ? (lang === 'zh' ? '[自动]' : '[auto]  ') : lang === 'zh' ? '[人工]' : '[manual]'
    out.push(`  ${tag} ${r.id}  ${r.title[lang]}`)
  }
  out.push('')

  const sum = summarizeCapabilities(profile)
  const status =
    lang === 'zh'
      ? `0 原样支持 ${sum.byStatus[0]}，1 有差异 ${sum.byStatus[1]}，2 不支持或需平台服务 ${sum.byStatus[2]}`
      : `0 as is ${sum.byStatus[0]}, 1 differs ${sum.byStatus[1]}, 2 unsupported / needs a platform service ${sum.byStatus[2]}`
  out.push(`${L.capabilities[lang]}${paren(`${sum.total} ${lang === 'zh' ? '个 API' : 'APIs'}${profile.capabilityBase ? `${sep}${lang === 'zh' ? '基于' : 'base'} ${profile.capabilityBase}` : ''}`, lang)}`)
  out.push(`  ${status}`)
  const fw = { wechat: 'wx.', 'uni-app': 'uni.', alipay: 'my.', taro: 'Taro.' } as const
  out.push(`  ${(Object.keys(fw) as (keyof typeof fw)[]).map((k) => `${fw[k]} ${sum.byFramework[k]}`).join(sep)}`)
  const unsupported = profile.capabilities.filter((e) => e.status === 2 && e.needs && apiFramework(e.api) === 'wechat').map((e) => e.api)
  if (unsupported.length) out.push(`  ${lang === 'zh' ? '需平台服务（wx.）' : 'needs a platform service (wx.)'}${c}${unsupported.join(sep)}`)
  out.push(`  ${lang === 'zh' ? '全部条目' : 'all entries'}${c}yingjie spec show ${profile.id} --format json`)

  if (profile.assumptions?.length) {
    out.push('', `${L.assumptions[lang]}${paren(String(profile.assumptions.length), lang)}`)
    for (const a of profile.assumptions) out.push(`  - [${a.about}] ${a[lang]}`)
  }
  out.push('')
  return out.join('\n')
}

/** The shipped profiles as a small table. */
export function describeProfileList(list: readonly ProfileSummary[], lang: Lang): string {
  const rows = list.map((p) => [
    `${p.id}${p.default ? ' *' : ''}`,
    lang === 'zh' ? p.name : (p.nameEn ?? p.name),
    p.province ?? '',
    p.signing,
    p.identity,
    String(p.capabilities),
  ])
  const head = lang === 'zh' ? ['id', '名称', '省份', '签名算法', '身份认证', 'API 数'] : ['id', 'name', 'province', 'signing', 'identity', 'APIs']
  const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u2E80-\uFFEF]/.test(ch) ? 2 : 1), 0)
  const cols = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))))
  const line = (cells: string[]) => cells.map((cell, i) => cell + ' '.repeat(cols[i]! - width(cell))).join('  ').trimEnd()
  const out = [line(head), ...rows.map(line), '']
  out.push(lang === 'zh' ? '* 默认配置。查看详情：yingjie spec show <id>' : '* default profile. Details: yingjie spec show <id>', '')
  return out.join('\n')
}
