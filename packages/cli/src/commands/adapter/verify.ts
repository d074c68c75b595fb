import { resolve } from 'node:path'
import { kitReportJson, renderKitJunit, renderKitText, startAdapterFolder, verifyAdapter, type AdapterHarness, type KitOptions } from '@yingjie/connector'
import { writeFileAtomic } from '@yingjie/model'
import type { CommandContext } from '../../_context'
import { UsageError } from '../../_context'
import { displayPath, json, paint } from '../../_output'

export async function run(ctx: CommandContext): Promise<number> {
  const zh = ctx.lang === 'zh'
  const url = ctx.options.url as string | undefined
  const folder = ctx.args[0]
  if (ctx.args.length > 1) throw new UsageError('最多给出一个适配器目录', 'give at most one adapter folder')
  if (!url && !folder) throw new UsageError('请给出适配器目录，或用 --url 指定运行中的适配器', 'give an adapter folder, or --url of a running adapter')
  if (url && folder) throw new UsageError('适配器目录和 --url 只能选一个', 'give either an adapter folder or --url, not both')
  const text = ctx.options.format !== 'json'
  let harness: AdapterHarness | undefined
  if (folder) {
    if (text) ctx.stderr.write(zh ? `启动适配器 ${displayPath(ctx.cwd, resolve(ctx.cwd, folder))}、模拟平台和旧系统模拟器……\n` : `Starting the adapter in ${displayPath(ctx.cwd, resolve(ctx.cwd, folder))}, the mock platform and the legacy simulators…\n`)
    harness = await startAdapterFolder(folder, { cwd: ctx.cwd, env: ctx.env })
  }
  try {
    const options: KitOptions = harness
      ? { url: harness.url, platformUrl: harness.platform.url, declaredOperations: harness.operations, faults: harness.faults, logs: harness.logs }
      : { url: url! }
    if (typeof ctx.options.profile === 'string') options.profile = ctx.options.profile
    if (typeof ctx.options.platform === 'string') options.platformUrl = ctx.options.platform
    if (typeof ctx.options.user === 'string') options.user = ctx.options.user
    const ak = ctx.env.YINGJIE_GATEWAY_ACCESS_KEY
    const sk = ctx.env.YINGJIE_GATEWAY_SECRET_KEY
    if (!harness && ak && sk) options.gatewayKeys = { accessKey: ak, secretKey: sk }
    const report = await verifyAdapter(options)
    if (typeof ctx.options.junit === 'string') {
      const file = resolve(ctx.cwd, ctx.options.junit)
      await writeFileAtomic(file, renderKitJunit(report, ctx.lang))
      if (text) ctx.stderr.write(`${zh ? 'JUnit 报告已写入' : 'JUnit report written to'} ${displayPath(ctx.cwd, file)}\n`)
    }
    if (!text) ctx.stdout.write(json(kitReportJson(report, ctx.lang)))
    else {
      const out = renderKitText(report, ctx.lang)
        .replace(/^( {2}✗ .*)$/gm, (l) => paint(ctx, 'red', l))
        .replace(/^( {2}✓ .*)$/gm, (l) => paint(ctx, 'green', l))
      ctx.stdout.write(out)
    }
    return report.ok ? 0 : 1
  } finally {
    await harness?.close()
  }
}
