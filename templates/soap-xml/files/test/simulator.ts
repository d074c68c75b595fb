/**
 * 旧系统模拟器：在本机模拟{{comment legacy.title}}的 WebService（SOAP {{comment legacy.soapVersion}}，{{comment legacy.encoding}} 编码），
 * 每个操作应答示例数据。一致性测试（npm test、yingjie adapter verify .）会自动启动它；
 * 单独运行 npm run simulate 可用于手动联调。把 REPLIES 中的应答改成真实系统的样子。
 */
import { startSoapSimulator } from '@yingjie/connector'
import { pathToFileURL } from 'node:url'

/** SOAP operation element → the content of its response element. */
export const REPLIES: Record<string, Record<string, string>> = {
{{#each operations as op}}
  {{key op.soapOperation}}: {{json op.sampleReply}},
{{/each}}
}

/** What the simulator received, for tests that check the mapping end to end. */
export interface LegacyRequest {
  operation: string
  params: Record<string, unknown>
}

export default async function startSimulators() {
  const requests: LegacyRequest[] = []
  const operations: Parameters<typeof startSoapSimulator>[0]['operations'] = {}
  for (const [operation, reply] of Object.entries(REPLIES)) {
    operations[operation] = (params) => {
      requests.push({ operation, params })
      return reply
    }
  }
  const sim = await startSoapSimulator({ namespace: {{json legacy.namespace}}, version: {{json legacy.soapVersion}}, encoding: {{json legacy.encoding}}, operations })
  return { urls: { {{key legacy.key}}: sim.url }, requests, close: () => sim.close() }
}

// npm run simulate: run on its own and print the variable to set.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sims = await startSimulators()
  console.log(`{{ident legacy.envName}}=${sims.urls{{member legacy.key}}}`)
  process.once('SIGINT', () => void sims.close().then(() => process.exit(0)))
}
