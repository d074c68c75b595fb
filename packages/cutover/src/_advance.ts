import { readFile, stat } from 'node:fs/promises'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import { isMap, isScalar, isSeq, parseAllDocuments, stringify, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml'
import { decodeUtf8, loadInventory, STAGES, writeFileAtomic, YjError, type Entity, type Stage, type StageEvent } from '@yingjie/model'
import { todayInChina, dayOf } from './_dates'
import { checkTransition, currentEvent, type TransitionResult } from './_machine'
import { withFileLock, type LockOptions } from './_lock'

export interface AdvanceRequest {
  channel: string
  stage: Stage
  /** @default today (UTC+8) */
  date?: string
  by?: string
  note?: string
  /** Required when moving back. */
  reason?: string
  /** URLs, or files (recorded relative to the inventory root; they must exist). */
  evidence?: string[]
}

export interface AdvanceResult {
  file: string
  event: StageEvent
  from: Stage | null
  direction: 'forward' | 'backward'
}

export interface AdvanceOptions extends LockOptions {
  /** Resolves relative evidence files. @default process.cwd() */
  cwd?: string
}

/**
 * Append one stage event to a channel's Migration, in place: the rest of the
 * file (comments, order, quoting, blank lines) is kept byte for byte. The
 * file is locked for the read-check-write, so processes advancing different
 * channels of one file lose nothing, and replaced atomically, so a process
 * killed at any moment leaves either the old file or the new one.
 */
export async function advanceChannel(root: string, request: AdvanceRequest, options: AdvanceOptions = {}): Promise<AdvanceResult> {
  const date = request.date ?? todayInChina()
  if (dayOf(date) === undefined) {
    throw new YjError({
      code: 'YJ_DATE_INVALID',
      message: { zh: `日期无效：${date}`, en: `invalid date: ${date}` },
      hint: { zh: '日期写作 YYYY-MM-DD，例如 2022-12-01', en: 'write dates as YYYY-MM-DD, e.g. 2022-12-01' },
    })
  }
  if (!(STAGES as readonly string[]).includes(request.stage)) {
    throw new YjError({
      code: 'YJ_VALUE_NOT_ALLOWED',
      message: { zh: `未知阶段：${request.stage}`, en: `unknown stage: ${request.stage}` },
      hint: { zh: `可选：${STAGES.join('、')}`, en: `one of: ${STAGES.join(', ')}` },
    })
  }
  const inventory = await loadInventory(root)
  const channel = inventory.entities.find((e): e is Entity<'Channel'> => e.kind === 'Channel' && e.metadata.id === request.channel)
  if (!channel) {
    throw new YjError({
      code: 'YJ_REF_UNKNOWN',
      message: { zh: `清单中没有渠道 ${request.channel}`, en: `no channel ${request.channel} in the inventory` },
      hint: { zh: '检查渠道 id（Channel 的 metadata.id）和清单目录', en: 'check the channel id (metadata.id of a Channel) and the inventory folder' },
    })
  }
  const migrationOf = (id: string): Entity<'Migration'> | undefined =>
    inventory.entities.find((e): e is Entity<'Migration'> => e.kind === 'Migration' && e.spec.channel === id)
  const migration = migrationOf(request.channel)
  if (!migration) {
    throw new YjError({
      code: 'YJ_MIGRATION_MISSING',
      message: { zh: `渠道 ${request.channel} 没有迁移进度记录（Migration）`, en: `channel ${request.channel} has no Migration` },
      hint: { zh: `先在清单中添加 kind: Migration，spec.channel: ${request.channel}`, en: `add a Migration with spec.channel: ${request.channel} first` },
    })
  }
  const evidence = await normaliseEvidence(request.evidence ?? [], root, options.cwd ?? process.cwd())
  const event: StageEvent = { date, stage: request.stage }
  if (request.by) event.by = request.by
  if (request.note) event.note = request.note
  if (request.reason) event.reason = request.reason
  if (evidence.length > 0) event.evidence = evidence

  const mergeTarget = channel.spec.decision === 'merge' ? channel.spec.mergeInto : undefined
  const file = migration.source.file
  return withFileLock(
    file,
    async () => {
      // Read again under the lock: another process may have appended since we loaded.
      const text = await readText(file)
      const targetEvents = mergeTarget ? await currentEventsOf(mergeTarget, migrationOf(mergeTarget), file, text) : undefined
      const { text: next, events } = appendEventToText(text, request.channel, event, (history) => {
        const last = history[history.length - 1]
        return checkTransition({
          from: last?.stage ?? null,
          to: event.stage,
          decision: channel.spec.decision,
          lastDate: last?.date ?? null,
          date,
          reason: event.reason,
          mergeTarget,
          mergeTargetStage: mergeTarget ? (currentEvent(targetEvents, date)?.stage ?? null) : undefined,
        })
      })
      await writeFileAtomic(file, next)
      const prev = events[events.length - 2]
      return {
        file,
        event,
        from: prev?.stage ?? null,
        direction: prev && STAGES.indexOf(prev.stage) > STAGES.indexOf(event.stage) ? 'backward' : 'forward',
      }
    },
    options,
  )
}

async function readText(file: string): Promise<string> {
  const decoded = decodeUtf8(await readFile(file), file)
  if ('finding' in decoded) throw new YjError(decoded.finding)
  return decoded.text
}

async function currentEventsOf(id: string, m: Entity<'Migration'> | undefined, lockedFile: string, lockedText: string): Promise<StageEvent[] | undefined> {
  if (!m) return undefined
  if (m.source.file !== lockedFile) return m.spec.events
  // Same file: use what is on disk now.
  for (const doc of parseAllDocuments(lockedText)) {
    const v = doc.toJS() as { kind?: string; spec?: { channel?: string; events?: StageEvent[] } } | null
    if (v?.kind === 'Migration' && v.spec?.channel === id) return v.spec.events
  }
  return undefined
}

async function normaliseEvidence(items: readonly string[], root: string, cwd: string): Promise<string[]> {
  const rootDir = (await stat(root)).isDirectory() ? root : resolve(root, '..')
  const out: string[] = []
  for (const item of items) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(item)) {
      out.push(item)
      continue
    }
    const abs = isAbsolute(item) ? item : resolve(cwd, item)
    try {
      await stat(abs)
    } catch {
      throw new YjError({
        code: 'YJ_EVIDENCE_NOT_FOUND',
        message: { zh: `证明材料文件不存在：${item}`, en: `evidence file not found: ${item}` },
        hint: { zh: '给出网址（http/https）或已存在的文件路径', en: 'give a URL (http/https) or the path of an existing file' },
      })
    }
    const rel = relative(rootDir, abs)
    out.push(rel.startsWith('..') || isAbsolute(rel) ? abs : rel.split(sep).join('/'))
  }
  return out
}

/**
 * Append `event` to the events of the Migration for `channel` in `text`,
 * touching nothing else. `check` sees the events already in the file and may
 * refuse the move. The result is parsed again and compared with the input, so
 * a formatting case this function does not know can never corrupt a file.
 */
export function appendEventToText(
  text: string,
  channel: string,
  event: StageEvent,
  check: (history: readonly StageEvent[]) => TransitionResult = () => ({ ok: true, direction: 'forward' }),
): { text: string; events: StageEvent[] } {
  const docs = parseAllDocuments(text)
  const list: Document.Parsed[] = 'empty' in docs ? [] : docs
  const before = list.map((d) => d.toJS() as unknown)
  const index = before.findIndex((v) => {
    const o = v as { kind?: string; spec?: { channel?: string } } | null
    return o?.kind === 'Migration' && o.spec?.channel === channel
  })
  if (index < 0 || list.some((d) => d.errors.length > 0)) {
    throw new YjError({
      code: 'YJ_MIGRATION_MISSING',
      message: { zh: `文件中找不到渠道 ${channel} 的迁移记录，或文件有语法错误`, en: `no Migration for ${channel} in the file, or the file has syntax errors` },
      hint: { zh: '先运行 yingjie inventory check 修正清单', en: 'run yingjie inventory check and fix the inventory first' },
    })
  }
  const doc = list[index]!
  const history = ((before[index] as { spec: { events?: StageEvent[] } }).spec.events ?? []) as StageEvent[]
  const verdict = check(history)
  if (!verdict.ok) throw new YjError({ code: verdict.code, message: verdict.message, hint: verdict.hint })

  const eol = text.includes('\r\n') ? '\r\n' : '\n'
  const next = insertEvent(text, doc, event, eol)
  // Prove the edit: every other document unchanged, this one has exactly one more event.
  const after = parseAllDocuments(next)
  const afterList: Document.Parsed[] = 'empty' in after ? [] : after
  const expected = structuredClone(before)
  const spec = (expected[index] as { spec: { events?: StageEvent[] } }).spec
  spec.events = [...(spec.events ?? []), event]
  const same =
    afterList.length === expected.length &&
    afterList.every((d, i) => d.errors.length === 0 && JSON.stringify(d.toJS()) === JSON.stringify(expected[i]))
  if (!same) {
    throw new YjError({
      code: 'YJ_APPEND_UNSAFE',
      message: {
        zh: `无法在不改动其他内容的前提下向 ${channel} 的 events 追加事件（文件写法特殊），文件未修改`,
        en: `cannot append to the events of ${channel} without changing other content (unusual layout); the file was not changed`,
      },
      hint: { zh: '把 events 改成常见的块状列表写法（每条以 “- date:” 开头）后重试', en: 'write events as an ordinary block list (each item starting "- date:") and retry' },
    })
  }
  return { text: next, events: spec.events }
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1
}

/** Offset just past the end of the line holding `offset` (after its newline), or the end of the text. */
function afterLine(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset
  const nl = text.indexOf('\n', offset)
  return nl < 0 ? text.length : nl + 1
}

function insertAt(text: string, at: number, chunk: string, eol: string): string {
  const needsBreak = at === text.length && at > 0 && !text.endsWith('\n')
  return `${text.slice(0, at)}${needsBreak ? eol : ''}${chunk}${text.slice(at)}`
}

function insertEvent(text: string, doc: Document.Parsed, event: StageEvent, eol: string): string {
  const spec = doc.get('spec', true) as YAMLMap | undefined
  if (!isMap(spec)) throw new Error('Migration without a spec mapping')
  const pair = spec.items.find((p) => isScalar(p.key) && p.key.value === 'events') as Pair<Node, Node | null> | undefined
  const keyNode = pair?.key as Node | undefined
  const value = pair?.value as Node | null | undefined

  if (isSeq(value) && !value.flow && value.items.length > 0) {
    const seq = value as YAMLSeq<Node>
    const first = seq.items[0]!
    const start = first.range![0]
    const ls = lineStart(text, start)
    const prefix = text.slice(ls, start)
    const dash = prefix.indexOf('-')
    const at = afterLine(text, seq.items[seq.items.length - 1]!.range![1])
    return insertAt(text, at, blockItem(event, dash < 0 ? 0 : dash, start - ls, eol), eol)
  }
  if (isSeq(value) && value.flow) {
    const seq = value as YAMLSeq<Node>
    const end = seq.range![1]
    const close = text.lastIndexOf(']', end)
    if (seq.items.length === 0) {
      // events: []  →  a block list under the key
      const keyIndent = keyNode!.range![0] - lineStart(text, keyNode!.range![0])
      const open = text.lastIndexOf('[', close)
      return `${text.slice(0, open).replace(/[ \t]+$/, '')}${eol}${blockItem(event, keyIndent + 2, keyIndent + 4, eol).replace(/(\r?\n)$/, '')}${text.slice(close + 1)}`
    }
    return `${text.slice(0, close).replace(/\s+$/, '')}, ${flowItem(event)}${text.slice(close)}`
  }
  if (pair && (value === null || value === undefined || (isScalar(value) && (value.value === null || value.value === '')))) {
    // events: (empty)
    const keyIndent = keyNode!.range![0] - lineStart(text, keyNode!.range![0])
    const valueEnd = isScalar(value) && value.range ? value.range[1] : keyNode!.range![1]
    const at = afterLine(text, valueEnd)
    return insertAt(text, at, blockItem(event, keyIndent + 2, keyIndent + 4, eol), eol)
  }
  if (!pair && !spec.flow && spec.items.length > 0) {
    const firstKey = spec.items[0]!.key as Node
    const indent = firstKey.range![0] - lineStart(text, firstKey.range![0])
    const lastPair = spec.items[spec.items.length - 1]!
    const lastEnd = ((lastPair.value as Node | null)?.range ?? (lastPair.key as Node).range)![1]
    const at = afterLine(text, lastEnd)
    return insertAt(text, at, `${' '.repeat(indent)}events:${eol}${blockItem(event, indent + 2, indent + 4, eol)}`, eol)
  }
  throw new YjError({
    code: 'YJ_APPEND_UNSAFE',
    message: { zh: '迁移记录的 spec 写法特殊，无法安全追加事件，文件未修改', en: 'the Migration spec has an unusual layout; cannot append safely; the file was not changed' },
    hint: { zh: '把 spec 和 events 改成常见的块状写法后重试', en: 'write spec and events in ordinary block style and retry' },
  })
}

const DATE = /^\d{4}-\d{2}-\d{2}$/

function scalar(value: string): string {
  if (DATE.test(value)) return value
  if (/[\r\n]/.test(value)) return JSON.stringify(value)
  const s = stringify(value, { lineWidth: 0 }).replace(/\n$/, '')
  return s.includes('\n') ? JSON.stringify(value) : s
}

/** One event as a block list item: `dash` spaces before "-", keys at column `keyCol`. */
function blockItem(event: StageEvent, dash: number, keyCol: number, eol: string): string {
  const keyPad = ' '.repeat(Math.max(keyCol, dash + 2))
  const lines: string[] = []
  const entries: [string, string | string[] | undefined][] = [
    ['date', event.date],
    ['stage', event.stage],
    ['by', event.by],
    ['note', event.note],
    ['reason', event.reason],
    ['evidence', event.evidence],
  ]
  for (const [k, v] of entries) {
    if (v === undefined) continue
    if (Array.isArray(v)) {
      lines.push(`${k}:`)
      for (const item of v) lines.push(`  - ${scalar(item)}`)
    } else {
      lines.push(`${k}: ${scalar(v)}`)
    }
  }
  const head = `${' '.repeat(dash)}-${' '.repeat(Math.max(keyPad.length - dash - 1, 1))}`
  return lines.map((l, i) => (i === 0 ? head : keyPad) + l).join(eol) + eol
}

function flowItem(event: StageEvent): string {
  const parts = Object.entries(event).map(([k, v]) => `${k}: ${Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(', ')}]` : DATE.test(String(v)) ? v : JSON.stringify(v)}`)
  return `{ ${parts.join(', ')} }`
}
