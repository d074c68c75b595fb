/**
 * 每个操作经旧系统模拟器往返：用示例请求和虚构用户直接调用 src/adapter.ts 中的处理函数，
 * 检查模拟器收到的请求和返回的数据。签名、身份和信封由一致性测试检查。
 */
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { LegacySystem, RestClient } from '@yingjie/connector'
import adapter from '../src/adapter.js'
import { SILENT_LOG, USER } from './fixtures.js'
import startSimulators from './simulator.js'

let sims: Awaited<ReturnType<typeof startSimulators>>
let system: LegacySystem

before(async () => {
  sims = await startSimulators()
  system = new LegacySystem({{json legacy.key}}, adapter.legacy{{member legacy.key}}, sims.urls{{member legacy.key}})
})

after(async () => {
  await system.close()
  await sims.close()
})

function call(id: string, input: Record<string, unknown>) {
  const op = adapter.operations[id]!
  const client = new RestClient(system, op.idempotent ?? false)
  return op.handler({ input, user: USER, legacy: { {{key legacy.key}}: client }, log: SILENT_LOG as never, requestId: 'test' })
}

{{#each operations as op}}
test({{json op.title}}, async () => {
  const result = await call({{json op.id}}, {{json op.example}})
  const received = sims.requests.at(-1)!
  assert.equal(received.method, {{json op.method}})
  assert.equal(received.path, {{json op.expectedPath}})
{{#if op.sendsQuery}}
  assert.deepEqual({ ...received.query }, {{json op.expectedQuery}})
{{else}}
  assert.deepEqual(received.body, {{json op.expectedBody}})
{{/if}}
  assert.deepEqual(result, {{json op.expectedOutput}})
})

{{/each}}
