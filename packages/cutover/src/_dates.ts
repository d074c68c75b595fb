// Calendar dates as whole UTC day numbers: cheap to compare and subtract, and
// free of time zones (inventory dates are plain YYYY-MM-DD).

const DAY_MS = 86_400_000
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

// Plans look up the same few hundred dates hundreds of thousands of times.
const cache = new Map<string, number | undefined>()

/** Day number of a YYYY-MM-DD date, or undefined when it is not one. */
export function dayOf(date: string): number | undefined {
  if (cache.has(date)) return cache.get(date)
  const day = parseDay(date)
  if (cache.size > 100_000) cache.clear()
  cache.set(date, day)
  return day
}

function parseDay(date: string): number | undefined {
  const m = ISO_DATE.exec(date)
  if (!m) return undefined
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  const back = new Date(ms)
  if (back.getUTCMonth() !== Number(m[2]) - 1 || back.getUTCDate() !== Number(m[3])) return undefined
  return ms / DAY_MS
}

export function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10)
}

/** Monday of the week that holds `day` (ISO weeks start on Monday). */
export function mondayOf(day: number): number {
  // 1970-01-01 was a Thursday: day 0 → weekday 3 counting Monday as 0.
  const weekday = (((day + 3) % 7) + 7) % 7
  return day - weekday
}

/** Today in UTC+8, the time zone every Chinese government office works in. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10)
}

/** 2022年12月1日 */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split('-')
  return `${Number(y)}年${Number(m)}月${Number(d)}日`
}
