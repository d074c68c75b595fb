import { mkdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { chromium, type Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT, runMain, SAMPLE_BAODING, tempDir, type TempDir } from '../utils/index'

// The dashboard opened the way a coordinator opens it: a file in real Chromium (Debian's, installed by .ci/run).
let browser: Browser
let dir: TempDir
let html: string
beforeAll(async () => {
  dir = await tempDir()
  const r = await runMain(['cutover', 'report', SAMPLE_BAODING, '--as-of', '2022-12-01', '--out', dir.path])
  expect(r.code).toBe(0)
  html = join(dir.path, 'dashboard.html')
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
})
afterAll(async () => {
  await browser?.close()
  await dir?.cleanup()
})

describe('the cutover dashboard in Chromium', () => {
  it('opens offline: no console errors, no request beyond the file itself, charts drawn, as-of date visible', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
    const errors: string[] = []
    const requests: string[] = []
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text())
    })
    page.on('pageerror', (e) => errors.push(e.message))
    page.on('request', (r) => requests.push(r.url()))
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()))
    await page.goto(pathToFileURL(html).href)
    expect(errors).toEqual([])
    expect(requests).toEqual([pathToFileURL(html).href])
    expect(await page.textContent('#as-of')).toContain('2022-12-01')
    // Burndown: actual, ideal and forecast lines with real geometry.
    for (const id of ['#burndown-actual', '#burndown-ideal', '#burndown-forecast']) {
      const box = await page.locator(id).boundingBox()
      expect(box!.width).toBeGreaterThan(100)
    }
    expect(await page.locator('#stages-by-org rect.bar').count()).toBeGreaterThan(20)
    expect(await page.locator('#wave-timeline rect.segment').count()).toBe(9 + 9 + 9)
    await mkdir(join(REPO_ROOT, 'test-results'), { recursive: true })
    await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'cutover-dashboard.png'), fullPage: true })
    expect((await readFile(join(REPO_ROOT, 'test-results', 'cutover-dashboard.png'))).subarray(1, 4).toString()).toBe('PNG')
    await page.close()
  })

  it('the late list filters by text and by organization, and sorts by a column', async () => {
    const page = await browser.newPage()
    await page.goto(pathToFileURL(html).href)
    const visible = () => page.locator('#late-table tbody tr:not([hidden])')
    expect(await visible().count()).toBe(20)
    await expect.poll(() => page.textContent('#late-count')).toBe('显示 20 / 20 个')
    await page.fill('#late-filter', '公积金')
    expect(await visible().count()).toBe(3)
    expect(await page.textContent('#late-count')).toBe('显示 3 / 20 个')
    await page.fill('#late-filter', '')
    await page.selectOption('#late-org', '保定市民政局')
    expect(await visible().count()).toBe(2)
    await page.selectOption('#late-org', '')
    await page.click('th[data-key="days"]')
    const days = async () => (await page.locator('#late-table tbody tr td:nth-child(6)').allTextContents()).map(Number)
    const asc = await days()
    expect(asc).toEqual([...asc].sort((a, b) => a - b))
    await page.click('th[data-key="days"]')
    const desc = await days()
    expect(desc[0]).toBe(215)
    expect(desc).toEqual([...desc].sort((a, b) => b - a))
    await page.close()
  })
})
