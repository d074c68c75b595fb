/**
 * The 接入清单 the city reports to the province: one row per channel. Which
 * columns, in which order, under which headers, is a layout file (YAML,
 * checked against schema/layout.schema.json), so a province with another
 * format edits data, not code. The values a column may show are the named
 * fields in `EXPORT_VALUES`.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import Ajv from 'ajv'
import ExcelJS from 'exceljs'
import { parseYamlText, schemaFindings, YjError, type Entity, type Finding, type Inventory } from '@yingjie/model'
import layoutSchema from '../schema/layout.schema.json'
import {
  ACCESS_MODE_CHOICES,
  CHANNEL_TYPE_CHOICES,
  DECISION_CHOICES,
  labelFor,
  MINIPROGRAM_HOST_CHOICES,
  MLPS_CHOICES,
  ORG_LEVEL_CHOICES,
  STAGE_LABELS,
  YES_NO_CHOICES,
  type Choice,
} from './_columns'
import { indexInventory } from './_index'

export interface ExportColumn {
  header: string
  /** One of the names in `EXPORT_VALUES`, e.g. `organization.uscc`. */
  value: string
  /** Column width in characters. @default 14 */
  width?: number
  /** Closed-list values as Chinese labels (`zh`) or as codes (`code`). @default 'zh' */
  labels?: 'zh' | 'code'
}

export interface ExportLayout {
  id: string
  name: string
  sheet: string
  /** Title row above the headers; `{city}`, `{province}`, `{platformName}` are filled in. */
  title?: string
  columns: ExportColumn[]
}

/** The default layout shipped with the package (Hebei style). */
export const DEFAULT_LAYOUT = fileURLToPath(new URL('../layouts/hebei.yaml', import.meta.url))

interface RowContext {
  index: number
  channel: Entity<'Channel'>
  organization?: Entity<'Organization'>
  migration?: Entity<'Migration'>
}

type Cell = string | number | undefined
type Labels = 'zh' | 'code'

function pick(list: readonly Choice[], value: unknown, labels: Labels): Cell {
  if (value === undefined) return undefined
  return labels === 'code' ? String(value) : (labelFor(list, value) ?? String(value))
}

function mainIdentifier(c: Entity<'Channel'>): string | undefined {
  const ids = c.spec.identifiers ?? {}
  const parts: string[] = []
  if (ids.androidPackage) parts.push(`Android：${ids.androidPackage}`)
  if (ids.iosAppId) parts.push(`iOS：${ids.iosAppId}`)
  if (ids.miniprogram) parts.push(`${labelFor(MINIPROGRAM_HOST_CHOICES, ids.miniprogram.host) ?? ids.miniprogram.host}：${ids.miniprogram.appid}`)
  if (ids.h5Url) parts.push(ids.h5Url)
  if (ids.officialAccount) parts.push(`${ids.officialAccount.name}${ids.officialAccount.accountId ? `（${ids.officialAccount.accountId}）` : ''}`)
  if (parts.length === 0 && ids.storeLinks?.length) parts.push(...ids.storeLinks)
  return parts.length ? parts.join('\n') : undefined
}

function latestEvent(m: Entity<'Migration'> | undefined): { stage: string; date: string } | undefined {
  const events = m?.spec.events ?? []
  return events.length ? events[events.length - 1] : undefined
}

/** Every value a layout column may name. The layout schema's enum lists the same names (a test keeps them equal). */
export const EXPORT_VALUES: Record<string, (r: RowContext, labels: Labels) => Cell> = {
  index: (r) => r.index,
  'organization.id': (r) => r.organization?.metadata.id ?? r.channel.metadata.owner,
  'organization.name': (r) => r.organization?.metadata.name,
  'organization.uscc': (r) => r.organization?.spec.uscc,
  'organization.level': (r, l) => pick(ORG_LEVEL_CHOICES, r.organization?.spec.level, l),
  'organization.regionCode': (r) => r.organization?.spec.regionCode,
  'organization.contact.name': (r) => r.organization?.spec.contact?.name,
  'organization.contact.title': (r) => r.organization?.spec.contact?.title,
  'organization.contact.phone': (r) => r.organization?.spec.contact?.phone,
  'channel.id': (r) => r.channel.metadata.id,
  'channel.name': (r) => r.channel.metadata.name,
  'channel.type': (r, l) => pick(CHANNEL_TYPE_CHOICES, r.channel.spec.type, l),
  'channel.identifier': (r) => mainIdentifier(r.channel),
  'channel.androidPackage': (r) => r.channel.spec.identifiers?.androidPackage,
  'channel.iosAppId': (r) => r.channel.spec.identifiers?.iosAppId,
  'channel.miniprogram.host': (r, l) => pick(MINIPROGRAM_HOST_CHOICES, r.channel.spec.identifiers?.miniprogram?.host, l),
  'channel.miniprogram.appid': (r) => r.channel.spec.identifiers?.miniprogram?.appid,
  'channel.h5Url': (r) => r.channel.spec.identifiers?.h5Url,
  'channel.officialAccount.name': (r) => r.channel.spec.identifiers?.officialAccount?.name,
  'channel.vendor': (r) => r.channel.spec.vendor,
  'channel.launchDate': (r) => r.channel.spec.launchDate,
  'channel.users.registered': (r) => r.channel.spec.users?.registered,
  'channel.users.monthlyActive': (r) => r.channel.spec.users?.monthlyActive,
  'channel.personalData': (r, l) => pick(YES_NO_CHOICES, r.channel.spec.personalData, l),
  'channel.mlpsLevel': (r, l) => pick(MLPS_CHOICES, r.channel.spec.mlpsLevel, l),
  'channel.filingNumber': (r) => r.channel.spec.filingNumber,
  'channel.decision': (r, l) => pick(DECISION_CHOICES, r.channel.spec.decision, l),
  'channel.mergeInto': (r) => r.channel.spec.mergeInto,
  'channel.accessMode': (r, l) => pick(ACCESS_MODE_CHOICES, r.channel.spec.accessMode, l),
  'channel.services': (r) => lines(r.channel.spec.services?.map((s) => s.name)),
  'channel.serviceItems': (r) => lines(r.channel.spec.services?.map((s) => s.item).filter((x): x is string => x !== undefined)),
  'channel.itemCodes': (r) => lines(r.channel.spec.services?.map((s) => s.itemCode).filter((x): x is string => x !== undefined)),
  'channel.interfaces': (r) => lines(r.channel.spec.interfaces),
  'channel.description': (r) => r.channel.metadata.description,
  status: (r, l) => {
    const e = latestEvent(r.migration)
    if (!e) return l === 'code' ? undefined : '未登记进度'
    return l === 'code' ? e.stage : (STAGE_LABELS[e.stage as keyof typeof STAGE_LABELS]?.zh ?? e.stage)
  },
  'status.date': (r) => latestEvent(r.migration)?.date,
  'migration.wave': (r) => (r.migration?.spec.wave === undefined ? undefined : r.migration.spec.wave),
  'migration.target.live': (r) => r.migration?.spec.targets?.live,
  'migration.target.shutdown': (r) => r.migration?.spec.targets?.shutdown,
}

function lines(values: readonly string[] | undefined): string | undefined {
  return values && values.length ? values.join('\n') : undefined
}

let validateLayout: ReturnType<Ajv['compile']> | undefined

/**
 * Read and check a layout file. Problems come back as located findings
 * (file:line:column, as for inventory files); the layout is returned only
 * when there are none.
 */
export async function loadExportLayout(file: string = DEFAULT_LAYOUT): Promise<{ layout?: ExportLayout; findings: Finding[] }> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new YjError({
      code: 'YJ_FILE_UNREADABLE',
      message: { zh: `无法读取版式文件（${(error as NodeJS.ErrnoException).code ?? 'EIO'}）：${file}`, en: `cannot read the layout file: ${file}` },
      hint: { zh: '检查 --layout 的路径', en: 'check the --layout path' },
    })
  }
  const parsed = parseYamlText(text.replace(/^\uFEFF/, ''), file)
  if (parsed.findings.length > 0) return { findings: parsed.findings }
  const doc = parsed.documents[0]
  if (!doc) {
    return {
      findings: [
        {
          code: 'YJ_FILE_EMPTY',
          severity: 'error',
          message: { zh: '版式文件为空', en: 'layout file is empty' },
          hint: { zh: '参照 layouts/hebei.yaml 编写', en: 'start from layouts/hebei.yaml' },
          location: { file, line: 1, column: 1 },
        },
      ],
    }
  }
  validateLayout ??= new Ajv({ allErrors: true, strict: false, verbose: true, code: { optimize: false } }).compile(layoutSchema)
  if (!validateLayout(doc.value)) {
    const id = String((doc.value as { metadata?: { id?: unknown } })?.metadata?.id ?? '')
    return { findings: schemaFindings(validateLayout.errors, doc, { kind: 'ExportLayout', id }) }
  }
  const v = doc.value as { metadata: { id: string; name: string }; spec: { sheet: string; title?: string; columns: ExportColumn[] } }
  return { layout: { id: v.metadata.id, name: v.metadata.name, sheet: v.spec.sheet, title: v.spec.title, columns: v.spec.columns }, findings: [] }
}

/** The rows of the access list: one per channel, in inventory order, values per layout column. */
export function accessListRows(inventory: Inventory, layout: ExportLayout): Cell[][] {
  const index = indexInventory(inventory.entities)
  const orgs = new Map(index.byKind.Organization.map((o) => [o.metadata.id, o]))
  const migrations = new Map<string, Entity<'Migration'>>()
  for (const m of index.byKind.Migration) if (!migrations.has(m.spec.channel)) migrations.set(m.spec.channel, m)
  return index.byKind.Channel.map((channel, i) => {
    const ctx: RowContext = { index: i + 1, channel, organization: orgs.get(channel.metadata.owner ?? ''), migration: migrations.get(channel.metadata.id) }
    return layout.columns.map((c) => EXPORT_VALUES[c.value]?.(ctx, c.labels ?? 'zh'))
  })
}

/** The access list as .xlsx bytes. */
export async function accessListWorkbook(inventory: Inventory, layout: ExportLayout): Promise<{ data: Buffer; rows: number }> {
  const index = indexInventory(inventory.entities)
  const region = index.byKind.Region[0]
  const rows = accessListRows(inventory, layout)
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'yingjie'
  workbook.title = layout.name
  const ws = workbook.addWorksheet(layout.sheet)
  ws.columns = layout.columns.map((c) => ({ width: c.width ?? 14 }))
  let headerRow = 1
  if (layout.title) {
    const title = layout.title
      .replaceAll('{city}', region?.spec.city ?? region?.metadata.name ?? '')
      .replaceAll('{province}', region?.spec.province ?? '')
      .replaceAll('{platformName}', region?.spec.platformName ?? region?.spec.platform ?? '')
    ws.getCell(1, 1).value = title
    ws.getCell(1, 1).font = { bold: true, size: 14 }
    ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' }
    if (layout.columns.length > 1) ws.mergeCells(1, 1, 1, layout.columns.length)
    ws.getRow(1).height = 28
    headerRow = 2
  }
  const header = ws.getRow(headerRow)
  layout.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.value = c.header
    cell.font = { bold: true }
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } }
    cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } }
  })
  rows.forEach((values, r) => {
    const row = ws.getRow(headerRow + 1 + r)
    values.forEach((v, i) => {
      const cell = row.getCell(i + 1)
      if (v !== undefined) cell.value = v
      // Codes stay text: a USCC or phone must never turn into 1.31E+17 in the province's copy.
      if (typeof v === 'string') cell.numFmt = '@'
      cell.alignment = { vertical: 'top', wrapText: true }
      cell.border = { top: { style: 'thin' }, bottom: { style: 'thin' }, left: { style: 'thin' }, right: { style: 'thin' } }
    })
  })
  ws.views = [{ state: 'frozen', ySplit: headerRow }]
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: layout.columns.length } }
  return { data: Buffer.from(await workbook.xlsx.writeBuffer()), rows: rows.length }
}
