/** Writing a scan's reports to a folder, each file atomically. */
import { createRequire } from 'node:module'
import { join, relative, sep } from 'node:path'
import { writeFileAtomic, type Lang } from '@yingjie/model'
import { renderInterfacesYaml } from './interfaces'
import { renderSourceReportHtml, renderSourceReportMarkdown } from './render'
import type { SourceScanReport } from './types'

export interface WriteSourceReportsOptions {
  /** @default 'zh' */
  lang?: Lang
  /** Organization id written as the owner of the suggested Interface entities. */
  owner?: string
}

/** Names of the files {@link writeSourceReports} writes. */
export const SOURCE_REPORT_FILES = { markdown: 'source-scan.md', html: 'source-scan.html', json: 'source-scan.json', interfaces: 'interfaces.yaml' } as const

/** Where the inventory JSON Schema is installed, for the `$schema` header of generated YAML. */
export function inventorySchemaPath(): string {
  return createRequire(import.meta.url).resolve('@yingjie/model/schema/inventory.schema.json')
}

/**
 * Write Markdown, HTML and JSON reports and the suggested Interface entities
 * into `dir`. Returns the files written.
 * @example await writeSourceReports(report, './yingjie-out', { lang: 'zh', owner: 'bd-rsj' })
 */
export async function writeSourceReports(report: SourceScanReport, dir: string, options: WriteSourceReportsOptions = {}): Promise<string[]> {
  const lang = options.lang ?? 'zh'
  const schemaRef = relative(dir, inventorySchemaPath()).split(sep).join('/')
  const files: [string, string][] = [
    [SOURCE_REPORT_FILES.markdown, renderSourceReportMarkdown(report, lang)],
    [SOURCE_REPORT_FILES.html, renderSourceReportHtml(report, lang)],
    [SOURCE_REPORT_FILES.json, `${JSON.stringify(report, null, 2)}\n`],
    [SOURCE_REPORT_FILES.interfaces, renderInterfacesYaml(report.interfaces, { schemaRef, source: report.roots.join(', '), lang, ...(options.owner ? { owner: options.owner } : {}) })],
  ]
  const written: string[] = []
  for (const [name, content] of files) {
    const file = join(dir, name)
    await writeFileAtomic(file, content)
    written.push(file)
  }
  return written
}
