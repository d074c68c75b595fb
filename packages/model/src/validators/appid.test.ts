import { describe, expect, it } from 'vitest'
import type { ValidationResult } from '../_localized'
import { validateAlipayAppId, validateMiniProgramAppId, validateWechatAppId } from './appid'

function reasonOf(result: ValidationResult) {
  expect(result.ok).toBe(false)
  if (result.ok) throw new Error('unreachable')
  return result.reason
}

describe('validateWechatAppId', () => {
  it('accepts wx followed by 16 lowercase hex characters', () => {
    expect(validateWechatAppId('wx1234567890abcdef')).toEqual({ ok: true })
    expect(validateWechatAppId('wxd930ea5d5a258f4f')).toEqual({ ok: true })
  })

  it('recognises the 原始 ID copied from the same console page', () => {
    const reason = reasonOf(validateWechatAppId('gh_3b8e1f2a4c5d'))
    expect(reason.zh).toContain('原始 ID')
    expect(reason.zh).toContain('wx 开头')
    expect(reason.en).toContain('original ID')
  })

  it('a 16-digit number is recognised as an Alipay AppID under the wrong host', () => {
    const reason = reasonOf(validateWechatAppId('2021001234567890'))
    expect(reason.zh).toContain('支付宝')
    expect(reason.en).toContain('check the host platform')
  })

  it('uppercase WX is rejected, quoting the prefix', () => {
    const reason = reasonOf(validateWechatAppId('WX1234567890abcdef'))
    expect(reason.zh).toContain('小写 wx')
    expect(reason.en).toContain("got 'WX'")
  })

  it('uppercase hex letters are rejected with the lowercase spelling', () => {
    const reason = reasonOf(validateWechatAppId('wx1234567890ABCDEF'))
    expect(reason.zh).toContain('wx1234567890abcdef')
    expect(reason.en).toContain('lowercase: wx1234567890abcdef')
  })

  it('a truncated AppID says how long it is', () => {
    const reason = reasonOf(validateWechatAppId('wx1234567890abcde'))
    expect(reason.zh).toContain('实际为 17 位')
    expect(reason.en).toContain('got 17')
  })

  it('a non-hex letter is named with its position', () => {
    const reason = reasonOf(validateWechatAppId('wx1234567890abcdeg'))
    expect(reason.zh).toContain('第 18 位“g”')
    expect(reason.en).toContain("position 18 'g'")
  })

  it('whitespace and emptiness are rejected', () => {
    expect(reasonOf(validateWechatAppId('wx1234567890abcdef ')).en).toContain('whitespace')
    expect(reasonOf(validateWechatAppId('')).en).toContain('empty')
  })
})

describe('validateAlipayAppId', () => {
  it('accepts 16 digits starting with 20', () => {
    expect(validateAlipayAppId('2021001234567890')).toEqual({ ok: true })
    expect(validateAlipayAppId('2018122062619536')).toEqual({ ok: true })
  })

  it('the account PID (2088…) is told apart from the AppID', () => {
    const reason = reasonOf(validateAlipayAppId('2088102147948060'))
    expect(reason.zh).toContain('PID')
    expect(reason.en).toContain('not a mini-program AppID')
  })

  it('a WeChat AppID under the Alipay host is recognised', () => {
    const reason = reasonOf(validateAlipayAppId('wx1234567890abcdef'))
    expect(reason.zh).toContain('微信')
    expect(reason.en).toContain('WeChat')
  })

  it('a number not starting with 20 is rejected, quoting its start', () => {
    const reason = reasonOf(validateAlipayAppId('3021001234567890'))
    expect(reason.zh).toContain('应以 20 开头')
    expect(reason.en).toContain("got '30'")
  })

  it('a 15-digit number says how many digits it has', () => {
    const reason = reasonOf(validateAlipayAppId('202100123456789'))
    expect(reason.zh).toContain('实际为 15 位')
  })

  it('a letter is named with its position', () => {
    const reason = reasonOf(validateAlipayAppId('20210012345678a0'))
    expect(reason.zh).toContain('第 15 位是“a”')
    expect(reason.en).toContain("position 15 is 'a'")
  })
})

describe('validateMiniProgramAppId dispatches on the host', () => {
  it('applies the WeChat rule for wechat', () => {
    expect(validateMiniProgramAppId('wechat', 'wx1234567890abcdef').ok).toBe(true)
    expect(reasonOf(validateMiniProgramAppId('wechat', '2021001234567890')).en).toContain('Alipay')
  })

  it('applies the Alipay rule for alipay', () => {
    expect(validateMiniProgramAppId('alipay', '2021001234567890').ok).toBe(true)
    expect(reasonOf(validateMiniProgramAppId('alipay', 'wx1234567890abcdef')).en).toContain('WeChat')
  })

  it('accepts any non-blank id for other hosts', () => {
    expect(validateMiniProgramAppId('baidu', 'Xb8dZ3kQ9mYw2pLr')).toEqual({ ok: true })
    expect(validateMiniProgramAppId('douyin', 'tt1234567890abcd')).toEqual({ ok: true })
  })

  it('rejects empty or spaced ids for other hosts, naming the host', () => {
    expect(reasonOf(validateMiniProgramAppId('baidu', '')).zh).toContain('baidu 小程序 AppID 为空')
    expect(reasonOf(validateMiniProgramAppId('douyin', 'tt12 34')).en).toContain('douyin mini-program AppID contains whitespace')
  })
})
