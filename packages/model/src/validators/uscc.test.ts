import { describe, expect, it } from 'vitest'
import { gb11714CheckChar, usccCheckChar, validateUscc } from './uscc'

function reasonOf(v: string) {
  const result = validateUscc(v)
  expect(result.ok).toBe(false)
  if (result.ok) throw new Error('unreachable')
  return result.reason
}

describe('validateUscc: real published codes pass', () => {
  it.each([
    // The example most documentation cites (a Fuzhou enterprise).
    ['91350100M000100Y43', 'Fuzhou sample enterprise'],
    ['91440300708461136T', '深圳市腾讯计算机系统有限公司'],
    ['914403001922038216', '华为技术有限公司'],
    ['91110108551385082Q', '小米科技有限责任公司'],
    ['91110000802100433B', '北京百度网讯科技有限公司'],
    // Registered with the national administration: region part 100000.
    ['91100000100003962T', '中国工商银行股份有限公司'],
    // Both check characters are X (GB 11714 value 10, and USCC value 29).
    ['9111000071093123XX', '国家电网有限公司'],
    // Authority 1 (机构编制), type 1 (机关), central: 100000.
    ['11100000000013127D', '国务院办公厅'],
  ])('%s (%s) is accepted', (code) => {
    expect(validateUscc(code)).toEqual({ ok: true })
  })
})

describe('check characters, verified by hand', () => {
  it('华为 914403001922038216: position 18 is 6 and position 17 is 1', () => {
    // Values 9,1,4,4,0,3,0,0,1,9,2,2,0,3,8,2,1 × weights 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28
    // = 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831; 831 mod 31 = 25; 31-25 = 6.
    expect(usccCheckChar('91440300192203821')).toBe('6')
    // Organization code 19220382: 1·3+9·7+2·9+2·10+0·5+3·8+8·4+2·2 = 164; 164 mod 11 = 10; 11-10 = 1.
    expect(gb11714CheckChar('19220382')).toBe('1')
  })

  it('the State Grid code ends in X twice, from two different alphabets', () => {
    // USCC values (A=10 … skipping I O S V Z, so X=29): 9,1,1,1,0,0,0,0,7,1,0,9,3,1,2,3,29
    // sum 9+3+9+27+140+29+117+24+24+20+90+812 = 1304; 1304 mod 31 = 2; 31-2 = 29 → X.
    expect(usccCheckChar('9111000071093123X')).toBe('X')
    // GB 11714: 7·3+1·7+0·9+9·10+3·5+1·8+2·4+3·2 = 155; 155 mod 11 = 1; 11-1 = 10 → X.
    expect(gb11714CheckChar('71093123')).toBe('X')
  })

  it('GB 11714 values letters A=10 … Z=35 with nothing skipped, unlike the USCC alphabet', () => {
    // M000100Y: M=22, Y=34 → 22·3+1·5+34·2 = 139; 139 mod 11 = 7; 11-7 = 4.
    // (With USCC values M=21, Y=30 the result would be 3, which is wrong.)
    expect(gb11714CheckChar('M000100Y')).toBe('4')
  })

  it('a remainder of 0 gives check 11, written 0 in GB 11714 and 31, written 0, in the USCC', () => {
    // 00000000 sums to 0 → 11 - 0 = 11 → '0'.
    expect(gb11714CheckChar('00000000')).toBe('0')
    // Seventeen zeros sum to 0 → 31 - 0 = 31 → '0'.
    expect(usccCheckChar('00000000000000000')).toBe('0')
  })

  it('the generators refuse input they cannot compute from', () => {
    expect(() => usccCheckChar('91350100M000100Y')).toThrow(RangeError)
    expect(() => usccCheckChar('91350100O000100Y4')).toThrow(/17 characters/)
    expect(() => gb11714CheckChar('m000100y')).toThrow(RangeError)
  })

  it('generated sample codes validate', () => {
    const first8 = 'MA0F5038'
    const first17 = `91130600${first8}${gb11714CheckChar(first8)}`
    expect(validateUscc(first17 + usccCheckChar(first17))).toEqual({ ok: true })
  })
})

describe('validateUscc: what a department gets wrong', () => {
  it('an empty cell is reported as empty', () => {
    expect(reasonOf('').zh).toContain('为空')
  })

  it('a code one character short says how many characters it has', () => {
    const reason = reasonOf('91350100M000100Y4')
    expect(reason.zh).toContain('应为 18 位，实际为 17 位')
    expect(reason.en).toContain('18 characters, got 17')
  })

  it('a code with a space in the middle points at the space', () => {
    const reason = reasonOf('91350100 M000100Y43')
    expect(reason.zh).toContain('第 9 位')
    expect(reason.en).toContain('position 9')
  })

  it('a code typed with a Chinese input method in full width is told to switch to half width', () => {
    const reason = reasonOf('９1350100M000100Y43')
    expect(reason.zh).toContain('全角')
    expect(reason.en).toContain('full-width')
  })

  it('a lowercase code is rejected with the uppercase spelling to use', () => {
    const reason = reasonOf('91350100m000100y43')
    expect(reason.zh).toContain('大写')
    expect(reason.zh).toContain('91350100M000100Y43')
    expect(reason.en).toContain('uppercase')
  })

  it.each([
    ['I', '1'],
    ['O', '0'],
    ['S', '5'],
    ['V', 'U'],
    ['Z', '2'],
  ])('a code with the letter %s is rejected, naming the position and suggesting %s', (letter, meant) => {
    const code = `91350100M${letter}00100Y43`
    const reason = reasonOf(code)
    expect(reason.zh).toContain(`第 10 位是字母 ${letter}`)
    expect(reason.zh).toContain(`是否应为 ${meant}`)
    expect(reason.en).toContain('position 10')
    expect(reason.en).toContain(`did you mean ${meant}`)
  })

  it('punctuation is named as a character that is not allowed', () => {
    const reason = reasonOf('91350100-000100Y43')
    expect(reason.zh).toContain('第 9 位“-”')
    expect(reason.en).toContain("'-' at position 9")
  })

  it('a wrong last character names the expected and the actual check character', () => {
    const reason = reasonOf('91350100M000100Y44')
    expect(reason.zh).toContain('校验位（第 18 位）应为 3，实际为 4')
    expect(reason.en).toContain('should be 3, got 4')
  })

  it('two swapped digits are caught by the check character', () => {
    // 华为's code with positions 9 and 10 swapped (19 → 91): the weighted sum
    // drops by (9-1)·(29-20) = 72 to 759; 759 mod 31 = 15; 31-15 = 16 → G.
    const reason = reasonOf('914403009122038216')
    expect(reason.zh).toContain('应为 G，实际为 6')
    expect(reason.en).toContain('should be G, got 6')
  })

  it('an organization code with a wrong GB 11714 check is rejected even when position 18 was recomputed', () => {
    // A fabricated code: position 17 should be 4 (see above), here 5, and the
    // USCC check recomputed so that only the inner check fails.
    const first17 = '91350100M000100Y5'
    const code = first17 + usccCheckChar(first17)
    const reason = reasonOf(code)
    expect(reason.zh).toContain('组织机构代码 M000100Y5')
    expect(reason.zh).toContain('应为 4，实际为 5')
    expect(reason.en).toContain('GB 11714')
    expect(reason.en).toContain('should be 4, got 5')
  })

  it('an unknown registration authority is named with the allowed ones', () => {
    const first17 = 'B1350100M000100Y4'
    const reason = reasonOf(first17 + usccCheckChar(first17))
    expect(reason.zh).toContain('登记管理部门代码')
    expect(reason.zh).toContain('“B”')
    expect(reason.en).toContain('1-9, A, N or Y')
  })

  it('a type code 0 is rejected', () => {
    const first17 = '90350100M000100Y4'
    const reason = reasonOf(first17 + usccCheckChar(first17))
    expect(reason.zh).toContain('机构类别代码')
    expect(reason.en).toContain("got '0'")
  })

  it('letters in the region part are rejected', () => {
    const first17 = '913501A0M000100Y4'
    const reason = reasonOf(first17 + usccCheckChar(first17))
    expect(reason.zh).toContain('第 3–8 位')
    expect(reason.en).toContain("'3501A0'")
  })

  it('a region part with a non-existent province is rejected', () => {
    const first17 = '91990100M000100Y4'
    const reason = reasonOf(first17 + usccCheckChar(first17))
    expect(reason.zh).toContain('省级代码 99 不存在')
    expect(reason.en).toContain('990100')
  })
})
