/**
 * Demo step: a department developer's day with the connector. Starts the
 * mock 冀时办 platform, the GBK SOAP legacy simulator behind a fault
 * proxy, and the example adapter; calls it as the gateway with a test
 * identity; runs the conformance kit; writes what it saw; stops everything.
 */
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { callAdapter, renderKitJunit, serve, startFaultProxy, startMockPlatform, verifyAdapter, kitReportJson } from '@yingjie/connector'
import { writeFileAtomic } from '@yingjie/model'
import type { CommandContext } from '../../_context'
import { displayPath, json, paint } from '../../_output'
import { exampleAdapter, startExampleLegacy } from './_example-adapter'

const T = {
  step: { zh: '部门适配器：模拟冀时办、调用示例适配器、一致性检查（yingjie platform mock / adapter call / adapter verify）', en: 'Department adapter: mock platform, call the example adapter, conformance kit (yingjie platform mock / adapter call / adapter verify)' },
  started: { zh: '已启动：模拟冀时办 {p}，社保系统模拟器（SOAP，GBK）{l}，示例适配器 {a}', en: 'Started: mock platform {p}, social-security simulator (SOAP, GBK) {l}, example adapter {a}' },
  call: { zh: '以测试用户“张三”调用 queryInsured：', en: 'queryInsured as test user zhangsan:' },
  kit: { zh: '一致性检查：通过 {p} 项，失败 {f} 项，跳过 {s} 项', en: 'Conformance: {p} passed, {f} failed, {s} skipped' },
  next: {
    zh: '自己试：yingjie platform mock 启动模拟平台，按它打印的环境变量启动适配器，再用 yingjie adapter call / adapter verify。',
    en: 'Try it yourself: start yingjie platform mock, start your adapter with the environment it prints, then yingjie adapter call / adapter verify.',
  },
} as const

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w)\}/g, (_, k: string) => String(values[k] ?? ''))

export async function connectorDemo(ctx: CommandContext, outDir: string): Promise<void> {
  const { lang } = ctx
  ctx.stdout.write(`\n${paint(ctx, 'bold', T.step[lang])}\n`)
  const stops: (() => Promise<void>)[] = []
  try {
    const platform = await startMockPlatform({ profile: 'hebei-jishiban' })
    stops.push(() => platform.close())
    const legacy = await startExampleLegacy()
    stops.push(() => legacy.close())
    const proxy = await startFaultProxy(legacy.url)
    stops.push(() => proxy.close())
    let log = ''
    const destination = new PassThrough()
    destination.on('data', (d: Buffer) => (log += d.toString('utf8')))
    const adapter = await serve(exampleAdapter, { port: 0, env: platform.adapterEnv(), legacyUrls: { si: proxy.url }, log: { destination } })
    stops.push(() => adapter.close())
    ctx.stdout.write(`${fill(T.started[lang], { p: platform.url, l: legacy.url, a: adapter.url })}\n`)

    const reply = await callAdapter({ adapterUrl: adapter.url, profile: adapter.profile, keys: platform.gatewayKeys, operation: 'queryInsured', input: { year: 2024 }, credential: platform.issueCredential('zhangsan').credential })
    ctx.stdout.write(`${T.call[lang]} HTTP ${reply.status}\n${reply.text}\n`)

    const report = await verifyAdapter({ url: adapter.url, platformUrl: platform.url, faults: { set: (mode) => proxy.setFault(mode) }, logs: () => log })
    ctx.stdout.write(`${paint(ctx, report.ok ? 'green' : 'red', fill(T.kit[lang], { p: report.passed, f: report.failed, s: report.skipped }))}\n`)
    for (const c of report.checks.filter((x) => x.status === 'fail')) ctx.stdout.write(`  ✗ ${c.id}  ${c.message[lang]}\n`)
    const files: [string, string][] = [
      ['adapter/call.json', json({ status: reply.status, envelope: reply.envelope })],
      ['adapter/conformance.json', json(kitReportJson(report, lang))],
      ['adapter/conformance.junit.xml', renderKitJunit(report, lang)],
      ['adapter/audit.log', log],
    ]
    for (const [name, content] of files) await writeFileAtomic(join(outDir, name), content)
    for (const [name] of files) ctx.stdout.write(`  ${displayPath(ctx.cwd, join(outDir, name))}\n`)
    ctx.stdout.write(`${T.next[lang]}\n`)
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => undefined)
  }
}
