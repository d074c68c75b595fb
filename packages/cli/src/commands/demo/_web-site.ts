/**
 * A friendly simulated web for the demo's scan: every `.invalid` host the
 * sample inventory names, served from 127.0.0.1 over HTTP and HTTPS (with a
 * certificate from a CA made for this run only).
 *
 * Pages are made from the inventory itself: each organization's website
 * links its apps in the stores, shows its mini-programs' and official
 * accounts' QR codes, and points to its H5 sites; each H5 site answers as
 * its migration stage says (redirect to the platform once shut down, a
 * notice page once the notice is out, the service itself before). A few
 * channels nobody declared are mentioned too, as a real scan would find.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import type { AnyEntity, ChannelSpec, Stage } from '@yingjie/model'
import { createCertificateAuthority, issueCertificate } from './_certificate'

export interface DemoWebSite {
  /** Host map for the scanner. */
  resolve: Record<string, string>
  /** PEM of the run's CA. */
  ca: string
  /** Host names served. */
  hosts: string[]
  close(): Promise<void>
}

type Page = (res: ServerResponse) => void

const PLATFORM_HOME = 'https://www.hbzwfw.gov.cn/'

/** Channels nobody declared, mentioned on these organizations' websites (if the sample has them). */
const UNDECLARED: Record<string, string> = {
  'bd-rsj': '<div class="qr"><img src="/img/sbk-alipay.png" alt="保定社保卡支付宝小程序码"><p>支付宝扫码使用“保定社保卡”小程序</p><a href="alipays://platformapi/startapp?appId=2021003141592653">打开“保定社保卡”</a></div>',
  'bd-wjw': '<p><a href="/download/bd-jiankang-1.4.2.apk">下载“保定健康”APP 安卓安装包</a></p>',
}

function html(res: ServerResponse, status: number, title: string, body: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' })
  res.end(`<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`)
}

function latestStages(entities: readonly AnyEntity[]): Map<string, Stage> {
  const stages = new Map<string, Stage>()
  for (const e of entities) {
    if (e.kind !== 'Migration') continue
    const events = [...(e.spec.events ?? [])].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    const last = events[events.length - 1]
    if (last) stages.set(e.spec.channel, last.stage)
  }
  return stages
}

function mention(name: string, spec: ChannelSpec): string {
  const ids = spec.identifiers ?? {}
  switch (spec.type) {
    case 'app': {
      const links = [
        ids.iosAppId ? `<a href="https://apps.apple.com/cn/app/${ids.iosAppId.startsWith('id') ? ids.iosAppId : `id${ids.iosAppId}`}">${name} iPhone 版</a>` : '',
        ids.androidPackage ? `<a href="https://app.mi.com/details?id=${ids.androidPackage}">${name} 安卓版</a>` : '',
        ...(ids.storeLinks ?? []).map((l) => `<a href="${l}">${name}</a>`),
      ].filter(Boolean)
      return links.length > 0 ? `<li class="app">${links.join(' ')}</li>` : ''
    }
    case 'miniprogram': {
      const host = ids.miniprogram?.host === 'alipay' ? '支付宝' : '微信'
      return `<li class="mp"><img src="/img/${ids.miniprogram?.appid ?? 'mp'}.png" alt="${name}${host}小程序码"><p>${host}扫码进入“${name.replace(/（.*?）/g, '')}”小程序${ids.miniprogram?.appid ? `（appid ${ids.miniprogram.appid}）` : ''}</p></li>`
    }
    case 'official-account':
      return ids.officialAccount ? `<li class="oa"><img src="/img/oa.png" alt="二维码"><p>微信扫码关注公众号：${ids.officialAccount.name}</p></li>` : ''
    case 'h5':
      return ids.h5Url ? `<li class="h5"><a href="${ids.h5Url}">${name}（手机版）</a></li>` : ''
    default:
      return ''
  }
}

/** Start the demo's web on 127.0.0.1. */
export async function startDemoWebSite(entities: readonly AnyEntity[]): Promise<DemoWebSite> {
  const stages = latestStages(entities)
  const sites = new Map<string, Map<string, Page>>()
  const page = (url: string, respond: Page) => {
    const u = new URL(url)
    const host = u.hostname.toLowerCase()
    if (!sites.has(host)) sites.set(host, new Map())
    if (!sites.get(host)!.has(u.pathname)) sites.get(host)!.set(u.pathname, respond)
  }

  const orgs = entities.filter((e): e is Extract<AnyEntity, { kind: 'Organization' }> => e.kind === 'Organization')
  const channels = entities.filter((e): e is Extract<AnyEntity, { kind: 'Channel' }> => e.kind === 'Channel')

  for (const ch of channels) {
    const url = ch.spec.type === 'h5' ? ch.spec.identifiers?.h5Url : undefined
    if (!url) continue
    const stage = stages.get(ch.metadata.id)
    if (stage === 'shutdown' || stage === 'verified') {
      page(url, (res) => {
        res.writeHead(302, { location: `${PLATFORM_HOME}jsb/${ch.metadata.id}/` })
        res.end()
      })
    } else if (stage === 'notice') {
      page(url, (res) => html(res, 200, `关于“${ch.metadata.name}”停止服务的公告`, `<p>“${ch.metadata.name}”将停止服务，相关业务已迁移至冀时办，请前往冀时办办理。</p>`))
    } else {
      page(url, (res) => html(res, 200, ch.metadata.name, `<h1>${ch.metadata.name}</h1><p>${(ch.spec.services ?? []).map((s) => s.name).join('、')}</p>`))
    }
  }

  for (const org of orgs) {
    const own = channels.filter((c) => c.metadata.owner === org.metadata.id)
    // A channel already shut down is gone from its owner's website.
    const listed = own.filter((c) => !['shutdown', 'verified'].includes(stages.get(c.metadata.id) ?? ''))
    const items = listed.map((c) => mention(c.metadata.name, c.spec)).join('')
    for (const website of org.spec.websites ?? []) {
      const base = new URL(website)
      page(base.href, (res) =>
        html(
          res,
          200,
          org.metadata.name,
          `<header><nav><a href="/">首页</a> <a href="/tzgg/">通知公告</a> <a href="/bsfw/">办事服务</a></nav></header>
          <main><h1>${org.metadata.name}</h1><p>欢迎访问${org.metadata.name}门户网站。</p></main>
          <footer id="ft"><ul class="channels">${items}</ul>${UNDECLARED[org.metadata.id] ?? ''}
          <p>政务服务请使用 <a href="${PLATFORM_HOME}">冀时办</a></p></footer>`,
        ),
      )
      page(new URL('/tzgg/', base).href, (res) => html(res, 200, '通知公告', '<ul><li><a href="/">返回首页</a></li></ul>'))
      page(new URL('/bsfw/', base).href, (res) => html(res, 200, '办事服务', '<p>各项政务服务已接入冀时办。</p>'))
      page(new URL('/robots.txt', base).href, (res) => {
        res.writeHead(200, { 'content-type': 'text/plain' })
        res.end('User-agent: *\nDisallow: /admin/\n')
      })
    }
  }

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()
    const respond = sites.get(host)?.get(new URL(req.url ?? '/', 'http://x').pathname)
    if (respond) respond(res)
    else html(res, 404, '404', '<p>页面不存在</p>')
  }
  const hosts = [...sites.keys()].sort()
  const ca = createCertificateAuthority()
  const cert = issueCertificate(ca, { hosts })
  const servers: Server[] = [createServer(handler), createHttpsServer({ cert: cert.certPem, key: cert.keyPem }, handler) as unknown as Server]
  const [httpPort, httpsPort] = await Promise.all(
    servers.map((s) => new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)))),
  )
  const resolve = Object.fromEntries(hosts.flatMap((h) => [[h, `127.0.0.1:${httpPort}`], [`${h}:443`, `127.0.0.1:${httpsPort}`]]))
  return {
    resolve,
    ca: ca.certPem,
    hosts,
    async close() {
      for (const s of servers) {
        s.closeAllConnections()
        await new Promise<void>((r) => s.close(() => r()))
      }
    },
  }
}
