import { describe, expect, it } from 'vitest'
import { findNotice, hostUnder, noticePatterns, parsePage, parseRefresh, platformLinksOf, selectorPath } from './_web-html'

const BASE = 'http://rsj.example.invalid/m/index.html'

describe('what a page says', () => {
  it('title, description, snippet and links, relative to <base href>', () => {
    const page = parsePage(
      `<html><head><title>  某某 人社\n</title><meta name="Description" content="移动服务"><base href="http://rsj.example.invalid/sub/"></head>
       <body><script>var x = 1</script><p>社保卡   申领</p><a href="a.html#top">A</a><a href="javascript:void(0)">B</a><a href="mailto:x@y">C</a></body></html>`,
      BASE,
    )
    expect(page.title).toBe('某某 人社')
    expect(page.description).toBe('移动服务')
    expect(page.snippet).toBe('社保卡 申领 ABC')
    expect(page.links.map((l) => l.url.href)).toEqual(['http://rsj.example.invalid/sub/a.html'])
  })

  it('meta refresh in its many spellings', () => {
    const base = new URL(BASE)
    expect(parseRefresh('0; url=/ok/', base)).toEqual({ delay: 0, url: 'http://rsj.example.invalid/ok/' })
    expect(parseRefresh("3;URL='https://www.hbzwfw.gov.cn/'", base)).toEqual({ delay: 3, url: 'https://www.hbzwfw.gov.cn/' })
    expect(parseRefresh('5', base)).toBeUndefined()
    expect(parsePage('<meta http-equiv="REFRESH" content="0;url=next.html">', BASE).metaRefresh).toEqual({ delay: 0, url: 'http://rsj.example.invalid/m/next.html' })
  })

  it('a script redirect is noticed', () => {
    expect(parsePage('<script>window.location.href = "https://www.hbzwfw.gov.cn/app/";</script>', BASE).scriptRedirect).toBe('https://www.hbzwfw.gov.cn/app/')
    expect(parsePage("<script>location.replace('/new/')</script>", BASE).scriptRedirect).toBe('http://rsj.example.invalid/new/')
  })

  it('notice wording counts in the text, not in links, so a news list does not make a notice page', () => {
    const patterns = noticePatterns('冀时办')
    const list = parsePage('<ul><li><a href="/n/1.html">关于某某APP停止服务的公告</a></li></ul><p>欢迎访问</p>', BASE)
    expect(findNotice(list.noticeText, patterns)).toBeUndefined()
    const notice = parsePage('<h1>公告</h1><p>本服务已于2023年1月1日停止对外服务。</p>', BASE)
    expect(findNotice(notice.noticeText, patterns)).toContain('停止对外服务')
    const moved = parsePage('<p>相关业务请前往“冀时办”APP办理。</p>', BASE)
    expect(findNotice(moved.noticeText, patterns)).toContain('冀时办')
    expect(findNotice(parsePage('<p>办公地点迁移至新址</p>', BASE).noticeText, patterns)).toBeUndefined()
  })

  it('links to the platform and plain-HTTP resources', () => {
    const page = parsePage(
      '<a href="https://www.hbzwfw.gov.cn/x">冀时办</a><a href="https://hbzwfw.gov.cn/x">同上</a><a href="https://nothbzwfw.gov.cn/">不是</a><img src="http://cdn.invalid/a.png"><link rel="stylesheet" href="http://cdn.invalid/a.css"><link rel="canonical" href="http://x.invalid/">',
      'https://rsj.example.invalid/',
    )
    expect(platformLinksOf(page, ['hbzwfw.gov.cn'])).toEqual(['https://www.hbzwfw.gov.cn/x', 'https://hbzwfw.gov.cn/x'])
    expect(page.insecureResources).toEqual(['http://cdn.invalid/a.png', 'http://cdn.invalid/a.css'])
    expect(hostUnder('a.b.hbzwfw.gov.cn', ['hbzwfw.gov.cn'])).toBe(true)
    expect(hostUnder('hbzwfw.gov.cn.evil.invalid', ['hbzwfw.gov.cn'])).toBe(false)
  })

  it('says where an element is: a short path with the landmark in front', () => {
    const page = parsePage('<footer id="ft"><div class="a b"><div><section><p><img src="x.png"></p></section></div></div></footer>', BASE)
    expect(selectorPath(page.$('img')[0]!)).toBe('footer#ft … div > section > p > img')
    const short = parsePage('<div id="qr"><img src="x.png"></div>', BASE)
    expect(selectorPath(short.$('img')[0]!)).toBe('div#qr > img')
  })
})
