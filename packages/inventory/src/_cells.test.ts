import { describe, expect, it } from 'vitest'
import { convertCell, excelScientific } from './_cells'
import { CHANNEL_SHEET, ORGANIZATION_SHEET, type ColumnDef } from './_columns'
import type { Cell } from './_workbook'

const col = (key: string): ColumnDef => [...ORGANIZATION_SHEET.columns, ...CHANNEL_SHEET.columns].find((c) => c.key === key)!
const text = (t: string): Cell => ({ kind: 'string', text: t })
const num = (n: number): Cell => ({ kind: 'number', value: n })

describe('convertCell', () => {
  it('a USCC Excel stored as a number is reported, never turned into digits', () => {
    const r = convertCell(col('uscc'), num(121306004017982361))
    expect(r.value).toBeUndefined()
    expect(r.problem?.code).toBe('YJ_CELL_NUMBER_ALTERED')
    expect(r.problem?.message.zh).toContain('1.21E+17')
  })

  it('scientific notation typed or saved as text (CSV) is reported too', () => {
    expect(convertCell(col('uscc'), text('1.31E+17')).problem?.code).toBe('YJ_CELL_NUMBER_ALTERED')
    expect(convertCell(col('contactPhone'), text('1.38123E+10')).problem?.code).toBe('YJ_CELL_NUMBER_ALTERED')
  })

  it('a short number in a code column becomes its digits, and the validators judge it later', () => {
    expect(convertCell(col('contactPhone'), num(3123086215))).toEqual({ value: '3123086215' })
    expect(convertCell(col('regionCode'), num(130600))).toEqual({ value: '130600' })
  })

  it('full-width digits, letters and spaces in codes are normalised; Chinese text keeps its punctuation', () => {
    expect(convertCell(col('uscc'), text('\u3000１１１３０６００ＭＢ１Ｆ５７２８０Ｗ\u3000 '))).toEqual({ value: '11130600MB1F57280W' })
    expect(convertCell(col('name'), text(' 保定人社（微信小程序）\u3000'))).toEqual({ value: '保定人社（微信小程序）' })
  })

  it('dates: date cells, serial numbers and common spellings become YYYY-MM-DD; impossible dates are reported', () => {
    expect(convertCell(col('launchDate'), { kind: 'date', value: new Date(Date.UTC(2020, 2, 2)) })).toEqual({ value: '2020-03-02' })
    expect(convertCell(col('launchDate'), num(43892))).toEqual({ value: '2020-03-02' })
    expect(convertCell(col('launchDate'), text('2020/3/2'))).toEqual({ value: '2020-03-02' })
    expect(convertCell(col('launchDate'), text('2020年3月2日'))).toEqual({ value: '2020-03-02' })
    expect(convertCell(col('launchDate'), text('2021-02-29')).problem?.code).toBe('YJ_DATE_INVALID')
  })

  it('closed lists accept the Chinese label, the code or an alias, and name the choices otherwise', () => {
    expect(convertCell(col('type'), text('小程序'))).toEqual({ value: 'miniprogram' })
    expect(convertCell(col('type'), text('official-account'))).toEqual({ value: 'official-account' })
    expect(convertCell(col('mlpsLevel'), text('三级'))).toEqual({ value: 3 })
    expect(convertCell(col('personalData'), { kind: 'boolean', value: false })).toEqual({ value: false })
    const bad = convertCell(col('decision'), text('保留'))
    expect(bad.problem?.code).toBe('YJ_VALUE_NOT_ALLOWED')
    expect(bad.problem?.hint.zh).toContain('接入、重建、下线、合并')
  })

  it('formulas without a saved result and error values are problems of their cell', () => {
    expect(convertCell(col('name'), { kind: 'formula-no-result', formula: 'A1&B1' }).problem?.code).toBe('YJ_CELL_FORMULA_NO_VALUE')
    expect(convertCell(col('name'), { kind: 'error', text: '#N/A' }).problem?.code).toBe('YJ_CELL_ERROR_VALUE')
  })

  it('lists and services split on line breaks; services carry item and implementation codes', () => {
    expect(convertCell(col('interfaces'), text('bd-rsj-api，BD-RSJ-SOAP\n'))).toEqual({ value: ['bd-rsj-api', 'bd-rsj-soap'] })
    expect(convertCell(col('services'), text('社会保障卡申领|HB-SB-001\n就业登记｜｜１１１３０６００００３７２１５４Ｈ０００１'))).toEqual({
      value: [{ name: '社会保障卡申领', item: 'HB-SB-001' }, { name: '就业登记', itemCode: '1113060000372154H0001' }],
    })
  })

  it('organization names resolve to ids in the owner column', () => {
    expect(convertCell(col('owner'), text('保定市人力资源和社会保障局'), (t) => (t === '保定市人力资源和社会保障局' ? 'bd-rsj' : undefined))).toEqual({ value: 'bd-rsj' })
    expect(convertCell(col('owner'), text('BD-RSJ'))).toEqual({ value: 'bd-rsj' })
  })

  it('writes large numbers the way Excel shows them', () => {
    expect(excelScientific(131000000000000000)).toBe('1.31E+17')
    expect(excelScientific(2021001234567890)).toBe('2.02E+15')
  })
})
