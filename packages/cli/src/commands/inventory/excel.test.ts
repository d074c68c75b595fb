import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openWorkbook, runMain, sampleCopy, SAMPLE_BAODING, tempDir } from '../../../../../test/utils/index'

describe('yingjie inventory survey', () => {
  it('writes the survey of one organization and says what was pre-filled', async () => {
    const dir = await tempDir()
    try {
      const r = await runMain(['inventory', 'survey', SAMPLE_BAODING, '--org', 'bd-rsj', '--out', 'rsj.xlsx'], { cwd: dir.path })
      expect(r).toMatchObject({ code: 0, stderr: '' })
      expect(r.stdout).toBe('摸查表已写入 rsj.xlsx：保定市人力资源和社会保障局（bd-rsj），预填单位 1 个、渠道 4 个、接口 3 个\n')
      const wb = await openWorkbook(join(dir.path, 'rsj.xlsx'))
      expect(wb.getWorksheet('渠道')!.getCell('B3').value).toBe('bd-rsj-app')
    } finally {
      await dir.cleanup()
    }
  })

  it('--out is required and must be .xlsx; an unknown --org exits 1 with a hint', async () => {
    expect(await runMain(['inventory', 'survey', SAMPLE_BAODING])).toMatchObject({ code: 2, stderr: expect.stringContaining('--out') })
    expect(await runMain(['inventory', 'survey', SAMPLE_BAODING, '--out', 'x.csv'])).toMatchObject({ code: 2 })
    const r = await runMain(['inventory', 'survey', SAMPLE_BAODING, '--org', 'bd-rjs', '--out', '/nonexistent/x.xlsx', '--lang', 'en'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('YJ_REF_UNKNOWN')
    expect(r.stderr).toContain('did you mean "bd-rsj"?')
  })
})

describe('yingjie inventory import', () => {
  it('lists added, changed and unchanged entities; --format json; --dry-run writes nothing', async () => {
    const dir = await sampleCopy()
    try {
      expect((await runMain(['inventory', 'survey', 'baoding', '--org', 'bd-gjj', '--out', 'gjj.xlsx'], { cwd: dir.path })).code).toBe(0)
      const wb = await openWorkbook(join(dir.path, 'gjj.xlsx'))
      wb.getWorksheet('渠道')!.getCell('N3').value = '新的运维公司'
      await wb.xlsx.writeFile(join(dir.path, 'gjj.xlsx'))
      const before = await readFile(join(dir.inventory, 'channels', 'bd-gjj.yaml'), 'utf8')

      const dry = await runMain(['inventory', 'import', 'gjj.xlsx', '--into', 'baoding', '--dry-run'], { cwd: dir.path })
      expect(dry.code).toBe(0)
      expect(dry.stdout).toMatch(/修改 {2}渠道 bd-gjj-app {2}.+ {2}→ baoding\/channels\/bd-gjj\.yaml {2}spec\.vendor/)
      expect(dry.stdout).toContain('（试运行，未写入文件）')
      expect(await readFile(join(dir.inventory, 'channels', 'bd-gjj.yaml'), 'utf8')).toBe(before)

      const r = await runMain(['inventory', 'import', 'gjj.xlsx', '--into', 'baoding', '--format', 'json'], { cwd: dir.path })
      expect(r.code).toBe(0)
      const out = JSON.parse(r.stdout)
      expect(out).toMatchObject({ ok: true, added: 0, changed: 1, written: ['baoding/channels/bd-gjj.yaml'] })
      expect(out.entities.find((e: { id: string }) => e.id === 'bd-gjj-app')).toMatchObject({ status: 'changed', fields: ['spec.vendor'], source: 'gjj.xlsx:渠道!A3' })
      expect(await readFile(join(dir.inventory, 'channels', 'bd-gjj.yaml'), 'utf8')).toBe(before.replace(/vendor: .+/, 'vendor: 新的运维公司'))
    } finally {
      await dir.cleanup()
    }
  })

  it('a bad cell: findings as book.xlsx:sheet!cell, exit 1, the errors workbook named, and no phone number in the output', async () => {
    const dir = await sampleCopy()
    try {
      await runMain(['inventory', 'survey', 'baoding', '--org', 'bd-rsj', '--out', 'rsj.xlsx'], { cwd: dir.path })
      const wb = await openWorkbook(join(dir.path, 'rsj.xlsx'))
      wb.getWorksheet('单位')!.getCell('C3').value = 121306004017982361
      await wb.xlsx.writeFile(join(dir.path, 'rsj.xlsx'))
      const r = await runMain(['inventory', 'import', 'rsj.xlsx', '--into', 'baoding'], { cwd: dir.path })
      expect(r.code).toBe(1)
      expect(r.stdout).toContain('rsj.xlsx:单位!C3  错误  YJ_CELL_NUMBER_ALTERED')
      expect(r.stdout).toContain('导入失败：1 个错误，清单目录没有任何改动。')
      expect(r.stdout).toContain('rsj.errors.xlsx')
      expect(r.stdout).not.toContain('13831256087')
      const json = JSON.parse((await runMain(['inventory', 'import', 'rsj.xlsx', '--into', 'baoding', '--format', 'json'], { cwd: dir.path })).stdout)
      expect(json.findings[0]).toMatchObject({ code: 'YJ_CELL_NUMBER_ALTERED', file: 'rsj.xlsx', sheet: '单位', line: 3, column: 3 })
    } finally {
      await dir.cleanup()
    }
  })

  it('needs at least one file', async () => {
    expect(await runMain(['inventory', 'import', '--into', SAMPLE_BAODING])).toMatchObject({ code: 2, stderr: expect.stringContaining('摸查表') })
  })
})

describe('yingjie inventory export', () => {
  it('writes the access list with the default layout', async () => {
    const dir = await tempDir()
    try {
      const r = await runMain(['inventory', 'export', SAMPLE_BAODING, '--out', 'list.xlsx'], { cwd: dir.path })
      expect(r).toMatchObject({ code: 0, stdout: '接入清单已写入 list.xlsx：39 个渠道，版式 河北省政务服务移动端接入清单\n' })
      const wb = await openWorkbook(join(dir.path, 'list.xlsx'))
      expect(wb.getWorksheet('接入清单')!.getCell('C2').value).toBe('统一社会信用代码')
    } finally {
      await dir.cleanup()
    }
  })

  it('a province layout from --layout; a broken layout is reported with its position and exits 1', async () => {
    const dir = await tempDir({
      'zj.yaml': 'apiVersion: yingjie/v1\nkind: ExportLayout\nmetadata: { id: zj, name: 另一省格式 }\nspec:\n  sheet: 应用清单\n  columns:\n    - { header: 应用名称, value: channel.name }\n    - { header: 主管单位, value: organization.name }\n',
      'bad.yaml': 'apiVersion: yingjie/v1\nkind: ExportLayout\nmetadata: { id: zj, name: x }\nspec:\n  sheet: 应用清单\n  colums: []\n',
    })
    try {
      const ok = await runMain(['inventory', 'export', SAMPLE_BAODING, '--layout', 'zj.yaml', '--out', 'zj.xlsx'], { cwd: dir.path })
      expect(ok.code).toBe(0)
      const wb = await openWorkbook(join(dir.path, 'zj.xlsx'))
      expect(wb.getWorksheet('应用清单')!.getRow(1).values).toEqual([undefined, '应用名称', '主管单位'])
      const bad = await runMain(['inventory', 'export', SAMPLE_BAODING, '--layout', 'bad.yaml', '--out', 'x.xlsx'], { cwd: dir.path })
      expect(bad.code).toBe(1)
      expect(bad.stdout).toMatch(/bad\.yaml:6:3 {2}错误 {2}YJ_FIELD_UNKNOWN/)
      expect(bad.stdout).toContain('“columns”')
    } finally {
      await dir.cleanup()
    }
  })
})
