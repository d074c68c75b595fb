/**
 * 字段映射的单元测试：示例请求经 toLegacy 变成表单字段。读取结果页面（fromLegacy）由 operations.test.ts 经模拟器检查。
 * 修改 src/mapping.ts 后，按新的对应关系修改这里的期望值。
 */
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { mapping } from '../src/mapping.js'
import { USER } from './fixtures.js'

{{#each operations as op}}
test({{json op.title}}, () => {
  const m = mapping{{member op.id}}
  assert.deepEqual(m.toLegacy(m.example, USER), {{json op.expectedLegacy}})
})

{{/each}}
