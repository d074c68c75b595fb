/** Text in the encodings old government systems use: GBK and GB18030 through iconv-lite. */
import iconv from 'iconv-lite'
import type { TextEncoding } from './_system'

export function encodeText(text: string, encoding: TextEncoding | string): Buffer {
  const e = normalizeEncoding(encoding)
  return e === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, e)
}

export function decodeText(bytes: Buffer, encoding: TextEncoding | string): string {
  const e = normalizeEncoding(encoding)
  return e === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, e)
}

/** Map the many spellings (GB2312, gbk, x-gbk, utf8) to what iconv-lite knows; unknown ones fall back to UTF-8. */
export function normalizeEncoding(name: string): TextEncoding | string {
  const n = name.toLowerCase().replace(/^x-/, '')
  if (n === 'utf8' || n === 'utf-8') return 'utf-8'
  // GB2312 pages routinely contain GBK characters; decode them as GBK.
  if (n === 'gb2312' || n === 'gbk' || n === 'cp936' || n === 'windows-936') return 'gbk'
  if (n === 'gb18030') return 'gb18030'
  return iconv.encodingExists(n) ? n : 'utf-8'
}

/**
 * `application/x-www-form-urlencoded` in a legacy encoding: each field's
 * bytes in that encoding, percent-encoded (what a GBK page's form sends).
 */
export function encodeForm(fields: Record<string, string | number | undefined>, encoding: TextEncoding): string {
  const part = (s: string) => {
    let out = ''
    for (const byte of encodeText(s, encoding)) {
      const c = String.fromCharCode(byte)
      out += /[A-Za-z0-9*\-._]/.test(c) ? c : byte === 0x20 ? '+' : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
    }
    return out
  }
  return Object.entries(fields)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${part(k)}=${part(String(v))}`)
    .join('&')
}

/** Decode a form body sent in a legacy encoding (the simulators' side). */
export function decodeForm(body: string, encoding: TextEncoding): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of body.split('&')) {
    if (!pair) continue
    const [k, v = ''] = pair.split('=') as [string, string?]
    const bytes = (s: string) => {
      const arr: number[] = []
      const t = s.replace(/\+/g, ' ')
      for (let i = 0; i < t.length; i++) {
        if (t[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(t.slice(i + 1, i + 3))) {
          arr.push(parseInt(t.slice(i + 1, i + 3), 16))
          i += 2
        } else arr.push(...Buffer.from(t[i]!, 'utf8'))
      }
      return decodeText(Buffer.from(arr), encoding)
    }
    out[bytes(k)] = bytes(v)
  }
  return out
}

/** The charset a page or XML document declares in its first kilobyte, if any. */
export function sniffDeclaredCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 1024).toString('latin1')
  const m = /<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']/i.exec(head) ?? /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)/i.exec(head)
  return m ? m[1]!.toLowerCase() : undefined
}
