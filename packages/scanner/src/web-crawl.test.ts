import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SIM_HOSTS, SIM_PLATFORM_DOMAIN, startSimSite, type SimSite } from '../../../test/utils/index'
import { WebClient } from './_web-client'
import { discoverChannels, type DiscoverOptions } from './_web-crawl'

let site: SimSite
let client: WebClient
let options: DiscoverOptions
const WWW = `http://${SIM_HOSTS.www}/`

beforeAll(async () => {
  site = await startSimSite()
  client = new WebClient({ resolve: site.resolve, ca: site.ca, perHostRate: 0 })
  options = { client, platformDomains: [SIM_PLATFORM_DOMAIN], platformName: '冀时办', timeouts: { response: 1000, idle: 2000, total: 5000 }, retries: 0 }
})
afterAll(async () => {
  client.close()
  await site.close()
})

const paths = (host: string) => site.requests.filter((r) => r.host === host).map((r) => r.path)

describe('discoverChannels on a simulated department website', () => {
  it('finds app-store, .apk, mini-program, official-account and H5 mentions, each with evidence (golden)', async () => {
    const result = await discoverChannels({ organization: 'test-rsj', websites: [WWW] }, { ...options, maxPages: 40 })
    expect(result.complete).toBe(true)
    expect(result.candidates.map((c) => c.key)).toEqual([
      'app:android:cn.gov.dept.rsj',
      'app:apk:http://www.dept.invalid/download/dept-rsj-2.3.apk',
      'app:ios:1519950468',
      'app:store:appgallery.huawei.com/app/C100234567',
      'h5:m.dept.invalid/',
      'h5:www.dept.invalid/m/',
      'miniprogram:2021001234567890',
      'miniprogram:link:weixin://dl/business/?t=AbCdEf123',
      'miniprogram:name:某某人社',
      'miniprogram:wx00000000000000b2',
      'miniprogram:wx00000000000000e1',
      'official-account:name:某某人社发布',
      'official-account:name:某某社保',
    ])
    expect(result.candidates.find((c) => c.key === 'miniprogram:name:某某人社')?.evidence).toEqual([
      { pageUrl: WWW, snippet: '某某人社微信小程序二维码 扫码进入“某某人社”微信小程序', where: 'footer#ft > div.qr > img' },
    ])
    expect(result.platformLinks).toEqual([`https://www.${SIM_PLATFORM_DOMAIN}/`])
    await expect(`${JSON.stringify(result, null, 2)}\n`).toMatchFileSnapshot('./__golden__/crawl.json')
  })

  it('honours robots.txt, reads the sitemap, skips files, and never leaves its host', async () => {
    const result = await discoverChannels({ organization: 'test-rsj', websites: [WWW] }, { ...options, maxPages: 40 })
    const www = paths(SIM_HOSTS.www)
    expect(www).toContain('/robots.txt')
    expect(www).toContain('/sitemap.xml')
    expect(www).toContain('/from-sitemap.html') // linked from nowhere but the sitemap
    expect(www.filter((p) => p.startsWith('/private/'))).toEqual([])
    expect(www.filter((p) => p.endsWith('.pdf') || p.endsWith('.apk'))).toEqual([])
    expect(result.sitemaps).toEqual([`${WWW}sitemap.xml`])
    expect(result.skipped.robots).toBe(2)
    expect(result.skipped.notHtml).toBe(2)
    expect(result.skipped.outOfScope).toBeGreaterThanOrEqual(3)
    for (const host of [SIM_HOSTS.mobile, SIM_HOSTS.h5, 'www.example.invalid', `www.${SIM_PLATFORM_DOMAIN}`]) expect(paths(host)).toEqual([])
  })

  it('a page with 10,000 links: the page limit holds and the rest is counted', async () => {
    const result = await discoverChannels({ organization: 'test-rsj', websites: [`${WWW}many-links.html`] }, { ...options, maxPages: 25, sitemaps: false })
    expect(result.pages).toBe(25)
    expect(result.skipped.pageLimit).toBe(10_000 - 24)
  })

  it('depth 0 reads only the start page; sitemap pages count as depth 1', async () => {
    const result = await discoverChannels({ organization: 'test-rsj', websites: [WWW] }, { ...options, maxDepth: 0 })
    expect(result.pages).toBe(1)
    expect(result.skipped.depthLimit).toBeGreaterThan(0)
  })

  it('when robots.txt cannot be read (503), only the start page is fetched', async () => {
    const result = await discoverChannels({ organization: 'down', websites: [`http://${SIM_HOSTS.down}/`] }, options)
    expect(result.pages).toBe(1)
    expect(result.skipped.robots).toBe(2)
    expect(paths(SIM_HOSTS.down).filter((p) => p !== '/robots.txt')).toEqual(['/'])
  })

  it('an unreachable website is an error, not an exception', async () => {
    const result = await discoverChannels({ organization: 'x', websites: [`http://${SIM_HOSTS.refused}/`, `http://${SIM_HOSTS.nxdomain}/`] }, options)
    expect(result.errors.map((e) => [e.url, e.classification])).toEqual([
      [`http://${SIM_HOSTS.nxdomain}/`, 'dns'],
      [`http://${SIM_HOSTS.refused}/`, 'unreachable'],
    ])
    expect(result.complete).toBe(true)
  })

  it('aborting keeps what was found and says it is incomplete', async () => {
    const controller = new AbortController()
    const pending = discoverChannels(
      { organization: 'test-rsj', websites: [WWW, `http://${SIM_HOSTS.h5}/hang/`] },
      { ...options, signal: controller.signal, timeouts: { response: 60_000, idle: 60_000, total: 60_000 }, sitemaps: false },
    )
    setTimeout(() => controller.abort(new Error('stop')), 300)
    const result = await pending
    expect(result.complete).toBe(false)
    expect(result.pages).toBeGreaterThanOrEqual(1)
    expect(result.candidates.length).toBeGreaterThan(0)
  })
})
