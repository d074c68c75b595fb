/**
 * 旧系统模拟器：在本机模拟{{comment legacy.title}}的 REST/JSON 接口，按路径应答示例数据。
 * 一致性测试（npm test、yingjie adapter verify .）会自动启动它；
 * 单独运行 npm run simulate 可用于手动联调。把 ROUTES 中的应答改成真实系统的样子。
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { pathToFileURL } from 'node:url'

export interface Route {
  method: string
  /** Path with {parameters}, relative to the system's base URL. */
  path: string
  reply: Record<string, unknown>
}

/** One route per operation. */
export const ROUTES: Route[] = [
{{#each operations as op}}
  { method: {{json op.method}}, path: {{json op.path}}, reply: {{json op.sampleReply}} },
{{/each}}
]

/** What the simulator received, for tests that check the mapping end to end. */
export interface LegacyRequest {
  method: string
  path: string
  query: Record<string, string>
  body: unknown
}

function routeMatches(route: Route, method: string, path: string): boolean {
  if (route.method !== method) return false
  const pattern = route.path
    .split(/\{[^{}]+\}/)
    .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
    .join('[^/]+')
  return new RegExp(`^${pattern}$`).test(path)
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export default async function startSimulators() {
  const requests: LegacyRequest[] = []
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://simulator.invalid')
    const text = await readBody(req)
    let body: unknown
    try {
      body = text ? (JSON.parse(text) as unknown) : undefined
    } catch {
      res.writeHead(400, { 'content-type': 'application/json; charset=utf-8' })
      return res.end(JSON.stringify({ error: 'body is not JSON' }))
    }
    const query: Record<string, string> = Object.create(null)
    for (const [k, v] of url.searchParams) query[k] = v
    requests.push({ method: req.method ?? 'GET', path: decodeURIComponent(url.pathname), query, body })
    const route = ROUTES.find((r) => routeMatches(r, req.method ?? 'GET', url.pathname))
    if (!route) {
      res.writeHead(url.pathname === '/' ? 200 : 404, { 'content-type': 'application/json; charset=utf-8' })
      return res.end(JSON.stringify(url.pathname === '/' ? { status: 'up' } : { error: 'no such route' }))
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(route.reply))
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
