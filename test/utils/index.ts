/**
 * Shared helpers for tests: temporary inventory trees, running the CLI
 * in-process or as a real child process.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { main } from '@yingjie/cli'

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const SAMPLE_BAODING = join(REPO_ROOT, 'inventories', 'baoding')
export const SAMPLE_HEBEI = join(REPO_ROOT, 'inventories', 'hebei')

export interface TempDir {
  path: string
  /** Write files relative to the folder; strings are UTF-8, buffers written as is. */
  write(files: Record<string, string | Uint8Array>): Promise<void>
  cleanup(): Promise<void>
}

/** A fresh temporary folder holding `files`. Remember to call cleanup(). */
export async function tempDir(files: Record<string, string | Uint8Array> = {}): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), 'yingjie-test-'))
  const write = async (more: Record<string, string | Uint8Array>): Promise<void> => {
    for (const [name, content] of Object.entries(more)) {
      const file = join(path, name)
      await mkdir(dirname(file), { recursive: true })
      await writeFile(file, content)
    }
  }
  await write(files)
  return { path, write, cleanup: () => rm(path, { recursive: true, force: true }) }
}

export interface RunResult {
  code: number
  stdout: string
  stderr: string
}

/** Run `yingjie` in this process (fast); output is captured, colour off. */
export async function runMain(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<RunResult> {
  let stdout = ''
  let stderr = ''
  const code = await main(argv, {
    stdout: { write: (s: string) => void (stdout += s), isTTY: false },
    stderr: { write: (s: string) => void (stderr += s) },
    cwd: options.cwd ?? REPO_ROOT,
    env: { ...options.env },
  })
  return { code, stdout, stderr }
}

/**
 * Run the real `yingjie` binary from source as a child process (through tsx
 * and the "source" export condition), exactly as a user's shell would.
 */
export function runCli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<RunResult> {
  const bin = join(REPO_ROOT, 'packages', 'cli', 'src', 'bin.ts')
  // Resolve tsx from the repository, so the child can run from any folder.
  const tsx = pathToFileURL(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx')).href
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, bin, ...argv], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolvePromise({ code: code ?? -1, stdout, stderr })
    })
  })
}

/** A minimal valid inventory: one region, one organization, one channel. */
export function minimalInventory(overrides: { channel?: string; organization?: string; region?: string } = {}): Record<string, string> {
  return {
    'region.yaml': overrides.region ?? REGION_YAML,
    'orgs.yaml': overrides.organization ?? ORG_YAML,
    'channels.yaml': overrides.channel ?? CHANNEL_YAML,
  }
}

export const REGION_YAML = `apiVersion: yingjie/v1
kind: Region
metadata:
  id: testcity
  name: 测试市
spec:
  province: 河北省
  city: 保定市
  regionCode: "130600"
  platform: hebei-jishiban
`

// 11130600MB0000001X-style codes are computed, not invented: see the validators.
export const ORG_YAML = `apiVersion: yingjie/v1
kind: Organization
metadata:
  id: test-rsj
  name: 测试市人力资源和社会保障局
spec:
  uscc: 91350100M000100Y43
  level: city
  regionCode: "130600"
  contact:
    name: 张三
    phone: 0312-1234567
`

export const CHANNEL_YAML = `apiVersion: yingjie/v1
kind: Channel
metadata:
  id: test-rsj-h5
  name: 测试人社 H5
  owner: test-rsj
spec:
  type: h5
  identifiers:
    h5Url: https://rsj.test.invalid/h5/
  decision: retire
  accessMode: self
`

/** Open an .xlsx file with exceljs, for tests that look inside the workbooks the CLI writes. */
export async function openWorkbook(file: string): Promise<import('exceljs').Workbook> {
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.readFile(file)
  return workbook
}

/** A writable copy of the bundled sample inventories (baoding and the hebei list it includes). */
export async function sampleCopy(): Promise<TempDir & { inventory: string }> {
  const { cp } = await import('node:fs/promises')
  const dir = await tempDir()
  await cp(join(REPO_ROOT, 'inventories'), dir.path, { recursive: true })
  return { ...dir, inventory: join(dir.path, 'baoding') }
}

// --- web scanner (issue 7) ---
export { SIM_HOSTS, SIM_PLATFORM_DOMAIN, SIM_PLATFORM_URL, simInventory, startSimSite, type SimRequest, type SimSite, type SimSiteOptions } from './sim-site'

export interface SpawnedCli {
  child: import('node:child_process').ChildProcess
  /** Output so far. */
  output(): { stdout: string; stderr: string }
  /** Resolves once stderr contains `text`. */
  stderrIncludes(text: string): Promise<void>
  done: Promise<RunResult>
}

/** Like runCli, but hands back the child so a test can signal it (Ctrl-C). */
export function spawnCli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): SpawnedCli {
  const bin = join(REPO_ROOT, 'packages', 'cli', 'src', 'bin.ts')
  const tsx = pathToFileURL(createRequire(join(REPO_ROOT, 'package.json')).resolve('tsx')).href
  const child = spawn(process.execPath, ['--conditions=source', '--import', tsx, bin, ...argv], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  const waiters: { text: string; resolve: () => void }[] = []
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d))
  child.stderr!.setEncoding('utf8').on('data', (d: string) => {
    stderr += d
    for (const w of waiters.filter((x) => stderr.includes(x.text))) {
      waiters.splice(waiters.indexOf(w), 1)
      w.resolve()
    }
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000)
  const done = new Promise<RunResult>((resolvePromise, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      for (const w of waiters) w.resolve()
      resolvePromise({ code: code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 9) : -1), stdout, stderr })
    })
  })
  return {
    child,
    output: () => ({ stdout, stderr }),
    stderrIncludes: (text) => (stderr.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve }))),
    done,
  }
}

// --- connector (issue 5) ---
export interface RedisServer {
  url: string
  port: number
  stop(): Promise<void>
}

/** A real redis-server on a free loopback port, without persistence. `.ci/run` installs it. */
export async function startRedis(): Promise<RedisServer> {
  const { createServer } = await import('node:net')
  const port = await new Promise<number>((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const p = (probe.address() as import('node:net').AddressInfo).port
      probe.close(() => resolvePort(p))
    })
  })
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] })
  await new Promise<void>((resolveReady, reject) => {
    let out = ''
    const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${out}`)), 15_000)
    child.on('error', (e) => {
      clearTimeout(timer)
      reject(new Error(`cannot start redis-server (apt-get install redis-server): ${e.message}`))
    })
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d
      if (out.includes('Ready to accept connections')) {
        clearTimeout(timer)
        resolveReady()
      }
    })
  })
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    stop: () =>
      new Promise<void>((resolveStop) => {
        if (child.exitCode !== null) return resolveStop()
        child.once('exit', () => resolveStop())
        child.kill('SIGTERM')
      }),
  }
}

/** Poll `condition` every 50 ms until it holds; rejects after `timeoutMs` with `what`. */
export async function waitFor(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
