/**
 * Filled survey workbooks back into the inventory. Rows become entity
 * documents whose positions are cells, go through the same schema step and
 * the same `checkInventory` as the YAML files, and only a clean result is
 * written, as small edits to the YAML that keep its comments.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import {
  addDocuments,
  API_VERSION,
  compareFindings,
  finding,
  loadInventory,
  writeFileAtomic,
  type AnyEntity,
  type Finding,
  type Inventory,
  type ParsedDocument,
  type SourceLocation,
  type ValuePath,
} from '@yingjie/model'
import { convertCell, trimCellText, type CellResult } from './_cells'
import { checkInventory } from './_check'
import { EXAMPLE_MARK, INSTRUCTIONS_SHEET, looseKey, SHEETS, SUMMARY_SHEET, type ColumnDef, type SheetDef, type SheetKind } from './_columns'
import { writeErrorWorkbook } from './_errors-workbook'
import { isBlank, readWorkbookTables, type Cell, type SheetTable, type WorkbookTables } from './_workbook'
import { appendEntities, diffValues, editEntityInYaml, type ValueEdit } from './_yaml-write'

export interface ImportOptions {
  /**
   * Check and report, but write neither YAML nor error workbooks.
   * @default false
   */
  dryRun?: boolean
}

export type ChangeStatus = 'added' | 'changed' | 'unchanged'

export interface EntityChange {
  kind: SheetKind
  id: string
  name: string
  status: ChangeStatus
  /** The YAML file that holds (or will hold) the entity. */
  file: string
  /** Changed fields as dotted paths, e.g. `spec.contact.phone`. Values are not listed: they may be personal data. */
  fields: string[]
  /** Where the row came from. */
  source: SourceLocation
}

export interface ImportResult {
  /** True when nothing blocks the import (warnings may remain). */
  ok: boolean
  /** Problems in the workbooks, and problems the import would bring into the inventory; sorted. */
  findings: Finding[]
  /** Errors the inventory folder already had before the import; shown, not blocking. */
  existingErrors: Finding[]
  changes: EntityChange[]
  /** YAML files written (empty on failure, on a dry run and when nothing changed). */
  written: string[]
  /** `NAME.errors.xlsx` files written beside the inputs. */
  errorWorkbooks: string[]
  /** Data rows read from all inputs. */
  rows: number
}

interface RowRecord {
  kind: SheetKind
  def: SheetDef
  file: string
  /** Undefined for CSV, whose positions are line and column. */
  sheet: string | undefined
  row: number
  firstColumn: number
  cells: Map<ColumnDef, { column: number; result: CellResult }>
  /** Column paths present in this sheet, dotted. */
  columnFor: Map<string, number>
  existing?: AnyEntity
  value: Record<string, unknown>
  doc?: ParsedDocument
}

// Some rules report on a field the workbook has its own column for.
const CODE_COLUMN: Record<string, ValuePath> = {
  YJ_DECISION_MISSING: ['spec', 'decision'],
  YJ_FILING_MISSING: ['spec', 'filingNumber'],
  YJ_MLPS_MISSING: ['spec', 'mlpsLevel'],
}

// Inputs that could not be opened get no marked copy: there is nothing to mark.
const UNOPENED = new Set(['YJ_WORKBOOK_UNREADABLE', 'YJ_WORKBOOK_FORMAT'])

const TYPE_SUFFIX: Record<string, string> = { app: 'app', miniprogram: 'mp', h5: 'h5', 'official-account': 'oa' }

/**
 * Import filled survey workbooks (.xlsx or .csv) into the inventory at `dir`.
 * On any error nothing is written to `dir`; each input with problems gets a
 * `NAME.errors.xlsx` beside it with the bad cells marked.
 */
export async function importWorkbooks(files: readonly string[], dir: string, options: ImportOptions = {}): Promise<ImportResult> {
  const inventory = await loadInventory(dir)
  const baseline = checkInventory(inventory)
  const inputs = await Promise.all(files.map((f) => readWorkbookTables(resolve(f))))
  const inputFiles = new Set(inputs.map((t) => t.file))
  const cellFindings: Finding[] = inputs.flatMap((t) => t.findings)

  const index = new EntityLookup(inventory)
  const records: RowRecord[] = []
  // Organizations first, so channel rows can name an organization added in the same workbook.
  const ordered = inputs.flatMap((t) => recognizeSheets(t, cellFindings)).sort((a, b) => SHEETS.indexOf(a.def) - SHEETS.indexOf(b.def))
  for (const { table, def, headerRow, columns, input } of ordered) {
    for (const rec of readRows(input, table, def, headerRow, columns, index, cellFindings)) {
      records.push(rec)
      if (rec.kind === 'Organization') index.noteOrganization(rec.value)
    }
  }

  for (const rec of records) {
    rec.doc = rowDocument(rec)
    if (rec.existing === undefined && inventory.invalidIds.has(String((rec.value.metadata as { id?: unknown }).id ?? ''))) {
      cellFindings.push(
        finding({
          code: 'YJ_IMPORT_TARGET_INVALID',
          message: { zh: '清单中同一编号的实体有格式错误，无法更新', en: 'the entity with this id has schema errors in the inventory and cannot be updated' },
          hint: { zh: '先用 yingjie inventory check 修正清单文件，再导入', en: 'fix the inventory file (yingjie inventory check) first, then import' },
          location: rec.doc.locate(['metadata', 'id']),
        }),
      )
    }
  }

  // Same rules as `inventory check`: the inventory with the rows in place of the entities they update.
  const replaced = new Set(records.map((r) => r.existing).filter((e): e is AnyEntity => e !== undefined))
  const merged: Inventory = {
    root: inventory.root,
    files: [...inventory.files],
    entities: inventory.entities.filter((e) => !replaced.has(e)),
    invalidIds: new Set(inventory.invalidIds),
    findings: [...inventory.findings],
  }
  addDocuments(
    merged,
    records.map((r) => r.doc!),
  )
  const check = checkInventory(merged)

  const byRow = new Map(records.map((r) => [rowKey(r.file, r.sheet, r.row), r]))
  const cellsWithProblems = new Set(cellFindings.filter((f) => f.severity === 'error' && f.location).map((f) => locationKey(f.location!)))
  const baselineKeys = new Set(baseline.findings.map(findingKey))
  const findings: Finding[] = [...cellFindings]
  const existingErrors: Finding[] = []
  for (const f of check.findings) {
    const loc = f.location
    if (loc && inputFiles.has(loc.file)) {
      const rec = byRow.get(rowKey(loc.file, loc.sheet, loc.line))
      const relocated = rec ? { ...f, location: rec.doc!.locate(CODE_COLUMN[f.code] && rec.columnFor.has(CODE_COLUMN[f.code]!.join('.')) ? CODE_COLUMN[f.code]! : (f.path ?? [])) } : f
      if (cellsWithProblems.has(locationKey(relocated.location!))) continue // the cell's own problem says it better
      findings.push(relocated)
    } else if (baselineKeys.has(findingKey(f))) {
      if (f.severity === 'error') existingErrors.push(f)
    } else {
      findings.push(f)
    }
  }
  findings.sort(compareFindings)
  const ok = !findings.some((f) => f.severity === 'error')
  const rows = records.length

  if (!ok) {
    const errorWorkbooks: string[] = []
    if (!options.dryRun) {
      for (const input of inputs) {
        const own = findings.filter((f) => f.location?.file === input.file)
        if (!own.some((f) => f.severity === 'error') || input.findings.some((f) => UNOPENED.has(f.code))) continue
        // The office's own workbook may show the number; what goes to the terminal and logs may not.
        errorWorkbooks.push(await writeErrorWorkbook(input, own))
      }
    }
    return { ok, findings: findings.map(maskPersonal), existingErrors, changes: [], written: [], errorWorkbooks, rows }
  }

  const { changes, texts } = await planWrites(records, inventory, dir)
  const written: string[] = []
  if (!options.dryRun) {
    for (const [file, text] of texts) {
      await writeFileAtomic(file, text)
      written.push(file)
    }
  }
  return { ok, findings: findings.map(maskPersonal), existingErrors, changes, written, errorWorkbooks: [], rows }
}

const PERSONAL_FIELDS = new Set(['phone', 'idNumber'])

/** Phone numbers in a finding's text become 138****6087-style, so printed output and logs carry no personal data. */
function maskPersonal(f: Finding): Finding {
  const last = f.path?.[f.path.length - 1]
  if (typeof last !== 'string' || !PERSONAL_FIELDS.has(last)) return f
  const mask = (text: string): string => text.replace(/\d{6,}/g, (d) => `${d.slice(0, 3)}${'*'.repeat(d.length - 5)}${d.slice(-2)}`)
  return { ...f, message: { zh: mask(f.message.zh), en: mask(f.message.en) }, hint: { zh: mask(f.hint.zh), en: mask(f.hint.en) } }
}

/** Entities of the inventory by kind and id, and organizations by name, for matching rows. */
class EntityLookup {
  readonly byKey = new Map<string, AnyEntity>()
  readonly orgByName = new Map<string, string>()
  readonly orgIds = new Set<string>()
  readonly usedIds = new Set<string>()
  private readonly nextSuffix = new Map<string, number>()
  readonly regionIds: string[]
  constructor(readonly inventory: Inventory) {
    const rootFiles = new Set(inventory.files.filter((f) => !relative(inventory.root, f).startsWith('..')))
    for (const e of inventory.entities) {
      const key = `${e.kind}:${e.metadata.id}`
      if (!this.byKey.has(key)) this.byKey.set(key, e)
      this.usedIds.add(e.metadata.id)
      if (e.kind === 'Organization') this.noteOrganization(e)
    }
    for (const id of inventory.invalidIds) this.usedIds.add(id)
    this.regionIds = inventory.entities.filter((e) => e.kind === 'Region' && rootFiles.has(e.source.file)).map((e) => e.metadata.id)
  }

  noteOrganization(value: { metadata?: unknown }): void {
    const meta = value.metadata as { id?: string; name?: string } | undefined
    if (!meta?.id) return
    this.orgIds.add(meta.id)
    if (meta.name) this.orgByName.set(looseKey(meta.name), meta.id)
  }

  resolveOrganization = (text: string): string | undefined => {
    if (this.orgIds.has(text.toLowerCase())) return text.toLowerCase()
    return this.orgByName.get(looseKey(text))
  }

  /** An existing entity the row describes when its id cell is empty: same owner and same identifier or name. */
  match(kind: SheetKind, value: Record<string, unknown>): AnyEntity | undefined {
    const meta = value.metadata as { name?: string; owner?: string }
    const spec = (value.spec ?? {}) as Record<string, unknown>
    const candidates = this.inventory.entities.filter((e) => e.kind === kind)
    if (kind === 'Organization') {
      return candidates.find((e) => e.kind === 'Organization' && ((spec.uscc !== undefined && e.spec.uscc === spec.uscc) || e.metadata.name === meta.name))
    }
    const sameOwner = candidates.filter((e) => e.metadata.owner === meta.owner)
    if (kind === 'Channel') {
      const ids = (spec.identifiers ?? {}) as { androidPackage?: string; h5Url?: string; miniprogram?: { appid?: string }; officialAccount?: { name?: string } }
      const hit = sameOwner.find((e) => {
        if (e.kind !== 'Channel') return false
        const theirs = e.spec.identifiers ?? {}
        return (
          (ids.miniprogram?.appid !== undefined && theirs.miniprogram?.appid === ids.miniprogram.appid) ||
          (ids.androidPackage !== undefined && theirs.androidPackage === ids.androidPackage) ||
          (ids.h5Url !== undefined && theirs.h5Url === ids.h5Url) ||
          (ids.officialAccount?.name !== undefined && theirs.officialAccount?.name === ids.officialAccount.name)
        )
      })
      if (hit) return hit
    }
    if (kind === 'Interface') {
      const hit = sameOwner.find((e) => e.kind === 'Interface' && spec.endpoint !== undefined && e.spec.endpoint === spec.endpoint)
      if (hit) return hit
    }
    return sameOwner.find((e) => e.metadata.name === meta.name)
  }

  /** A fresh id such as bd-rsj-h5 or bd-rsj-h5-2, unique in the inventory and this import. */
  newId(kind: SheetKind, value: Record<string, unknown>): string | undefined {
    const owner = (value.metadata as { owner?: unknown }).owner
    if (typeof owner !== 'string' || !/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(owner)) return undefined
    const suffix = kind === 'Interface' ? 'api' : (TYPE_SUFFIX[String((value.spec as { type?: unknown } | undefined)?.type)] ?? 'channel')
    const base = `${owner}-${suffix}`
    let n = this.nextSuffix.get(base) ?? 1
    let id = n === 1 ? base : `${base}-${n}`
    while (this.usedIds.has(id)) id = `${base}-${++n}`
    this.nextSuffix.set(base, n + 1)
    this.usedIds.add(id)
    return id
  }
}

interface RecognizedSheet {
  input: WorkbookTables
  table: SheetTable
  def: SheetDef
  headerRow: number
  /** Column number → definition. */
  columns: Map<number, ColumnDef>
}

const OWN_SHEETS = new Set([INSTRUCTIONS_SHEET.zh, INSTRUCTIONS_SHEET.en, SUMMARY_SHEET.zh, SUMMARY_SHEET.en].map(looseKey))

function sheetLocation(input: WorkbookTables, table: SheetTable, row: number, column: number): SourceLocation {
  return input.format === 'csv' ? { file: input.file, line: row, column } : { file: input.file, line: row, column, sheet: table.name }
}

/** Find each sheet's kind and header row: by its name, else by which columns its headers name. */
function recognizeSheets(input: WorkbookTables, findings: Finding[]): RecognizedSheet[] {
  const out: RecognizedSheet[] = []
  for (const table of input.sheets) {
    const nameKey = looseKey(table.name)
    if (OWN_SHEETS.has(nameKey)) continue
    const named = SHEETS.find((d) => [d.name.zh, d.name.en, ...(d.aliases ?? [])].some((n) => looseKey(n) === nameKey))
    if (table.hidden && !named) {
      if (table.rows.length > 0) {
        findings.push(
          finding({
            code: 'YJ_SHEET_HIDDEN',
            severity: 'warning',
            message: { zh: `隐藏的工作表“${table.name}”没有导入`, en: `hidden sheet "${table.name}" was not imported` },
            hint: { zh: '如需导入，请取消隐藏并把表名改为“渠道”“接口”或“单位”', en: 'unhide it and name it 渠道, 接口 or 单位 to import it' },
            location: sheetLocation(input, table, 1, 1),
          }),
        )
      }
      continue
    }
    let best: { def: SheetDef; headerRow: number; columns: Map<number, ColumnDef>; score: number; unknown: { column: number; text: string }[] } | undefined
    for (const tr of table.rows.slice(0, 10)) {
      for (const def of named ? [named] : SHEETS) {
        const { columns, unknown } = matchHeaders(def, tr.cells)
        const score = columns.size
        if (score >= 2 && (!best || score > best.score)) best = { def, headerRow: tr.row, columns, score, unknown }
      }
    }
    if (!best) {
      if (table.rows.length > 0) {
        findings.push(
          finding({
            code: 'YJ_SHEET_UNKNOWN',
            severity: 'warning',
            message: { zh: `无法识别工作表“${table.name}”的表头，已跳过`, en: `could not recognise the headers of sheet "${table.name}"; skipped` },
            hint: { zh: '使用 yingjie inventory survey 生成的摸查表，不要修改表头', en: 'use the survey workbook from yingjie inventory survey and keep its headers' },
            location: sheetLocation(input, table, 1, 1),
          }),
        )
      }
      continue
    }
    if (table.hidden) {
      findings.push(
        finding({
          code: 'YJ_SHEET_HIDDEN',
          severity: 'warning',
          message: { zh: `工作表“${table.name}”是隐藏的，仍已导入`, en: `sheet "${table.name}" is hidden; imported anyway` },
          hint: { zh: '确认其中的内容是要报送的', en: 'make sure its content is meant to be submitted' },
          location: sheetLocation(input, table, best.headerRow, 1),
        }),
      )
    }
    for (const u of best.unknown) {
      findings.push(
        finding({
          code: 'YJ_COLUMN_UNKNOWN',
          severity: 'warning',
          message: { zh: `表头“${u.text}”不是摸查表的列，该列没有导入`, en: `header "${u.text}" is not a survey column; the column was not imported` },
          hint: { zh: `可用的列：${best.def.columns.map((c) => c.header.zh).join('、')}`, en: `columns: ${best.def.columns.map((c) => c.header.en).join(', ')}` },
          location: sheetLocation(input, table, best.headerRow, u.column),
        }),
      )
    }
    out.push({ input, table, def: best.def, headerRow: best.headerRow, columns: best.columns })
  }
  return out
}

const headerIndexes = new Map<SheetDef, Map<string, ColumnDef>>()

/** Every header text a column answers to, by its loose form. */
function headerIndex(def: SheetDef): Map<string, ColumnDef> {
  let index = headerIndexes.get(def)
  if (!index) {
    index = new Map()
    for (const c of def.columns) {
      for (const h of [c.header.zh, c.header.en, c.key, c.path.join('.'), ...(c.aliases ?? [])]) if (!index.has(looseKey(h))) index.set(looseKey(h), c)
    }
    headerIndexes.set(def, index)
  }
  return index
}

function matchHeaders(def: SheetDef, cells: Cell[]): { columns: Map<number, ColumnDef>; unknown: { column: number; text: string }[] } {
  const columns = new Map<number, ColumnDef>()
  const unknown: { column: number; text: string }[] = []
  const taken = new Set<ColumnDef>()
  const index = headerIndex(def)
  cells.forEach((cell, i) => {
    if (cell.kind !== 'string' || isBlank(cell)) return
    // Headers may carry a note in brackets or on a second line: 渠道名称（必填）.
    const col = index.get(looseKey(cell.text.split(/[\n(（]/)[0] ?? ''))
    if (col && !taken.has(col)) {
      taken.add(col)
      columns.set(i + 1, col)
    } else {
      unknown.push({ column: i + 1, text: trimCellText(cell.text) })
    }
  })
  return { columns, unknown }
}

function readRows(
  input: WorkbookTables,
  table: SheetTable,
  def: SheetDef,
  headerRow: number,
  columns: Map<number, ColumnDef>,
  index: EntityLookup,
  findings: Finding[],
): RowRecord[] {
  const firstColumn = Math.min(...columns.keys())
  const columnFor = new Map([...columns].map(([n, c]) => [c.path.join('.'), n]))
  const out: RowRecord[] = []
  for (const tr of table.rows) {
    if (tr.row <= headerRow) continue
    if (tr.cells.every(isBlank)) continue
    const first = tr.cells.find((c) => !isBlank(c))
    if (first?.kind === 'string' && trimCellText(first.text).startsWith(EXAMPLE_MARK)) continue
    const cells = new Map<ColumnDef, { column: number; result: CellResult }>()
    for (const [n, col] of columns) {
      const resolver = col.key === 'owner' || col.key === 'parent' ? index.resolveOrganization : undefined
      const result = convertCell(col, tr.cells[n - 1] ?? { kind: 'empty' }, resolver)
      cells.set(col, { column: n, result })
      if (result.problem) {
        findings.push(finding({ ...result.problem, location: sheetLocation(input, table, tr.row, n), path: col.path }))
      }
    }
    const rec: RowRecord = { kind: def.kind, def, file: input.file, sheet: input.format === 'csv' ? undefined : table.name, row: tr.row, firstColumn, cells, columnFor, value: {} }
    buildValue(rec, index, input.meta)
    out.push(rec)
  }
  return out
}

function getPath(obj: Record<string, unknown>, path: ValuePath): unknown {
  let node: unknown = obj
  for (const seg of path) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined
  return node
}

function setPath(obj: Record<string, unknown>, path: ValuePath, value: unknown): void {
  let node = obj
  for (const seg of path.slice(0, -1)) {
    const next = node[seg]
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[seg] = {}
    node = node[seg] as Record<string, unknown>
  }
  node[String(path[path.length - 1])] = value
}

function deletePath(obj: Record<string, unknown>, path: ValuePath): void {
  const chain: Record<string, unknown>[] = [obj]
  for (const seg of path.slice(0, -1)) {
    const next = chain[chain.length - 1]![seg]
    if (typeof next !== 'object' || next === null || Array.isArray(next)) return
    chain.push(next as Record<string, unknown>)
  }
  delete chain[chain.length - 1]![String(path[path.length - 1])]
  // An object the deletion leaves empty goes too (contact: {} means nothing), but never metadata or spec.
  for (let depth = chain.length - 1; depth >= 2; depth--) {
    if (Object.keys(chain[depth]!).length > 0) break
    delete chain[depth - 1]![String(path[depth - 1])]
  }
}

/** The entity the row describes: the existing one with the row's columns applied, or a new one. */
function buildValue(rec: RowRecord, index: EntityLookup, meta: Record<string, string>): void {
  const fields: Record<string, unknown> = { metadata: {}, spec: {} }
  for (const [col, { result }] of rec.cells) if (result.value !== undefined) setPath(fields, col.path, result.value)
  const m = fields.metadata as Record<string, unknown>
  // A single-organization survey remembers its organization; rows may leave the owner empty.
  const ownerProblem = [...rec.cells].some(([c, { result }]) => c.key === 'owner' && result.problem)
  if (m.owner === undefined && rec.kind !== 'Organization' && meta.org && !ownerProblem) m.owner = meta.org
  const id = typeof m.id === 'string' ? m.id : undefined
  const existing = id !== undefined ? index.byKey.get(`${rec.kind}:${id}`) : index.match(rec.kind, fields)
  rec.existing = existing
  if (existing) {
    const { source: _source, ...plain } = existing as AnyEntity & Record<string, unknown>
    const value = structuredClone(plain) as Record<string, unknown>
    for (const [col, { result }] of rec.cells) {
      if (col.key === 'owner' && result.value === undefined) continue // a single-organization survey leaves it empty
      if (result.value === undefined) deletePath(value, col.path)
      else setPath(value, col.path, result.value)
    }
    if (getPath(value, ['metadata', 'id']) === undefined) setPath(value, ['metadata', 'id'], existing.metadata.id)
    if (m.owner !== undefined) setPath(value, ['metadata', 'owner'], m.owner)
    rec.value = value
    return
  }
  const newId = id ?? (rec.kind === 'Organization' ? undefined : index.newId(rec.kind, fields))
  if (id !== undefined) index.usedIds.add(id)
  const metadata: Record<string, unknown> = {}
  for (const key of ['id', 'name', 'owner', 'description']) {
    const v = key === 'id' ? newId : m[key]
    if (v !== undefined) metadata[key] = v
  }
  const spec = fields.spec as Record<string, unknown>
  if (rec.kind === 'Organization' && spec.region === undefined && index.regionIds.length === 1) spec.region = index.regionIds[0]
  rec.value = { apiVersion: API_VERSION, kind: rec.kind, metadata, spec }
}

function rowKey(file: string, sheet: string | undefined, row: number): string {
  return `${file}\u0000${sheet ?? ''}\u0000${row}`
}

function locationKey(loc: SourceLocation): string {
  return `${loc.file}\u0000${loc.sheet ?? ''}\u0000${loc.line}\u0000${loc.column}`
}

function findingKey(f: Finding): string {
  return `${f.code}\u0000${f.location ? locationKey(f.location) : ''}\u0000${f.message.en}`
}

/** A row as a parsed document: `locate(path)` answers with the cell that holds the path, else the row's first cell. */
function rowDocument(rec: RowRecord): ParsedDocument {
  const at = (column: number): SourceLocation => (rec.sheet === undefined ? { file: rec.file, line: rec.row, column } : { file: rec.file, line: rec.row, column, sheet: rec.sheet })
  const locate = (path: ValuePath): SourceLocation => {
    const dotted = path.map(String)
    // The column for the path itself or its nearest ancestor (spec.services.2.item → the services cell)…
    for (let n = dotted.length; n > 0; n--) {
      const column = rec.columnFor.get(dotted.slice(0, n).join('.'))
      if (column !== undefined) return at(column)
    }
    // …else the first column below it (spec.identifiers → the first identifier column).
    const prefix = `${dotted.join('.')}.`
    for (const [p, column] of rec.columnFor) if (dotted.length > 0 && p.startsWith(prefix)) return at(column)
    return at(rec.firstColumn)
  }
  return { file: rec.file, index: rec.row, value: rec.value, locate }
}

// ---------------------------------------------------------------------------
// Writing

interface PlannedWrites {
  changes: EntityChange[]
  /** New file contents by path; only files that change. */
  texts: Map<string, string>
}

function dotted(path: ValuePath): string {
  return path.map(String).join('.')
}

async function planWrites(records: readonly RowRecord[], inventory: Inventory, dir: string): Promise<PlannedWrites> {
  const changes: EntityChange[] = []
  const texts = new Map<string, string>()
  const original = new Map<string, string | undefined>()
  const textOf = async (file: string): Promise<string | undefined> => {
    if (texts.has(file)) return texts.get(file)
    if (!original.has(file)) original.set(file, existsSync(file) ? await readFile(file, 'utf8') : undefined)
    return original.get(file)
  }
  const schemaHeader = await schemaHeaderFinder(inventory)
  const appends = new Map<string, object[]>()
  for (const rec of records) {
    const meta = rec.value.metadata as { id: string; name: string; owner?: string }
    const source = rec.doc!.locate([])
    if (rec.existing) {
      const { source: _s, ...before } = rec.existing as AnyEntity & Record<string, unknown>
      const edits: ValueEdit[] = diffValues(before, rec.value)
      const file = rec.existing.source.file
      const status: ChangeStatus = edits.length === 0 ? 'unchanged' : 'changed'
      changes.push({ kind: rec.kind, id: meta.id, name: meta.name, status, file, fields: edits.map((e) => dotted(e.path)), source })
      if (edits.length > 0) {
        const text = await textOf(file)
        texts.set(file, editEntityInYaml(text ?? '', rec.kind, meta.id, edits))
      }
      continue
    }
    const folder = rec.kind === 'Organization' ? 'organizations' : 'channels'
    const file = join(dir, folder, `${rec.kind === 'Organization' ? meta.id : (meta.owner ?? 'unowned')}.yaml`)
    changes.push({ kind: rec.kind, id: meta.id, name: meta.name, status: 'added', file, fields: [], source })
    appends.set(file, [...(appends.get(file) ?? []), rec.value])
  }
  for (const [file, values] of appends) {
    const text = await textOf(file)
    texts.set(file, appendEntities(text, values, text === undefined ? schemaHeader(file) : undefined))
  }
  for (const [file, text] of [...texts]) if (text === original.get(file)) texts.delete(file)
  return { changes, texts }
}

/**
 * The `$schema=` path for a new file: the one the inventory's own files use
 * (made relative to the new file), else the schema shipped with @yingjie/model.
 */
async function schemaHeaderFinder(inventory: Inventory): Promise<(file: string) => string> {
  let schema: string | undefined
  for (const file of inventory.files.slice(0, 20)) {
    const head = (await readFile(file, 'utf8').catch(() => '')).slice(0, 500)
    const m = /^#\s*yaml-language-server:\s*\$schema=(\S+)/m.exec(head)
    if (m && !/^[a-z]+:\/\//i.test(m[1]!)) {
      const candidate = resolve(dirname(file), m[1]!)
      if (existsSync(candidate)) {
        schema = candidate
        break
      }
    }
  }
  if (!schema) {
    try {
      schema = createRequire(import.meta.url).resolve('@yingjie/model/schema/inventory.schema.json')
    } catch {
      schema = undefined
    }
  }
  return (file: string) => {
    if (!schema) return 'https://yingjie.invalid/schema/inventory.schema.json'
    const rel = relative(dirname(file), schema).split('\\').join('/')
    return isAbsolute(rel) ? schema : rel
  }
}
