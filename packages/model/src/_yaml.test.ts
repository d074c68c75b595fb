import { describe, expect, it } from 'vitest'
import { parseYamlText, readYamlFile } from './_yaml'
import { tempDir } from '../../../test/utils/index'

describe('parseYamlText keeps source positions', () => {
  it('locates nested values, list items and keys by path', () => {
    const text = ['apiVersion: yingjie/v1', 'kind: Channel', 'metadata:', '  id: a', 'spec:', '  services:', '    - name: 社保查询', '      item: HB-SB-001'].join('\n')
    const { documents, findings } = parseYamlText(text, 'x.yaml')
    expect(findings).toEqual([])
    const doc = documents[0]!
    expect(doc.locate(['spec', 'services', 0, 'item'])).toEqual({ file: 'x.yaml', line: 8, column: 13 })
    expect(doc.locate(['spec', 'services', 0, 'item'], 'key')).toEqual({ file: 'x.yaml', line: 8, column: 7 })
    expect(doc.locate(['metadata', 'id'])).toEqual({ file: 'x.yaml', line: 4, column: 7 })
  })

  it('points a missing field at its nearest existing parent', () => {
    const { documents } = parseYamlText('metadata:\n  name: x\nspec:\n  a: 1\n', 'y.yaml')
    expect(documents[0]!.locate(['spec', 'missing'])).toEqual({ file: 'y.yaml', line: 4, column: 3 })
  })

  it('reads several documents and remembers each index and position', () => {
    const { documents } = parseYamlText('a: 1\n---\nb: 2\n---\n', 'z.yaml')
    expect(documents.map((d) => d.value)).toEqual([{ a: 1 }, { b: 2 }])
    expect(documents[1]!.index).toBe(1)
    expect(documents[1]!.locate(['b'])).toMatchObject({ line: 3, column: 4 })
  })
})

describe('hostile YAML gives located errors, never exceptions', () => {
  it('a tab used for indentation', () => {
    const { findings } = parseYamlText('spec:\n\tname: x\n', 't.yaml')
    expect(findings.length).toBeGreaterThan(0)
    expect(findings[0]!.location).toMatchObject({ file: 't.yaml', line: 2 })
    expect(findings.map((f) => f.code)).toContain('YJ_YAML_TAB')
  })

  it('a duplicate key names the second occurrence', () => {
    const { findings } = parseYamlText('metadata:\n  id: a\n  id: b\n', 'd.yaml')
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({ code: 'YJ_YAML_DUPLICATE_KEY', location: { file: 'd.yaml', line: 3, column: 3 } })
  })

  it('an alias bomb stops at the alias limit with a located error', () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 1; i < 12; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`)
    const started = Date.now()
    const { findings, documents } = parseYamlText(lines.join('\n'), 'bomb.yaml')
    expect(Date.now() - started).toBeLessThan(5000) // guard against hanging, not a benchmark
    expect(documents).toEqual([])
    expect(findings[0]).toMatchObject({ code: 'YJ_YAML_ALIAS_LIMIT', location: { file: 'bomb.yaml', line: 1 } })
  })

  it('unclosed quotes are a syntax error at the right line', () => {
    const { findings } = parseYamlText('a: 1\nb: "open\n', 'q.yaml')
    expect(findings[0]!.code).toBe('YJ_YAML_SYNTAX')
    expect(findings[0]!.location!.line).toBeGreaterThanOrEqual(2)
  })
})

describe('readYamlFile', () => {
  it('strips a UTF-8 BOM and parses the file', async () => {
    const dir = await tempDir({ 'bom.yaml': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('name: 保定\n')]) })
    try {
      const parsed = await readYamlFile(`${dir.path}/bom.yaml`)
      expect(parsed.findings).toEqual([])
      expect(parsed.documents[0]!.value).toEqual({ name: '保定' })
    } finally {
      await dir.cleanup()
    }
  })

  it('a GBK-encoded file is reported as not UTF-8 at the first bad byte', async () => {
    // "name: 保定" in GBK: B1 A3 B6 A8
    const dir = await tempDir({ 'gbk.yaml': Buffer.from([0x61, 0x3a, 0x20, 0x31, 0x0a, 0x6e, 0x3a, 0x20, 0xb1, 0xa3, 0xb6, 0xa8, 0x0a]) })
    try {
      const parsed = await readYamlFile(`${dir.path}/gbk.yaml`)
      expect(parsed.documents).toEqual([])
      expect(parsed.findings[0]).toMatchObject({ code: 'YJ_FILE_ENCODING', location: { line: 2, column: 4 } })
      expect(parsed.findings[0]!.hint.zh).toContain('UTF-8')
    } finally {
      await dir.cleanup()
    }
  })

  it('an empty file is a warning, not an error', async () => {
    const dir = await tempDir({ 'empty.yaml': '' })
    try {
      const parsed = await readYamlFile(`${dir.path}/empty.yaml`)
      expect(parsed.findings[0]).toMatchObject({ code: 'YJ_FILE_EMPTY', severity: 'warning' })
    } finally {
      await dir.cleanup()
    }
  })

  it('a file over the size limit is refused before it is read', async () => {
    const dir = await tempDir({ 'big.yaml': `a: "${'x'.repeat(2048)}"\n` })
    try {
      const parsed = await readYamlFile(`${dir.path}/big.yaml`, { maxBytes: 1024 })
      expect(parsed.findings[0]).toMatchObject({ code: 'YJ_FILE_TOO_LARGE', location: { line: 1, column: 1 } })
      expect(parsed.findings[0]!.message.zh).toContain('1.0 KiB')
    } finally {
      await dir.cleanup()
    }
  })
})

describe('the fast and careful parsers agree', () => {
  it('on every document of the bundled sample: same values, and positions from the careful tree', async () => {
    const { readdir, readFile } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const { parseAllDocuments } = await import('yaml')
    const root = join(import.meta.dirname, '../../../inventories')
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.yaml')).map((f) => join(root, f))
    expect(files.length).toBeGreaterThan(20)
    for (const file of files) {
      const text = await readFile(file, 'utf8')
      const fast = parseYamlText(text, file)
      const careful = parseAllDocuments(text).map((d) => d.toJS()).filter((v) => v !== null)
      expect(fast.findings).toEqual([])
      expect(fast.documents.map((d) => d.value)).toEqual(careful)
      const first = fast.documents[0]!
      expect(first.locate(['apiVersion'])).toMatchObject({ file, column: 13 })
    }
  })

  it('values typed the YAML 1.2 way: dates and codes stay strings, unquoted digits become numbers', () => {
    const { documents } = parseYamlText('date: 2022-02-20\nphone: 0312-1234567\nyes: no\nuscc: 111306000003683315\n', 'v.yaml')
    expect(documents[0]!.value).toEqual({ date: '2022-02-20', phone: '0312-1234567', yes: 'no', uscc: 111306000003683315 })
  })
})
