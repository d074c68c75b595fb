import { describe, expect, it } from 'vitest'
import { parseRobots, parseSitemap } from './_web-robots'

describe('robots.txt', () => {
  const text = `# comment
User-agent: *
Disallow: /private/
Allow: /private/public.html
Disallow: /*.php$
Disallow: /search?

User-agent: yingjie
User-agent: other
Disallow: /only-for-us/

User-agent: BadBot
Disallow: /

Sitemap: https://rsj.example.invalid/sitemap.xml
`

  it('the group naming our product token applies instead of *', () => {
    const ours = parseRobots(text, 'yingjie-scanner')
    expect(ours.isAllowed('/only-for-us/x')).toBe(false)
    expect(ours.isAllowed('/private/x')).toBe(true)
    expect(ours.sitemaps).toEqual(['https://rsj.example.invalid/sitemap.xml'])
  })

  it('in the * group the longest rule wins and Allow wins ties; * and $ work', () => {
    const any = parseRobots(text, 'somebot')
    expect(any.isAllowed('/private/secret.html')).toBe(false)
    expect(any.isAllowed('/private/public.html')).toBe(true)
    expect(any.isAllowed('/index.php')).toBe(false)
    expect(any.isAllowed('/index.php?x=1')).toBe(true)
    expect(any.isAllowed('/search?q=社保')).toBe(false)
    expect(any.isAllowed('/')).toBe(true)
    expect(any.isAllowed('/robots.txt')).toBe(true)
    expect(parseRobots(text, 'BadBot').isAllowed('/anything')).toBe(false)
  })

  it('empty Disallow and an empty file allow everything', () => {
    expect(parseRobots('User-agent: *\nDisallow:\n', 'x').isAllowed('/a')).toBe(true)
    expect(parseRobots('', 'x').isAllowed('/a')).toBe(true)
  })
})

describe('sitemap.xml', () => {
  it('reads urlset and sitemap index entries, with entities and CDATA', () => {
    const xml = `<?xml version="1.0"?><urlset><url><loc>https://a.invalid/?a=1&amp;b=2</loc></url><url><loc><![CDATA[https://a.invalid/x]]></loc></url></urlset>`
    expect(parseSitemap(xml)).toEqual({ urls: ['https://a.invalid/?a=1&b=2', 'https://a.invalid/x'], sitemaps: [] })
    const index = `<sitemapindex><sitemap><loc>https://a.invalid/s1.xml</loc></sitemap></sitemapindex>`
    expect(parseSitemap(index)).toEqual({ urls: [], sitemaps: ['https://a.invalid/s1.xml'] })
  })

  it('reads a plain-text sitemap and stops at the limit', () => {
    expect(parseSitemap('https://a.invalid/1\nnot a url\nhttps://a.invalid/2\nhttps://a.invalid/3', 2).urls).toEqual(['https://a.invalid/1', 'https://a.invalid/2'])
  })
})
