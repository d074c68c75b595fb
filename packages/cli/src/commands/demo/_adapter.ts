/**
 * Demo step: a department developer starts from the inventory. Generates
 * an adapter from one Interface of the sample (the traffic police's old
 * GBK booking forms) with `adapter new`, then runs its conformance tests
 * the way `yingjie adapter verify <dir>` does: its own legacy simulator,
 * the mock platform and the adapter in child processes, every check.
 */
import { existsSync } from 'node:fs'
import { mkdir, symlink } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderKitJunit, startAdapterFolder, verifyAdapter } from '@yingjie/connector'
import { writeFileAtomic, type Inventory } from '@yingjie/model'
import { answersFromInterface, newAdapter } from '@yingjie/scaffold'
import type { CommandContext } from '../../_context'
import { displayPath, paint } from '../../_output'

/** The sample Interface the demo generates from. */
export const DEMO_INTERFACE = 'bd-gaj-jj-form'

const T = {
  step: { zh: '部门开发者：从清单接口生成适配器并运行一致性检查（yingjie adapter new / adapter verify）', en: 'Department developer: generate an adapter from an inventory Interface and run the conformance kit (yingjie adapter new / adapter verify)' },
  generated: { zh: '已从接口 {i} 生成适配器 {d}（模板 {t}，{n} 个文件）', en: 'Generated {d} from Interface {i} (template {t}, {n} files)' },
  verifying: { zh: '启动它的旧系统模拟器、模拟平台和适配器，逐项检查……', en: 'Starting its legacy simulator, the mock platform and the adapter; checking…' },
  kit: { zh: '一致性检查：通过 {p} 项，失败 {f} 项，跳过 {s} 项', en: 'Conformance: {p} passed, {f} failed, {s} skipped' },
  next: {
    zh: '接着：cd {d} && pnpm install && pnpm test（在仓库之外按其 README 安装）；字段对应关系在 src/mapping.ts 中修改，模板更新用 yingjie adapter update {d}。',
    en: 'Then: cd {d} && pnpm install && pnpm test (outside the repository, install as its README says); edit the mapping in src/mapping.ts; take template updates with yingjie adapter update {d}.',
  },
} as const

const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w)\}/g, (_, k: string) => String(values[k] ?? ''))

/** The folder of the @yingjie/connector this CLI runs with (source or built). */
function connectorPackageDir(): string {
  let dir = dirname(fileURLToPath(import.meta.resolve('@yingjie/connector')))
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir)
  return dir
}

/** Generate and verify; resolves false when a check failed (printed). */
export async function adapterScaffoldDemo(ctx: CommandContext, outDir: string, inventory: Inventory): Promise<boolean> {
  const { lang } = ctx
  ctx.stdout.write(`\n${paint(ctx, 'bold', T.step[lang])}\n`)
  const pre = answersFromInterface(inventory, DEMO_INTERFACE)
  const dir = join(outDir, `adapter-${DEMO_INTERFACE}`)
  // The demo's own output folder: regenerated on every run.
  const result = await newAdapter({ template: pre.template, dir, cwd: ctx.cwd, layers: [{ source: 'interface', values: pre.answers, id: DEMO_INTERFACE }], force: true })
  ctx.stdout.write(`${fill(T.generated[lang], { i: DEMO_INTERFACE, d: displayPath(ctx.cwd, dir), t: `${result.template.name} ${result.template.version}`, n: result.actions.length })}\n`)
  // Instead of an install: the adapter uses the connector this command runs with.
  const link = join(dir, 'node_modules', '@yingjie', 'connector')
  if (!existsSync(link)) {
    await mkdir(dirname(link), { recursive: true })
    await symlink(connectorPackageDir(), link, 'junction')
  }
  ctx.stdout.write(`${T.verifying[lang]}\n`)
  const harness = await startAdapterFolder(dir, { env: ctx.env })
  try {
    const report = await verifyAdapter({ url: harness.url, platformUrl: harness.platform.url, declaredOperations: harness.operations, faults: harness.faults, logs: harness.logs })
    ctx.stdout.write(`${paint(ctx, report.ok ? 'green' : 'red', fill(T.kit[lang], { p: report.passed, f: report.failed, s: report.skipped }))}\n`)
    for (const c of report.checks.filter((x) => x.status === 'fail')) ctx.stdout.write(`  ✗ ${c.id}  ${c.message[lang]}\n`)
    const junit = join(dir, 'test-results', 'conformance.xml')
    await writeFileAtomic(junit, renderKitJunit(report, lang))
    ctx.stdout.write(`  ${displayPath(ctx.cwd, junit)}\n${fill(T.next[lang], { d: displayPath(ctx.cwd, dir) })}\n`)
    return report.ok
  } finally {
    await harness.close()
  }
}
