import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openWorkbook, runCli, tempDir } from '../utils/index'

describe('yingjie demo', () => {
  it('checks and reports the bundled Baoding sample into the output folder and says where', async () => {
    const dir = await tempDir()
    try {
      const r = await runCli(['demo'], { cwd: dir.path })
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('错误 0 个，警告 8 个')
      for (const name of ['check.txt', 'check.json', 'report.md', 'report.json']) {
        expect(r.stdout).toContain(join('yingjie-out', name))
      }
      const check = JSON.parse(await readFile(join(dir.path, 'yingjie-out', 'check.json'), 'utf8'))
      expect(check).toMatchObject({ ok: true, errors: 0, warnings: 8 })
      const report = await readFile(join(dir.path, 'yingjie-out', 'report.md'), 'utf8')
      expect(report).toContain('保定市')
      expect(report).toContain('冀时办')
      const text = await readFile(join(dir.path, 'yingjie-out', 'check.txt'), 'utf8')
      expect(text).toContain('YJ_SELF_BUILT_BELOW_COUNTY')
    } finally {
      await dir.cleanup()
    }
  })

  it('also writes the survey workbook for one department and the access list for the province', async () => {
    const dir = await tempDir()
    try {
      const r = await runCli(['demo'], { cwd: dir.path })
      expect(r.code).toBe(0)
      for (const name of ['survey-bd-rsj.xlsx', 'access-list.xlsx']) expect(r.stdout).toContain(join('yingjie-out', name))
      const survey = await openWorkbook(join(dir.path, 'yingjie-out', 'survey-bd-rsj.xlsx'))
      expect(survey.worksheets.filter((w) => w.state === 'visible').map((w) => w.name)).toEqual(['填表说明', '单位', '渠道', '接口'])
      expect(survey.getWorksheet('单位')!.getCell('B3').value).toBe('保定市人力资源和社会保障局')
      expect(survey.getWorksheet('渠道')!.getCell('A2').value).toBe('示例（导入时跳过本行）')
      expect(survey.getWorksheet('渠道')!.getCell('C3').value).toBe('保定人社')
      const list = (await openWorkbook(join(dir.path, 'yingjie-out', 'access-list.xlsx'))).getWorksheet('接入清单')!
      expect(list.getCell('A1').value).toBe('保定市自建政务服务移动端渠道接入冀时办清单')
      expect(list.rowCount).toBe(2 + 39)
      expect(list.getCell('B3').value).toBe('保定市公安局')
    } finally {
      await dir.cleanup()
    }
  }, 120_000)

  it('--out and --lang en', async () => {
    const dir = await tempDir()
    try {
      const r = await runCli(['demo', '--out', 'elsewhere', '--lang', 'en'], { cwd: dir.path })
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('0 errors, 8 warnings')
      const report = await readFile(join(dir.path, 'elsewhere', 'report.md'), 'utf8')
      expect(report).toContain('# Government-service mobile channel inventory summary')
    } finally {
      await dir.cleanup()
    }
  })
})
