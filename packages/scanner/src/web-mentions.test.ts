import { describe, expect, it } from 'vitest'
import { parsePage } from './_web-html'
import { findMentions, siteOf } from './_web-mentions'

const OWN = new Set(['rsj.dept.invalid'])
const mentions = (html: string) =>
  findMentions(parsePage(html, 'http://rsj.dept.invalid/'), { ownHosts: OWN, platformDomains: ['hbzwfw.gov.cn'] }).map((m) => ({
    key: m.key,
    type: m.type,
    name: m.name,
    identifiers: m.identifiers,
  }))

describe('channel mentions on a page', () => {
  it('app-store links give iOS ids and Android packages; other stores their link; .apk files their URL', () => {
    expect(
      mentions(`<a href="https://apps.apple.com/cn/app/id1519950468">某某人社 iPhone 版</a>
        <a href="https://app.mi.com/details?id=cn.gov.dept.rsj">安卓下载</a>
        <a href="https://sj.qq.com/appdetail/cn.gov.dept.sb">应用宝</a>
        <a href="https://appgallery.huawei.com/app/C100234567">华为</a>
        <a href="/dl/rsj.APK">安装包</a>`),
    ).toEqual([
      { key: 'app:ios:1519950468', type: 'app', name: '某某人社 iPhone 版', identifiers: { storeLink: 'https://apps.apple.com/cn/app/id1519950468', iosAppId: '1519950468' } },
      { key: 'app:android:cn.gov.dept.rsj', type: 'app', name: '安卓下载', identifiers: { storeLink: 'https://app.mi.com/details?id=cn.gov.dept.rsj', androidPackage: 'cn.gov.dept.rsj' } },
      { key: 'app:android:cn.gov.dept.sb', type: 'app', name: '应用宝', identifiers: { storeLink: 'https://sj.qq.com/appdetail/cn.gov.dept.sb', androidPackage: 'cn.gov.dept.sb' } },
      { key: 'app:store:appgallery.huawei.com/app/C100234567', type: 'app', name: '华为', identifiers: { storeLink: 'https://appgallery.huawei.com/app/C100234567' } },
      { key: 'app:apk:http://rsj.dept.invalid/dl/rsj.APK', type: 'app', name: '安装包', identifiers: { apkUrl: 'http://rsj.dept.invalid/dl/rsj.APK' } },
    ])
  })

  it('a store host list can be configured', () => {
    const page = parsePage('<a href="https://store.example.invalid/app/cn.gov.x">下载</a>', 'http://rsj.dept.invalid/')
    expect(findMentions(page, { ownHosts: OWN, platformDomains: [], storeHosts: ['store.example.invalid'] })[0]?.key).toBe('app:android:cn.gov.x')
    expect(findMentions(page, { ownHosts: OWN, platformDomains: [] })).toEqual([])
  })

  it('mini-programs: wording near a QR image, weixin:// and alipays:// links, appids in the text', () => {
    expect(
      mentions(`<div class="qr"><img src="/img/qr.png" alt="二维码"><p>微信扫码进入“某某人社”小程序</p></div>
        <a href="weixin://dl/business/?t=AbC">打开小程序</a>
        <a href="alipays://platformapi/startapp?appId=2021001234567890">支付宝</a>
        <p>公积金小程序 appid：wx00000000000000b2</p>
        <p>支付宝小程序 2021009876543210</p>`),
    ).toEqual([
      { key: 'miniprogram:link:weixin://dl/business/?t=AbC', type: 'miniprogram', identifiers: { miniprogramHost: 'wechat' } },
      { key: 'miniprogram:2021001234567890', type: 'miniprogram', identifiers: { miniprogramHost: 'alipay', appid: '2021001234567890' } },
      { key: 'miniprogram:name:某某人社', type: 'miniprogram', name: '某某人社', identifiers: { miniprogramHost: 'wechat' } },
      { key: 'miniprogram:wx00000000000000b2', type: 'miniprogram', name: '公积金', identifiers: { miniprogramHost: 'wechat', appid: 'wx00000000000000b2' } },
      { key: 'miniprogram:2021009876543210', type: 'miniprogram', identifiers: { miniprogramHost: 'alipay', appid: '2021009876543210' } },
    ])
  })

  it('official accounts: QR with the account name, mp.weixin links, gh_ ids, names in quotes', () => {
    expect(
      mentions(`<div><img src="/oa.png"><span>扫码关注公众号：某某人社发布</span></div>
        <a href="https://mp.weixin.qq.com/mp/profile_ext?action=home&__biz=MzA5NzYxMA==">历史消息</a>
        <p>原始 ID gh_0123456789ab</p>
        <p>请关注“某某医保”微信公众号</p>`),
    ).toEqual([
      { key: 'official-account:biz:MzA5NzYxMA==', type: 'official-account', name: '历史消息', identifiers: { officialAccountId: 'MzA5NzYxMA==' } },
      { key: 'official-account:name:某某人社发布', type: 'official-account', name: '某某人社发布', identifiers: {} },
      { key: 'official-account:name:某某人社发布', type: 'official-account', name: '某某人社发布', identifiers: {} },
      { key: 'official-account:gh_0123456789ab', type: 'official-account', identifiers: { officialAccountId: 'gh_0123456789ab' } },
      { key: 'official-account:name:某某医保', type: 'official-account', name: '某某医保', identifiers: {} },
    ])
  })

  it('H5 sub-sites: mobile hosts and mobile sections of the same site; not ordinary pages, other sites or the platform', () => {
    expect(
      mentions(`<a href="http://m.dept.invalid/index">手机版</a>
        <a href="http://jiuye.dept.invalid/h5/list">就业</a>
        <a href="/m/">移动端</a>
        <a href="/news/">新闻</a>
        <a href="http://m.other.invalid/">别人的手机版</a>
        <a href="https://m.hbzwfw.gov.cn/">冀时办</a>`),
    ).toEqual([
      { key: 'h5:m.dept.invalid/', type: 'h5', name: '手机版', identifiers: { h5Url: 'http://m.dept.invalid/' } },
      { key: 'h5:jiuye.dept.invalid/h5/', type: 'h5', name: '就业', identifiers: { h5Url: 'http://jiuye.dept.invalid/h5/' } },
      { key: 'h5:rsj.dept.invalid/m/', type: 'h5', name: '移动端', identifiers: { h5Url: 'http://rsj.dept.invalid/m/' } },
    ])
  })

  it('each mention carries its page, snippet and place', () => {
    const page = parsePage('<footer id="ft"><div class="qr"><img src="q.png" alt="某某就业微信小程序码"></div></footer>', 'http://rsj.dept.invalid/about.html')
    const [m] = findMentions(page, { ownHosts: OWN, platformDomains: [] })
    expect(m?.evidence).toEqual({ pageUrl: 'http://rsj.dept.invalid/about.html', snippet: '某某就业微信小程序码', where: 'footer#ft > div.qr > img' })
  })

  it('knows the registrable part of Chinese government host names', () => {
    expect(siteOf('rsj.baoding.gov.cn')).toBe('baoding.gov.cn')
    expect(siteOf('www.rsj.baoding.invalid')).toBe('baoding.invalid')
  })
})
