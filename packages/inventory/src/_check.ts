import { isAbsolute, relative } from 'node:path'
import {
  closest,
  compareFindings,
  defaultItemCodeRule,
  finding,
  isPlainHttp,
  isRegionUnder,
  loadInventory,
  STAGES,
  validateAndroidPackage,
  validateDate,
  validateItemCode,
  validateMiniProgramAppId,
  validatePhone,
  validateRegionCode,
  validateUrl,
  validateUscc,
  type AnyEntity,
  type Entity,
  type Finding,
  type Inventory,
  type ItemCodeRule,
  type Kind,
  type LoadInventoryOptions,
  type Localized,
  type Severity,
  type ValidationResult,
  type ValuePath,
} from '@yingjie/model'
import { indexInventory, type InventoryIndex } from './_index'

export interface CheckResult {
  findings: Finding[]
  errors: number
  warnings: number
  files: number
  counts: Record<Kind, number>
}

type Report = (
  entity: AnyEntity,
  path: ValuePath,
  code: string,
  message: Localized,
  hint: Localized,
  severity?: Severity,
  target?: 'key' | 'value',
) => void

/** Load an inventory folder and check it. */
export async function checkInventoryDir(dir: string, options: LoadInventoryOptions = {}): Promise<{ inventory: Inventory; result: CheckResult }> {
  const inventory = await loadInventory(dir, options)
  return { inventory, result: checkInventory(inventory) }
}

/**
 * All semantic rules over a loaded inventory: ids, references, duplicates,
 * codes and the compliance warnings. Pure: the same inventory always gives
 * the same findings, in a stable order.
 */
export function checkInventory(inventory: Inventory): CheckResult {
  const findings: Finding[] = [...inventory.findings]
  const report: Report = (entity, path, code, message, hint, severity = 'error', target = 'value') => {
    findings.push(
      finding({
        code,
        severity,
        message,
        hint,
        entity: { kind: entity.kind, id: entity.metadata.id },
        path,
        location: entity.source.locate(path, target),
      }),
    )
  }
  const index = indexInventory(inventory.entities)
  checkDuplicateIds(inventory.entities, report)
  const refs = new RefChecker(index, inventory.invalidIds, report)
  for (const e of inventory.entities) {
    switch (e.kind) {
      case 'Region':
        checkRegion(e, report)
        break
      case 'Organization':
        checkOrganization(e, index, refs, report)
        break
      case 'Channel':
        checkChannel(e, index, refs, report)
        break
      case 'Interface':
        checkInterface(e, refs, report)
        break
      case 'ServiceList':
        checkServiceList(e, index, report)
        break
      case 'Migration':
        checkMigration(e, refs, report)
        break
    }
  }
  checkDuplicateChannels(index, report)
  checkDuplicateUscc(index, report)
  checkMigrationCoverage(index, report)
  checkServiceListPresent(index, report)
  findings.sort(compareFindings)
  const counts = Object.fromEntries(
    (['Region', 'Organization', 'Channel', 'Interface', 'ServiceList', 'Migration'] as const).map((k) => [k, index.byKind[k].length]),
  ) as Record<Kind, number>
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    files: inventory.files.length,
    counts,
  }
}

/** Where an entity is defined, for messages that point at a second place. */
function where(e: AnyEntity): string {
  const loc = e.source.locate(['metadata', 'id'])
  const rel = relative(process.cwd(), loc.file)
  return `${rel.startsWith('..') || isAbsolute(rel) ? loc.file : rel}:${loc.line}:${loc.column}`
}

function checkDuplicateIds(entities: AnyEntity[], report: Report): void {
  const first = new Map<string, AnyEntity>()
  for (const e of entities) {
    const prev = first.get(e.metadata.id)
    if (!prev) {
      first.set(e.metadata.id, e)
      continue
    }
    report(
      e,
      ['metadata', 'id'],
      'YJ_ID_DUPLICATE',
      { zh: `id “${e.metadata.id}” 重复，已在 ${where(prev)} 使用`, en: `id "${e.metadata.id}" is already used at ${where(prev)}` },
      { zh: '每个实体的 id 在整个清单中必须唯一，请改名', en: 'ids must be unique across the inventory; rename one' },
    )
  }
}

const KIND_ZH: Record<Kind, string> = {
  Region: '地区',
  Organization: '单位',
  Channel: '渠道',
  Interface: '接口',
  ServiceList: '事项清单',
  Migration: '迁移进度',
}

class RefChecker {
  constructor(
    private readonly index: InventoryIndex,
    private readonly invalidIds: Set<string>,
    private readonly report: Report,
  ) {}

  /** Report when `id` at `path` does not name an entity of `kind`. Returns the target when it does. */
  expect<K extends Kind>(from: AnyEntity, path: ValuePath, id: string | undefined, kind: K): Extract<AnyEntity, { kind: K }> | undefined {
    if (id === undefined) return undefined
    const target = this.index.byId.get(id)
    if (!target) {
      if (this.invalidIds.has(id)) return undefined // already reported by the schema
      const guess = closest(id, this.index.byKind[kind].map((x) => x.metadata.id), 2)
      this.report(
        from,
        path,
        'YJ_REF_UNKNOWN',
        { zh: `引用的${KIND_ZH[kind]} “${id}” 不存在`, en: `${kind} "${id}" does not exist` },
        guess
          ? { zh: `是否应为 “${guess}”？`, en: `did you mean "${guess}"?` }
          : { zh: `先添加 id 为 ${id} 的 ${kind}，或改为已有的 id`, en: `add a ${kind} with id ${id}, or use an existing id` },
      )
      return undefined
    }
    if (target.kind !== kind) {
      this.report(
        from,
        path,
        'YJ_REF_WRONG_KIND',
        { zh: `“${id}” 是 ${target.kind}，这里需要 ${kind}（${KIND_ZH[kind]}）`, en: `"${id}" is a ${target.kind}; a ${kind} is needed here` },
        { zh: `改为某个 ${kind} 的 id`, en: `use the id of a ${kind}` },
      )
      return undefined
    }
    return target as Extract<AnyEntity, { kind: K }>
  }
}

/** Report a failed code validator as a located finding. */
function checkCode(
  report: Report,
  entity: AnyEntity,
  path: ValuePath,
  value: string | undefined,
  result: (v: string) => ValidationResult,
  code: string,
  label: Localized,
  hint: Localized,
): boolean {
  if (value === undefined) return true
  const r = result(value)
  if (r.ok) return true
  report(entity, path, code, { zh: `${label.zh}无效：${r.reason.zh}`, en: `invalid ${label.en}: ${r.reason.en}` }, hint)
  return false
}

const URL_HINT: Localized = { zh: '填写完整地址，如 https://example.gov.cn/path', en: 'write a full address such as https://example.gov.cn/path' }
const DATE_HINT: Localized = { zh: '按 YYYY-MM-DD 填写真实存在的日期，如 2022-12-31', en: 'use a real date as YYYY-MM-DD, e.g. 2022-12-31' }

function checkRegion(e: Entity<'Region'>, report: Report): void {
  const s = e.spec
  checkCode(report, e, ['spec', 'regionCode'], s.regionCode, validateRegionCode, 'YJ_REGION_CODE_INVALID', { zh: '行政区划代码', en: 'region code' }, { zh: '填写 6 位行政区划代码，如 130600', en: 'use a 6-digit administrative division code such as 130600' })
  for (const [name, date] of Object.entries(s.milestones ?? {})) {
    checkCode(report, e, ['spec', 'milestones', name], date, validateDate, 'YJ_DATE_INVALID', { zh: '日期', en: 'date' }, DATE_HINT)
  }
  const ruleProblem = s.rules?.itemCode && itemCodeRuleProblem({ ...defaultItemCodeRule, ...s.rules.itemCode })
  if (ruleProblem && !ruleProblem.ok) {
    report(e, ['spec', 'rules', 'itemCode'], 'YJ_RULE_INVALID', ruleProblem.reason, { zh: '检查 length、usccPrefix 与 pattern（正则表达式）；暂按默认规则检查', en: 'check length, usccPrefix and pattern (a regular expression); the default rule is used meanwhile' })
  }
  if (s.coordinator?.contact) {
    checkCode(report, e, ['spec', 'coordinator', 'contact', 'phone'], s.coordinator.contact.phone, validatePhone, 'YJ_PHONE_INVALID', { zh: '电话', en: 'phone' }, PHONE_HINT)
  }
}

const PHONE_HINT: Localized = {
  zh: '手机号写 11 位（如 13812345678），座机写区号加号码（如 0312-1234567）；在 Excel 中请设为文本格式',
  en: 'use an 11-digit mobile (13812345678) or area code plus number (0312-1234567); in Excel format the cell as text',
}

function checkOrganization(e: Entity<'Organization'>, index: InventoryIndex, refs: RefChecker, report: Report): void {
  const s = e.spec
  checkCode(report, e, ['spec', 'uscc'], s.uscc, validateUscc, 'YJ_USCC_INVALID', { zh: '统一社会信用代码', en: 'unified social credit code' }, {
    zh: '核对 18 位统一社会信用代码（可在全国组织机构统一社会信用代码公示查询平台核对）',
    en: 'check the 18-character code against the national USCC registry',
  })
  const codeOk = checkCode(report, e, ['spec', 'regionCode'], s.regionCode, validateRegionCode, 'YJ_REGION_CODE_INVALID', { zh: '行政区划代码', en: 'region code' }, {
    zh: '填写 6 位行政区划代码，如 130602',
    en: 'use a 6-digit administrative division code such as 130602',
  })
  refs.expect(e, ['spec', 'region'], s.region, 'Region')
  const parent = refs.expect(e, ['spec', 'parent'], s.parent, 'Organization')
  if (parent && parent.metadata.id === e.metadata.id) {
    report(e, ['spec', 'parent'], 'YJ_REF_CYCLE', { zh: '单位不能以自身为上级', en: 'an organization cannot be its own parent' }, { zh: '删除 parent 或改为上级单位', en: 'remove parent or name the real parent' })
  } else if (parent && codeOk && validateRegionCode(parent.spec.regionCode).ok) {
    const pc = parent.spec.regionCode
    if (s.regionCode !== pc && !isRegionUnder(s.regionCode, pc)) {
      report(
        e,
        ['spec', 'regionCode'],
        'YJ_REGION_CODE_NOT_UNDER_PARENT',
        { zh: `行政区划代码 ${s.regionCode} 不在上级单位 ${parent.metadata.id}（${pc}）的辖区内`, en: `region code ${s.regionCode} is not within the parent ${parent.metadata.id} (${pc})` },
        { zh: '核对本单位或上级单位的行政区划代码', en: 'check the region code of this organization or of its parent' },
      )
    }
  }
  if (parent) detectParentCycle(e, index, report)
  const region = regionOf(e, index)
  if (codeOk && region?.spec.regionCode && validateRegionCode(region.spec.regionCode).ok) {
    const rc = region.spec.regionCode
    if (s.regionCode !== rc && !isRegionUnder(s.regionCode, rc) && s.level !== 'province') {
      report(
        e,
        ['spec', 'regionCode'],
        'YJ_REGION_CODE_NOT_UNDER_PARENT',
        { zh: `行政区划代码 ${s.regionCode} 不在地区 ${region.metadata.name}（${rc}）内`, en: `region code ${s.regionCode} is not within region ${region.metadata.name} (${rc})` },
        { zh: '核对行政区划代码', en: 'check the region code' },
      )
    }
  }
  if (s.contact) {
    checkCode(report, e, ['spec', 'contact', 'phone'], s.contact.phone, validatePhone, 'YJ_PHONE_INVALID', { zh: '联系电话', en: 'contact phone' }, PHONE_HINT)
  }
  s.websites?.forEach((url, i) => {
    checkCode(report, e, ['spec', 'websites', i], url, (v) => validateUrl(v), 'YJ_URL_INVALID', { zh: '网址', en: 'URL' }, URL_HINT)
  })
}

function detectParentCycle(e: Entity<'Organization'>, index: InventoryIndex, report: Report): void {
  const seen = new Set<string>([e.metadata.id])
  let current: AnyEntity | undefined = e
  while (current && current.kind === 'Organization' && current.spec.parent) {
    const next = index.byId.get(current.spec.parent)
    if (!next || next.kind !== 'Organization') return
    if (seen.has(next.metadata.id)) {
      if (next.metadata.id === e.metadata.id && current !== e) {
        report(
          e,
          ['spec', 'parent'],
          'YJ_REF_CYCLE',
          { zh: `上级单位关系形成循环：${[...seen].join(' → ')} → ${e.metadata.id}`, en: `parent chain loops: ${[...seen].join(' → ')} → ${e.metadata.id}` },
          { zh: '修正其中一个单位的 parent', en: 'fix the parent of one of these organizations' },
        )
      }
      return
    }
    seen.add(next.metadata.id)
    current = next
  }
}

/** The Region whose rules apply to an organization: its own, or the inventory's only one. */
export function regionOf(org: Entity<'Organization'> | undefined, index: InventoryIndex): Entity<'Region'> | undefined {
  if (org?.spec.region) {
    const r = index.byId.get(org.spec.region)
    if (r?.kind === 'Region') return r
  }
  return index.byKind.Region[0]
}

/** The region's item-code rule, or the default when the region's own rule is unusable (reported on the Region). */
function itemCodeRule(region: Entity<'Region'> | undefined): ItemCodeRule {
  const rule = { ...defaultItemCodeRule, ...(region?.spec.rules?.itemCode ?? {}) }
  return itemCodeRuleProblem(rule) ? { ...defaultItemCodeRule } : rule
}

function itemCodeRuleProblem(rule: ItemCodeRule): ValidationResult | undefined {
  try {
    validateItemCode('', rule)
    return undefined
  } catch (error) {
    const m = error instanceof Error ? error.message : String(error)
    return { ok: false, reason: { zh: `实施编码规则无效：${m}`, en: `invalid item-code rule: ${m}` } }
  }
}

const SELF_BUILT_TYPES = new Set(['app', 'miniprogram'])

function checkChannel(e: Entity<'Channel'>, index: InventoryIndex, refs: RefChecker, report: Report): void {
  const s = e.spec
  const owner = refs.expect(e, ['metadata', 'owner'], e.metadata.owner, 'Organization')
  const region = regionOf(owner, index)
  const ids = s.identifiers ?? {}
  checkCode(report, e, ['spec', 'identifiers', 'androidPackage'], ids.androidPackage, validateAndroidPackage, 'YJ_ANDROID_PACKAGE_INVALID', { zh: 'Android 包名', en: 'Android package name' }, {
    zh: '包名形如 cn.gov.bd.rsj：至少两段，每段以字母开头',
    en: 'a package looks like cn.gov.bd.rsj: two or more segments, each starting with a letter',
  })
  if (ids.miniprogram) {
    const host = ids.miniprogram.host
    checkCode(report, e, ['spec', 'identifiers', 'miniprogram', 'appid'], ids.miniprogram.appid, (v) => validateMiniProgramAppId(host, v), 'YJ_APPID_INVALID', { zh: '小程序 appid', en: 'mini-program appid' }, {
      zh: '微信小程序 appid 为 wx 加 16 位十六进制字符；支付宝为 16 位数字。可在小程序后台“开发设置”中查看',
      en: 'a WeChat appid is wx + 16 hex characters; an Alipay appid is 16 digits. See the mini-program console',
    })
  }
  checkCode(report, e, ['spec', 'identifiers', 'h5Url'], ids.h5Url, (v) => validateUrl(v), 'YJ_URL_INVALID', { zh: 'H5 地址', en: 'H5 URL' }, URL_HINT)
  ids.storeLinks?.forEach((url, i) => {
    checkCode(report, e, ['spec', 'identifiers', 'storeLinks', i], url, (v) => validateUrl(v), 'YJ_URL_INVALID', { zh: '应用商店链接', en: 'store link' }, URL_HINT)
  })
  checkCode(report, e, ['spec', 'launchDate'], s.launchDate, validateDate, 'YJ_DATE_INVALID', { zh: '上线日期', en: 'launch date' }, DATE_HINT)
  checkIdentifiersPresent(e, report)
  s.interfaces?.forEach((id, i) => refs.expect(e, ['spec', 'interfaces', i], id, 'Interface'))
  if (s.decision === 'merge') {
    if (!s.mergeInto) {
      report(e, ['spec', 'decision'], 'YJ_FIELD_REQUIRED', { zh: '处置方式为 merge（合并）时必须填写 mergeInto', en: 'decision merge needs mergeInto' }, { zh: '填写合并到的渠道 id', en: 'name the channel it merges into' })
    } else if (s.mergeInto === e.metadata.id) {
      report(e, ['spec', 'mergeInto'], 'YJ_REF_CYCLE', { zh: '渠道不能合并到自身', en: 'a channel cannot merge into itself' }, { zh: '改为目标渠道的 id', en: 'use the id of the target channel' })
    } else {
      const target = refs.expect(e, ['spec', 'mergeInto'], s.mergeInto, 'Channel')
      if (target?.spec.decision === 'merge' || target?.spec.decision === 'retire') {
        report(
          e,
          ['spec', 'mergeInto'],
          'YJ_MERGE_TARGET_CLOSING',
          { zh: `合并目标 ${target.metadata.id} 自身也将${target.spec.decision === 'merge' ? '被合并' : '下线'}`, en: `merge target ${target.metadata.id} is itself being ${target.spec.decision === 'merge' ? 'merged' : 'retired'}` },
          { zh: '改为合并到最终保留的渠道', en: 'merge into the channel that stays' },
          'warning',
        )
      }
    }
  } else if (s.mergeInto) {
    report(e, ['spec', 'mergeInto'], 'YJ_MERGE_INTO_UNUSED', { zh: '填写了 mergeInto，但处置方式不是 merge', en: 'mergeInto is set but the decision is not merge' }, { zh: '把 decision 改为 merge，或删除 mergeInto', en: 'set decision: merge, or remove mergeInto' }, 'warning')
  }
  const rule = itemCodeRule(region)
  s.services?.forEach((svc, i) => {
    if (svc.item !== undefined) checkItemRef(e, ['spec', 'services', i, 'item'], svc.item, index, report)
    checkCode(report, e, ['spec', 'services', i, 'itemCode'], svc.itemCode, (v) => validateItemCode(v, rule), 'YJ_ITEM_CODE_INVALID', { zh: '实施编码', en: 'implementation code' }, {
      zh: `实施编码为 ${rule.length} 位${rule.usccPrefix ? '，前 18 位是实施单位的统一社会信用代码' : ''}`,
      en: `an implementation code has ${rule.length} characters${rule.usccPrefix ? ', the first 18 being the USCC of the unit' : ''}`,
    })
  })
  // Warnings: things to fix or confirm, not blockers.
  if (s.type === 'h5' && ids.h5Url && isPlainHttp(ids.h5Url)) {
    report(e, ['spec', 'identifiers', 'h5Url'], 'YJ_H5_PLAIN_HTTP', { zh: 'H5 使用明文 HTTP，接入省级平台须使用 HTTPS', en: 'H5 uses plain HTTP; the provincial platform requires HTTPS' }, { zh: '为站点配置证书并改用 https:// 地址', en: 'install a certificate and use an https:// address' }, 'warning')
  }
  if (s.personalData && s.mlpsLevel === undefined) {
    report(e, ['spec', 'personalData'], 'YJ_MLPS_MISSING', { zh: '渠道处理个人信息，但未填写等保级别', en: 'channel handles personal data but has no MLPS (等保) level' }, { zh: '填写 mlpsLevel（通常为 2 或 3），尚未定级的请尽快定级备案', en: 'set mlpsLevel (usually 2 or 3); get the system graded if it is not' }, 'warning', 'key')
  }
  if ((s.decision === 'connect' || s.decision === 'rebuild') && (s.services ?? []).length === 0) {
    report(e, ['spec', 'decision'], 'YJ_SERVICES_MISSING', { zh: `处置方式为 ${s.decision}，但没有列出提供的服务`, en: `decision is ${s.decision} but no services are listed` }, { zh: '在 services 中列出服务名称及对应的高频事项编码', en: 'list the services with their high-frequency item codes' }, 'warning')
  }
  if (SELF_BUILT_TYPES.has(s.type) && owner?.spec.level === 'township' && region?.spec.rules?.belowCountySelfBuilt !== false) {
    report(
      e,
      ['spec', 'type'],
      'YJ_SELF_BUILT_BELOW_COUNTY',
      { zh: `县级以下单位（${owner.metadata.name}）自建${s.type === 'app' ? ' APP' : '小程序'}（国办函〔2026〕12号：县级以下单位原则上不得自建政务移动应用）`, en: `a unit below county level (${owner.metadata.name}) runs its own ${s.type} (national rule 2026-12: such units should not build their own government apps)` },
      { zh: '建议下线或并入上级渠道（decision: retire 或 merge）', en: 'plan to retire it or merge it into a higher-level channel' },
      'warning',
    )
  }
  if (SELF_BUILT_TYPES.has(s.type) && !s.filingNumber && region?.spec.rules?.filingRequired !== false) {
    report(e, ['spec', 'type'], 'YJ_FILING_MISSING', { zh: `${s.type === 'app' ? 'APP' : '小程序'}没有备案编号`, en: `${s.type} has no filing number` }, { zh: '填写 filingNumber（APP/小程序备案编号）；未备案的请先办理备案', en: 'set filingNumber; file the app first if it is not filed' }, 'warning')
  }
  if (!s.decision) {
    report(e, ['spec'], 'YJ_DECISION_MISSING', { zh: '未填写处置方式（decision）', en: 'no decision set' }, { zh: '填写 decision：connect 接入 / rebuild 重建 / retire 下线 / merge 合并', en: 'set decision: connect / rebuild / retire / merge' }, 'warning', 'key')
  }
}

function checkIdentifiersPresent(e: Entity<'Channel'>, report: Report): void {
  const ids = e.spec.identifiers ?? {}
  const missing: Record<string, [boolean, Localized]> = {
    app: [!ids.androidPackage && !ids.iosAppId && !(ids.storeLinks ?? []).length, { zh: 'androidPackage、iosAppId 或 storeLinks', en: 'androidPackage, iosAppId or storeLinks' }],
    miniprogram: [!ids.miniprogram, { zh: 'miniprogram（host 与 appid）', en: 'miniprogram (host and appid)' }],
    h5: [!ids.h5Url, { zh: 'h5Url', en: 'h5Url' }],
    'official-account': [!ids.officialAccount, { zh: 'officialAccount', en: 'officialAccount' }],
  }
  const [isMissing, what] = missing[e.spec.type]!
  if (isMissing) {
    report(e, ['spec', 'type'], 'YJ_IDENTIFIER_MISSING', { zh: `渠道缺少标识：${what.zh}`, en: `channel has no identifier: ${what.en}` }, { zh: `在 identifiers 下填写 ${what.zh}，以便查重和巡检`, en: `add ${what.en} under identifiers so it can be de-duplicated and probed` }, 'warning')
  }
}

function checkItemRef(e: AnyEntity, path: ValuePath, code: string, index: InventoryIndex, report: Report): void {
  if (index.byKind.ServiceList.length === 0) return // reported once by checkServiceListPresent
  if (index.items.has(code)) return
  const guess = closest(code, index.items.keys(), 2)
  report(
    e,
    path,
    'YJ_REF_UNKNOWN',
    { zh: `高频事项编码 “${code}” 不在事项清单中`, en: `service item "${code}" is not in the service list` },
    guess ? { zh: `是否应为 “${guess}”？`, en: `did you mean "${guess}"?` } : { zh: '核对省级高频政务服务事项清单中的编码', en: 'check the code in the provincial high-frequency list' },
  )
}

function checkInterface(e: Entity<'Interface'>, refs: RefChecker, report: Report): void {
  const s = e.spec
  refs.expect(e, ['metadata', 'owner'], e.metadata.owner, 'Organization')
  checkCode(report, e, ['spec', 'endpoint'], s.endpoint, (v) => validateUrl(v), 'YJ_URL_INVALID', { zh: '接口地址', en: 'endpoint' }, URL_HINT)
  const seen = new Set<string>()
  s.operations?.forEach((op, i) => {
    if (seen.has(op.id)) {
      report(e, ['spec', 'operations', i, 'id'], 'YJ_ID_DUPLICATE', { zh: `操作 id “${op.id}” 在本接口中重复`, en: `operation id "${op.id}" repeats in this interface` }, { zh: '为每个操作使用不同的 id', en: 'give each operation its own id' })
    }
    seen.add(op.id)
  })
}

function checkServiceList(e: Entity<'ServiceList'>, index: InventoryIndex, report: Report): void {
  checkCode(report, e, ['spec', 'updated'], e.spec.updated, validateDate, 'YJ_DATE_INVALID', { zh: '更新日期', en: 'updated date' }, DATE_HINT)
  e.spec.items.forEach((item, i) => {
    const owner = index.itemOwners.get(item.code)
    if (owner && (owner.entity !== e || owner.index !== i)) {
      report(e, ['spec', 'items', i, 'code'], 'YJ_ITEM_DUPLICATE', { zh: `事项编码 “${item.code}” 重复（${owner.entity.metadata.id} 第 ${owner.index + 1} 项）`, en: `item code "${item.code}" repeats (${owner.entity.metadata.id} item ${owner.index + 1})` }, { zh: '每个事项编码只能出现一次', en: 'each item code may appear once' })
    }
  })
}

const STAGE_INDEX = new Map(STAGES.map((s, i) => [s, i]))

function checkMigration(e: Entity<'Migration'>, refs: RefChecker, report: Report): void {
  refs.expect(e, ['spec', 'channel'], e.spec.channel, 'Channel')
  for (const [stage, date] of Object.entries(e.spec.targets ?? {})) {
    checkCode(report, e, ['spec', 'targets', stage], date, validateDate, 'YJ_DATE_INVALID', { zh: '目标日期', en: 'target date' }, DATE_HINT)
  }
  let prevDate = ''
  let prevStage = -1
  e.spec.events?.forEach((ev, i) => {
    const dateOk = checkCode(report, e, ['spec', 'events', i, 'date'], ev.date, validateDate, 'YJ_DATE_INVALID', { zh: '日期', en: 'date' }, DATE_HINT)
    if (dateOk && ev.date < prevDate) {
      report(e, ['spec', 'events', i, 'date'], 'YJ_EVENT_ORDER', { zh: `事件日期 ${ev.date} 早于前一条事件（${prevDate}）`, en: `event date ${ev.date} is before the previous event (${prevDate})` }, { zh: '事件只能追加：按时间顺序记录，不要改写历史', en: 'events are appended in date order; do not rewrite history' })
    }
    const stage = STAGE_INDEX.get(ev.stage) ?? -1
    if (stage < prevStage && !ev.reason) {
      report(e, ['spec', 'events', i, 'stage'], 'YJ_STAGE_BACKWARD', { zh: `阶段从 ${STAGES[prevStage]} 回退到 ${ev.stage}，但没有说明原因`, en: `stage moves back from ${STAGES[prevStage]} to ${ev.stage} without a reason` }, { zh: '在该事件中填写 reason', en: 'add a reason to this event' })
    }
    if (dateOk) prevDate = ev.date
    prevStage = stage
  })
}

function normalizeUrl(u: string): string {
  try {
    const url = new URL(u)
    url.hash = ''
    return `${url.host.toLowerCase()}${url.pathname.replace(/\/+$/, '')}${url.search}`
  } catch {
    return u.trim()
  }
}

function checkDuplicateChannels(index: InventoryIndex, report: Report): void {
  const seen = new Map<string, Entity<'Channel'>>()
  const keys = (c: Entity<'Channel'>): [string, ValuePath, Localized][] => {
    const ids = c.spec.identifiers ?? {}
    const out: [string, ValuePath, Localized][] = []
    if (ids.miniprogram) out.push([`appid:${ids.miniprogram.appid}`, ['spec', 'identifiers', 'miniprogram', 'appid'], { zh: `appid ${ids.miniprogram.appid}`, en: `appid ${ids.miniprogram.appid}` }])
    if (ids.androidPackage) out.push([`pkg:${ids.androidPackage}`, ['spec', 'identifiers', 'androidPackage'], { zh: `包名 ${ids.androidPackage}`, en: `package ${ids.androidPackage}` }])
    if (ids.iosAppId) out.push([`ios:${ids.iosAppId.replace(/^id/, '')}`, ['spec', 'identifiers', 'iosAppId'], { zh: `iOS id ${ids.iosAppId}`, en: `iOS id ${ids.iosAppId}` }])
    if (ids.h5Url) out.push([`url:${normalizeUrl(ids.h5Url)}`, ['spec', 'identifiers', 'h5Url'], { zh: `地址 ${ids.h5Url}`, en: `URL ${ids.h5Url}` }])
    return out
  }
  for (const c of index.byKind.Channel) {
    for (const [key, path, what] of keys(c)) {
      const prev = seen.get(key)
      if (!prev) {
        seen.set(key, c)
        continue
      }
      if (prev === c) continue
      report(
        c,
        path,
        'YJ_CHANNEL_DUPLICATE',
        { zh: `与渠道 ${prev.metadata.id}（${where(prev)}）重复：相同的${what.zh}`, en: `duplicates channel ${prev.metadata.id} (${where(prev)}): same ${what.en}` },
        { zh: '同一渠道只登记一次；如确为两个渠道，请核对标识', en: 'record each channel once; if these really are two channels, check the identifiers' },
      )
    }
  }
}

function checkDuplicateUscc(index: InventoryIndex, report: Report): void {
  const seen = new Map<string, Entity<'Organization'>>()
  for (const o of index.byKind.Organization) {
    const prev = seen.get(o.spec.uscc)
    if (!prev) {
      seen.set(o.spec.uscc, o)
      continue
    }
    report(o, ['spec', 'uscc'], 'YJ_USCC_DUPLICATE', { zh: `统一社会信用代码与单位 ${prev.metadata.id}（${where(prev)}）相同`, en: `same USCC as organization ${prev.metadata.id} (${where(prev)})` }, { zh: '同一单位只登记一次；内设机构用上级单位的记录', en: 'record each unit once; internal divisions use their parent record' })
  }
}

function checkMigrationCoverage(index: InventoryIndex, report: Report): void {
  const seen = new Map<string, Entity<'Migration'>>()
  for (const m of index.byKind.Migration) {
    const prev = seen.get(m.spec.channel)
    if (prev) {
      report(m, ['spec', 'channel'], 'YJ_MIGRATION_DUPLICATE', { zh: `渠道 ${m.spec.channel} 已有迁移记录 ${prev.metadata.id}（${where(prev)}）`, en: `channel ${m.spec.channel} already has migration ${prev.metadata.id} (${where(prev)})` }, { zh: '每个渠道只保留一条 Migration，把事件追加到已有记录中', en: 'keep one Migration per channel; append events to it' })
    } else {
      seen.set(m.spec.channel, m)
    }
  }
  if (index.byKind.Migration.length === 0) return // an inventory that does not track migration yet
  for (const c of index.byKind.Channel) {
    if (!seen.has(c.metadata.id)) {
      report(c, ['metadata', 'id'], 'YJ_MIGRATION_MISSING', { zh: '渠道没有迁移进度记录（Migration）', en: 'channel has no Migration' }, { zh: `添加 kind: Migration，spec.channel: ${c.metadata.id}`, en: `add a Migration with spec.channel: ${c.metadata.id}` }, 'warning')
    }
  }
}

function checkServiceListPresent(index: InventoryIndex, report: Report): void {
  if (index.byKind.ServiceList.length > 0) return
  const first = index.byKind.Channel.find((c) => c.spec.services?.some((s) => s.item !== undefined))
  if (!first) return
  const i = first.spec.services!.findIndex((s) => s.item !== undefined)
  report(
    first,
    ['spec', 'services', i, 'item'],
    'YJ_SERVICE_LIST_MISSING',
    { zh: '渠道引用了高频事项编码，但清单中没有事项清单（ServiceList），无法核对', en: 'channels reference service items but no ServiceList is loaded, so they cannot be checked' },
    { zh: '在 Region 中用 include 引入省级事项清单，如 include: ["../hebei"]', en: 'include the provincial list from the Region, e.g. include: ["../hebei"]' },
    'warning',
  )
}
