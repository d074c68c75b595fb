import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { loadInventory, YjError } from '@yingjie/model'
import { CHANNEL_SHEET, LISTS_SHEET } from './_columns'
import { surveyWorkbook } from './_survey'
import { SAMPLE_BAODING } from '../../../test/utils/index'

async function open(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(data as unknown as ArrayBuffer)
  return wb
}

describe('surveyWorkbook', () => {
  it("one department's workbook: instructions, three sheets, its rows pre-filled after a marked example row", async () => {
    const inv = await loadInventory(SAMPLE_BAODING)
    const { data, summary } = await surveyWorkbook(inv, { org: 'bd-rsj' })
    expect(summary).toEqual({ org: { id: 'bd-rsj', name: '保定市人力资源和社会保障局' }, rows: { Organization: 1, Channel: 4, Interface: 3 } })
    const wb = await open(data)
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ['填表说明', 'visible'],
      [LISTS_SHEET, 'veryHidden'],
      ['单位', 'visible'],
      ['渠道', 'visible'],
      ['接口', 'visible'],
    ])
    expect(String(wb.getWorksheet('填表说明')!.getCell('B1').value)).toContain('保定市人力资源和社会保障局')
    const ch = wb.getWorksheet('渠道')!
    expect(ch.getRow(1).values).toEqual([undefined, ...CHANNEL_SHEET.columns.map((c) => (c.required ? `${c.header.zh} *` : c.header.zh))])
    expect(ch.getCell('A2').value).toBe('示例（导入时跳过本行）')
    expect((ch.getCell('A2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFD9D9D9')
    expect([3, 4, 5, 6].map((r) => ch.getCell(r, 2).value)).toEqual(['bd-rsj-app', 'bd-rsj-wx', 'bd-rsj-oa', 'bd-rsj-jiuye-h5'])
    expect(ch.getCell(4, 4).value).toBe('小程序')
    expect(ch.getCell(3, 21).value).toBe('社会保障卡申领|HB-SB-001\n城乡居民养老保险参保登记|HB-SB-002\n养老保险待遇资格认证（刷脸认证）|HB-SB-003\n个人参保证明打印|HB-SB-005')
    // The USCC and the phone are text, so Excel cannot turn them into numbers.
    const org = wb.getWorksheet('单位')!
    expect(org.getCell('C3').value).toBe('11130600000372154H')
    expect(org.getCell('C3').numFmt).toBe('@')
    expect(org.getCell('I3').value).toBe('13831256087')
  })

  it('drop-downs for closed lists, header notes, a frozen and protected header row, editable data rows', async () => {
    const { data } = await surveyWorkbook(await loadInventory(SAMPLE_BAODING), { org: 'bd-rsj', blankRows: 10 })
    const wb = await open(data)
    const ch = wb.getWorksheet('渠道')!
    const type = ch.getCell('D5').dataValidation
    expect(type).toMatchObject({ type: 'list', allowBlank: true, showErrorMessage: true })
    const [sheet, range] = type.formulae[0]!.split('!')
    const values = wb.getWorksheet(sheet!.replace(/'/g, ''))!.getCell(range!.split(':')[0]!.replace(/\$/g, ''))
    expect(values.value).toBe('APP')
    expect(ch.getCell('W12').dataValidation?.type).toBe('list')
    expect(ch.getCell('D1').note).toContain('APP、小程序、H5、公众号')
    expect(ch.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect((ch as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true)
    expect(ch.getCell('C1').protection?.locked ?? true).toBe(true) // locked is the default, so it is not written
    expect(ch.getCell('C3').protection?.locked).toBe(false)
    expect(wb.getWorksheet(LISTS_SHEET)!.getCell('B2').value).toBe('bd-rsj')
  })

  it('without --org: every unit in one workbook', async () => {
    const { summary } = await surveyWorkbook(await loadInventory(SAMPLE_BAODING))
    expect(summary.org).toBeUndefined()
    expect(summary.rows).toEqual({ Organization: 20, Channel: 39, Interface: 13 })
  })

  it('an unknown organization is an error with a did-you-mean hint', async () => {
    const error = await surveyWorkbook(await loadInventory(SAMPLE_BAODING), { org: 'bd-rjs' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(YjError)
    expect((error as YjError).finding.hint.zh).toContain('bd-rsj')
  })
})
