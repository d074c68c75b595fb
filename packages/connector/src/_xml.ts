/**
 * XML from legacy systems, read safely: documents with a DTD or entity
 * declarations are refused outright (no XXE, no billion laughs), the
 * parser's own entity processing is off, and only the five predefined
 * entities and numeric character references are decoded, by hand. Values
 * stay strings: an ID number must not become a float.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'

export class UnsafeXmlError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnsafeXmlError'
  }
}

const FORBIDDEN = /<!(?:DOCTYPE|ENTITY|ELEMENT|ATTLIST|NOTATION)/i
const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }

/** Decode the predefined entities and `&#…;` references; anything else stays as written. */
export function decodeXmlText(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(/&(?:#x([0-9A-Fa-f]{1,6})|#(\d{1,7})|([a-z]{2,4}));/g, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (name !== undefined) return PREDEFINED[name] ?? whole
    const cp = hex !== undefined ? parseInt(hex, 16) : Number(dec)
    return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : whole
  })
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${({ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' } as Record<string, string>)[c]};`)
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  tagValueProcessor: (_name, value) => decodeXmlText(value),
  attributeValueProcessor: (_name, value) => decodeXmlText(value),
})

/**
 * Parse an XML document into plain objects (namespace prefixes removed,
 * attributes under `@name`, text of mixed elements under `#text`).
 * @throws UnsafeXmlError for a DTD or entity declaration, Error for malformed XML
 */
export function parseXmlSafely(xml: string): Record<string, unknown> {
  if (FORBIDDEN.test(xml)) throw new UnsafeXmlError('XML with a DTD or entity declarations is refused')
  const valid = XMLValidator.validate(xml)
  if (valid !== true) throw new Error(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`)
  return parser.parse(xml) as Record<string, unknown>
}

