/**
 * Templates on disk: `templates/<name>/template.yaml` (name, version,
 * Chinese description, protocol, parameters) beside a `files/` folder
 * whose every file is rendered into the adapter at the same path.
 */
import { existsSync, readdirSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { closest, finding, readYamlFile, schemaFindings, YjError, type Finding, type ParsedDocument } from '@yingjie/model'
import type { ValidateFunction } from 'ajv'
import schema from '../schema/template.schema.json'
import { compileTemplate, type CompiledTemplate } from './_engine'
import { ajv } from './_ajv'
import { checkParameterDefinitions } from './_answers'
import { ScaffoldError } from './_errors'

export type ParameterType = 'string' | 'integer' | 'boolean' | 'enum' | 'url' | 'profile' | 'operations'

export interface ParameterValidation {
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  /** Shown when a value breaks the rule (Chinese). */
  message?: string
}

export interface TemplateParameter {
  name: string
  type: ParameterType
  /** Chinese; shown when prompting. */
  description: string
  descriptionEn?: string
  default?: unknown
  /** @default true when there is no default */
  required?: boolean
  choices?: string[]
  validation?: ParameterValidation
}

export type TemplateProtocol = 'rest-json' | 'soap' | 'html-form'

export interface AdapterTemplate {
  name: string
  version: string
  description: string
  descriptionEn?: string
  protocol: TemplateProtocol
  parameters: TemplateParameter[]
  /** Folder holding template.yaml. */
  dir: string
  /** Folder whose files are rendered. */
  filesDir: string
  /** template.yaml, parsed, for locating findings in it. */
  document: ParsedDocument
}

function findTemplatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = join(dir, 'templates')
    if (existsSync(candidate) && readdirSync(candidate).some((name) => existsSync(join(candidate, name, 'template.yaml')))) return candidate
    const parent = dirname(dir)
    if (parent === dir) return join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'templates')
    dir = parent
  }
}

/** The templates shipped in the repository's `templates/` folder (found from src/ and dist/ alike). */
export const TEMPLATES_DIR: string = findTemplatesDir()

let validate: ValidateFunction | undefined

/**
 * Read and check one template folder. Problems in template.yaml (schema, a
 * default that breaks its own rule, a bad pattern) are findings with line
 * and column; any error throws a ScaffoldError carrying all of them.
 */
export async function loadTemplate(dir: string): Promise<AdapterTemplate> {
  const file = join(dir, 'template.yaml')
  if (!existsSync(file)) {
    throw new YjError({
      code: 'YJ_TEMPLATE_NOT_FOUND',
      message: { zh: `${dir} 中没有 template.yaml`, en: `no template.yaml in ${dir}` },
      hint: { zh: '模板目录应包含 template.yaml 和 files/', en: 'a template folder holds template.yaml and files/' },
    })
  }
  const parsed = await readYamlFile(file)
  const doc = parsed.documents[0]
  const findings: Finding[] = [...parsed.findings]
  if (!doc && findings.length === 0) {
    findings.push(finding({ code: 'YJ_TEMPLATE_INVALID', message: { zh: 'template.yaml 是空的', en: 'template.yaml is empty' }, hint: { zh: '写明 name、version、description、protocol 和 parameters', en: 'give name, version, description, protocol and parameters' }, location: { file, line: 1, column: 1 } }))
  }
  if (doc) {
    validate ??= ajv.compile(schema)
    if (!validate(doc.value)) findings.push(...schemaFindings(validate.errors, doc))
  }
  if (findings.some((f) => f.severity === 'error')) throw new ScaffoldError(findings)
  const value = doc!.value as Omit<AdapterTemplate, 'dir' | 'filesDir' | 'document'> & { files?: string }
  const template: AdapterTemplate = { ...value, dir, filesDir: resolve(dir, value.files ?? 'files'), document: doc! }
  delete (template as { files?: string }).files
  const problems = checkParameterDefinitions(template)
  if (!existsSync(template.filesDir)) {
    problems.push(
      finding({
        code: 'YJ_TEMPLATE_INVALID',
        message: { zh: `模板文件目录 ${template.filesDir} 不存在`, en: `template files folder ${template.filesDir} does not exist` },
        hint: { zh: '把要生成的文件放在 template.yaml 旁的 files/ 中', en: 'put the files to render in files/ beside template.yaml' },
        location: doc!.locate(['files']),
      }),
    )
  }
  if (template.name !== dir.split(sep).filter(Boolean).pop()) {
    problems.push(
      finding({
        code: 'YJ_TEMPLATE_INVALID',
        severity: 'warning',
        message: { zh: `模板名称 ${template.name} 与目录名不一致`, en: `template name ${template.name} differs from its folder name` },
        hint: { zh: '让 name 与目录名相同，adapter update 按名称查找模板', en: 'make name match the folder: adapter update finds templates by name' },
        location: doc!.locate(['name'], 'value'),
      }),
    )
  }
  if (problems.some((f) => f.severity === 'error')) throw new ScaffoldError(problems)
  return template
}

/** Every template under `templatesDir`, sorted by name. */
export async function listTemplates(templatesDir: string = TEMPLATES_DIR): Promise<AdapterTemplate[]> {
  let names: string[]
  try {
    names = (await readdir(templatesDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name)
  } catch {
    throw templatesDirMissing(templatesDir)
  }
  const found = names.filter((n) => existsSync(join(templatesDir, n, 'template.yaml'))).sort()
  return Promise.all(found.map((n) => loadTemplate(join(templatesDir, n))))
}

function templatesDirMissing(dir: string): YjError {
  return new YjError({
    code: 'YJ_TEMPLATE_NOT_FOUND',
    message: { zh: `模板目录 ${dir} 不存在`, en: `templates folder ${dir} does not exist` },
    hint: { zh: '用 --templates 指定模板目录，或在 yingjie 源码仓库中运行', en: 'give --templates, or run from a checkout of the yingjie repository' },
  })
}

/** The template called `name` in `templatesDir`. */
export async function findTemplate(name: string, templatesDir: string = TEMPLATES_DIR): Promise<AdapterTemplate> {
  if (/^[a-z0-9][a-z0-9-]*$/.test(name) && existsSync(join(templatesDir, name, 'template.yaml'))) return loadTemplate(join(templatesDir, name))
  if (!existsSync(templatesDir)) throw templatesDirMissing(templatesDir)
  const names = (await readdir(templatesDir)).filter((n) => existsSync(join(templatesDir, n, 'template.yaml')))
  const guess = closest(name, names)
  throw new YjError({
    code: 'YJ_TEMPLATE_UNKNOWN',
    message: { zh: `没有名为 “${name}” 的适配器模板`, en: `no adapter template named "${name}"` },
    hint: {
      zh: `${guess ? `是否应为 “${guess}”？` : ''}可用：${names.join('、')}（yingjie adapter templates 列出全部）`,
      en: `${guess ? `did you mean "${guess}"? ` : ''}available: ${names.join(', ')} (yingjie adapter templates lists them)`,
    },
  })
}

/** The template for an inventory Interface's protocol. */
export const TEMPLATE_FOR_PROTOCOL: Readonly<Record<TemplateProtocol, string>> = { 'rest-json': 'rest-json', soap: 'soap-xml', 'html-form': 'html-form-gbk' }

async function walk(dir: string, root: string, out: string[]): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name)
    if (entry.isDirectory()) await walk(full, root, out)
    else if (entry.isFile()) out.push(relative(root, full).split(sep).join('/'))
  }
}

/** Each file of the template, compiled, by its path in the adapter (POSIX separators), sorted. */
export async function compileTemplateFiles(template: AdapterTemplate): Promise<Map<string, CompiledTemplate>> {
  const paths: string[] = []
  await walk(template.filesDir, template.filesDir, paths)
  paths.sort()
  const out = new Map<string, CompiledTemplate>()
  for (const path of paths) {
    const full = join(template.filesDir, path)
    out.set(path, compileTemplate(await readFile(full, 'utf8'), full))
  }
  return out
}
