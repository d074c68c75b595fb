import { describe, expect, it } from 'vitest'
import { buildSoapEnvelope, buildSoapReplyXml, decodeXmlText, isClientFault, parseSoapReply, parseSoapRequest, parseXmlSafely, UnsafeXmlError } from './index'

describe('SOAP envelopes', () => {
  it('builds 1.1 and 1.2 requests with escaped values, nested objects and repeated elements', () => {
    const xml = buildSoapEnvelope('1.1', 'http://x.example.invalid/ws', 'Query', { name: '张<三>&', list: ['a', 'b'], nested: { code: 1 }, empty: null, skipped: undefined })
    expect(xml).toContain('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">')
    expect(xml).toContain('<tns:Query xmlns:tns="http://x.example.invalid/ws"><name>张&lt;三&gt;&amp;</name><list>a</list><list>b</list><nested><code>1</code></nested><empty/></tns:Query>')
    expect(xml).not.toContain('skipped')
    expect(buildSoapEnvelope('1.2', 'urn:x', 'Q', {})).toContain('http://www.w3.org/2003/05/soap-envelope')
    expect(() => buildSoapEnvelope('1.1', 'urn:x', 'Bad Name', {})).toThrow(RangeError)
    expect(() => buildSoapEnvelope('1.1', 'urn:x', 'Q', { 'a b': 1 })).toThrow(RangeError)
  })

  it('round-trips: a request parses back into its operation and parameters', () => {
    const xml = buildSoapEnvelope('1.1', 'urn:x', 'QueryInsured', { sfzh: '130602199003071230', nd: 2024 })
    expect(parseSoapRequest(xml)).toEqual({ operation: 'QueryInsured', params: { sfzh: '130602199003071230', nd: '2024' } })
  })

  it('keeps every value a string: an 18-digit ID number must not become a float, a leading zero must stay', () => {
    const reply = parseSoapReply(buildSoapReplyXml('1.1', 'urn:x', 'QResponse', { sfzh: '130602199003071230', code: '0012', flag: 'true' }))
    expect(reply).toEqual({ kind: 'result', operation: 'QResponse', result: { sfzh: '130602199003071230', code: '0012', flag: 'true' } })
  })

  it('reads SOAP 1.1 and 1.2 faults', () => {
    const f11 = `<?xml version="1.0"?><s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Client</faultcode><faultstring>未查询到记录</faultstring><detail><code>E01</code></detail></s:Fault></s:Body></s:Envelope>`
    expect(parseSoapReply(f11)).toEqual({ kind: 'fault', fault: { code: 's:Client', reason: '未查询到记录', detail: { code: 'E01' } } })
    const f12 = `<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault><env:Code><env:Value>env:Receiver</env:Value></env:Code><env:Reason><env:Text xml:lang="zh">数据库连接失败</env:Text></env:Reason></env:Fault></env:Body></env:Envelope>`
    expect(parseSoapReply(f12)).toMatchObject({ kind: 'fault', fault: { code: 'env:Receiver', reason: '数据库连接失败' } })
    expect(isClientFault('s:Client')).toBe(true)
    expect(isClientFault('env:Sender')).toBe(true)
    expect(isClientFault('Client.Authentication')).toBe(true)
    expect(isClientFault('env:Receiver')).toBe(false)
  })

  it('refuses documents with a DTD or entity declarations (XXE, billion laughs) before parsing', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><Envelope><Body><R>&x;</R></Body></Envelope>`
    expect(() => parseXmlSafely(xxe)).toThrow(UnsafeXmlError)
    const laughs = `<?xml version="1.0"?><!doctype lolz [<!entity lol "lol"><!entity lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`
    expect(() => parseXmlSafely(laughs)).toThrow(UnsafeXmlError)
    expect(() => parseSoapReply(xxe)).toThrow(UnsafeXmlError)
  })

  it('decodes only the predefined entities and character references; unknown entities stay literal', () => {
    expect(decodeXmlText('a &lt;b&gt; &amp; &quot;c&quot; &apos;d&apos; &#x4E2D;&#22269; &custom; &#xD800;')).toBe(`a <b> & "c" 'd' 中国 &custom; &#xD800;`)
    const doc = parseXmlSafely('<r><v>&lt;tag&gt; &amp;amp;</v><w a="x&amp;y"/></r>')
    expect(doc).toEqual({ r: { v: '<tag> &amp;', w: { '@a': 'x&y' } } })
  })

  it('malformed XML and non-SOAP documents are errors', () => {
    expect(() => parseXmlSafely('<a><b></a>')).toThrow(/malformed XML/)
    expect(() => parseSoapReply('<html><body>502 Bad Gateway</body></html>')).toThrow(/not a SOAP envelope/)
  })
})
