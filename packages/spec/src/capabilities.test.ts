import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseYamlText } from '@yingjie/model'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  apiFramework,
  AUTOMATIC_REVIEW_CHECKS,
  automaticReviewItems,
  CAPABILITY_MAPS_DIR,
  capabilityFor,
  checkProfileFile,
  isPlatformLink,
  loadProfile,
  manualReviewItems,
  summarizeCapabilities,
  type AccessProfile,
  type CapabilityCategory,
} from './index'

const IDS = ['hebei-jishiban', 'zhejiang-zlb', 'guangdong-tif'] as const
const profiles: Record<string, AccessProfile> = {}

beforeAll(async () => {
  for (const id of IDS) profiles[id] = await loadProfile(id)
})

/** Every area the issue asks the map to cover. */
const REQUIRED_CATEGORIES: CapabilityCategory[] = [
  'login',
  'user-info',
  'phone',
  'payment',
  'subscribe-message',
  'location',
  'scan',
  'media',
  'file',
  'network',
  'storage',
  'navigation',
  'mini-program',
  'web-view',
  'cloud',
  'face',
  'share',
  'clipboard',
  'system',
]

describe('capability map integrity', () => {
  it('has no duplicate API in the shipped base file as written', async () => {
    const file = join(CAPABILITY_MAPS_DIR, 'h5-container.yaml')
    // Read the raw list: the loader's merge would hide duplicates.
    const parsed = parseYamlText(await readFile(file, 'utf8'), file)
    const apis = (parsed.documents[0]?.value as { entries: { api: string }[] }).entries.map((e) => e.api)
    expect(apis.length).toBeGreaterThanOrEqual(80)
    expect(apis.filter((a, i) => apis.indexOf(a) !== i)).toEqual([])
    expect(await checkProfileFile(file)).toEqual([])
  })

  it.each(IDS)('%s maps at least 80 APIs across wx., uni., my. and Taro.', (id) => {
    const summary = summarizeCapabilities(profiles[id]!)
    expect(summary.total).toBeGreaterThanOrEqual(80)
    for (const fw of ['wechat', 'uni-app', 'alipay', 'taro'] as const) expect(summary.byFramework[fw]).toBeGreaterThanOrEqual(20)
    expect(profiles[id]!.capabilities.every((e) => apiFramework(e.api) !== undefined)).toBe(true)
  })

  it.each(IDS)('%s has no duplicate keys and a reason for every non-zero status', (id) => {
    const entries = profiles[id]!.capabilities
    const apis = entries.map((e) => e.api)
    expect(new Set(apis).size).toBe(apis.length)
    const missing = entries.filter((e) => e.status !== 0 && !(e.reason?.zh.trim() && e.reason.en.trim())).map((e) => e.api)
    expect(missing).toEqual([])
    expect(entries.filter((e) => e.status === 0 && e.needs).map((e) => e.api)).toEqual([])
  })

  it.each(IDS)('%s covers every required area and names the platform in its reasons', (id) => {
    const profile = profiles[id]!
    const categories = new Set(profile.capabilities.map((e) => e.category))
    expect(REQUIRED_CATEGORIES.filter((c) => !categories.has(c))).toEqual([])
    const text = JSON.stringify(profile.capabilities)
    expect(text).not.toContain('{platform}')
    expect(capabilityFor(profile, 'wx.login')?.reason?.zh).toContain(profile.platform.name.zh)
  })

  it('says which platform service the unsupported identity, payment, push and face APIs need', () => {
    const hebei = profiles['hebei-jishiban']!
    const needs = (api: string) => [capabilityFor(hebei, api)?.status, capabilityFor(hebei, api)?.needs]
    expect(needs('wx.login')).toEqual([2, 'unified-identity'])
    expect(needs('my.getPhoneNumber')).toEqual([2, 'unified-identity'])
    expect(needs('wx.requestPayment')).toEqual([2, 'unified-payment'])
    expect(needs('my.tradePay')).toEqual([2, 'unified-payment'])
    expect(needs('uni.requestSubscribeMessage')).toEqual([2, 'message-push'])
    expect(needs('wx.startFacialRecognitionVerify')).toEqual([2, 'face-verification'])
    expect(needs('Taro.startFacialRecognitionVerify')).toEqual([2, 'face-verification'])
  })

  it('keeps uni-app and Taro APIs that work in an H5 build as status 0', () => {
    const hebei = profiles['hebei-jishiban']!
    for (const api of ['uni.request', 'uni.setStorageSync', 'uni.navigateTo', 'Taro.request', 'Taro.showToast']) {
      expect(capabilityFor(hebei, api)?.status).toBe(0)
    }
    expect(capabilityFor(hebei, 'wx.request')?.status).toBe(1)
    expect(capabilityFor(hebei, 'wx.nonExistent')).toBeUndefined()
  })

  it('differs per profile where the platforms differ', () => {
    expect(capabilityFor(profiles['hebei-jishiban']!, 'wx.scanCode')).toMatchObject({ status: 2, needs: 'platform-bridge' })
    expect(capabilityFor(profiles['zhejiang-zlb']!, 'wx.scanCode')).toMatchObject({ status: 1, capability: 'zwjsbridge.scan' })
    expect(capabilityFor(profiles['guangdong-tif']!, 'wx.miniProgram.navigateTo')?.status).toBe(0)
    expect(capabilityFor(profiles['hebei-jishiban']!, 'wx.miniProgram.navigateTo')?.status).toBe(2)
  })
})

describe('review checklist', () => {
  it.each(IDS)('%s lists every automatic check and the certificate threshold of 30 days', (id) => {
    const profile = profiles[id]!
    expect(automaticReviewItems(profile).map((r) => r.id)).toEqual([...AUTOMATIC_REVIEW_CHECKS])
    expect(profile.review.find((r) => r.id === 'certificate-validity')?.params).toEqual({ minDays: 30 })
    expect(manualReviewItems(profile).length).toBeGreaterThan(0)
    for (const r of profile.review) {
      expect(r.title.zh && r.title.en && r.description.zh && r.description.en).toBeTruthy()
    }
  })
})

describe('platform domains', () => {
  it('recognise links to the platform and its subdomains, not look-alikes', () => {
    const zj = profiles['zhejiang-zlb']!
    expect(isPlatformLink(zj, 'https://mapi.zjzwfw.gov.cn/web/mgop/gov-open/zj/2002')).toBe(true)
    expect(isPlatformLink(zj, 'https://zjzwfw.gov.cn/')).toBe(true)
    expect(isPlatformLink(zj, 'https://zjzwfw.gov.cn.example.com/')).toBe(false)
    expect(isPlatformLink(zj, 'https://notzjzwfw.gov.cn/')).toBe(false)
    expect(isPlatformLink(zj, 'not a url')).toBe(false)
    expect(isPlatformLink(profiles['hebei-jishiban']!, 'http://www.hbzwfw.gov.cn/')).toBe(true)
  })
})
