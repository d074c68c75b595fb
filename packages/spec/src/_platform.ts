import type { AccessProfile } from './_types'

/**
 * Whether a link points at the provincial platform: its host is one of the
 * profile's domains or a subdomain of one. Scanners use it to tell a channel
 * that already hands over to the platform from one that does not.
 * @example isPlatformLink(zhejiang, 'https://mapi.zjzwfw.gov.cn/web/…') // true
 */
export function isPlatformLink(profile: Pick<AccessProfile, 'platform'>, link: string): boolean {
  let host: string
  try {
    host = new URL(link).hostname.toLowerCase().replace(/\.$/, '')
  } catch {
    return false
  }
  return profile.platform.domains.some((d) => host === d || host.endsWith(`.${d}`))
}
