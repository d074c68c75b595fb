import { describe, expect, it } from 'vitest'
import { validateAndroidPackage } from './android-package'

function reasonOf(v: string) {
  const result = validateAndroidPackage(v)
  expect(result.ok).toBe(false)
  if (result.ok) throw new Error('unreachable')
  return result.reason
}

describe('validateAndroidPackage', () => {
  it.each(['com.tencent.mm', 'com.eg.android.AlipayGphone', 'cn.gov.baoding.rsj', 'com.hebei.jsb_app2', 'a.b', 'com.example.var'])(
    '%s is accepted',
    (name) => {
      expect(validateAndroidPackage(name)).toEqual({ ok: true })
    },
  )

  it('a single segment is rejected with an example of two', () => {
    const reason = reasonOf('baodingrsj')
    expect(reason.zh).toContain('至少要有两段')
    expect(reason.en).toContain('at least two dot-separated segments')
  })

  it('a segment starting with a digit (com.12306.app) names the segment', () => {
    const reason = reasonOf('com.12306.app')
    expect(reason.zh).toContain('第 2 段“12306”应以字母开头')
    expect(reason.en).toContain("segment 2 '12306' of the Android package name must start with a letter")
  })

  it('a segment starting with an underscore is rejected', () => {
    expect(reasonOf('com._internal').en).toContain('must start with a letter')
  })

  it('a hyphen is named and an underscore suggested', () => {
    const reason = reasonOf('cn.gov.bd-rsj')
    expect(reason.zh).toContain('“-”')
    expect(reason.zh).toContain('下划线')
    expect(reason.en).toContain('use an underscore')
  })

  it('Chinese characters are not allowed', () => {
    expect(reasonOf('cn.gov.bd保定').en).toContain("'bd保定' of the Android package name contains '保'")
  })

  it.each(['com.example.new', 'com.int.app', 'cn.package.demo', 'com.null.app', 'com.example.true'])(
    '%s uses a Java reserved word and is rejected',
    (name) => {
      const reason = reasonOf(name)
      expect(reason.zh).toContain('Java 保留字')
      expect(reason.en).toContain('reserved word')
    },
  )

  it('keywords are case-sensitive, so com.example.New is fine', () => {
    expect(validateAndroidPackage('com.example.New')).toEqual({ ok: true })
  })

  it.each([
    ['.com.example', 1],
    ['com.example.', 3],
    ['com..example', 2],
  ])('%s has an empty segment %i', (name, n) => {
    const reason = reasonOf(name)
    expect(reason.zh).toContain(`第 ${n} 段为空`)
    expect(reason.en).toContain(`segment ${n}`)
  })

  it('a name of 255 characters passes and 256 fails, naming the length', () => {
    const at255 = `com.${'a'.repeat(251)}`
    expect(at255).toHaveLength(255)
    expect(validateAndroidPackage(at255).ok).toBe(true)
    const reason = reasonOf(`${at255}b`)
    expect(reason.zh).toContain('实际为 256 个')
    expect(reason.en).toContain('at most 255')
  })

  it('spaces and emptiness are rejected', () => {
    expect(reasonOf('com.example .app').en).toContain('whitespace')
    expect(reasonOf('').en).toContain('empty')
  })
})
