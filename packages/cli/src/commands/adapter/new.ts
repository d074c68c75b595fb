import { resolve } from 'node:path'
import { loadInventory, YjError } from '@yingjie/model'
import { answersFromInterface, listTemplates, newAdapter, promptTemplate, type AnswerLayer } from '@yingjie/scaffold'
import type { CommandContext } from '../../_context'
import { UsageError } from '../../_context'
import { displayPath, paint, renderFindingsText } from '../../_output'
import { interactive, layersFromOptions, renderActions, reportScaffoldError, resultJson, terminalAsk } from './_scaffold'

export async function run(ctx: CommandContext): Promise<number> {
  const zh = ctx.lang === 'zh'
  if (ctx.args.length > 1) throw new UsageError('最多给出一个目标目录', 'give at most one target folder')
  const interfaceId = ctx.options.interface as string | undefined
  if (ctx.options.inventory !== undefined && !interfaceId) throw new UsageError('--inventory 需要和 --interface 一起使用', '--inventory goes with --interface')
  const templatesDir = typeof ctx.options.templates === 'string' ? resolve(ctx.cwd, ctx.options.templates) : undefined
  try {
    const { layers: given, templateFromFile } = await layersFromOptions(ctx)
    const layers: AnswerLayer[] = []
    let template = (ctx.options.template as string | undefined) ?? templateFromFile
    if (interfaceId) {
      const inventoryDir = resolve(ctx.cwd, (ctx.options.inventory as string | undefined) ?? '.')
      // Reading and the schema are enough to generate from (yingjie inventory check does the rest), and
      // keep this fast: only problems in this Interface stop generation; the rest is the city office's business.
      const inventory = await loadInventory(inventoryDir)
      const own = inventory.findings.filter((f) => f.entity?.kind === 'Interface' && f.entity.id === interfaceId && f.severity === 'error')
      if (own.length) {
        ctx.stderr.write(renderFindingsText(own, ctx))
        throw new YjError({
          code: 'YJ_INTERFACE_INVALID',
          message: { zh: `清单中的接口 ${interfaceId} 有错误，未生成适配器`, en: `Interface ${interfaceId} has errors; nothing was generated` },
          hint: { zh: '先修正上面列出的问题（yingjie inventory check 可复查）', en: 'fix the problems above first (yingjie inventory check shows them)' },
        })
      }
      const pre = answersFromInterface(inventory, interfaceId)
      template ??= pre.template
      layers.push({ source: 'interface', values: pre.answers, id: interfaceId })
      if (pre.findings.length && ctx.options.format !== 'json') ctx.stderr.write(renderFindingsText(pre.findings, ctx))
    }
    layers.push(...given)
    const ask = interactive(ctx)
    if (!template) {
      if (!ask) throw new UsageError('请用 --template 指定模板（yingjie adapter templates 列出全部），或用 --interface 从清单接口生成', 'give --template (yingjie adapter templates lists them), or --interface to start from an inventory Interface')
      template = await promptTemplate(await listTemplates(templatesDir), { input: process.stdin, output: process.stderr, lang: ctx.lang })
    }
    const result = await newAdapter({
      template,
      ...(templatesDir ? { templatesDir } : {}),
      ...(ctx.args[0] ? { dir: ctx.args[0] } : {}),
      cwd: ctx.cwd,
      layers,
      ...(ask ? { ask: terminalAsk(ctx) } : {}),
      dryRun: ctx.options['dry-run'] === true,
      force: ctx.options.force === true,
    })
    if (ctx.options.format === 'json') {
      ctx.stdout.write(resultJson(ctx, result))
      return 0
    }
    const where = displayPath(ctx.cwd, result.dir)
    const head = result.dryRun
      ? zh
        ? `试运行：将用模板 ${result.template.name} ${result.template.version} 在 ${where} 生成以下文件（未写入任何文件）`
        : `Dry run: template ${result.template.name} ${result.template.version} would write these files in ${where} (nothing written)`
      : zh
        ? `已用模板 ${result.template.name} ${result.template.version} 生成适配器：${where}`
        : `Generated the adapter in ${where} from template ${result.template.name} ${result.template.version}`
    ctx.stdout.write(`${paint(ctx, 'bold', head)}\n${renderActions(ctx, result)}`)
    if (!result.dryRun) {
      // A link: dependency (generated inside the yingjie repository) is pnpm's; npm cannot install it.
      const install = String(result.answers.connector ?? '').startsWith('link:') ? 'pnpm install    ' : 'npm install      '
      ctx.stdout.write(
        zh
          ? `\n下一步：\n  cd ${where}\n  ${install}# 安装依赖\n  npm test         # 字段映射、操作往返和一致性测试\n字段对应关系在 src/mapping.ts 中修改；说明见 README.md。\n`
          : `\nNext:\n  cd ${where}\n  ${install}# dependencies\n  npm test         # mapping, round trips and the conformance kit\nEdit the field mapping in src/mapping.ts; README.md explains the rest.\n`,
      )
    }
    return 0
  } catch (error) {
    return reportScaffoldError(ctx, error)
  }
}
