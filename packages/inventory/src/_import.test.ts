import { existsSync } from 'node:fs'
import { cp, readFile, readdir, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import ExcelJS from 'exceljs'
import iconv from 'iconv-lite'
import { afterEach, describe, expect, it } from 'vitest'
import { loadInventory } from '@yingjie/model'
import { ERROR_FILL, NOTE_MARK } from './_errors-workbook'
import { importWorkbooks } from './_import'
import { surveyWorkbook } from './_survey'
import { minimalInventory, REPO_ROOT, tempDir, type TempDir } from '../../../test/utils/index'

const dirs: TempDir[] = []
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => d.cleanup()))
})

/** A writable copy of the bundled sample (with ../hebei beside it). */
async function sample(): Promise<{ root: string; inv: string }> {
  const dir = await tempDir()
  dirs.push(dir)
  await cp(join(REPO_ROOT, 'inventories'), dir.path, { recursive: true })
  return { root: dir.path, inv: join(dir.path, 'baoding') }
}

async function minimal(): Promise<string> {
  const dir = await tempDir(minimalInventory())
  dirs.push(dir)
  return dir.path
}

async function survey(inv: string, org?: string): Promise<ExcelJS.Workbook> {
  const { data } = await surveyWorkbook(await loadInventory(inv), { org, blankRows: 20 })
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(data as unknown as ArrayBuffer)
  return wb
}

async function save(wb: ExcelJS.Workbook, file: string): Promise<string> {
  await wb.xlsx.writeFile(file)
  return file
}

/** Every file of an inventory folder, for "nothing changed" assertions. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out.set(join(entry.parentPath, entry.name), await readFile(join(entry.parentPath, entry.name), 'utf8'))
  }
  return out
}

function column(ws: ExcelJS.Worksheet, header: string): number {
  let found = 0
  ws.getRow(1).eachCell((cell, n) => {
    if (String(cell.value).replace(' *', '') === header) found = n
  })
  if (!found) throw new Error(`no column ${header}`)
  return found
}

function set(ws: ExcelJS.Worksheet, row: number, header: string, value: ExcelJS.CellValue): ExcelJS.Cell {
  const cell = ws.getCell(row, column(ws, header))
  cell.value = value
  return cell
}

describe('importWorkbooks: round trip', () => {
  it('the untouched survey of every unit imports with no change at all', async () => {
    const { root, inv } = await sample()
    const file = await save(await survey(inv), join(root, 'all.xlsx'))
    const before = await snapshot(inv)
    const r = await importWorkbooks([file], inv)
    expect(r.ok).toBe(true)
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(r.changes.length).toBe(r.rows)
    expect(r.changes.every((c) => c.status === 'unchanged')).toBe(true)
    expect(r.written).toEqual([])
    expect(await snapshot(inv)).toEqual(before)
  })

  it('changes and new rows become small YAML edits; comments stay; importing again changes nothing', async () => {
    const { root, inv } = await sample()
    const wb = await survey(inv, 'bd-rsj')
    const ch = wb.getWorksheet('渠道')!
    set(ch, 4, '注册用户数', 420000)
    const row = 3 + 4 // after the example row and bd-rsj's four channels
    set(ch, row, '渠道名称', '保定人社新版 H5  ')
    set(ch, row, '渠道类型', 'H5')
    set(ch, row, 'H5 地址', 'https://m.rsj.baoding.invalid/')
    set(ch, row, '上线日期', new Date(Date.UTC(2023, 4, 6)))
    set(ch, row, '处置方式', '接入')
    set(ch, row, '接入方式', '市级平台承载')
    set(ch, row, '提供的服务', '就业登记|HB-SB-006')
    const file = await save(wb, join(root, 'bd-rsj.xlsx'))
    const channelsFile = join(inv, 'channels', 'bd-rsj.yaml')
    const before = await readFile(channelsFile, 'utf8')

    const r = await importWorkbooks([file], inv)
    expect(r.ok).toBe(true)
    const changed = r.changes.filter((c) => c.status !== 'unchanged')
    expect(changed.map((c) => [c.status, c.kind, c.id, c.fields])).toEqual([
      ['changed', 'Channel', 'bd-rsj-wx', ['spec.users.registered']],
      ['added', 'Channel', 'bd-rsj-h5', []],
    ])
    expect(r.written).toEqual([channelsFile])
    const after = await readFile(channelsFile, 'utf8')
    expect(after.startsWith(before.slice(0, before.indexOf('registered: 413000')))).toBe(true)
    expect(after).toContain('users: { registered: 420000, monthlyActive: 98000 }')
    expect(after).toContain('# 保定市人力资源和社会保障局：渠道与业务接口')
    expect(after).toContain('---\napiVersion: yingjie/v1\nkind: Channel\nmetadata:\n  id: bd-rsj-h5\n  name: 保定人社新版 H5\n  owner: bd-rsj\n')
    const check = await loadInventory(inv)
    expect(check.findings).toEqual([])
    expect(check.entities.find((e) => e.metadata.id === 'bd-rsj-h5')?.spec).toMatchObject({ type: 'h5', launchDate: '2023-05-06', accessMode: 'city-hosted' })

    const again = await importWorkbooks([file], inv)
    expect(again.ok).toBe(true)
    expect(again.changes.every((c) => c.status === 'unchanged')).toBe(true)
    expect(again.written).toEqual([])
    expect(await readFile(channelsFile, 'utf8')).toBe(after)
  })

  it('a new organization and its channel go to new files with the schema header', async () => {
    const { root, inv } = await sample()
    const wb = await survey(inv, 'bd-rsj')
    const org = wb.getWorksheet('单位')!
    set(org, 4, '单位编号', 'bd-tjj')
    set(org, 4, '单位名称', '保定市统计局')
    set(org, 4, '统一社会信用代码', '91350100M000100Y43')
    set(org, 4, '层级', '市级')
    set(org, 4, '行政区划代码', '130600')
    const ch = wb.getWorksheet('渠道')!
    set(ch, 7, '所属单位编号', '保定市统计局')
    set(ch, 7, '渠道名称', '保定统计')
    set(ch, 7, '渠道类型', '公众号')
    set(ch, 7, '公众号平台', '微信')
    set(ch, 7, '公众号名称', '保定统计')
    set(ch, 7, '处置方式', '下线')
    const r = await importWorkbooks([await save(wb, join(root, 'x.xlsx'))], inv)
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(r.written.sort()).toEqual([join(inv, 'channels', 'bd-tjj.yaml'), join(inv, 'organizations', 'bd-tjj.yaml')])
    const orgYaml = await readFile(join(inv, 'organizations', 'bd-tjj.yaml'), 'utf8')
    // The copy's own headers point at a schema that is not there; the new file points at the real one.
    const header = /^# yaml-language-server: \$schema=(\S+)\n/.exec(orgYaml)
    expect(existsSync(resolve(join(inv, 'organizations'), header![1]!))).toBe(true)
    expect(orgYaml).toContain('region: baoding')
    const chYaml = await readFile(join(inv, 'channels', 'bd-tjj.yaml'), 'utf8')
    expect(chYaml).toContain('id: bd-tjj-oa')
    expect(chYaml).toContain('owner: bd-tjj')
  })
})

describe('importWorkbooks: errors', () => {
  it('a USCC typed as a number: the cell is red with a note, a summary sheet lists it, exit not ok, nothing written', async () => {
    const { root, inv } = await sample()
    const wb = await survey(inv, 'bd-rsj')
    set(wb.getWorksheet('单位')!, 3, '统一社会信用代码', 113060000037215)
    set(wb.getWorksheet('渠道')!, 3, '处置方式', '保留')
    const file = await save(wb, join(root, '人社局.xlsx'))
    const before = await snapshot(inv)
    const r = await importWorkbooks([file], inv)
    expect(r.ok).toBe(false)
    const errors = r.findings.filter((f) => f.severity === 'error')
    const decision = column(wb.getWorksheet('渠道')!, '处置方式')
    expect(errors.map((f) => [f.code, f.location?.sheet, f.location?.line, f.location?.column])).toEqual([
      ['YJ_USCC_INVALID', '单位', 3, 3],
      ['YJ_VALUE_NOT_ALLOWED', '渠道', 3, decision],
    ])
    expect(await snapshot(inv)).toEqual(before)
    expect(r.errorWorkbooks).toEqual([join(root, '人社局.errors.xlsx')])
    const marked = new ExcelJS.Workbook()
    await marked.xlsx.readFile(r.errorWorkbooks[0]!)
    const cell = marked.getWorksheet('单位')!.getCell('C3')
    expect((cell.fill as ExcelJS.FillPattern).fgColor?.argb).toBe(ERROR_FILL)
    const note = typeof cell.note === 'string' ? cell.note : (cell.note.texts ?? []).map((t) => t.text).join('')
    expect(note.startsWith(NOTE_MARK)).toBe(true)
    expect(note).toContain('统一社会信用代码')
    expect(note).toContain('处理：')
    const summary = marked.getWorksheet('问题汇总')!
    const refs = summary.getColumn(3).values.slice(2).map((v) => (typeof v === 'object' && v && 'text' in v ? v.text : v))
    expect(refs).toContain('单位!C3')
    expect(refs).toContain(`渠道!${String.fromCharCode(64 + decision)}3`)
  })

  it('an 18-digit USCC stored by Excel as 1.31E+17 is reported at its cell as altered', async () => {
    const { root, inv } = await sample()
    const wb = await survey(inv, 'bd-rsj')
    set(wb.getWorksheet('单位')!, 3, '统一社会信用代码', 131000000000000000)
    const r = await importWorkbooks([await save(wb, join(root, 'a.xlsx'))], inv)
    expect(r.ok).toBe(false)
    const f = r.findings.find((x) => x.severity === 'error')!
    expect(f).toMatchObject({ code: 'YJ_CELL_NUMBER_ALTERED', location: { sheet: '单位', line: 3, column: 3 } })
    expect(f.message.zh).toContain('1.31E+17')
    // One finding per cell: the schema and USCC rules do not repeat it.
    expect(r.findings.filter((x) => x.location?.line === 3 && x.location.sheet === '单位')).toHaveLength(1)
  })

  it('a landline that lost its leading 0 is reported by the phone rule, at the phone cell', async () => {
    const { root, inv } = await sample()
    const wb = await survey(inv, 'bd-rsj')
    set(wb.getWorksheet('单位')!, 3, '联系电话', 3123086215)
    const r = await importWorkbooks([await save(wb, join(root, 'a.xlsx'))], inv)
    const f = r.findings.find((x) => x.severity === 'error')!
    expect(f).toMatchObject({ code: 'YJ_PHONE_INVALID', location: { sheet: '单位', line: 3, column: 9 } })
    // What is printed is masked; the office's own error workbook says it in full.
    expect(f.message.zh).toContain('031******15')
    expect(f.message.zh).not.toContain('3123086215')
    const marked = new ExcelJS.Workbook()
    await marked.xlsx.readFile(r.errorWorkbooks[0]!)
    expect(String(marked.getWorksheet('单位')!.getCell('I3').note)).toContain('应为 03123086215')
  })

  it('the same rules as inventory check: an unknown interface and a duplicate appid point at their cells', async () => {
    const { root, inv } = await sample()
    const wb = await survey(inv, 'bd-rsj')
    const ch = wb.getWorksheet('渠道')!
    set(ch, 3, '使用的接口编号', 'bd-rsj-sbk-api, bd-rsj-nope')
    set(ch, 7, '所属单位编号', 'bd-gaj')
    set(ch, 7, '渠道名称', '重复登记的小程序')
    set(ch, 7, '渠道类型', '小程序')
    set(ch, 7, '小程序平台', '微信')
    set(ch, 7, '小程序 AppID', 'wx0995452ebef26119')
    const r = await importWorkbooks([await save(wb, join(root, 'a.xlsx'))], inv)
    const errors = r.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.location?.line, f.location?.column])
    expect(errors).toEqual([
      ['YJ_REF_UNKNOWN', 3, column(ch, '使用的接口编号')],
      ['YJ_CHANNEL_DUPLICATE', 7, column(ch, '小程序 AppID')],
    ])
  })

  it('fixing the errors copy and importing it works; old marks are cleared when it is checked again', async () => {
    const { root, inv } = await sample()
    const wb = await survey(inv, 'bd-rsj')
    set(wb.getWorksheet('单位')!, 3, '统一社会信用代码', 131000000000000000)
    set(wb.getWorksheet('渠道')!, 3, '处置方式', '保留')
    const first = await importWorkbooks([await save(wb, join(root, 'a.xlsx'))], inv)
    const copy = new ExcelJS.Workbook()
    await copy.xlsx.readFile(first.errorWorkbooks[0]!)
    set(copy.getWorksheet('单位')!, 3, '统一社会信用代码', '11130600000372154H')
    const second = await importWorkbooks([await save(copy, first.errorWorkbooks[0]!)], inv)
    expect(second.findings.filter((f) => f.severity === 'error')).toHaveLength(1)
    const again = new ExcelJS.Workbook()
    await again.xlsx.readFile(second.errorWorkbooks[0]!)
    expect(second.errorWorkbooks[0]).toBe(join(root, 'a.errors.xlsx'))
    expect(again.getWorksheet('单位')!.getCell('C3').note).toBeUndefined()
    expect(again.worksheets.filter((w) => w.name === '问题汇总')).toHaveLength(1)
    set(again.getWorksheet('渠道')!, 3, '处置方式', '接入')
    const third = await importWorkbooks([await save(again, join(root, 'a.errors.xlsx'))], inv)
    expect(third.ok).toBe(true)
  })
})

describe('importWorkbooks: what departments send back', () => {
  it('merged cells: a unit merged down a column applies to every row; a merge across columns stays in its first cell', async () => {
    const dir = await minimal()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('渠道')
    ws.addRow(['所属单位编号', '渠道名称', '渠道类型', 'H5 地址', '处置方式', '备注'])
    ws.addRow(['test-rsj', '甲', 'H5', 'https://a.test.invalid/', '下线', '合并的说明'])
    ws.addRow([null, '乙', 'H5', 'https://b.test.invalid/', '下线'])
    ws.addRow([null, '丙', 'H5', 'https://c.test.invalid/', '下线'])
    ws.mergeCells('A2:A4')
    ws.mergeCells('E2:F2')
    const r = await importWorkbooks([await save(wb, join(dir, 'm.xlsx'))], dir)
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(r.changes.map((c) => [c.id, c.status])).toEqual([
      ['test-rsj-h5-2', 'added'],
      ['test-rsj-h5-3', 'added'],
      ['test-rsj-h5-4', 'added'],
    ])
    const inv = await loadInventory(dir)
    const added = inv.entities.filter((e) => e.metadata.id.startsWith('test-rsj-h5-'))
    expect(added.map((e) => [e.metadata.owner, e.metadata.name, e.metadata.description])).toEqual([
      ['test-rsj', '甲', undefined],
      ['test-rsj', '乙', undefined],
      ['test-rsj', '丙', undefined],
    ])
  })

  it('formula cells use their saved result; a formula without one is an error at its cell', async () => {
    const dir = await minimal()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('渠道')
    ws.addRow(['所属单位编号', '渠道编号', '渠道名称', '渠道类型', 'H5 地址', '处置方式'])
    ws.addRow(['test-rsj', 'test-new-a', { formula: '"测试"&"便民"', result: '测试便民' }, 'H5', 'https://a.test.invalid/', '下线'])
    ws.addRow(['test-rsj', 'test-new-b', { formula: 'C2&"二"' } as ExcelJS.CellFormulaValue, 'H5', 'https://b.test.invalid/', '下线'])
    const r = await importWorkbooks([await save(wb, join(dir, 'f.xlsx'))], dir, { dryRun: true })
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.location?.line, f.location?.column])).toEqual([['YJ_CELL_FORMULA_NO_VALUE', 3, 3]])
  })

  it('blank rows, trailing and full-width spaces, full-width codes, the example row and hidden sheets', async () => {
    const dir = await minimal()
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('单位')
    ws.addRow(['单位编号 *', '单位名称 *', '统一社会信用代码 *', '层级 *', '行政区划代码 *', '联系人', '联系电话'])
    ws.addRow(['示例（导入时跳过本行）', '保定市示例局', '11130600MB1F57280W', '市级', '130600'])
    ws.addRow([])
    ws.addRow(['', '   ', null])
    ws.addRow(['test-rsj ', '测试市人力资源和社会保障局\u3000', '\u3000９１３５０１００Ｍ０００１００Ｙ４３ ', ' 市级', '１３０６００', '张三 ', '０３１２－１２３４５６７'])
    const hidden = wb.addWorksheet('草稿', { state: 'hidden' })
    hidden.addRow(['单位编号', '单位名称'])
    hidden.addRow(['x', 'y'])
    const r = await importWorkbooks([await save(wb, join(dir, 'h.xlsx'))], dir)
    expect(r.findings.map((f) => [f.code, f.severity, f.location?.sheet])).toEqual([['YJ_SHEET_HIDDEN', 'warning', '草稿']])
    expect(r.rows).toBe(1)
    expect(r.changes.map((c) => [c.id, c.status])).toEqual([['test-rsj', 'unchanged']])
  })

  it('an unrecognised sheet and an unknown column are skipped with warnings; interfaces get ids and codes for labels', async () => {
    const dir = await minimal()
    const wb = new ExcelJS.Workbook()
    const api = wb.addWorksheet('接口')
    api.addRow(['所属单位编号', '接口名称', '业务系统', '协议', '接口地址', '字符编码', '认证方式', '我们自己加的列'])
    api.addRow(['test-rsj', '社保卡接口', '社保卡系统', 'REST/JSON', 'https://api.test.invalid/v1', 'GBK', 'IP 白名单', '随便写'])
    wb.addWorksheet('统计').addRow(['合计', 12])
    const r = await importWorkbooks([await save(wb, join(dir, 'api.xlsx'))], dir)
    expect(r.findings.map((f) => [f.code, f.location?.sheet, f.location?.column])).toEqual([
      ['YJ_COLUMN_UNKNOWN', '接口', 8],
      ['YJ_SHEET_UNKNOWN', '统计', 1],
    ])
    expect(r.changes).toMatchObject([{ kind: 'Interface', id: 'test-rsj-api', status: 'added' }])
    const inv = await loadInventory(dir)
    expect(inv.entities.find((e) => e.kind === 'Interface')?.spec).toEqual({ system: '社保卡系统', protocol: 'rest-json', endpoint: 'https://api.test.invalid/v1', encoding: 'gbk', auth: { type: 'ip-whitelist' } })
  })

  it('an old .xls file and a damaged workbook are errors, and nothing is written', async () => {
    const dir = await minimal()
    await writeFile(join(dir, 'old.xls'), 'not really')
    await writeFile(join(dir, 'broken.xlsx'), 'PK\u0003\u0004 broken')
    const r = await importWorkbooks([join(dir, 'old.xls'), join(dir, 'broken.xlsx')], dir)
    expect(r.ok).toBe(false)
    expect(r.findings.map((f) => f.code)).toEqual(['YJ_WORKBOOK_UNREADABLE', 'YJ_WORKBOOK_FORMAT'])
    expect(r.errorWorkbooks).toEqual([])
  })

  it('dates stored as serial numbers, with or without a date format (WPS-style inline strings)', async () => {
    const dir = await minimal()
    const file = join(dir, 'wps.xlsx')
    // The streaming writer without shared strings writes strings inline (t="str"), as WPS sometimes does.
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true })
    const ws = wb.addWorksheet('渠道')
    ws.addRow(['所属单位编号', '渠道编号', '渠道名称', '渠道类型', 'H5 地址', '上线日期', '处置方式']).commit()
    ws.addRow(['test-rsj', 'test-a', '甲', 'H5', 'https://a.test.invalid/', 43892, '下线']).commit()
    const dated = ws.addRow(['test-rsj', 'test-b', '乙', 'H5', 'https://b.test.invalid/', 43893, '下线'])
    dated.getCell(6).numFmt = 'yyyy/m/d'
    dated.commit()
    await wb.commit()
    const r = await importWorkbooks([file], dir)
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([])
    const inv = await loadInventory(dir)
    expect(Object.fromEntries(inv.entities.filter((e) => e.kind === 'Channel').map((e) => [e.metadata.id, (e.spec as { launchDate?: string }).launchDate]))).toMatchObject({ 'test-a': '2020-03-02', 'test-b': '2020-03-03' })
  })

  it('a workbook saved by LibreOffice Calc (committed fixture) imports cleanly', async () => {
    const dir = await minimal()
    const file = join(dir, 'lo.xlsx')
    await cp(join(REPO_ROOT, 'packages/inventory/fixtures/libreoffice-filled.xlsx'), file)
    const r = await importWorkbooks([file], dir)
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(r.changes.map((c) => [c.kind, c.id, c.status])).toEqual([
      ['Organization', 'test-rsj', 'changed'],
      ['Channel', 'test-rsj-h5', 'unchanged'],
      ['Channel', 'test-rsj-mp', 'added'],
    ])
    const inv = await loadInventory(dir)
    const mp = inv.entities.find((e) => e.metadata.id === 'test-rsj-mp')!
    expect(mp.spec).toEqual({
      type: 'miniprogram',
      identifiers: { miniprogram: { host: 'wechat', appid: 'wx0995452ebef26119' } },
      launchDate: '2020-03-02',
      users: { registered: 413000 },
      personalData: true,
      mlpsLevel: 3,
      services: [{ name: '社会保障卡申领', item: 'HB-SB-001' }, { name: '就业登记' }],
      decision: 'connect',
      accessMode: 'self',
    })
  })

  it('CSV: UTF-8 with a BOM and GBK as Excel saves it; 1.31E+17 as text is still caught', async () => {
    const dir = await minimal()
    const csv = '单位编号,单位名称,统一社会信用代码,层级,行政区划代码\r\ntest-rsj,测试市人力资源和社会保障局,91350100M000100Y43,市级,130600\r\n'
    await writeFile(join(dir, 'u.csv'), `\ufeff${csv}`)
    const utf8 = await importWorkbooks([join(dir, 'u.csv')], dir)
    expect(utf8.ok).toBe(true)
    expect(utf8.changes).toMatchObject([{ id: 'test-rsj', status: 'unchanged' }])
    await writeFile(join(dir, 'g.csv'), iconv.encode(csv.replace('91350100M000100Y43', '1.31E+17'), 'gbk'))
    const gbk = await importWorkbooks([join(dir, 'g.csv')], dir)
    expect(gbk.ok).toBe(false)
    expect(gbk.findings[0]).toMatchObject({ code: 'YJ_CELL_NUMBER_ALTERED', location: { file: join(dir, 'g.csv'), line: 2, column: 3 } })
    expect(gbk.errorWorkbooks).toEqual([join(dir, 'g.errors.xlsx')])
    const marked = new ExcelJS.Workbook()
    await marked.xlsx.readFile(gbk.errorWorkbooks[0]!)
    expect(marked.getWorksheet('g')!.getCell('B2').value).toBe('测试市人力资源和社会保障局')
    expect((marked.getWorksheet('g')!.getCell('C2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe(ERROR_FILL)
  })
})
