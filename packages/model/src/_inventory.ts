import { readdir, realpath, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import Ajv, { type ValidateFunction } from 'ajv'
import schema from '../schema/inventory.schema.json'
import { API_VERSION, KINDS, type AnyEntity, type Kind } from './_entities'
import { finding, YjError, type Finding } from './_findings'
import { closest, schemaFindings } from './_schema'
import { readYamlFile, type ParsedDocument, type ReadYamlOptions } from './_yaml'

export interface LoadInventoryOptions extends ReadYamlOptions {
  /**
   * Follow `include` lists of Region entities (e.g. the provincial service list).
   * @default true
   */
  followIncludes?: boolean
  /**
   * How many files may be read at once.
   * @default 16
   */
  concurrency?: number
}

export interface Inventory {
  /** The folder (or file) given by the user. */
  root: string
  /** Every YAML file read, including those reached through `include`. */
  files: string[]
  /** Schema-valid entities in file order. */
  entities: AnyEntity[]
  /** Ids of documents that failed the schema; references to them are not reported again. */
  invalidIds: Set<string>
  /** Findings from reading, parsing and schema validation. */
  findings: Finding[]
}

const SKIP_DIRS = new Set(['node_modules', 'dist', 'yingjie-out'])

let validators: Map<Kind, ValidateFunction> | undefined

/** Compile the schema once per process, and only when an inventory is loaded. */
function validatorFor(kind: Kind): ValidateFunction {
  if (!validators) {
    // ajv's name-optimising pass costs more to compile than it saves in
    // validation here: it more than doubles start-up for one run of a command.
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, code: { optimize: false } })
    ajv.addSchema(schema as object)
    validators = new Map(KINDS.map((k) => [k, ajv.getSchema(`${schema.$id}#/definitions/${k}`)!]))
  }
  return validators.get(kind)!
}

/** The published JSON Schema, for editors and other tools. */
export const inventorySchema: object = schema

/** Read every inventory file under `root` and validate each entity against the schema. */
export async function loadInventory(root: string, options: LoadInventoryOptions = {}): Promise<Inventory> {
  let rootStat
  try {
    rootStat = await stat(root)
  } catch {
    throw new YjError({
      code: 'YJ_INVENTORY_NOT_FOUND',
      message: { zh: `找不到清单目录：${root}`, en: `inventory folder not found: ${root}` },
      hint: { zh: '检查路径，或先用 yingjie demo 查看示例清单的结构', en: 'check the path, or run yingjie demo to see a sample inventory' },
    })
  }
  const inventory = emptyInventory(root)
  const visitedRoots = new Set<string>()
  const pending: string[] = [root]
  let first = true
  while (pending.length > 0) {
    const next = pending.shift()!
    let real: string
    try {
      real = await realpath(next)
    } catch {
      inventory.findings.push(
        finding({
          code: 'YJ_INCLUDE_NOT_FOUND',
          message: { zh: `找不到被引用的清单目录：${next}`, en: `included inventory folder not found: ${next}` },
          hint: { zh: '检查 Region 的 include 路径（相对于该文件所在目录）', en: "check the Region's include path (relative to its file)" },
        }),
      )
      continue
    }
    if (visitedRoots.has(real)) continue
    visitedRoots.add(real)
    const files = rootStat.isFile() && first ? [next] : await collectYamlFiles(next, inventory.findings)
    if (first && files.length === 0) {
      inventory.findings.push(
        finding({
          code: 'YJ_INVENTORY_EMPTY',
          message: { zh: `目录中没有清单文件（*.yaml / *.yml）：${root}`, en: `no inventory files (*.yaml / *.yml) in ${root}` },
          hint: { zh: '确认目录是否正确；清单文件以 apiVersion: yingjie/v1 开头', en: 'check the folder; inventory files start with apiVersion: yingjie/v1' },
        }),
      )
    }
    first = false
    const loaded = await mapLimit(files, options.concurrency ?? 16, (file) => readYamlFile(file, options))
    for (const parsed of loaded) {
      inventory.files.push(parsed.file)
      inventory.findings.push(...parsed.findings)
      for (const entity of addDocuments(inventory, parsed.documents)) {
        if (entity.kind === 'Region' && options.followIncludes !== false) {
          for (const inc of entity.spec.include ?? []) pending.push(join(dirname(entity.source.file), inc))
        }
      }
    }
  }
  return inventory
}

/** What one document turned out to be: an entity, or the findings that say why not. */
export interface DocumentEntity {
  entity?: AnyEntity
  findings: Finding[]
  /** Set when the document has an id but failed the schema; references to it are not reported again. */
  invalidId?: string
}

/**
 * The schema step for one parsed document: envelope checks, then the kind's
 * JSON Schema. Every front end that produces documents (YAML files, Excel
 * rows) goes through here, so they all share one set of rules and codes.
 */
export function entityFromDocument(doc: ParsedDocument): DocumentEntity {
  const findings: Finding[] = []
  const value = doc.value as Record<string, unknown> | null
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    findings.push(
      finding({
        code: 'YJ_DOCUMENT_NOT_ENTITY',
        message: { zh: '文档不是一个清单实体（应为 apiVersion/kind/metadata/spec 对象）', en: 'document is not an entity (expected an apiVersion/kind/metadata/spec mapping)' },
        hint: { zh: '参照示例清单，以 apiVersion: yingjie/v1 开头', en: 'start the document with apiVersion: yingjie/v1, as in the sample' },
        location: doc.locate([]),
      }),
    )
    return { findings }
  }
  if (value.apiVersion !== API_VERSION) {
    findings.push(
      finding({
        code: 'YJ_API_VERSION',
        message:
          value.apiVersion === undefined
            ? { zh: '缺少 apiVersion', en: 'apiVersion is missing' }
            : { zh: `不支持的 apiVersion：${String(value.apiVersion)}`, en: `unsupported apiVersion: ${String(value.apiVersion)}` },
        hint: { zh: `写作 apiVersion: ${API_VERSION}`, en: `use apiVersion: ${API_VERSION}` },
        location: doc.locate(value.apiVersion === undefined ? [] : ['apiVersion']),
      }),
    )
    return { findings }
  }
  const kind = value.kind
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
    const guess = typeof kind === 'string' ? closest(kind, KINDS) : undefined
    findings.push(
      finding({
        code: 'YJ_KIND_UNKNOWN',
        message: { zh: `未知的实体类型 kind: ${String(kind)}`, en: `unknown kind: ${String(kind)}` },
        hint: guess
          ? { zh: `是否应为 ${guess}？可选：${KINDS.join('、')}`, en: `did you mean ${guess}? One of: ${KINDS.join(', ')}` }
          : { zh: `可选：${KINDS.join('、')}`, en: `one of: ${KINDS.join(', ')}` },
        location: doc.locate(kind === undefined ? [] : ['kind']),
      }),
    )
    return { findings }
  }
  const validate = validatorFor(kind as Kind)
  const meta = value.metadata as { id?: unknown } | undefined
  const id = typeof meta?.id === 'string' ? meta.id : ''
  if (!validate(value)) {
    findings.push(...schemaFindings(validate.errors, doc, { kind, id }))
    return id ? { findings, invalidId: id } : { findings }
  }
  return { entity: { ...(value as unknown as Omit<AnyEntity, 'source'>), source: doc } as AnyEntity, findings }
}

/** An inventory with nothing in it yet, for {@link addDocuments}. */
export function emptyInventory(root: string): Inventory {
  return { root, files: [], entities: [], invalidIds: new Set(), findings: [] }
}

/**
 * Validate documents and add them to an inventory in order: valid entities
 * to `entities`, findings to `findings`, failed ids to `invalidIds`. Returns
 * the entities added. `loadInventory` is this over every file it reads; the
 * Excel import is this over workbook rows.
 */
export function addDocuments(inventory: Inventory, documents: readonly ParsedDocument[]): AnyEntity[] {
  const added: AnyEntity[] = []
  for (const doc of documents) {
    const { entity, findings, invalidId } = entityFromDocument(doc)
    inventory.findings.push(...findings)
    if (invalidId) inventory.invalidIds.add(invalidId)
    if (!entity) continue
    inventory.entities.push(entity)
    added.push(entity)
  }
  return added
}

/** All *.yaml / *.yml files below `dir`, sorted, skipping tool folders and symlink loops. */
async function collectYamlFiles(dir: string, findings: Finding[]): Promise<string[]> {
  const out: string[] = []
  const seen = new Set<string>()
  const walk = async (current: string): Promise<void> => {
    let real: string
    try {
      real = await realpath(current)
    } catch (error) {
      findings.push(loopFinding(current, (error as NodeJS.ErrnoException).code))
      return
    }
    if (seen.has(real)) {
      findings.push(loopFinding(current, 'LOOP'))
      return
    }
    seen.add(real)
    const entries = (await readdir(current, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))
    for (const entry of entries) {
      const full = join(current, entry.name)
      if (entry.name.startsWith('.')) continue
      let isDir = entry.isDirectory()
      let isFile = entry.isFile()
      if (entry.isSymbolicLink()) {
        try {
          const s = await stat(full)
          isDir = s.isDirectory()
          isFile = s.isFile()
        } catch (error) {
          findings.push(loopFinding(full, (error as NodeJS.ErrnoException).code))
          continue
        }
      }
      if (isDir) {
        if (!SKIP_DIRS.has(entry.name)) await walk(full)
      } else if (isFile && /\.ya?ml$/i.test(entry.name)) {
        out.push(full)
      }
    }
  }
  await walk(dir)
  return out
}

function loopFinding(path: string, code: string | undefined): Finding {
  const loop = code === 'ELOOP' || code === 'LOOP'
  return finding({
    code: loop ? 'YJ_FILE_LOOP' : 'YJ_FILE_UNREADABLE',
    severity: 'warning',
    message: loop
      ? { zh: `符号链接形成循环，已跳过：${path}`, en: `symbolic link loop skipped: ${path}` }
      : { zh: `无法读取，已跳过：${path}（${code ?? ''}）`, en: `unreadable, skipped: ${path} (${code ?? ''})` },
    hint: loop
      ? { zh: '删除指回上级目录的符号链接', en: 'remove the link that points back to a parent folder' }
      : { zh: '检查链接目标是否存在以及读取权限', en: 'check that the link target exists and is readable' },
    location: { file: path, line: 1, column: 1 },
  })
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}
