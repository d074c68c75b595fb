import { idNumberCheckChar } from '@yingjie/model'
import { describe, expect, it } from 'vitest'
import { DEFAULT_MASKING, findUnmaskedPersonalData, loadProfile, luhnValid, mask, maskText, type MaskingSpec } from './index'

// Valid test identities: GB 11643's own example and numbers whose check
// characters were computed independently (and are re-checked below).
const ID_EXAMPLE = '11010519491231002X'
const ID_BAODING = '130602199003071230'
const ID_HANGZHOU = '330106197805123019'
const ID_SHIJIAZHUANG = '13010219851120101X'
const CARD_19 = '6222021234567890128'
const CARD_16 = '6217001234567893'

describe('test data', () => {
  it('uses ID numbers with correct check characters and cards passing Luhn', () => {
    for (const id of [ID_EXAMPLE, ID_BAODING, ID_HANGZHOU, ID_SHIJIAZHUANG]) expect(idNumberCheckChar(id.slice(0, 17))).toBe(id[17])
    expect(luhnValid(CARD_19)).toBe(true)
    expect(luhnValid(CARD_16)).toBe(true)
    expect(luhnValid('6222021234567890127')).toBe(false)
  })
})

describe('mask(value, kind)', () => {
  it('hides the first character of a name', () => {
    expect(mask('张三', 'name')).toBe('*三')
    expect(mask('欧阳娜娜', 'name')).toBe('*阳娜娜')
    expect(mask('李', 'name')).toBe('*')
    expect(mask('𠮷田', 'name')).toBe('*田')
  })

  it('keeps the first and last character of an ID number', () => {
    expect(mask(ID_EXAMPLE, 'idNumber')).toBe('1****************X')
  })

  it('can keep positions 1, 5–12 and 18 where a province asks for it', () => {
    const rules: MaskingSpec = { ...DEFAULT_MASKING, rules: { ...DEFAULT_MASKING.rules, idNumber: { strategy: 'keep-positions', positions: '1,5-12,18' } } }
    expect(mask(ID_EXAMPLE, 'idNumber', rules)).toBe('1***05194912*****X')
  })

  it('hides the middle four digits of a mobile number', () => {
    expect(mask('13812345678', 'phone')).toBe('138****5678')
  })

  it('keeps the first letter and the domain of an email', () => {
    expect(mask('zhangsan@example.com', 'email')).toBe('z*******@example.com')
    expect(mask('a@example.com', 'email')).toBe('*@example.com')
  })

  it('keeps the first six and last four digits of a bank card', () => {
    expect(mask(CARD_19, 'bankCard')).toBe('622202*********0128')
    expect(mask(CARD_16, 'bankCard')).toBe('621700******7893')
  })

  it('never shows a short value whole', () => {
    expect(mask('1234', 'phone')).not.toBe('1234')
    expect(mask('1234', 'phone')).toContain('*')
  })

  it("uses the profile's mask character and rules", async () => {
    const profile = await loadProfile('zhejiang-zlb')
    expect(mask('13812345678', 'phone', profile.masking)).toBe('138****5678')
    expect(mask('13812345678', 'phone', { ...profile.masking, maskChar: '#' })).toBe('138####5678')
  })
})

describe('findUnmaskedPersonalData / maskText on logs and reports', () => {
  const log = [
    `2024-03-01T08:00:01.123Z INFO POST /api/v1/social-security/query trace=9f3a13812345678bc0de user={"name":"张三","idNumber":"${ID_BAODING}","mobile":"13812345678"}`,
    `2024-03-01T08:00:02.456Z WARN 退款到账卡号 6222 0212 3456 7890 128，联系电话 +86 139-1234-5678，经办人身份证 ${ID_SHIJIAZHUANG.slice(0, 17)}x，代办人 ${ID_HANGZHOU}`,
    `2024-03-01T08:00:03.789Z INFO GET /licence?idcard=${ID_EXAMPLE}&phone=15912345678 200 12ms`,
    `2024-03-01T08:00:04.000Z INFO order=202403010800001234 amount=35.00 masked=138****5678 card=622202*********0128`,
  ].join('\n')

  it('finds ID numbers, mobiles and bank cards with their kinds', () => {
    const found = findUnmaskedPersonalData(log)
    expect(found.map((f) => [f.kind, f.value])).toEqual([
      ['idNumber', ID_BAODING],
      ['phone', '13812345678'],
      ['bankCard', '6222 0212 3456 7890 128'],
      ['phone', '+86 139-1234-5678'],
      ['idNumber', `${ID_SHIJIAZHUANG.slice(0, 17)}x`],
      ['idNumber', ID_HANGZHOU],
      ['idNumber', ID_EXAMPLE],
      ['phone', '15912345678'],
    ])
    for (const f of found) expect(log.slice(f.start, f.end)).toBe(f.value)
  })

  it('ignores numbers inside trace ids, order numbers and values already masked', () => {
    const values = findUnmaskedPersonalData(log).map((f) => f.value)
    expect(values.some((v) => v.includes('202403010800001234'))).toBe(false)
    expect(values.some((v) => v.includes('9f3a'))).toBe(false)
  })

  it('does not take an 18-digit number with a wrong check character for an ID number', () => {
    const wrong = `${ID_BAODING.slice(0, 17)}9`
    expect(findUnmaskedPersonalData(`身份证号 ${wrong} 有误`)).toEqual([])
    // Right check character, impossible birth date (Feb 30th).
    const body = '13060219900230123'
    expect(findUnmaskedPersonalData(`id ${body}${idNumberCheckChar(body)}`)).toEqual([])
  })

  it('does not take a number failing Luhn for a bank card', () => {
    expect(findUnmaskedPersonalData('卡号 6222021234567890127')).toEqual([])
  })

  it('masks every finding in place and leaves nothing to find', () => {
    const masked = maskText(log)
    expect(masked).toContain('"idNumber":"1****************0"')
    expect(masked).toContain('"mobile":"138****5678"')
    expect(masked).toContain('退款到账卡号 6222 02** **** ***0 128')
    expect(masked).toContain('+86 139-****-5678')
    expect(masked).toContain('经办人身份证 1****************x，代办人 3****************9')
    expect(masked).toContain(`idcard=1****************X&phone=159****5678 200`)
    expect(masked).toContain('order=202403010800001234')
    expect(masked.split('\n')).toHaveLength(4)
    expect(findUnmaskedPersonalData(masked)).toEqual([])
    expect(maskText(masked)).toBe(masked)
  })
})
