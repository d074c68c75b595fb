import { describe, expect, it } from 'vitest'
import type { ValidationResult } from '../_localized'
import { isPlainHttp, validateUrl } from './url'

function reasonOf(result: ValidationResult) {
  expect(result.ok).toBe(false)
  if (result.ok) throw new Error('unreachable')
  return result.reason
}

describe('validateUrl', () => {
  it.each([
    'https://www.baoding.gov.cn/',
    'http://www.hebei.gov.cn/hebei/index.html?col=1#top',
    'https://zwfw.hebei.gov.cn:8443/jsb/',
    'HTTPS://WWW.BAODING.GOV.CN',
    'http://10.1.2.3:8080/api',
    'http://[::1]:3000/health',
    'https://保定.政务/',
  ])('%s is accepted', (url) => {
    expect(validateUrl(url)).toEqual({ ok: true })
  })

  it('a bare host name asks for the scheme', () => {
    const reason = reasonOf(validateUrl('www.baoding.gov.cn'))
    expect(reason.zh).toContain('缺少协议')
    expect(reason.en).toContain('http:// or https://')
  })

  it('a host with a port but no scheme is not mistaken for a scheme', () => {
    const reason = reasonOf(validateUrl('www.baoding.gov.cn:8080/app'))
    expect(reason.en).toContain('has no scheme')
  })

  it.each(['http:www.baoding.gov.cn', 'http:/www.baoding.gov.cn', 'http:\\\\www.baoding.gov.cn'])(
    '%s, which browsers would repair, is asked to be written with //',
    (url) => {
      const reason = reasonOf(validateUrl(url))
      expect(reason.zh).toContain('“http:”后应紧跟 //')
      expect(reason.en).toContain("'http:' must be followed by //")
    },
  )

  it('a URL with nothing after // has no host', () => {
    expect(reasonOf(validateUrl('https://')).zh).toContain('缺少主机名')
    expect(reasonOf(validateUrl('http:///path')).en).toContain('no host')
  })

  it('credentials in the URL are rejected', () => {
    const reason = reasonOf(validateUrl('https://admin:123456@www.baoding.gov.cn/'))
    expect(reason.zh).toContain('用户名或密码')
    expect(reason.en).toContain('credentials')
  })

  it('a user name alone, or a bare @, counts as credentials too', () => {
    expect(reasonOf(validateUrl('https://admin@www.baoding.gov.cn/')).en).toContain('credentials')
    expect(reasonOf(validateUrl('https://@www.baoding.gov.cn/')).en).toContain('credentials')
  })

  it('an @ in the path is not mistaken for credentials', () => {
    expect(validateUrl('https://www.baoding.gov.cn/contact/@office')).toEqual({ ok: true })
  })

  it('whitespace is located, including a trailing newline from a spreadsheet', () => {
    expect(reasonOf(validateUrl('https://www.bao ding.gov.cn')).zh).toContain('第 16 个字符')
    expect(reasonOf(validateUrl('https://www.baoding.gov.cn\n')).en).toContain('whitespace at character 27')
  })

  it('a scheme outside the list is named along with the allowed ones', () => {
    const reason = reasonOf(validateUrl('ftp://files.baoding.gov.cn/'))
    expect(reason.zh).toContain('“ftp”不被允许')
    expect(reason.en).toContain('use http, https')
  })

  it('a caller can require https only', () => {
    const reason = reasonOf(validateUrl('http://www.baoding.gov.cn/', { schemes: ['https'] }))
    expect(reason.en).toContain("scheme 'http' is not allowed; use https")
  })

  it('a caller can allow an app scheme, written with or without the colon', () => {
    expect(validateUrl('weixin://dl/business/?t=abc', { schemes: ['weixin:'] })).toEqual({ ok: true })
    expect(validateUrl('alipays://platformapi/startapp?appId=2021001234567890', { schemes: ['ALIPAYS'] })).toEqual({ ok: true })
  })

  it('a host the URL parser refuses is reported as invalid', () => {
    expect(reasonOf(validateUrl('https://999.999.999.999/')).zh).toContain('不是合法的网址')
    expect(reasonOf(validateUrl('http://www.baoding.gov.cn:99999/')).en).toContain('port')
  })

  it('an empty string is rejected', () => {
    expect(reasonOf(validateUrl('')).en).toContain('empty')
  })
})

describe('isPlainHttp', () => {
  it('is true for http in any case', () => {
    expect(isPlainHttp('http://www.baoding.gov.cn')).toBe(true)
    expect(isPlainHttp('HTTP://www.baoding.gov.cn')).toBe(true)
  })

  it('is false for https, other schemes and garbage', () => {
    expect(isPlainHttp('https://www.baoding.gov.cn')).toBe(false)
    expect(isPlainHttp('ftp://www.baoding.gov.cn')).toBe(false)
    expect(isPlainHttp('www.baoding.gov.cn')).toBe(false)
  })
})
