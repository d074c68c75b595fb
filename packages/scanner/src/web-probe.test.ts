import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SIM_HOSTS, SIM_PLATFORM_DOMAIN, SIM_PLATFORM_URL, startSimSite, type SimSite } from '../../../test/utils/index'
import { WebClient } from './_web-client'
import { probeUrl, type ProbeOptions } from './_web-probe'
import type { ProbeEvidence } from './_web-types'

let site: SimSite
let client: WebClient
let options: ProbeOptions

beforeAll(async () => {
  site = await startSimSite()
  // Short limits so hanging answers end quickly; no rate limit on loopback.
  client = new WebClient({ resolve: site.resolve, ca: site.ca, perHostRate: 0 })
  options = {
    client,
    platformDomains: [SIM_PLATFORM_DOMAIN],
    platformName: '冀时办',
    timeouts: { response: 800, idle: 1500, total: 4000 },
    retries: 1,
    retryDelay: 10,
    allowedHosts: Object.values(SIM_HOSTS).filter((h) => h !== SIM_HOSTS.mobile),
  }
})
afterAll(async () => {
  client.close()
  await site.close()
})

/** Evidence without what changes run to run (times; the certificate's date). */
function stable(e: ProbeEvidence): Partial<ProbeEvidence> {
  const { startedAt: _s, durationMs: _d, ...rest } = e
  return rest.tls?.validTo ? { ...rest, tls: { ...rest.tls, validTo: '<date>' } } : rest
}

const H5_PATHS = [
  'ok/', 'gbk/', 'lying-header/', 'no-charset/', 'bom/', 'gzip/', 'chain/', 'meta/', 'slow/', 'flaky/', 'mixed/',
  'to-platform/', 'meta-platform/', 'script-platform/', 'notice/', 'gone/', 'missing/', 'error/',
  'loop/a', 'long-chain/', 'no-location/', 'hang/', 'hang-body/', 'big/', 'big-chunked/', 'bomb/', 'private/', 'out/',
]

describe('probeUrl against a simulated department website', () => {
  it('classifies every kind of answer (golden)', async () => {
    const urls = [
      ...H5_PATHS.map((p) => `http://${SIM_HOSTS.h5}/${p}`),
      `https://${SIM_HOSTS.secure}/`,
      `https://${SIM_HOSTS.expiring}/`,
      `https://${SIM_HOSTS.untrusted}/`,
      `http://${SIM_HOSTS.refused}/`,
      `http://${SIM_HOSTS.nxdomain}/`,
      'ftp://h5.dept.invalid/',
      'not a url',
    ]
    const results = await Promise.all(urls.map((u) => probeUrl(u, options)))
    const table = Object.fromEntries(results.map((e) => [e.url, `${e.classification}${e.reason ? ` ${e.reason}` : ''}`]))
    expect(table).toMatchObject({
      'http://h5.dept.invalid/ok/': 'ok',
      'http://h5.dept.invalid/to-platform/': 'redirected-to-platform',
      'http://h5.dept.invalid/notice/': 'notice-page',
      'http://h5.dept.invalid/gone/': 'notice-page status:410',
      'http://h5.dept.invalid/missing/': 'http-error status:404',
      'http://h5.dept.invalid/hang/': 'timeout timeout:response',
      'http://h5.dept.invalid/big/': 'too-large content-length',
      'http://h5.dept.invalid/big-chunked/': 'too-large body-size',
      'http://h5.dept.invalid/bomb/': 'too-large decompressed-size',
      'http://h5.dept.invalid/private/': 'robots-refused',
      'http://h5.dept.invalid/loop/a': 'redirect-error redirect-loop',
      'http://h5.dept.invalid/out/': 'out-of-scope redirect-out-of-scope',
      'https://untrusted.dept.invalid/': 'tls-error UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'http://refused.dept.invalid/': 'unreachable ECONNREFUSED',
      'http://nowhere.dept.invalid/': 'dns ENOTFOUND',
    })
    await expect(`${JSON.stringify(results.map(stable), null, 2)}\n`).toMatchFileSnapshot('./__golden__/probes.json')
  })

  it('decodes GBK pages by header, meta tag or sniffing', async () => {
    const e = await Promise.all(['gbk/', 'lying-header/', 'no-charset/', 'bom/'].map((p) => probeUrl(`http://${SIM_HOSTS.h5}/${p}`, options)))
    expect(e.map((x) => [x.title, x.charset, x.charsetSource])).toEqual([
      ['社保查询', 'gbk', 'header'],
      ['公积金查询', 'gbk', 'meta'],
      ['医保服务', 'gb18030', 'sniff'],
      ['带 BOM 的页面', 'utf-8', 'bom'],
    ])
  })

  it('records the redirect chain hop by hop, meta refresh included', async () => {
    const chain = await probeUrl(`http://${SIM_HOSTS.h5}/chain/`, options)
    expect(chain.redirects.map((r) => [r.status, r.location])).toEqual([
      [301, 'http://h5.dept.invalid/chain/2'],
      [302, 'http://h5.dept.invalid/chain/3'],
      [307, 'http://h5.dept.invalid/ok/'],
    ])
    expect([chain.finalUrl, chain.title, chain.description]).toEqual(['http://h5.dept.invalid/ok/', '某某人社', '某某人社移动服务'])
    const meta = await probeUrl(`http://${SIM_HOSTS.h5}/meta/`, options)
    expect(meta.redirects).toEqual([{ url: 'http://h5.dept.invalid/meta/', status: 200, location: 'http://h5.dept.invalid/ok/', kind: 'meta-refresh' }])
    const long = await probeUrl(`http://${SIM_HOSTS.h5}/long-chain/`, { ...options, maxRedirects: 3 })
    expect([long.classification, long.reason, long.redirects.length]).toEqual(['redirect-error', 'too-many-redirects', 4])
  })

  it('a redirect, meta refresh or script to the platform is the answer; the platform is never contacted', async () => {
    for (const p of ['to-platform/', 'meta-platform/', 'script-platform/']) {
      const e = await probeUrl(`http://${SIM_HOSTS.h5}/${p}`, options)
      expect([e.classification, e.finalUrl]).toEqual(['redirected-to-platform', SIM_PLATFORM_URL])
    }
    expect(site.requests.some((r) => r.host.includes(SIM_PLATFORM_DOMAIN))).toBe(false)
  })

  it('never leaves the scope: a redirect to an undeclared host is reported, not followed', async () => {
    const e = await probeUrl(`http://${SIM_HOSTS.h5}/out/`, options)
    expect([e.classification, e.finalUrl]).toEqual(['out-of-scope', `http://${SIM_HOSTS.mobile}/`])
    expect(site.requests.filter((r) => r.host === SIM_HOSTS.mobile)).toEqual([])
    // Without allowedHosts only the probed URL's own host may be contacted.
    const alone = await probeUrl(`http://${SIM_HOSTS.h5}/chain/`, { ...options, allowedHosts: undefined })
    expect(alone.classification).toBe('ok')
  })

  it('retries a 503 and counts the attempts; gives up on a hang after the bounded retries', async () => {
    const flaky = await probeUrl(`http://${SIM_HOSTS.h5}/flaky/?for=retry-test`, { ...options })
    expect([flaky.classification, flaky.attempts]).toEqual(['ok', 2])
    const hang = await probeUrl(`http://${SIM_HOSTS.h5}/hang/`, { ...options, retries: 2 })
    expect([hang.classification, hang.attempts]).toEqual(['timeout', 3])
    const body = await probeUrl(`http://${SIM_HOSTS.h5}/hang-body/`, { ...options, retries: 0 })
    expect([body.classification, body.reason, body.attempts]).toEqual(['timeout', 'timeout:idle', 1])
  })

  it('stops a 50 MB body and a gzip bomb early', async () => {
    const before = site.requests.length
    const [big, chunked, bomb] = await Promise.all(['big/', 'big-chunked/', 'bomb/'].map((p) => probeUrl(`http://${SIM_HOSTS.h5}/${p}`, { ...options, maxBytes: 1024 * 1024 })))
    expect([big!.reason, chunked!.reason, bomb!.reason]).toEqual(['content-length', 'body-size', 'decompressed-size'])
    expect(site.requests.length - before).toBe(3)
  })

  it('robots.txt: refused unless told to ignore it', async () => {
    expect((await probeUrl(`http://${SIM_HOSTS.h5}/private/`, options)).classification).toBe('robots-refused')
    expect((await probeUrl(`http://${SIM_HOSTS.h5}/private/`, { ...options, robots: false })).classification).toBe('ok')
  })

  it('TLS: days to expiry and issuer; an untrusted certificate is still described', async () => {
    const [secure, expiring, untrusted] = await Promise.all(
      [SIM_HOSTS.secure, SIM_HOSTS.expiring, SIM_HOSTS.untrusted].map((h) => probeUrl(`https://${h}/`, options)),
    )
    expect(secure!.tls).toMatchObject({ authorized: true, daysToExpiry: 364, issuer: 'CN=Yingjie Test CA, O=yingjie demo', protocol: 'TLSv1.3' })
    expect(expiring!.tls).toMatchObject({ authorized: true, daysToExpiry: 9 })
    expect(untrusted!.tls).toMatchObject({ authorized: false, error: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', issuer: 'CN=Somebody Else CA, O=yingjie demo' })
  })

  it('a standalone probe makes and closes its own client; the body hash is of the decompressed body', async () => {
    const e = await probeUrl(`http://${SIM_HOSTS.h5}/gzip/`, { resolve: site.resolve, perHostRate: 0 })
    expect(e.classification).toBe('ok')
    expect(e.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(e.bytes).toBeGreaterThan(0)
  })

  it('rejects only when aborted', async () => {
    const controller = new AbortController()
    const pending = probeUrl(`http://${SIM_HOSTS.h5}/hang/`, { ...options, signal: controller.signal, timeouts: { response: 60_000, idle: 60_000, total: 60_000 } })
    setTimeout(() => controller.abort(new Error('stop')), 50)
    await expect(pending).rejects.toThrow('stop')
  })
})
