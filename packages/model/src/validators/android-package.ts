import { invalid, valid, type ValidationResult } from '../_localized'

/**
 * Words a Java package segment cannot be: the keywords plus the literals
 * true, false and null. Contextual words (var, record, yield, module …) are
 * legal package names and stay out.
 */
const JAVA_RESERVED = new Set([
  'abstract', 'assert', 'boolean', 'break', 'byte', 'case', 'catch', 'char', 'class', 'const',
  'continue', 'default', 'do', 'double', 'else', 'enum', 'extends', 'final', 'finally', 'float',
  'for', 'goto', 'if', 'implements', 'import', 'instanceof', 'int', 'interface', 'long', 'native',
  'new', 'package', 'private', 'protected', 'public', 'return', 'short', 'static', 'strictfp', 'super',
  'switch', 'synchronized', 'this', 'throw', 'throws', 'transient', 'try', 'void', 'volatile', 'while',
  'true', 'false', 'null',
])

const MAX_LENGTH = 255

/**
 * Checks an Android application id / Java package name: at least two
 * dot-separated segments, each starting with an ASCII letter and made of
 * letters, digits and underscores, none a Java reserved word, 255 characters
 * at most.
 * @example validateAndroidPackage('cn.gov.baoding.rsj') // { ok: true }
 */
export function validateAndroidPackage(v: string): ValidationResult {
  if (v === '') return invalid('Android 包名为空', 'Android package name is empty')
  if (/\s/.test(v)) return invalid('Android 包名含空白字符，请删除', 'Android package name contains whitespace; remove it')
  if (v.length > MAX_LENGTH) {
    return invalid(`Android 包名最长 ${MAX_LENGTH} 个字符，实际为 ${v.length} 个`, `an Android package name is at most ${MAX_LENGTH} characters, got ${v.length}`)
  }

  const segments = v.split('.')
  if (segments.length < 2) {
    return invalid(
      `Android 包名至少要有两段，用点分隔（如 cn.gov.baoding），实际为“${v}”`,
      `an Android package name needs at least two dot-separated segments (e.g. cn.gov.baoding), got '${v}'`,
    )
  }
  for (const [i, segment] of segments.entries()) {
    const n = i + 1
    if (segment === '') {
      return invalid(
        `Android 包名第 ${n} 段为空（开头、结尾或连续出现了点）`,
        `segment ${n} of the Android package name is empty (a leading, trailing or doubled dot)`,
      )
    }
    if (!/^[A-Za-z]/.test(segment)) {
      return invalid(
        `Android 包名第 ${n} 段“${segment}”应以字母开头`,
        `segment ${n} '${segment}' of the Android package name must start with a letter`,
      )
    }
    const bad = [...segment].find((c) => !/[A-Za-z0-9_]/.test(c))
    if (bad !== undefined) {
      const hint = bad === '-' ? { zh: '，可改用下划线 _', en: '; use an underscore _ instead' } : { zh: '', en: '' }
      return invalid(
        `Android 包名第 ${n} 段“${segment}”含不允许的字符“${bad}”（只能用字母、数字和下划线）${hint.zh}`,
        `segment ${n} '${segment}' of the Android package name contains '${bad}'; only letters, digits and underscores are allowed${hint.en}`,
      )
    }
    if (JAVA_RESERVED.has(segment)) {
      return invalid(
        `Android 包名第 ${n} 段“${segment}”是 Java 保留字，不能用作包名`,
        `segment ${n} '${segment}' of the Android package name is a Java reserved word`,
      )
    }
  }
  return valid
}
