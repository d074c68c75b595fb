import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { charsetFromContentType, decodeText, detectCharset, metaCharset, normalizeCharset } from './_web-charset'

const gbk = (s: string) => iconv.encode(s, 'gbk')
const utf8 = (s: string) => Buffer.from(s, 'utf8')

describe('charset of a department page', () => {
  it('a BOM wins over everything', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8('<meta charset="gbk"><title>你好</title>')])
    expect(detectCharset(bytes, 'text/html; charset=gbk')).toEqual({ charset: 'utf-8', source: 'bom' })
    expect(decodeText(bytes, 'utf-8')).toBe('<meta charset="gbk"><title>你好</title>')
  })

  it('a truthful header is believed; GB2312 and GBK are decoded as GB18030', () => {
    const bytes = gbk('<title>社保查询</title>')
    expect(detectCharset(bytes, 'text/html; charset=GB2312')).toEqual({ charset: 'gbk', source: 'header' })
    expect(decodeText(bytes, 'gbk')).toBe('<title>社保查询</title>')
  })

  it('a header saying UTF-8 over GBK bytes is overruled by the meta tag', () => {
    const bytes = gbk('<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>公积金</title>')
    expect(detectCharset(bytes, 'text/html; charset=utf-8')).toEqual({ charset: 'gbk', source: 'meta' })
  })

  it('without any declaration, GBK bytes are sniffed as GB18030 and UTF-8 bytes as UTF-8', () => {
    expect(detectCharset(gbk('<title>医保服务：缴费和报销</title>'), 'text/html')).toEqual({ charset: 'gb18030', source: 'sniff' })
    expect(detectCharset(utf8('<title>医保服务</title>'), undefined)).toEqual({ charset: 'utf-8', source: 'sniff' })
  })

  it('plain ASCII takes the declared charset or UTF-8 by default', () => {
    expect(detectCharset(utf8('<title>hello</title>'))).toEqual({ charset: 'utf-8', source: 'default' })
    expect(detectCharset(utf8('<meta charset=gbk><title>hello</title>'))).toEqual({ charset: 'gbk', source: 'meta' })
  })

  it('reads labels as found in the wild', () => {
    expect(charsetFromContentType('text/html;charset="GBK"')).toBe('GBK')
    expect(charsetFromContentType('text/html')).toBeUndefined()
    expect(normalizeCharset('x-gbk')).toBe('gbk')
    expect(normalizeCharset('UTF8')).toBe('utf-8')
    expect(normalizeCharset('no-such-charset')).toBeUndefined()
    expect(metaCharset(utf8('<META HTTP-EQUIV="content-type" CONTENT="text/html; CHARSET=GB18030">'))).toBe('gb18030')
  })
})
