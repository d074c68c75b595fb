/**
 * 旧系统模拟器：在本机模拟{{comment legacy.title}}的网页表单。收到的表单按 {{comment legacy.encoding}} 解码，
 * 结果页面按 {{comment legacy.encoding}} 编码，以“标签 | 值”的表格给出示例数据，和老系统的结果页一样。
 * 一致性测试（npm test、yingjie adapter verify .）会自动启动它；单独运行 npm run simulate 可用于手动联调。
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'
import { decodeForm, encodeText } from '@yingjie/connector'

const ENCODING = {{json legacy.encoding}}

export interface Page {
  method: string
  /** Path relative to the site's base URL. */
  path: string
  title: string
  /** Label and value of each row of the result table. */
  rows: { label: string; value: string }[]
}

/** One result page per operation. */
export const PAGES: Page[] = [
{{#each operations as op}}
  { method: {{json op.method}}, path: {{json op.path}}, title: {{json op.name}}, rows: {{json op.replyRows}} },
{{/each}}
]

/** What the simulator received, for tests that check the mapping end to end. */
export interface LegacyRequest {
  method: string
  path: string
  fields: Record<string, string>
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** A result page the way old JSP/PHP systems write them. */
export function renderPage(page: Pick<Page, 'title' | 'rows'>): string {
  const rows = page.rows.map((r) => `<tr><th>${escapeHtml(r.label)}</th><td>${escapeHtml(r.value)}</td></tr>`).join('\n')
  return `<!DOCTYPE html>\n<html><head><meta http-equiv="Content-Type" content="text/html; charset=${ENCODING}"><title>${escapeHtml(page.title)}</title></head>\n<body><table class="result">\n${rows}\n</table></body></html>\n`
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  // Percent-encoded bytes: latin1 keeps them as they came.
  return Buffer.concat(chunks).toString('latin1')
}

export default async function startSimulators() {
  const requests: LegacyRequest[] = []
  const server = createServer(async (req, res) => {
    const raw = req.url ?? '/'
    const q = raw.indexOf('?')
    const path = q < 0 ? raw : raw.slice(0, q)
    const body = await readBody(req)
    const fields = decodeForm(req.method === 'GET' ? (q < 0 ? '' : raw.slice(q + 1)) : body, ENCODING)
    const page = PAGES.find((p) => p.method === req.method && p.path === path)
    if (path !== '/') requests.push({ method: req.method ?? 'GET', path, fields })
    const html = page ? renderPage(page) : path === '/' ? renderPage({ title: '首页', rows: [] }) : renderPage({ title: '页面不存在', rows: [{ label: '错误', value: '页面不存在' }] })
    res.writeHead(page || path === '/' ? 200 : 404, { 'content-type': `text/html; charset=${ENCODING.toUpperCase()}` })
    res.end(encodeText(html, ENCODING))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    urls: { {{key legacy.key}}: url },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

// npm run simulate: run on its own and print the variable to set.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sims = await startSimulators()
  console.log(`{{ident legacy.envName}}=${sims.urls{{member legacy.key}}}`)
  process.once('SIGINT', () => void sims.close().then(() => process.exit(0)))
}
