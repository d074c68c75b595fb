import { resolve } from 'node:path'
import { importWorkbooks, type ChangeStatus, type ImportResult } from '@yingjie/inventory'
import { UsageError, type CommandContext } from '../../_context'
import { displayPath, findingToJson, json, locationText, paint, renderFindingsText } from '../../_output'

const STATUS: Record<ChangeStatus, { zh: string; en: string; style: 'green' | 'yellow' | 'dim' }> = {
  added: { zh: '新增', en: 'added', style: 'green' },
  changed: { zh: '修改', en: 'changed', style: 'yellow' },
  unchanged: { zh: '未变', en: 'unchanged', style: 'dim' },
}

const KIND = { Organization: { zh: '单位', en: 'organization' }, Channel: { zh: '渠道', en: 'channel' }, Interface: { zh: '接口', en: 'interface' } } as const

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.args.length === 0) throw new UsageError('请指定要导入的摸查表（.xlsx 或 .csv），可以多个', 'name the survey workbooks to import (.xlsx or .csv), one or more')
  const files = ctx.args.map((f) => resolve(ctx.cwd, f))
  const dir = resolve(ctx.cwd, (ctx.options.into as string | undefined) ?? '.')
  const dryRun = ctx.options['dry-run'] === true
  const result = await importWorkbooks(files, dir, { dryRun })
  if (ctx.options.format === 'json') {
    ctx.stdout.write(json(toJson(result, ctx, dryRun)))
  } else {
    ctx.stdout.write(renderText(result, ctx, dryRun))
  }
  return result.ok ? 0 : 1
}

function toJson(r: ImportResult, ctx: CommandContext, dryRun: boolean): unknown {
  const count = (s: ChangeStatus): number => r.changes.filter((c) => c.status === s).length
  return {
    ok: r.ok,
    dryRun,
    rows: r.rows,
    added: count('added'),
    changed: count('changed'),
    unchanged: count('unchanged'),
    entities: r.changes.map((c) => ({ kind: c.kind, id: c.id, name: c.name, status: c.status, file: displayPath(ctx.cwd, c.file), fields: c.fields, source: locationText(ctx.cwd, c.source) })),
    written: r.written.map((f) => displayPath(ctx.cwd, f)),
    errorWorkbooks: r.errorWorkbooks.map((f) => displayPath(ctx.cwd, f)),
    findings: r.findings.map((f) => findingToJson(f, ctx)),
    existingErrors: r.existingErrors.map((f) => findingToJson(f, ctx)),
  }
}

function renderText(r: ImportResult, ctx: CommandContext, dryRun: boolean): string {
  const zh = ctx.lang === 'zh'
  const out: string[] = []
  if (r.findings.length > 0) out.push(renderFindingsText(r.findings, ctx))
  if (!r.ok) {
    const errors = r.findings.filter((f) => f.severity === 'error').length
    out.push(paint(ctx, 'red', zh ? `导入失败：${errors} 个错误，清单目录没有任何改动。` : `import failed: ${errors} errors; the inventory folder was not changed.`))
    for (const f of r.errorWorkbooks) {
      out.push(zh ? `已标出问题单元格（红色并附批注）：${displayPath(ctx.cwd, f)}，请把它交回填表单位修改` : `problem cells marked (red, with notes): ${displayPath(ctx.cwd, f)}; send it back to be corrected`)
    }
  } else {
    for (const c of r.changes) {
      const s = STATUS[c.status]
      const fields = c.status === 'changed' ? `  ${paint(ctx, 'dim', c.fields.join(', '))}` : ''
      const where = c.status === 'unchanged' ? '' : `  → ${displayPath(ctx.cwd, c.file)}`
      out.push(`${paint(ctx, s.style, s[ctx.lang])}  ${KIND[c.kind][ctx.lang]} ${c.id}  ${c.name}${where}${fields}`)
    }
    const count = (s: ChangeStatus): number => r.changes.filter((c) => c.status === s).length
    const summary = zh
      ? `已读取 ${r.rows} 行：新增 ${count('added')}，修改 ${count('changed')}，未变 ${count('unchanged')}`
      : `read ${r.rows} rows: ${count('added')} added, ${count('changed')} changed, ${count('unchanged')} unchanged`
    const wrote = dryRun
      ? zh ? '（试运行，未写入文件）' : ' (dry run; nothing written)'
      : r.written.length > 0
        ? zh ? `；已更新 ${r.written.length} 个文件：${r.written.map((f) => displayPath(ctx.cwd, f)).join('、')}` : `; updated ${r.written.length} files: ${r.written.map((f) => displayPath(ctx.cwd, f)).join(', ')}`
        : zh ? '；没有文件需要更新' : '; no file needed updating'
    out.push(`${summary}${wrote}`)
  }
  if (r.existingErrors.length > 0) {
    out.push(
      zh
        ? `注意：清单目录中原有 ${r.existingErrors.length} 个错误（不是本次导入造成的），请用 yingjie inventory check 查看`
        : `note: the inventory folder already had ${r.existingErrors.length} errors (not caused by this import); see yingjie inventory check`,
    )
  }
  return `${out.join('\n')}\n`
}
