export { validateAndroidPackage } from './android-package'
export { type MiniProgramHost, validateAlipayAppId, validateMiniProgramAppId, validateWechatAppId } from './appid'
export { isCalendarDate, parseIsoDate, validateDate } from './date'
export { type IdNumberOptions, idNumberCheckChar, validateIdNumber } from './idnumber'
export { defaultItemCodeRule, type ItemCodeRule, validateItemCode } from './item-code'
export { normalizePhone, validatePhone } from './phone'
export {
  isRegionUnder,
  PROVINCE_PREFIXES,
  type RegionLevel,
  regionLevel,
  validateRegionCode,
} from './region-code'
export { isPlainHttp, type UrlOptions, validateUrl } from './url'
export { gb11714CheckChar, usccCheckChar, validateUscc } from './uscc'
