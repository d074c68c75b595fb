/**
 * 一致性测试：在本机启动旧系统模拟器（test/simulator.ts）、模拟省级平台和本适配器，
 * 以省级网关的身份逐项检查签名、防重放、身份、信封、脱敏、旧系统故障时的表现等。
 * 结果另写一份 JUnit XML（test-results/conformance.xml），供部门自己的持续集成使用。
 */
import assert from 'node:assert/strict'
import { mkdir, writeFile } from 'node:fs/promises'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { renderKitJunit, renderKitText, startAdapterFolder, verifyAdapter } from '@yingjie/connector'

const ADAPTER_DIR = fileURLToPath(new URL('..', import.meta.url))

test('一致性检查全部通过', { timeout: 180_000 }, async () => {
  const harness = await startAdapterFolder(ADAPTER_DIR)
  try {
    const report = await verifyAdapter({ url: harness.url, platformUrl: harness.platform.url, declaredOperations: harness.operations, faults: harness.faults, logs: harness.logs })
    await mkdir(new URL('../test-results/', import.meta.url), { recursive: true })
    await writeFile(new URL('../test-results/conformance.xml', import.meta.url), renderKitJunit(report, 'zh'))
    assert.ok(report.ok, renderKitText(report, 'zh'))
  } finally {
    await harness.close()
  }
})
