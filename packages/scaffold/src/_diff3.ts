/**
 * Line-based three-way merge (diff3). `base` is what was generated,
 * `ours` the developer's file, `theirs` the new render. A change made on
 * one side only is taken; the same change on both sides is taken once;
 * different changes to the same base lines are a conflict, written with
 * git's diff3-style markers so editors recognise them.
 */

/** A changed stretch: base lines [baseStart, baseEnd) became side lines [sideStart, sideEnd). */
interface Hunk {
  baseStart: number
  baseEnd: number
  sideStart: number
  sideEnd: number
}

// Above this many cells the quadratic LCS table is not built: the differing
// middle is taken as one changed block, which is still a correct merge
// (at worst a larger conflict). Generated files are far below it.
const MAX_TABLE = 16_000_000

/** Lines with their terminators, so a missing final newline is a difference like any other. */
export function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split(/(?<=\n)/)
  return lines
}

/** The changes that turn `a` into `b`, from a longest common subsequence. */
export function diffLines(a: readonly string[], b: readonly string[]): Hunk[] {
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--
    endB--
  }
  const n = endA - start
  const m = endB - start
  if (n === 0 && m === 0) return []
  if (n === 0 || m === 0 || n * m > MAX_TABLE) return [{ baseStart: start, baseEnd: endA, sideStart: start, sideEnd: endB }]
  // lcs[i][j]: length of the LCS of a[start+i..endA) and b[start+j..endB), row-major.
  const width = m + 1
  const lcs = new Uint32Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i * width + j] = a[start + i] === b[start + j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!)
    }
  }
  const hunks: Hunk[] = []
  let i = 0
  let j = 0
  let open: Hunk | undefined
  const close = () => {
    if (open) hunks.push(open)
    open = undefined
  }
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      close()
      i++
      j++
    } else {
      open ??= { baseStart: start + i, baseEnd: start + i, sideStart: start + j, sideEnd: start + j }
      if (j < m && (i === n || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
        j++
        open.sideEnd = start + j
      } else {
        i++
        open.baseEnd = start + i
      }
    }
  }
  close()
  return hunks
}

export interface MergeLabels {
  ours: string
  base: string
  theirs: string
}

export interface MergeResult {
  text: string
  /** Number of conflicting regions written with markers. */
  conflicts: number
}

interface Tagged extends Hunk {
  side: 'ours' | 'theirs'
}

function overlaps(a: Hunk, groupStart: number, groupEnd: number): boolean {
  // Two insertions at the same point, or ranges sharing a base line, collide.
  if (a.baseStart === a.baseEnd && groupStart === groupEnd) return a.baseStart === groupStart
  if (a.baseStart === a.baseEnd) return a.baseStart > groupStart && a.baseStart < groupEnd
  if (groupStart === groupEnd) return groupStart > a.baseStart && groupStart < a.baseEnd
  return a.baseStart < groupEnd && groupStart < a.baseEnd
}

/** The side's lines over base [from, to), given the side's hunks inside that span (sorted). */
function sideSpan(hunks: Tagged[], side: readonly string[], from: number, to: number): string[] {
  const first = hunks[0]!
  const last = hunks[hunks.length - 1]!
  const start = first.sideStart - (first.baseStart - from)
  const end = last.sideEnd + (to - last.baseEnd)
  return side.slice(start, end)
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i])
}

function withNewline(lines: string[]): string[] {
  // A marker must start its own line even when the block ends without a newline.
  const last = lines[lines.length - 1]
  return last === undefined || last.endsWith('\n') ? lines : [...lines.slice(0, -1), `${last}\n`]
}

/**
 * Merge `ours` and `theirs`, both descended from `base`.
 * @example merge3('a\nb\n', 'A\nb\n', 'a\nB\n', labels).text // 'A\nB\n'
 */
export function merge3(base: string, ours: string, theirs: string, labels: MergeLabels): MergeResult {
  // Keep the developer's line endings: merge in LF, write back in CRLF if that is what they use.
  const crlf = /\r\n/.test(ours) && !/(^|[^\r])\n/.test(ours)
  const lf = (s: string) => s.replace(/\r\n/g, '\n')
  const o = splitLines(lf(base))
  const a = splitLines(lf(ours))
  const b = splitLines(lf(theirs))
  const hunks: Tagged[] = [...diffLines(o, a).map((h) => ({ ...h, side: 'ours' as const })), ...diffLines(o, b).map((h) => ({ ...h, side: 'theirs' as const }))].sort(
    (x, y) => x.baseStart - y.baseStart || x.baseEnd - y.baseEnd,
  )
  const out: string[] = []
  let conflicts = 0
  let cursor = 0
  let k = 0
  while (k < hunks.length) {
    // Gather every hunk that collides with the growing group.
    const group: Tagged[] = [hunks[k]!]
    let from = hunks[k]!.baseStart
    let to = hunks[k]!.baseEnd
    k++
    while (k < hunks.length && overlaps(hunks[k]!, from, to)) {
      group.push(hunks[k]!)
      to = Math.max(to, hunks[k]!.baseEnd)
      k++
    }
    out.push(...o.slice(cursor, from))
    const mine = group.filter((h) => h.side === 'ours')
    const yours = group.filter((h) => h.side === 'theirs')
    if (yours.length === 0) out.push(...sideSpan(mine, a, from, to))
    else if (mine.length === 0) out.push(...sideSpan(yours, b, from, to))
    else {
      const oursLines = sideSpan(mine, a, from, to)
      const theirsLines = sideSpan(yours, b, from, to)
      if (sameLines(oursLines, theirsLines)) out.push(...oursLines)
      else {
        conflicts++
        out.push(
          `<<<<<<< ${labels.ours}\n`,
          ...withNewline(oursLines),
          `||||||| ${labels.base}\n`,
          ...withNewline(o.slice(from, to)),
          '=======\n',
          ...withNewline(theirsLines),
          `>>>>>>> ${labels.theirs}\n`,
        )
      }
    }
    cursor = to
  }
  out.push(...o.slice(cursor))
  let text = out.join('')
  if (crlf) text = text.replace(/\n/g, '\r\n')
  return { text, conflicts }
}

/** Does the text still hold conflict markers from a merge? */
export function hasConflictMarkers(text: string): boolean {
  return /^<<<<<<< .*\r?\n[\s\S]*?^>>>>>>> /m.test(text)
}
