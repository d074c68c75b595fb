/**
 * Golden reports: each fixture project under fixtures/source/<kind>/ is
 * scanned and the JSON report compared with fixtures/source/<kind>.golden.json.
 * `UPDATE_GOLDEN=1 npx vitest run --project scanner` rewrites them; review the diff.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { renderSourceReportHtml, renderSourceReportMarkdown, scanSource } from '../index'

const FIXTURES = fileURLToPath(new URL('../../fixtures/source/', import.meta.url))
const KINDS = readdirSync(FIXTURES).filter((f) => statSync(join(FIXTURES, f)).isDirectory()).sort()

describe('fixture projects against their golden reports', () => {
  it('has a fixture for every project kind', () => {
    expect(KINDS).toEqual(expect.arrayContaining(['wechat-native', 'alipay-native', 'uni-app', 'taro', 'h5-vue', 'h5-react', 'h5-plain', 'multi']))
  })

  for (const kind of KINDS) {
    it(`${kind}: the report matches ${kind}.golden.json`, async () => {
      const report = await scanSource([join(FIXTURES, kind)])
      const text = `${JSON.stringify(report, null, 2)}\n`
      const golden = join(FIXTURES, `${kind}.golden.json`)
      if (process.env.UPDATE_GOLDEN === '1') await writeFile(golden, text)
      expect(existsSync(golden), `${golden} is missing: run with UPDATE_GOLDEN=1`).toBe(true)
      expect(text).toBe(await readFile(golden, 'utf8'))
    })
  }

  it('each fixture is recognised as its kind', async () => {
    for (const kind of KINDS.filter((k) => k !== 'multi')) {
      const report = await scanSource([join(FIXTURES, kind)])
      expect(report.projects.map((p) => p.kind), kind).toContain(kind)
    }
  })

  it('several projects in one folder: each has its own report, loose files go to an unrecognised one', async () => {
    const report = await scanSource([join(FIXTURES, 'multi')])
    expect(report.projects.map((p) => [p.root, p.kind])).toEqual([
      ['alipay', 'alipay-native'],
      ['h5', 'h5-plain'],
      ['wx-mp', 'wechat-native'],
      ['.', 'unknown'],
    ])
  })

  it('Markdown and HTML say the same things in Chinese and in English', async () => {
    const report = await scanSource([join(FIXTURES, 'wechat-native')])
    const zh = renderSourceReportMarkdown(report, 'zh')
    expect(zh).toContain('# 源码扫描报告')
    expect(zh).toContain('| 不支持 | wx.requestPayment |')
    expect(zh).toContain('统一支付')
    expect(zh).toContain('工作量（人日）=')
    const en = renderSourceReportMarkdown(report, 'en')
    expect(en).toContain('# Source scan report')
    expect(en).toContain('| unsupported | wx.requestPayment |')
    const html = renderSourceReportHtml(report, 'zh')
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('<span class="s s2">不支持</span>')
    // Self-contained: no external stylesheet, script or font.
    expect(html).not.toMatch(/<link|<script|@import|url\(/)
  })
})
