import type { Localized } from '@yingjie/model'
import type { AccessProfile, CapabilityCategory, CapabilityEntry, CapabilityStatus } from './_types'

/** The framework an API belongs to, from its prefix. */
export type ApiFramework = 'wechat' | 'uni-app' | 'alipay' | 'taro'

export function apiFramework(api: string): ApiFramework | undefined {
  const prefix = api.slice(0, api.indexOf('.'))
  switch (prefix) {
    case 'wx':
      return 'wechat'
    case 'uni':
    case 'uniCloud':
      return 'uni-app'
    case 'my':
      return 'alipay'
    case 'Taro':
      return 'taro'
    default:
      return undefined
  }
}

function fill(text: Localized, platform: Localized): Localized {
  return { zh: text.zh.replaceAll('{platform}', platform.zh), en: text.en.replaceAll('{platform}', platform.en) }
}

/**
 * Merge a base map with a profile's entries: a profile entry replaces the
 * base entry with the same `api` and otherwise adds one. `{platform}` in
 * reasons becomes the platform's name. Order: base order, then additions.
 */
export function mergeCapabilities(base: readonly CapabilityEntry[], entries: readonly CapabilityEntry[], platform: Localized): CapabilityEntry[] {
  const merged = new Map<string, CapabilityEntry>()
  for (const e of base) merged.set(e.api, e)
  for (const e of entries) merged.set(e.api, e)
  return [...merged.values()].map((e) => (e.reason ? { ...e, reason: fill(e.reason, platform) } : e))
}

/** The entry for one API (e.g. `wx.scanCode`), or undefined when the map does not know it. */
export function capabilityFor(profile: Pick<AccessProfile, 'capabilities'>, api: string): CapabilityEntry | undefined {
  return profile.capabilities.find((e) => e.api === api)
}

export interface CapabilitySummary {
  total: number
  byStatus: Record<CapabilityStatus, number>
  byFramework: Record<ApiFramework, number>
  byCategory: Partial<Record<CapabilityCategory, number>>
}

export function summarizeCapabilities(profile: Pick<AccessProfile, 'capabilities'>): CapabilitySummary {
  const summary: CapabilitySummary = {
    total: 0,
    byStatus: { 0: 0, 1: 0, 2: 0 },
    byFramework: { wechat: 0, 'uni-app': 0, alipay: 0, taro: 0 },
    byCategory: {},
  }
  for (const e of profile.capabilities) {
    summary.total++
    summary.byStatus[e.status]++
    const fw = apiFramework(e.api)
    if (fw) summary.byFramework[fw]++
    summary.byCategory[e.category] = (summary.byCategory[e.category] ?? 0) + 1
  }
  return summary
}
