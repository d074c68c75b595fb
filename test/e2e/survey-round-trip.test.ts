import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type ExcelJS from 'exceljs'
import { describe, expect, it } from 'vitest'
import { openWorkbook, runCli, sampleCopy } from '../utils/index'

async function tree(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {}
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile()) out[join(e.parentPath, e.name)] = await readFile(join(e.parentPath, e.name), 'utf8')
  }
  return out
}

describe('the city office runs a survey round trip with the real binary', () => {
  it('a department returns a workbook with a USCC typed as a number → the cell is red with a comment, the import exits 1, nothing written', async () => {
    const dir = await sampleCopy()
    try {
      const survey = await runCli(['inventory', 'survey', 'baoding', '--org', 'bd-ybj', '--out', '医保局摸查表.xlsx'], { cwd: dir.path })
      expect(survey.code).toBe(0)
      // The department types its USCC into a cell Excel treats as a number.
      const wb = await openWorkbook(join(dir.path, '医保局摸查表.xlsx'))
      const cell = wb.getWorksheet('单位')!.getCell('C3')
      cell.value = 113060000000000000
      cell.numFmt = '0.00E+00'
      await wb.xlsx.writeFile(join(dir.path, '医保局摸查表.xlsx'))
      const before = await tree(dir.inventory)

      const r = await runCli(['inventory', 'import', '医保局摸查表.xlsx', '--into', 'baoding'], { cwd: dir.path })
      expect(r.code).toBe(1)
      expect(r.stderr).toBe('')
      expect(r.stdout).toContain('医保局摸查表.xlsx:单位!C3  错误  YJ_CELL_NUMBER_ALTERED')
      expect(await tree(dir.inventory)).toEqual(before)

      const marked = await openWorkbook(join(dir.path, '医保局摸查表.errors.xlsx'))
      const red = marked.getWorksheet('单位')!.getCell('C3')
      expect((red.fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE')
      expect(String(red.note)).toContain('1.13E+17')
      expect(String(red.note)).toContain('设为“文本”格式')
      const summary = marked.getWorksheet('问题汇总')!
      expect(summary.getRow(2).getCell(4).value).toBe('YJ_CELL_NUMBER_ALTERED')
    } finally {
      await dir.cleanup()
    }
  }, 180_000)

  it('a clean workbook → YAML updated with comments preserved; importing again changes nothing; the export shows it', async () => {
    const dir = await sampleCopy()
    try {
      await runCli(['inventory', 'survey', 'baoding', '--org', 'bd-ybj', '--out', 'ybj.xlsx'], { cwd: dir.path })
      const wb = await openWorkbook(join(dir.path, 'ybj.xlsx'))
      const ch = wb.getWorksheet('渠道')!
      ch.getCell('W3').value = '重建'
      const added = ch.getRow(3 + 3) // after the example row and the unit's channels
      added.getCell(1).value = '保定市医疗保障局' // a unit may be named instead of its id
      added.getCell(3).value = '保定医保服务（支付宝小程序）'
      added.getCell(4).value = '小程序'
      added.getCell(8).value = '支付宝'
      added.getCell(9).value = '2021003112345678'
      added.getCell(23).value = '接入'
      added.getCell(25).value = '省级代为开发'
      await wb.xlsx.writeFile(join(dir.path, 'ybj.xlsx'))
      const yamlFile = join(dir.inventory, 'channels', 'bd-ybj.yaml')
      const before = await readFile(yamlFile, 'utf8')

      const r = await runCli(['inventory', 'import', 'ybj.xlsx', '--into', 'baoding'], { cwd: dir.path })
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.stdout).toMatch(/修改 {2}渠道 \S+ {2}.+spec\.decision/)
      expect(r.stdout).toMatch(/新增 {2}渠道 bd-ybj-mp {2}保定医保服务（支付宝小程序） {2}→ baoding\/channels\/bd-ybj\.yaml/)
      const after = await readFile(yamlFile, 'utf8')
      const comments = (text: string): string[] => text.split('\n').filter((l) => l.trimStart().startsWith('#'))
      expect(comments(after)).toEqual(comments(before))
      expect(after).toContain('decision: rebuild')
      expect((await runCli(['inventory', 'check', 'baoding'], { cwd: dir.path })).code).toBe(0)

      const snapshot = await tree(dir.inventory)
      const again = await runCli(['inventory', 'import', 'ybj.xlsx', '--into', 'baoding'], { cwd: dir.path })
      expect(again.code).toBe(0)
      expect(again.stdout).toContain('新增 0，修改 0')
      expect(again.stdout).toContain('没有文件需要更新')
      expect(await tree(dir.inventory)).toEqual(snapshot)

      expect((await runCli(['inventory', 'export', 'baoding', '--out', 'list.xlsx'], { cwd: dir.path })).code).toBe(0)
      const list = (await openWorkbook(join(dir.path, 'list.xlsx'))).getWorksheet('接入清单')!
      const names = list.getColumn(6).values
      expect(names).toContain('保定医保服务（支付宝小程序）')
    } finally {
      await dir.cleanup()
    }
  }, 180_000)
})
