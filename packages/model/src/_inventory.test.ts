import { mkdir, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadInventory } from './_inventory'
import { YjError } from './_findings'
import { CHANNEL_YAML, minimalInventory, ORG_YAML, REGION_YAML, tempDir } from '../../../test/utils/index'

/** 1-based line of the first line containing `needle`, and the column where it starts. */
function lineOf(text: string, needle: string): { line: number; column: number } {
  const lines = text.split('\n')
  const i = lines.findIndex((l) => l.includes(needle))
  if (i < 0) throw new Error(`fixture has no ${needle}`)
  return { line: i + 1, column: lines[i]!.indexOf(needle) + 1 }
}

describe('loadInventory', () => {
  it('reads several documents per file in any folder layout', async () => {
    const all = [REGION_YAML, ORG_YAML, CHANNEL_YAML].join('---\n')
    const dir = await tempDir({ 'a/b/c/all.yaml': all })
    try {
      const inv = await loadInventory(dir.path)
      expect(inv.findings).toEqual([])
      expect(inv.entities.map((e) => e.kind)).toEqual(['Region', 'Organization', 'Channel'])
      expect(inv.entities[2]!.source.locate(['spec', 'type'])).toEqual({ file: join(dir.path, 'a/b/c/all.yaml'), line: lineOf(all, 'type: h5').line, column: lineOf(all, 'type: h5').column + 6 })
    } finally {
      await dir.cleanup()
    }
  })

  it('an unknown field is located at its key, with a did-you-mean hint', async () => {
    const org = ORG_YAML.replace('  regionCode:', '  regoinCode:')
    const dir = await tempDir(minimalInventory({ organization: org }))
    try {
      const inv = await loadInventory(dir.path)
      const codes = inv.findings.map((f) => f.code).sort()
      expect(codes).toEqual(['YJ_FIELD_REQUIRED', 'YJ_FIELD_UNKNOWN'])
      const unknown = inv.findings.find((f) => f.code === 'YJ_FIELD_UNKNOWN')!
      expect(unknown.location).toEqual({ file: join(dir.path, 'orgs.yaml'), ...lineOf(org, 'regoinCode') })
      expect(unknown.hint.zh).toContain('regionCode')
      expect(inv.invalidIds.has('test-rsj')).toBe(true)
    } finally {
      await dir.cleanup()
    }
  })

  it('wrong types, values outside the closed lists and unknown kinds are reported with codes', async () => {
    const bad = CHANNEL_YAML.replace('type: h5', 'type: website').replace('decision: retire', 'decision: retire\n  mlpsLevel: 三级')
    const dir = await tempDir({ ...minimalInventory({ channel: bad }), 'x.yaml': 'apiVersion: yingjie/v1\nkind: Chanel\nmetadata: {id: x, name: x}\nspec: {}\n' })
    try {
      const inv = await loadInventory(dir.path)
      const byCode = Object.fromEntries(inv.findings.map((f) => [f.code, f]))
      expect(inv.findings.map((f) => f.code).sort()).toEqual(['YJ_KIND_UNKNOWN', 'YJ_TYPE_INVALID', 'YJ_VALUE_NOT_ALLOWED'])
      expect(byCode.YJ_VALUE_NOT_ALLOWED!.location).toMatchObject({ line: lineOf(bad, 'website').line, column: lineOf(bad, 'website').column })
      expect(byCode.YJ_VALUE_NOT_ALLOWED!.hint.zh).toContain('miniprogram')
      expect(byCode.YJ_TYPE_INVALID!.location).toMatchObject(lineOf(bad, '三级'))
      expect(byCode.YJ_TYPE_INVALID!.message.zh).toContain('整数')
      expect(byCode.YJ_KIND_UNKNOWN!.hint.en).toContain('did you mean Channel')
    } finally {
      await dir.cleanup()
    }
  })

  it('follows a Region include to load the provincial service list once', async () => {
    const dir = await tempDir({
      'city/region.yaml': REGION_YAML.replace('  platform: hebei-jishiban', '  platform: hebei-jishiban\n  include: ["../province", "../province"]'),
      'province/list.yaml': 'apiVersion: yingjie/v1\nkind: ServiceList\nmetadata: {id: hb, name: 高频事项}\nspec:\n  issuer: 省政务办\n  items:\n    - {code: HB-1, name: 社保卡申领, domain: 社保}\n',
    })
    try {
      const inv = await loadInventory(join(dir.path, 'city'))
      expect(inv.findings).toEqual([])
      expect(inv.entities.map((e) => e.kind)).toEqual(['Region', 'ServiceList'])
    } finally {
      await dir.cleanup()
    }
  })

  it('a symlink loop is skipped with a warning instead of hanging', async () => {
    const dir = await tempDir(minimalInventory())
    try {
      await mkdir(join(dir.path, 'sub'))
      await symlink(dir.path, join(dir.path, 'sub', 'back'))
      await symlink(join(dir.path, 'self'), join(dir.path, 'self'))
      const inv = await loadInventory(dir.path)
      expect(inv.entities).toHaveLength(3)
      expect(inv.findings.map((f) => f.code)).toEqual(['YJ_FILE_LOOP', 'YJ_FILE_LOOP'])
      expect(inv.findings.every((f) => f.severity === 'warning')).toBe(true)
    } finally {
      await dir.cleanup()
    }
  })

  it('a folder with no inventory files, and a missing folder, are clear errors', async () => {
    const dir = await tempDir({ 'notes.txt': 'hello' })
    try {
      const inv = await loadInventory(dir.path)
      expect(inv.findings.map((f) => f.code)).toEqual(['YJ_INVENTORY_EMPTY'])
      await expect(loadInventory(join(dir.path, 'nope'))).rejects.toBeInstanceOf(YjError)
      await expect(loadInventory(join(dir.path, 'nope'))).rejects.toMatchObject({ code: 'YJ_INVENTORY_NOT_FOUND' })
    } finally {
      await dir.cleanup()
    }
  })
})
