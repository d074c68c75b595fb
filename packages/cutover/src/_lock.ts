import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'
import { link, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { YjError } from '@yingjie/model'

export interface LockOptions {
  /**
   * How long to wait for another process to finish with the file.
   * @default 15000
   */
  timeoutMs?: number
}

interface LockOwner {
  pid: number
  host: string
  token: string
  time: string
}

/** The lock file that guards `file`: a dot file beside it, so inventory loading never sees it. */
export function lockPathFor(file: string): string {
  return join(dirname(file), `.${basename(file)}.lock`)
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

async function readOwner(path: string): Promise<LockOwner | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockOwner
  } catch {
    return undefined
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/**
 * Run `fn` while holding an exclusive lock on `file`, shared by every process
 * on this machine. The lock file is created whole with link(2), which fails
 * if it exists, so there is never a half-written lock. A lock whose process
 * has died (kill -9, power loss) is taken over, and the temporary files that
 * process left behind are removed.
 */
export async function withFileLock<T>(file: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lockPath = lockPathFor(file)
  const owner: LockOwner = { pid: process.pid, host: hostname(), token: randomBytes(8).toString('hex'), time: new Date().toISOString() }
  const deadline = Date.now() + (options.timeoutMs ?? 15_000)
  const tmp = `${lockPath}.${owner.token}.tmp`
  await writeFile(tmp, JSON.stringify(owner))
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(tmp, lockPath)
        break
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      }
      const holder = await readOwner(lockPath)
      if (holder && holder.host === owner.host && !alive(holder.pid)) {
        await takeOverStale(file, lockPath, holder, owner.token)
        continue
      }
      if (Date.now() > deadline) {
        throw new YjError({
          code: 'YJ_LOCK_TIMEOUT',
          message: {
            zh: `文件正被另一个进程修改（${holder ? `进程 ${holder.pid}，${holder.host}` : '未知进程'}），等待超时：${file}`,
            en: `the file is being changed by another process (${holder ? `pid ${holder.pid} on ${holder.host}` : 'unknown'}); gave up waiting: ${file}`,
          },
          hint: {
            zh: `稍后重试；如确认没有其他进程在修改，删除锁文件 ${lockPath}`,
            en: `retry later; if no other process is changing it, delete ${lockPath}`,
          },
        })
      }
      await sleep(5 + Math.min(attempt, 10) * 5 + Math.random() * 20)
    }
  } finally {
    await rm(tmp, { force: true })
  }
  try {
    return await fn()
  } finally {
    const holder = await readOwner(lockPath)
    if (holder?.token === owner.token) await rm(lockPath, { force: true })
  }
}

async function takeOverStale(file: string, lockPath: string, dead: LockOwner, myToken: string): Promise<void> {
  // Move the lock aside first, so only one process takes it over; if what we
  // moved is not the dead process's lock (someone took over just before us),
  // put it back.
  const aside = `${lockPath}.stale.${myToken}`
  try {
    await rename(lockPath, aside)
  } catch {
    return
  }
  const moved = await readOwner(aside)
  if (moved && moved.token !== dead.token) {
    await link(aside, lockPath).catch(() => undefined)
    await rm(aside, { force: true })
    return
  }
  await rm(aside, { force: true })
  // writeFileAtomic names its temporary files .<name>.<pid>.<random>.tmp
  const prefix = `.${basename(file)}.${dead.pid}.`
  const lockPrefix = `${basename(lockPath)}.`
  for (const name of await readdir(dirname(file)).catch(() => [] as string[])) {
    const path = join(dirname(file), name)
    if (name.startsWith(prefix) && name.endsWith('.tmp')) await rm(path, { force: true })
    else if (name.startsWith(lockPrefix) && name.endsWith('.tmp')) {
      // Lock files other processes prepared but never linked: remove those of dead processes.
      const o = await readOwner(path)
      if (o && o.host === dead.host && !alive(o.pid)) await rm(path, { force: true })
    }
  }
}
