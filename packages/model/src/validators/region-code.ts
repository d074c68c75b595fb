import { invalid, valid, type ValidationResult } from '../_localized'

/**
 * The two-digit province-level prefixes of GB/T 2260, with names so that a
 * rejection can say what exists. 71 Taiwan, 81 Hong Kong and 82 Macao are
 * listed by the standard even though the mainland platforms do not cover them.
 */
export const PROVINCE_PREFIXES: Readonly<Record<string, string>> = {
  '11': '北京',
  '12': '天津',
  '13': '河北',
  '14': '山西',
  '15': '内蒙古',
  '21': '辽宁',
  '22': '吉林',
  '23': '黑龙江',
  '31': '上海',
  '32': '江苏',
  '33': '浙江',
  '34': '安徽',
  '35': '福建',
  '36': '江西',
  '37': '山东',
  '41': '河南',
  '42': '湖北',
  '43': '湖南',
  '44': '广东',
  '45': '广西',
  '46': '海南',
  '50': '重庆',
  '51': '四川',
  '52': '贵州',
  '53': '云南',
  '54': '西藏',
  '61': '陕西',
  '62': '甘肃',
  '63': '青海',
  '64': '宁夏',
  '65': '新疆',
  '71': '台湾',
  '81': '香港',
  '82': '澳门',
}

/** Administrative level a GB/T 2260 code denotes by its trailing zeros. */
export type RegionLevel = 'province' | 'city' | 'county'

/**
 * Checks a 6-digit administrative division code (GB/T 2260): digits only,
 * a real province prefix, and no county part under an empty city part.
 * @example validateRegionCode('130602') // { ok: true } 保定市竞秀区
 */
export function validateRegionCode(v: string): ValidationResult {
  if (v === '') return invalid('行政区划代码为空，应为 6 位数字，如 130600', 'region code is empty; it should be 6 digits, e.g. 130600')
  if (/\s/.test(v)) return invalid('行政区划代码含空白字符，请删除', 'region code contains whitespace; remove it')

  // The statistics bureau's 12-digit 统计用区划代码 extends GB/T 2260 down to
  // villages; people paste it where the 6-digit code belongs.
  if (/^\d{12}$/.test(v)) {
    return invalid(
      `“${v}”是 12 位统计用区划代码；行政区划代码取前 6 位：${v.slice(0, 6)}`,
      `'${v}' is a 12-digit statistical division code; the region code is its first 6 digits: ${v.slice(0, 6)}`,
    )
  }
  const nonDigit = [...v].findIndex((c) => c < '0' || c > '9')
  if (nonDigit >= 0) {
    return invalid(
      `行政区划代码只能由数字组成，第 ${nonDigit + 1} 位是“${[...v][nonDigit]}”`,
      `region code must be digits only; position ${nonDigit + 1} is '${[...v][nonDigit]}'`,
    )
  }
  if (v.length !== 6) {
    return invalid(`行政区划代码应为 6 位数字，实际为 ${v.length} 位`, `region code should be 6 digits, got ${v.length}`)
  }

  const province = v.slice(0, 2)
  if (!(province in PROVINCE_PREFIXES)) {
    return invalid(
      `省级代码“${province}”不存在；前两位应为有效的省级代码（11–82 之间，如 13 河北）`,
      `province prefix '${province}' does not exist; the first two digits must be a real province code (between 11 and 82, e.g. 13 Hebei)`,
    )
  }
  if (v.slice(2, 4) === '00' && v.slice(4) !== '00') {
    return invalid(
      `地级代码（第 3–4 位）为 00 时县级代码（第 5–6 位）也应为 00，实际为 ${v.slice(4)}`,
      `when the city part (digits 3-4) is 00 the county part (digits 5-6) must be 00 too, got ${v.slice(4)}`,
    )
  }
  return valid
}

function assertSixDigits(code: string): void {
  if (!/^\d{6}$/.test(code)) {
    throw new RangeError(`region code must be 6 digits, got '${code}' (check it with validateRegionCode first)`)
  }
}

/**
 * Level of a 6-digit code: XX0000 province, XXXX00 city, anything else county.
 * Municipalities follow the same rule: 110000 is the province-level unit,
 * 110100 (市辖区) its city-level grouping and 110105 a county-level district.
 * @throws RangeError when the code is not 6 digits.
 * @example regionLevel('130600') // 'city'
 */
export function regionLevel(code: string): RegionLevel {
  assertSixDigits(code)
  if (code.endsWith('0000')) return 'province'
  if (code.endsWith('00')) return 'city'
  return 'county'
}

/**
 * Whether `child` lies strictly inside `parent`: a county under its city and
 * province, a city under its province. A code is not under itself. In the
 * four municipalities (11, 12, 31, 50) districts such as 110105 lie both under
 * the municipality 110000 and under its 市辖区 grouping 110100, so inventories
 * may name either as the parent. Malformed codes are under nothing.
 * @example isRegionUnder('130602', '130600') // true
 * @example isRegionUnder('130602', '130700') // false
 */
export function isRegionUnder(child: string, parent: string): boolean {
  if (!/^\d{6}$/.test(child) || !/^\d{6}$/.test(parent) || child === parent) return false
  switch (regionLevel(parent)) {
    case 'province':
      return child.startsWith(parent.slice(0, 2))
    case 'city':
      return regionLevel(child) === 'county' && child.startsWith(parent.slice(0, 4))
    case 'county':
      return false
  }
}
