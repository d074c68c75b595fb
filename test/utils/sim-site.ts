/**
 * A simulated department website on 127.0.0.1: one HTTP and one HTTPS
 * server answering for several `.invalid` hosts by the Host header (and by
 * SNI for certificates). It serves the awkward things real department sites
 * do: GBK pages with and without truthful headers, meta refresh, redirect
 * chains and loops, slow and hanging answers, a 50 MB body, a gzip bomb,
 * robots.txt, a sitemap, a page with 10,000 links, app-store and `.apk`
 * links, mini-program QR codes, official-account mentions, redirects to the
 * provincial platform and shutdown notices.
 *
 * `site.resolve` is the host map the scanner takes (`resolve` option or
 * `--resolve`), `site.ca` the CA to trust; `site.requests` logs every
 * request so tests can prove what was never contacted.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { createSecureContext, type SecureContext } from 'node:tls'
import { gzipSync } from 'node:zlib'
import iconv from 'iconv-lite'
import { createCertificateAuthority, issueCertificate } from '../../packages/cli/src/commands/demo/_certificate'

export const SIM_HOSTS = {
  /** The department's website, crawled. */
  www: 'www.dept.invalid',
  /** Declared H5 channels, probed. */
  h5: 'h5.dept.invalid',
  /** HTTPS with a certificate valid for a year. */
  secure: 'secure.dept.invalid',
  /** HTTPS with a certificate that expires in 10 days. */
  expiring: 'expiring.dept.invalid',
  /** HTTPS with a certificate from a CA nobody trusts. */
  untrusted: 'untrusted.dept.invalid',
  /** Mapped to a port where nothing listens. */
  refused: 'refused.dept.invalid',
  /** A mobile sub-site the inventory does not name; linked, never to be contacted. */
  mobile: 'm.dept.invalid',
  /** robots.txt answers 503: only the start page may be crawled. */
  down: 'down.dept.invalid',
  /** Not mapped at all: a DNS failure, never real DNS. */
  nxdomain: 'nowhere.dept.invalid',
} as const

export const SIM_PLATFORM_DOMAIN = 'hbzwfw.gov.cn'
export const SIM_PLATFORM_URL = 'https://www.hbzwfw.gov.cn/app/bd-rsj/'

export interface SimRequest {
  host: string
  path: string
  port: number
}

export interface SimSite {
  /** Host map for the scanner: every simulated host → 127.0.0.1:port. */
  resolve: Record<string, string>
  /** `--resolve` arguments for the CLI, one per entry. */
  resolveArgs: string[]
  /** PEM of the CA that signed the trusted certificates. */
  ca: string
  httpPort: number
  httpsPort: number
  /** Every request received, in order. */
  requests: SimRequest[]
  /** Delay of `/hang/`-style answers is forever; `/slow/` waits this long (ms). */
  slowMs: number
  close(): Promise<void>
}

const MB = 1024 * 1024

function gbk(text: string): Buffer {
  return iconv.encode(text, 'gbk')
}

function html(title: string, body: string, head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${head}</head><body>${body}</body></html>`
}

/** A gzip stream of many members, each 1 MiB of zeros: tiny on the wire, `members` MiB inflated. */
function gzipBomb(members: number): Buffer {
  const one = gzipSync(Buffer.alloc(MB), { level: 9 })
  return Buffer.concat(Array.from({ length: members }, () => one))
}

const HOME = html(
  '某某市人力资源和社会保障局',
  `<header id="top"><nav><a href="/news/">新闻动态</a> <a href="/service.html">办事服务</a> <a href="/gbk.html">旧版页面</a>
  <a href="/many-links.html">政策文件库</a> <a href="/private/internal.html">内部通知</a> <a href="/files/guide.pdf">办事指南（PDF）</a>
  <a href="http://${SIM_HOSTS.mobile}/">手机版</a> <a href="/m/">移动端</a> <a href="https://www.example.invalid/">友情链接</a></nav></header>
  <main><h1>欢迎访问</h1><p>本局网上办事大厅提供社保、就业等服务。</p>
  <ul class="news"><li><a href="/news/notice.html">关于“某某人社”APP停止服务的公告</a></li></ul></main>
  <footer id="ft"><div class="apps">
    <a href="https://apps.apple.com/cn/app/id1519950468">某某人社 iPhone 版</a>
    <a href="https://app.mi.com/details?id=cn.gov.dept.rsj">某某人社 安卓版</a>
    <a href="/download/dept-rsj-2.3.apk">某某人社APP安装包</a>
  </div>
  <div class="qr"><img src="/img/wx-qr.png" alt="某某人社微信小程序二维码"><p>扫码进入“某某人社”微信小程序</p></div>
  <div class="oa"><img src="/img/oa-qr.png" alt="二维码"><p>微信扫码关注公众号：某某人社发布</p></div>
  <p>本站已接入 <a href="https://www.${SIM_PLATFORM_DOMAIN}/">冀时办</a></p></footer>`,
)

const SERVICE = html(
  '办事服务',
  `<p>请使用以下渠道办理：</p>
  <div class="card"><a href="https://appgallery.huawei.com/app/C100234567">华为应用市场下载</a></div>
  <p>就业服务小程序 appid：wx00000000000000e1，用微信搜索“某某就业”小程序。</p>
  <a href="weixin://dl/business/?t=AbCdEf123">打开某某就业小程序</a>`,
)

const GBK_PAGE = gbk(
  `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>旧版社保查询</title></head>
  <body><p>本页面为旧版网站，支付宝小程序“某某社保”已上线。</p>
  <a href="alipays://platformapi/startapp?appId=2021001234567890">打开支付宝小程序</a>
  <p>更多服务请关注“某某社保”公众号，或访问 <a href="http://${SIM_HOSTS.mobile}/wap/">触屏版</a>。</p></body></html>`,
)

function manyLinks(n: number): string {
  const links = Array.from({ length: n }, (_, i) => `<li><a href="/p/${i + 1}.html">政策文件 ${i + 1}</a></li>`).join('')
  return html('政策文件库', `<ul>${links}</ul>`)
}

const ROBOTS = `# 某某人社
User-agent: *
Disallow: /private/
Allow: /private/public.html

User-agent: BadBot
Disallow: /

Sitemap: http://${SIM_HOSTS.www}/sitemap.xml
`

const SITEMAP = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>http://${SIM_HOSTS.www}/</loc></url>
  <url><loc>http://${SIM_HOSTS.www}/from-sitemap.html</loc></url>
  <url><loc>http://${SIM_HOSTS.www}/private/hidden.html</loc></url>
</urlset>
`

type Handler = (req: IncomingMessage, res: ServerResponse, site: SimSiteState) => void

interface SimSiteState {
  slowMs: number
  flaky: Map<string, number>
  bomb: Buffer
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string | number> = {}): void {
  const buf = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': buf.length, ...headers })
  res.end(buf)
}

function redirect(res: ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, 'content-length': 0 })
  res.end()
}

/** Stream `bytes` of filler; stops when the client goes away. */
function streamBytes(res: ServerResponse, bytes: number, headers: Record<string, string | number>): void {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers })
  const chunk = Buffer.alloc(64 * 1024, 0x61)
  let sent = 0
  const pump = () => {
    while (sent < bytes && !res.destroyed) {
      sent += chunk.length
      if (!res.write(chunk)) return void res.once('drain', pump)
    }
    if (!res.destroyed) res.end()
  }
  res.on('error', () => undefined)
  pump()
}

const WWW: Record<string, Handler> = {
  '/': (_q, res) => send(res, 200, HOME),
  '/robots.txt': (_q, res) => send(res, 200, ROBOTS, { 'content-type': 'text/plain' }),
  '/sitemap.xml': (_q, res) => send(res, 200, SITEMAP, { 'content-type': 'application/xml' }),
  '/news/': (_q, res) => send(res, 200, html('新闻动态', '<a href="/news/notice.html">停服公告</a> <a href="/">首页</a>')),
  '/news/notice.html': (_q, res) =>
    send(res, 200, html('停服公告', '<h1>关于“某某人社”APP停止服务的公告</h1><p>自2023年1月1日起，“某某人社”APP停止服务，相关业务已迁移至冀时办。</p>')),
  '/service.html': (_q, res) => send(res, 200, SERVICE),
  '/gbk.html': (_q, res) => send(res, 200, GBK_PAGE, { 'content-type': 'text/html' }),
  '/many-links.html': (_q, res) => send(res, 200, manyLinks(10_000)),
  '/from-sitemap.html': (_q, res) => send(res, 200, html('便民服务', '<p>“某某公积金”小程序（appid wx00000000000000b2）提供公积金查询。</p>')),
  '/private/internal.html': (_q, res) => send(res, 200, html('内部', '<p>不应被抓取</p>')),
  '/private/hidden.html': (_q, res) => send(res, 200, html('内部', '<p>不应被抓取</p>')),
  '/m/': (_q, res) => send(res, 200, html('移动端', '<p>手机页面</p>')),
}

const H5: Record<string, Handler> = {
  '/robots.txt': (_q, res) => send(res, 200, 'User-agent: *\nDisallow: /private/\n', { 'content-type': 'text/plain' }),
  '/ok/': (_q, res) => send(res, 200, html('某某人社', '<h1>某某人社</h1><p>社保卡申领、养老保险查询。</p>', '<meta name="description" content="某某人社移动服务">')),
  '/gbk/': (_q, res) =>
    send(res, 200, gbk('<html><head><title>社保查询</title></head><body><p>请输入社保卡号查询缴费记录。</p></body></html>'), {
      'content-type': 'text/html; charset=GBK',
    }),
  // The header says UTF-8, the bytes and the meta tag say GB2312: a common mistake.
  '/lying-header/': (_q, res) =>
    send(res, 200, gbk('<html><head><meta charset="gb2312"><title>公积金查询</title></head><body><p>个人公积金账户查询。</p></body></html>'), {
      'content-type': 'text/html; charset=utf-8',
    }),
  // No charset anywhere: only sniffing finds GB18030.
  '/no-charset/': (_q, res) => send(res, 200, gbk('<html><head><title>医保服务</title></head><body><p>医保缴费和报销进度查询。</p></body></html>'), { 'content-type': 'text/html' }),
  '/bom/': (_q, res) => send(res, 200, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(html('带 BOM 的页面', '<p>你好</p>'))]), { 'content-type': 'text/html' }),
  '/chain/': (_q, res) => redirect(res, 301, '/chain/2'),
  '/chain/2': (_q, res) => redirect(res, 302, `http://${SIM_HOSTS.h5}/chain/3`),
  '/chain/3': (_q, res) => redirect(res, 307, '/ok/'),
  '/loop/a': (_q, res) => redirect(res, 302, '/loop/b'),
  '/loop/b': (_q, res) => redirect(res, 302, '/loop/a'),
  '/long-chain/': (q, res) => {
    const n = Number(new URL(q.url ?? '/', 'http://x').searchParams.get('n') ?? 0)
    redirect(res, 302, `/long-chain/?n=${n + 1}`)
  },
  '/no-location/': (_q, res) => send(res, 302, ''),
  '/meta/': (_q, res) => send(res, 200, html('跳转中', '<p>正在跳转</p>', '<meta http-equiv="refresh" content="0; url=/ok/">')),
  '/to-platform/': (_q, res) => redirect(res, 302, SIM_PLATFORM_URL),
  '/meta-platform/': (_q, res) => send(res, 200, html('已迁移', '<p>正在跳转到冀时办</p>', `<meta http-equiv="Refresh" content="3;URL='${SIM_PLATFORM_URL}'">`)),
  '/script-platform/': (_q, res) => send(res, 200, html('跳转', `<script>window.location.href = "${SIM_PLATFORM_URL}";</script><p>请稍候</p>`)),
  '/notice/': (_q, res) =>
    send(res, 200, html('停服公告', '<h1>停服公告</h1><p>“某某就业”H5 已于2023年1月1日停止对外服务，请前往冀时办办理相关业务。</p>')),
  '/gone/': (_q, res) => send(res, 410, html('服务已下线', '<p>本服务已正式下线，请使用冀时办。</p>')),
  '/missing/': (_q, res) => send(res, 404, html('404 Not Found', '<p>页面不存在</p>')),
  '/error/': (_q, res) => send(res, 500, html('500', '<p>Internal Server Error</p>')),
  '/slow/': (_q, res, s) => void setTimeout(() => send(res, 200, html('慢页面', '<p>终于到了</p>')), s.slowMs),
  '/hang/': () => undefined, // never answers
  '/hang-body/': (_q, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': 1000 })
    res.write('<html><head><title>半截</title>') // then silence
  },
  '/big/': (_q, res) => streamBytes(res, 50 * MB, { 'content-length': 50 * MB }),
  '/big-chunked/': (_q, res) => streamBytes(res, 50 * MB, {}),
  '/bomb/': (_q, res, s) => send(res, 200, s.bomb, { 'content-encoding': 'gzip' }),
  '/gzip/': (_q, res) => send(res, 200, gzipSync(Buffer.from(html('压缩页面', '<p>gzip 压缩的正常页面</p>'))), { 'content-encoding': 'gzip' }),
  '/private/': (_q, res) => send(res, 200, html('内部', '<p>robots 不允许</p>')),
  '/out/': (_q, res) => redirect(res, 302, `http://${SIM_HOSTS.mobile}/`),
  '/flaky/': (q, res, s) => {
    const n = (s.flaky.get(q.url ?? '') ?? 0) + 1
    s.flaky.set(q.url ?? '', n)
    if (n === 1) send(res, 503, 'busy', { 'retry-after': '0' })
    else send(res, 200, html('偶尔繁忙', '<p>第二次成功</p>'))
  },
  '/mixed/': (_q, res) => send(res, 200, html('某某人社', `<img src="http://${SIM_HOSTS.h5}/logo.png"><p>混合内容</p>`)),
}

const SECURE: Record<string, Handler> = {
  '/': (_q, res) => send(res, 200, html('某某人社', '<p>HTTPS 页面</p>')),
  '/robots.txt': (_q, res) => send(res, 404, 'not found', { 'content-type': 'text/plain' }),
}

const DOWN: Record<string, Handler> = {
  '/robots.txt': (_q, res) => send(res, 503, 'maintenance', { 'content-type': 'text/plain' }),
  '/': (_q, res) => send(res, 200, html('维护中', '<a href="/a.html">A</a> <a href="/b.html">B</a>')),
}

function route(req: IncomingMessage, res: ServerResponse, state: SimSiteState): void {
  const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase()
  const path = new URL(req.url ?? '/', 'http://x').pathname
  const table = host === SIM_HOSTS.www ? WWW : host === SIM_HOSTS.h5 ? H5 : host === SIM_HOSTS.down ? DOWN : [SIM_HOSTS.secure, SIM_HOSTS.expiring, SIM_HOSTS.untrusted].includes(host as never) ? SECURE : undefined
  const handler = table?.[path]
  if (handler) return handler(req, res, state)
  if (host === SIM_HOSTS.www && /^\/p\/\d+\.html$/.test(path)) return send(res, 200, html(`政策文件 ${path}`, '<p>文件正文</p>'))
  if (path === '/robots.txt') return send(res, 404, 'not found', { 'content-type': 'text/plain' })
  send(res, 404, html('404', '<p>页面不存在</p>'))
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port))
  })
}

/** A port on 127.0.0.1 where nothing listens (bound, then released). */
async function closedPort(): Promise<number> {
  const s = createNetServer()
  const port = await new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)))
  await new Promise((resolve) => s.close(resolve))
  return port
}

export interface SimSiteOptions {
  /** How long `/slow/` waits. @default 300 */
  slowMs?: number
}

/** Start the simulated website. Call `close()` when done. */
export async function startSimSite(options: SimSiteOptions = {}): Promise<SimSite> {
  const state: SimSiteState = { slowMs: options.slowMs ?? 300, flaky: new Map(), bomb: gzipBomb(100) }
  const requests: SimRequest[] = []
  const ca = createCertificateAuthority('Yingjie Test CA')
  const stranger = createCertificateAuthority('Somebody Else CA')
  const contexts = new Map([
    [SIM_HOSTS.secure, issueCertificate(ca, { hosts: [SIM_HOSTS.secure], validDays: 365 })],
    [SIM_HOSTS.expiring, issueCertificate(ca, { hosts: [SIM_HOSTS.expiring], validDays: 10 })],
    [SIM_HOSTS.untrusted, issueCertificate(stranger, { hosts: [SIM_HOSTS.untrusted], validDays: 365 })],
  ])
  const secureContexts = new Map<string, SecureContext>([...contexts].map(([host, c]) => [host, createSecureContext({ cert: c.certPem, key: c.keyPem })]))
  const fallback = contexts.get(SIM_HOSTS.secure)!

  const handle = (port: () => number) => (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ host: (req.headers.host ?? '').replace(/:\d+$/, ''), path: req.url ?? '/', port: port() })
    route(req, res, state)
  }
  let httpPort = 0
  let httpsPort = 0
  const http = createHttpServer(handle(() => httpPort))
  const https = createHttpsServer(
    { cert: fallback.certPem, key: fallback.keyPem, SNICallback: (name, cb) => cb(null, secureContexts.get(name)) },
    handle(() => httpsPort),
  )
  httpPort = await listen(http)
  httpsPort = await listen(https as unknown as Server)
  const refusedPort = await closedPort()

  const resolve: Record<string, string> = {}
  for (const host of [SIM_HOSTS.www, SIM_HOSTS.h5, SIM_HOSTS.mobile, SIM_HOSTS.down]) resolve[host] = `127.0.0.1:${httpPort}`
  for (const host of [SIM_HOSTS.secure, SIM_HOSTS.expiring, SIM_HOSTS.untrusted]) {
    resolve[host] = `127.0.0.1:${httpPort}`
    resolve[`${host}:443`] = `127.0.0.1:${httpsPort}`
  }
  resolve[SIM_HOSTS.refused] = `127.0.0.1:${refusedPort}`

  return {
    resolve,
    resolveArgs: Object.entries(resolve).flatMap(([k, v]) => ['--resolve', `${k}=${v}`]),
    ca: ca.certPem,
    httpPort,
    httpsPort,
    requests,
    slowMs: state.slowMs,
    async close() {
      for (const server of [http, https]) {
        server.closeAllConnections()
        await new Promise((r) => server.close(r))
      }
    },
  }
}

/**
 * An inventory for the simulated website: one department whose website is
 * crawled, one whose H5 channels are probed, channels declared in every way
 * a mention can match (iOS id, package, appid, name, account name), one
 * channel nobody mentions, and H5 URLs for each probe outcome.
 */
export function simInventory(): Record<string, string> {
  const region = `apiVersion: yingjie/v1
kind: Region
metadata: { id: testcity, name: 测试市 }
spec: { province: 河北省, city: 保定市, regionCode: "130600", platform: hebei-jishiban }
`
  const orgs = `apiVersion: yingjie/v1
kind: Organization
metadata: { id: test-rsj, name: 某某市人力资源和社会保障局 }
spec:
  uscc: "11130600000372154H"
  level: city
  regionCode: "130600"
  websites: [http://${SIM_HOSTS.www}/]
---
apiVersion: yingjie/v1
kind: Organization
metadata: { id: test-ybj, name: 某某市医疗保障局 }
spec: { uscc: "11130600MB1H26515W", level: city, regionCode: "130600" }
`
  const channel = (id: string, owner: string, name: string, spec: string) =>
    `apiVersion: yingjie/v1\nkind: Channel\nmetadata: { id: ${id}, name: ${name}, owner: ${owner} }\nspec:\n${spec
      .trim()
      .split('\n')
      .map((l) => `  ${l}`)
      .join('\n')}\n`
  const h5 = (id: string, name: string, url: string) => channel(id, 'test-ybj', name, `type: h5\nidentifiers: { h5Url: "${url}" }\ndecision: connect`)
  const channels = [
    channel('test-rsj-app', 'test-rsj', named('人社'), 'type: app\nidentifiers: { iosAppId: id1519950468, androidPackage: cn.gov.dept.rsj }\ndecision: connect'),
    channel('test-rsj-old-app', 'test-rsj', named('人社旧版'), 'type: app\nidentifiers: { androidPackage: cn.gov.dept.old }\ndecision: retire'),
    channel('test-rsj-mp', 'test-rsj', `${named('人社')}（微信小程序）`, 'type: miniprogram\nidentifiers: { miniprogram: { host: wechat, appid: wx0000000000000a01 } }\ndecision: connect'),
    channel('test-rsj-jy', 'test-rsj', named('就业'), 'type: miniprogram\nidentifiers: { miniprogram: { host: wechat, appid: wx00000000000000e1 } }\ndecision: connect'),
    channel('test-rsj-gjj', 'test-rsj', named('公积金'), 'type: miniprogram\nidentifiers: { miniprogram: { host: wechat, appid: wx00000000000000b2 } }\ndecision: connect'),
    channel('test-rsj-oa', 'test-rsj', `${named('人社发布')}`, `type: official-account\nidentifiers: { officialAccount: { platform: wechat, name: ${named('人社发布')} } }\ndecision: retire`),
    h5('test-ybj-ok', named('人社'), `http://${SIM_HOSTS.h5}/ok/`),
    h5('test-ybj-notice', named('就业'), `http://${SIM_HOSTS.h5}/notice/`),
    h5('test-ybj-platform', named('医保'), `http://${SIM_HOSTS.h5}/to-platform/`),
    h5('test-ybj-missing', named('医保查询'), `http://${SIM_HOSTS.h5}/missing/`),
    h5('test-ybj-secure', named('人社'), `https://${SIM_HOSTS.secure}/`),
    h5('test-ybj-expiring', named('人社'), `https://${SIM_HOSTS.expiring}/`),
    h5('test-ybj-nx', named('医保缴费'), `http://${SIM_HOSTS.nxdomain}/`),
  ]
  return { 'region.yaml': region, 'orgs.yaml': orgs, 'channels.yaml': channels.join('---\n') }
}

function named(name: string): string {
  return `某某${name}`
}
