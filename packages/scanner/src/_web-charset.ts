/**
 * Which character set a page is in, and its text. Chinese government sites
 * still serve GBK / GB2312 pages, often with a header that says otherwise,
 * so the order is the HTML standard's (BOM, header, meta) with a check that
 * the bytes really are what the header claims, then sniffing.
 */
import iconv from 'iconv-lite'

export type CharsetSource = 'bom' | 'header' | 'meta' | 'sniff' | 'default'

export interface DetectedCharset {
  /** Normalised name, e.g. `utf-8`, `gb18030`, `gbk`, `big5`. */
  charset: string
  source: CharsetSource
}

/** How far into the body a `<meta charset>` is looked for (the HTML standard's prescan uses 1024; old sites put it later). */
const META_PRESCAN_BYTES = 4096

// GB2312 and GBK pages are decoded as GB18030, their superset, as browsers do.
const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'unicode-1-1-utf-8': 'utf-8',
  gb2312: 'gbk',
  gb_2312: 'gbk',
  'gb_2312-80': 'gbk',
  csgb2312: 'gbk',
  'x-gbk': 'gbk',
  gbk: 'gbk',
  cp936: 'gbk',
  'windows-936': 'gbk',
  'iso-ir-58': 'gbk',
  chinese: 'gbk',
  gb18030: 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'utf-16': 'utf-16le',
}

/** A label as found in a header or meta tag → a charset we can decode, or undefined. */
export function normalizeCharset(label: string | undefined): string | undefined {
  if (!label) return undefined
  const l = label.trim().toLowerCase().replace(/^["']|["']$/g, '')
  if (!l) return undefined
  const alias = ALIASES[l]
  if (alias) return alias
  return iconv.encodingExists(l) ? l : undefined
}

/** The `charset=` parameter of a Content-Type header. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType ?? '')
  return m?.[2]
}

function bomCharset(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8'
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le'
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be'
  return undefined
}

/** `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…; charset=…">` near the top. */
export function metaCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_PRESCAN_BYTES)).toString('latin1')
  const re = /<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/gi
  for (let m = re.exec(head); m; m = re.exec(head)) {
    const c = normalizeCharset(m[1])
    if (c) return c
  }
  return undefined
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    UTF8.decode(bytes)
    return true
  } catch {
    return false
  }
}

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return false
  return true
}

/**
 * Sniff bytes that declared nothing usable: valid UTF-8 is UTF-8; otherwise
 * GB18030 when that decodes cleanly (no replacement characters), else
 * windows-1252 so that nothing is lost.
 */
function sniffCharset(bytes: Uint8Array): string {
  if (isValidUtf8(bytes)) return 'utf-8'
  const gb = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), 'gb18030')
  if (!gb.includes('\ufffd')) return 'gb18030'
  return 'windows-1252'
}

/** Decide the charset of a body: BOM, then a truthful header, then meta, then sniffing. */
export function detectCharset(bytes: Uint8Array, contentType?: string): DetectedCharset {
  const bom = bomCharset(bytes)
  if (bom) return { charset: bom, source: 'bom' }
  const header = normalizeCharset(charsetFromContentType(contentType))
  const meta = metaCharset(bytes)
  // A header saying UTF-8 over GBK bytes is common on old sites; believe the bytes.
  if (header && !(header === 'utf-8' && !isValidUtf8(bytes))) return { charset: header, source: 'header' }
  if (meta && !(meta === 'utf-8' && !isValidUtf8(bytes))) return { charset: meta, source: 'meta' }
  if (isAscii(bytes)) return { charset: header ?? meta ?? 'utf-8', source: header ? 'header' : meta ? 'meta' : 'default' }
  return { charset: sniffCharset(bytes), source: 'sniff' }
}

/** Bytes to text in `charset`; a BOM is dropped. GBK is decoded as GB18030. */
export function decodeText(bytes: Uint8Array, charset: string): string {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length)
  const name = charset === 'gbk' ? 'gb18030' : charset
  if (name === 'utf-8') return new TextDecoder('utf-8').decode(buf)
  return iconv.decode(buf, iconv.encodingExists(name) ? name : 'utf-8')
}
