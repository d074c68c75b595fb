/**
 * The 摸查表: a workbook the city office sends to a department (or to every
 * unit at once). Instructions in Chinese, one sheet per entity kind with
 * the columns of `_columns.ts`, drop-downs for closed lists, header notes,
 * a frozen and protected header row, a marked example row, and what the
 * inventory already knows pre-filled, so departments correct rather than
 * retype.
 */
import ExcelJS from 'exceljs'
import { closest, YjError, type AnyEntity, type Entity, type Inventory, type ValuePath } from '@yingjie/model'
import { EXAMPLE_MARK, INSTRUCTIONS_SHEET, LISTS_SHEET, SHEETS, type Choice, type ColumnDef, type SheetDef } from './_columns'
import { indexInventory } from './_index'

export interface SurveyOptions {
  /**
   * Organization id: a workbook for this unit only, its rows pre-filled.
   * Without it, one workbook for every unit, with an organization column.
   * @example 'bd-rsj'
   */
  org?: string
  /**
   * Empty rows with drop-downs below the pre-filled ones.
   * @default 200
   */
  blankRows?: number
}

export interface SurveySummary {
  org?: { id: string; name: string }
  rows: { Organization: number; Channel: number; Interface: number }
}

const HEADER_FILL = 'FFDDEBF7'
const EXAMPLE_FILL = 'FFD9D9D9'

/** Build the survey workbook; returns the .xlsx bytes and what was pre-filled. */
export async function surveyWorkbook(inventory: Inventory, options: SurveyOptions = {}): Promise<{ data: Buffer; summary: SurveySummary }> {
  const index = indexInventory(inventory.entities)
  const orgs = index.byKind.Organization
  let org: Entity<'Organization'> | undefined
  if (options.org !== undefined) {
    org = orgs.find((o) => o.metadata.id === options.org)
    if (!org) {
      const guess = closest(options.org, orgs.map((o) => o.metadata.id))
      throw new YjError({
        code: 'YJ_REF_UNKNOWN',
        message: { zh: `清单中没有编号为 “${options.org}” 的单位`, en: `no organization with id "${options.org}" in the inventory` },
        hint: guess ? { zh: `是否应为 “${guess}”？`, en: `did you mean "${guess}"?` } : { zh: '用 yingjie inventory report 查看单位编号', en: 'see the organization ids with yingjie inventory report' },
      })
    }
  }
  const mine = <E extends AnyEntity>(list: E[], kind: 'self' | 'owner'): E[] =>
    org === undefined ? list : list.filter((e) => (kind === 'self' ? e.metadata.id : e.metadata.owner) === org!.metadata.id)
  const rowsByKind = {
    Organization: mine(orgs, 'self') as AnyEntity[],
    Channel: mine(index.byKind.Channel, 'owner') as AnyEntity[],
    Interface: mine(index.byKind.Interface, 'owner') as AnyEntity[],
  }

  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'yingjie'
  workbook.title = org ? `${org.metadata.name} 政务服务移动端渠道摸查表` : '政务服务移动端渠道摸查表'
  const region = index.byKind.Region.find((r) => r.source.file.startsWith(inventory.root)) ?? index.byKind.Region[0]
  writeInstructions(workbook.addWorksheet(INSTRUCTIONS_SHEET.zh), region, org)

  const lists = workbook.addWorksheet(LISTS_SHEET, { state: 'veryHidden' })
  lists.getCell('A1').value = 'survey'
  lists.getCell('B1').value = 'yingjie/v1'
  if (org) {
    lists.getCell('A2').value = 'org'
    lists.getCell('B2').value = org.metadata.id
  }
  const listRange = new Map<readonly Choice[] | 'org', string>()
  let listColumn = 4
  const addList = (key: readonly Choice[] | 'org', values: string[]): void => {
    if (values.length === 0) return
    const letter = columnLetter(listColumn++)
    values.forEach((v, i) => (lists.getCell(`${letter}${i + 1}`).value = v))
    listRange.set(key, `'${LISTS_SHEET}'!$${letter}$1:$${letter}$${values.length}`)
  }
  addList('org', orgs.map((o) => o.metadata.id))
  for (const def of SHEETS) for (const c of def.columns) if (c.choices && !listRange.has(c.choices)) addList(c.choices, c.choices.map((x) => x.label.zh))

  for (const def of SHEETS) {
    await writeDataSheet(workbook.addWorksheet(def.name.zh), def, rowsByKind[def.kind], listRange, options.blankRows ?? 200)
  }
  const data = Buffer.from(await workbook.xlsx.writeBuffer())
  return {
    data,
    summary: {
      org: org ? { id: org.metadata.id, name: org.metadata.name } : undefined,
      rows: { Organization: rowsByKind.Organization.length, Channel: rowsByKind.Channel.length, Interface: rowsByKind.Interface.length },
    },
  }
}

function columnLetter(n: number): string {
  let s = ''
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s
  return s
}

function getPath(value: unknown, path: ValuePath): unknown {
  let node = value
  for (const seg of path) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[seg] : undefined
  return node
}

/** The cell text or number for an entity's field: the inverse of reading it back. */
export function cellValueFor(column: ColumnDef, entity: AnyEntity): string | number | undefined {
  const v = getPath(entity, column.path)
  if (v === undefined || v === null) return undefined
  switch (column.type) {
    case 'choice':
      return column.choices?.find((c) => c.code === v)?.label.zh ?? String(v)
    case 'integer':
      return typeof v === 'number' ? v : String(v)
    case 'list':
      return Array.isArray(v) ? v.join('\n') : String(v)
    case 'services':
      return Array.isArray(v)
        ? v
            .map((s: { name?: string; item?: string; itemCode?: string }) => [s.name ?? '', s.item ?? '', s.itemCode ?? ''].join('|').replace(/\|+$/, ''))
            .join('\n')
        : String(v)
    default:
      return String(v)
  }
}

async function writeDataSheet(ws: ExcelJS.Worksheet, def: SheetDef, entities: readonly AnyEntity[], listRange: Map<readonly Choice[] | 'org', string>, blankRows: number): Promise<void> {
  ws.columns = def.columns.map((c) => ({
    key: c.key,
    width: c.width ?? 14,
    style: {
      numFmt: c.type === 'integer' ? '0' : c.type === 'date' ? 'yyyy-mm-dd' : '@',
      protection: { locked: false },
      alignment: { vertical: 'top', wrapText: c.type === 'list' || c.type === 'services' || c.key === 'description' },
    },
  }))
  const header = ws.getRow(1)
  def.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1)
    cell.value = c.required ? `${c.header.zh} *` : c.header.zh
    cell.note = { texts: [{ text: c.hint.zh }] } as ExcelJS.Comment
    cell.font = { bold: true }
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } }
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true }
    cell.protection = { locked: true }
    cell.numFmt = 'General'
  })
  header.height = 30

  const example = ws.getRow(2)
  def.columns.forEach((c, i) => {
    const cell = example.getCell(i + 1)
    cell.value = i === 0 ? `${EXAMPLE_MARK}（导入时跳过本行）` : (c.example ?? null)
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: EXAMPLE_FILL } }
    cell.font = { italic: true, color: { argb: 'FF7F7F7F' } }
  })

  entities.forEach((e, r) => {
    const row = ws.getRow(3 + r)
    def.columns.forEach((c, i) => {
      const v = cellValueFor(c, e)
      if (v !== undefined) row.getCell(i + 1).value = v
    })
  })

  const last = 2 + entities.length + blankRows
  def.columns.forEach((c, i) => {
    const letter = columnLetter(i + 1)
    const range = c.choices ? listRange.get(c.choices) : c.key === 'owner' || c.key === 'parent' ? listRange.get('org') : undefined
    if (!range) return
    const strict = c.key !== 'owner' && c.key !== 'parent' // a unit may also be typed by name
    ;(ws as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}3:${letter}${last}`, {
      type: 'list',
      allowBlank: true,
      formulae: [range],
      showErrorMessage: strict,
      errorStyle: 'stop',
      errorTitle: '请从列表中选择',
      error: `可选：${(c.choices ?? []).map((x) => x.label.zh).join('、')}`,
      showInputMessage: true,
      promptTitle: c.header.zh,
      prompt: c.hint.zh.slice(0, 250),
    })
  })
  ws.views = [{ state: 'frozen', ySplit: 1, xSplit: 0, topLeftCell: 'A2', activeCell: 'A3' }]
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: def.columns.length } }
  // Header locked, data editable; rows may be added, deleted, sorted and filtered.
  await ws.protect('', {
    selectLockedCells: true,
    selectUnlockedCells: true,
    formatCells: true,
    formatColumns: true,
    formatRows: true,
    insertRows: true,
    deleteRows: true,
    sort: true,
    autoFilter: true,
  })
}

function writeInstructions(ws: ExcelJS.Worksheet, region: Entity<'Region'> | undefined, org: Entity<'Organization'> | undefined): void {
  ws.columns = [{ width: 4 }, { width: 110 }]
  const city = region?.spec.city ?? region?.metadata.name ?? ''
  const platform = region?.spec.platformName ?? region?.spec.platform ?? '省级平台移动端'
  const ms = region?.spec.milestones ?? {}
  const lines: [string, string][] = [
    ['', `${city}政务服务移动端渠道摸查表${org ? `（${org.metadata.name}）` : ''}`],
    ['', ''],
    ['一', `用途：摸清本单位自建的政务服务 APP、小程序、H5 和公众号，按“应接尽接、应上尽上”接入${platform}，并按期关停原渠道。`],
    ['二', '填写：在“单位”“渠道”“接口”三张表中逐行填写，每个渠道一行、每个业务接口一行；已登记的内容已预先填入，请核对、修改、补充。'],
    ['三', '带 * 的列为必填；带下拉箭头的列请从列表中选择；鼠标停在表头上可看到填写说明。'],
    ['四', '灰色的“示例”行仅作参考，导入时自动跳过，可以保留。'],
    ['五', '统一社会信用代码、电话号码、AppID 等号码请保持“文本”格式，不要改成数字，否则 Excel 会改写号码（如显示为 1.31E+17）。'],
    ['六', '“提供的服务”每行写一项：服务名称|高频事项编码|实施编码，编码不清楚可以只写名称。'],
    ['七', '“编号”列：已登记的渠道和接口不要修改编号；新增的可以留空，导入时自动生成。'],
    ['八', '处置方式：接入（接入省级平台）、重建、下线、合并（并入另一个渠道，同时填写“合并到渠道编号”）。'],
    ['九', '接入方式：部门自行开发对接；省级代为开发（本单位无开发能力，提交需求和数据接口）；市级平台承载（本单位无业务系统）。'],
    ['十', '表头行已锁定，不要修改表头、表名或删除列；可以插入、删除数据行。可用 Excel 或 WPS 填写，另存时保持 .xlsx 格式。'],
  ]
  if (ms.contactsDue) lines.push(['', `请于 ${ms.contactsDue} 前报送联系人；${ms.connectDeadline ? `${ms.connectDeadline} 前全部接入${platform}；` : ''}${ms.legacyShutdown ? `${ms.legacyShutdown} 起原渠道停止对外服务。` : ''}`])
  const office = region?.spec.coordinator
  if (office) lines.push(['', `联系：${office.office}${office.contact ? ` ${office.contact.name} ${office.contact.phone}` : ''}`])
  lines.forEach(([a, b], i) => {
    const row = ws.getRow(i + 1)
    row.getCell(1).value = a
    row.getCell(2).value = b
    row.getCell(2).alignment = { wrapText: true, vertical: 'top' }
  })
  ws.getCell('B1').font = { bold: true, size: 14 }
}
