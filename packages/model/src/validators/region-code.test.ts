import { describe, expect, it } from 'vitest'
import { isRegionUnder, PROVINCE_PREFIXES, regionLevel, validateRegionCode } from './region-code'

function reasonOf(v: string) {
  const result = validateRegionCode(v)
  expect(result.ok).toBe(false)
  if (result.ok) throw new Error('unreachable')
  return result.reason
}

describe('validateRegionCode', () => {
  it.each([
    ['130000', '河北省'],
    ['130600', '保定市'],
    ['130602', '保定市竞秀区'],
    ['110000', '北京市'],
    ['110105', '北京市朝阳区'],
    ['500240', '重庆市石柱土家族自治县'],
    ['419001', '河南省济源市 (省直辖县级市)'],
    ['650000', '新疆维吾尔自治区'],
    ['820000', '澳门特别行政区'],
  ])('%s (%s) is a valid code', (code) => {
    expect(validateRegionCode(code)).toEqual({ ok: true })
  })

  it('knows all 34 province-level prefixes', () => {
    expect(Object.keys(PROVINCE_PREFIXES)).toHaveLength(34)
    expect(PROVINCE_PREFIXES['13']).toBe('河北')
  })

  it('an empty code gives an example of a good one', () => {
    expect(reasonOf('').zh).toContain('6 位数字')
  })

  it('a five-digit code says how many digits it has', () => {
    const reason = reasonOf('13060')
    expect(reason.zh).toContain('实际为 5 位')
    expect(reason.en).toContain('got 5')
  })

  it('a 12-digit statistical code is recognised and its first 6 digits offered', () => {
    const reason = reasonOf('130602000000')
    expect(reason.zh).toContain('统计用区划代码')
    expect(reason.zh).toContain('130602')
    expect(reason.en).toContain('first 6 digits: 130602')
  })

  it('a letter is named with its position', () => {
    const reason = reasonOf('13O602')
    expect(reason.zh).toContain('第 3 位是“O”')
    expect(reason.en).toContain("position 3 is 'O'")
  })

  it('whitespace is rejected', () => {
    expect(reasonOf('130602 ').en).toContain('whitespace')
  })

  it.each(['190000', '000000', '240100', '830000', '990000'])('%s has no such province and is rejected', (code) => {
    const reason = reasonOf(code)
    expect(reason.zh).toContain(`省级代码“${code.slice(0, 2)}”不存在`)
    expect(reason.en).toContain(`province prefix '${code.slice(0, 2)}'`)
  })

  it('a county part under an empty city part is rejected', () => {
    const reason = reasonOf('130002')
    expect(reason.zh).toContain('县级代码（第 5–6 位）也应为 00，实际为 02')
    expect(reason.en).toContain('got 02')
  })
})

describe('regionLevel', () => {
  it('reads the level from the trailing zeros', () => {
    expect(regionLevel('130000')).toBe('province')
    expect(regionLevel('130600')).toBe('city')
    expect(regionLevel('130602')).toBe('county')
  })

  it('treats a municipality like a province with a city-level 市辖区 grouping', () => {
    expect(regionLevel('110000')).toBe('province')
    expect(regionLevel('110100')).toBe('city')
    expect(regionLevel('110105')).toBe('county')
  })

  it('refuses a code that is not 6 digits', () => {
    expect(() => regionLevel('13060')).toThrow(RangeError)
    expect(() => regionLevel('13060X')).toThrow(/validateRegionCode/)
  })
})

describe('isRegionUnder', () => {
  it('a county lies under its city and its province', () => {
    expect(isRegionUnder('130602', '130600')).toBe(true)
    expect(isRegionUnder('130602', '130000')).toBe(true)
  })

  it('a city lies under its province', () => {
    expect(isRegionUnder('130600', '130000')).toBe(true)
  })

  it('a code is not under itself', () => {
    expect(isRegionUnder('130602', '130602')).toBe(false)
    expect(isRegionUnder('130600', '130600')).toBe(false)
    expect(isRegionUnder('130000', '130000')).toBe(false)
  })

  it('a county of Baoding is not under Zhangjiakou', () => {
    expect(isRegionUnder('130602', '130700')).toBe(false)
  })

  it('a county is not under a city of another province that shares its middle digits', () => {
    expect(isRegionUnder('140602', '130600')).toBe(false)
    expect(isRegionUnder('130602', '140000')).toBe(false)
  })

  it('nothing lies under a county, and a parent is not under its child', () => {
    expect(isRegionUnder('130602', '130601')).toBe(false)
    expect(isRegionUnder('130000', '130602')).toBe(false)
    expect(isRegionUnder('130600', '130602')).toBe(false)
  })

  it('a city is not under another city', () => {
    expect(isRegionUnder('130700', '130600')).toBe(false)
  })

  it('a Beijing district lies under both the municipality and its 市辖区 grouping', () => {
    expect(isRegionUnder('110105', '110000')).toBe(true)
    expect(isRegionUnder('110105', '110100')).toBe(true)
    expect(isRegionUnder('110100', '110000')).toBe(true)
    expect(isRegionUnder('120101', '110000')).toBe(false)
  })

  it('Chongqing counties lie under its 县 grouping 500200, not its 市辖区 grouping 500100', () => {
    expect(isRegionUnder('500240', '500200')).toBe(true)
    expect(isRegionUnder('500240', '500100')).toBe(false)
    expect(isRegionUnder('500240', '500000')).toBe(true)
  })

  it('a province-administered county-level city lies under its province', () => {
    expect(isRegionUnder('419001', '410000')).toBe(true)
  })

  it('malformed codes lie under nothing', () => {
    expect(isRegionUnder('13060', '130000')).toBe(false)
    expect(isRegionUnder('130602', '1300')).toBe(false)
  })
})
