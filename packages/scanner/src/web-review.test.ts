import type { ReviewItem } from '@yingjie/spec'
import { loadDefaultProfile } from '@yingjie/spec'
import { describe, expect, it } from 'vitest'
import { normalizeServiceName, reviewProbe } from './_web-review'
import type { ProbeEvidence } from './_web-types'

const base: ProbeEvidence = {
  url: 'https://rsj.example.invalid/',
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1,
  attempts: 1,
  classification: 'ok',
  status: 200,
  finalUrl: 'https://rsj.example.invalid/',
  redirects: [],
  platformLinks: [],
  title: '某某人社',
  tls: { authorized: true, daysToExpiry: 120, issuer: 'CN=Some CA' },
}

const review = loadDefaultProfile().then((p) => p.review)
const items = (): Promise<ReviewItem[]> => review
const status = (results: ReturnType<typeof reviewProbe>) => Object.fromEntries(results.map((r) => [r.id, r.status]))

describe('automatic review items from a probe', () => {
  it('decides the three items the profile marks automatic and a probe can see, with the profile titles', async () => {
    const r = reviewProbe(base, await items(), ['某某人社（H5）', '社保卡申领'])
    expect(status(r)).toEqual({ https: 'pass', 'certificate-validity': 'pass', 'title-matches-service': 'pass' })
    expect(r[0]?.title.zh).toBe('全站 HTTPS')
  })

  it('plain HTTP anywhere in the chain, or HTTP resources, fail HTTPS; no certificate then either', async () => {
    const http = { ...base, url: 'http://rsj.example.invalid/', redirects: [{ url: 'http://rsj.example.invalid/', status: 301, location: 'https://rsj.example.invalid/', kind: 'http' as const }] }
    expect(status(reviewProbe(http, await items(), ['某某人社'])).https).toBe('fail')
    const mixed = { ...base, mixedContent: ['http://cdn.invalid/a.js'] }
    expect(reviewProbe(mixed, await items(), ['某某人社'])[0]).toMatchObject({ status: 'fail', detail: { en: 'the page loads HTTP resources: http://cdn.invalid/a.js' } })
    const plain = { ...base, url: 'http://a.invalid/', finalUrl: 'http://a.invalid/', tls: undefined }
    expect(status(reviewProbe(plain, await items(), []))['certificate-validity']).toBe('fail')
  })

  it('a certificate with fewer than minDays left, or untrusted, fails; unknown without a handshake', async () => {
    expect(status(reviewProbe({ ...base, tls: { authorized: true, daysToExpiry: 9 } }, await items(), []))['certificate-validity']).toBe('fail')
    const expired = reviewProbe({ ...base, classification: 'tls-error', reason: 'CERT_HAS_EXPIRED', tls: { authorized: false, daysToExpiry: -3, error: 'CERT_HAS_EXPIRED' } }, await items(), [])
    expect(expired[1]?.detail.zh).toBe('证书不受信任（CERT_HAS_EXPIRED，已过期 3 天）')
    const timeout = { ...base, classification: 'timeout' as const, status: undefined, tls: undefined, title: undefined }
    expect(status(reviewProbe(timeout, await items(), ['某某人社']))).toEqual({ https: 'unknown', 'certificate-validity': 'unknown', 'title-matches-service': 'unknown' })
  })

  it('titles are compared without brackets, spaces and channel-type words', async () => {
    expect(normalizeServiceName('某某人社（微信小程序）')).toBe('某某人社')
    expect(normalizeServiceName(' 某某 人社 APP ')).toBe('某某人社')
    const wrong = reviewProbe({ ...base, title: '首页' }, await items(), ['某某人社'])
    expect(wrong[2]).toMatchObject({ status: 'fail', detail: { zh: '标题“首页”与服务名称（某某人社）不一致' } })
    expect(status(reviewProbe({ ...base, title: undefined }, await items(), ['某某人社']))['title-matches-service']).toBe('fail')
  })

  it('items a person decides, or this probe cannot see, are left out', async () => {
    const ids = reviewProbe(base, await items(), []).map((r) => r.id)
    expect(ids).not.toContain('privacy-notice')
    expect(ids).not.toContain('elder-mode')
    expect(reviewProbe(base, [{ id: 'https', automatic: false, title: { zh: 'x', en: 'x' }, description: { zh: 'x', en: 'x' } }], [])).toEqual([])
  })
})
