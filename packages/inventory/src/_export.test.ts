import ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { loadInventory } from '@yingjie/model'
import layoutSchema from '../schema/layout.schema.json'
import { accessListRows, accessListWorkbook, EXPORT_VALUES, loadExportLayout } from './_export'
import { SAMPLE_BAODING, tempDir } from '../../../test/utils/index'

describe('export layouts', () => {
  it('the layout schema offers exactly the values the exporter knows', () => {
    expect(layoutSchema.properties.spec.properties.columns.items.properties.value.enum).toEqual(Object.keys(EXPORT_VALUES))
  })

  it('the default Hebei layout loads without findings', async () => {
    const { layout, findings } = await loadExportLayout()
    expect(findings).toEqual([])
    expect(layout?.columns.map((c) => c.header)).toContain('统一社会信用代码')
  })

  it('a mistake in a layout file is a located finding, with the allowed values in the hint', async () => {
    const dir = await tempDir({
      'layout.yaml': 'apiVersion: yingjie/v1\nkind: ExportLayout\nmetadata: { id: other, name: 某省 }\nspec:\n  sheet: 清单\n  columns:\n    - { header: 单位, value: organisation.name }\n    - { header: 类型, value: channel.type, labels: code }\n',
    })
    try {
      const { layout, findings } = await loadExportLayout(`${dir.path}/layout.yaml`)
      expect(layout).toBeUndefined()
      expect(findings).toMatchObject([{ code: 'YJ_VALUE_NOT_ALLOWED', location: { file: `${dir.path}/layout.yaml`, line: 7, column: 28 } }])
      expect(findings[0]!.hint.zh).toContain('organization.name')
    } finally {
      await dir.cleanup()
    }
  })
})

describe('accessListWorkbook', () => {
  it('one row per channel with organization, USCC, type, identifiers, decision, access mode, services, item codes and status', async () => {
    const inv = await loadInventory(SAMPLE_BAODING)
    const { layout } = await loadExportLayout()
    const { data, rows } = await accessListWorkbook(inv, layout!)
    expect(rows).toBe(39)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(data as unknown as ArrayBuffer)
    const ws = wb.getWorksheet('接入清单')!
    expect(ws.getCell('A1').value).toBe('保定市自建政务服务移动端渠道接入冀时办清单')
    const headers = (ws.getRow(2).values as unknown[]).slice(1)
    const row = (r: number): Record<string, unknown> => Object.fromEntries(headers.map((h, i) => [h, ws.getCell(r, i + 1).value]))
    const app = [...Array(rows).keys()].map((i) => row(3 + i)).find((r) => r['渠道名称'] === '保定人社')!
    expect(app).toMatchObject({
      单位名称: '保定市人力资源和社会保障局',
      统一社会信用代码: '11130600000372154H',
      渠道类型: 'APP',
      '渠道标识（包名/AppID/地址）': 'Android：cn.gov.bd.rsj\niOS：id1519950468',
      处置方式: '接入',
      接入方式: '部门自行开发对接',
      高频事项编码: 'HB-SB-001\nHB-SB-002\nHB-SB-003\nHB-SB-005',
      当前进度: '关停已核验',
    })
    expect(ws.getCell(3, headers.indexOf('统一社会信用代码') + 1).numFmt).toBe('@')
  })

  it('a layout with codes instead of labels', () => {
    return loadInventory(SAMPLE_BAODING).then((inv) => {
      const rows = accessListRows(inv, { id: 'x', name: 'x', sheet: 'x', columns: [{ header: 'id', value: 'channel.id' }, { header: 't', value: 'channel.type', labels: 'code' }, { header: 's', value: 'status', labels: 'code' }] })
      expect(rows[0]).toEqual(['bd-gaj-app', 'app', 'verified'])
    })
  })
})
