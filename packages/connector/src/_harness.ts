/**
 * Start an adapter folder for the conformance kit: its legacy simulators in
 * one child process, a fault-injecting proxy in front of each legacy
 * system, the mock platform, and the adapter itself in a second child
 * process whose output is kept as its log.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { YjError } from '@yingjie/model'
import { resolveAdapterFolder } from './_folder'
import { startMockPlatform, type MockPlatform } from './_mock-platform'
import { startFaultProxy, type FaultMode, type FaultProxy } from './_simulators'
import { legacyUrlEnvName } from './_system'

export interface AdapterHarness {
  /** The adapter's URL. */
  url: string
  platform: MockPlatform
  operations: string[]
  faults: { set(mode: FaultMode): void }
  /** stdout and stderr of the adapter process so far. */
  logs(): string
  close(): Promise<void>
}

function runnerCommand(): string[] {
  const here = import.meta.url
  const fromSource = here.endsWith('.ts')
  const runner = fileURLToPath(new URL(fromSource ? './runner.ts' : './runner.js', here))
  if (!existsSync(runner)) throw new Error(`adapter runner not found at ${runner}; build @yingjie/connector`)
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href
  // From source (tests), the child resolves workspace packages to source too.
  return [...(fromSource ? ['--conditions=source'] : []), '--import', tsx, runner]
}

interface Child {
  process: ChildProcess
  output(): string
  ready: Promise<Record<string, unknown>>
}

function startChild(args: string[], env: NodeJS.ProcessEnv, cwd: string, timeoutMs: number): Child {
  const child = spawn(process.execPath, [...runnerCommand(), ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  let pending = ''
  const ready = new Promise<Record<string, unknown>>((resolvePromise, reject) => {
    const timer = setTimeout(() => reject(new Error(`adapter process not ready within ${timeoutMs} ms:\n${output.slice(-2000)}`)), timeoutMs)
    const onData = (chunk: string) => {
      output += chunk
      if (output.length > 64 * 1024 * 1024) output = output.slice(-32 * 1024 * 1024)
      pending += chunk
      let nl: number
      while ((nl = pending.indexOf('\n')) >= 0) {
        const line = pending.slice(0, nl)
        pending = pending.slice(nl + 1)
        if (line.startsWith('YINGJIE_READY ')) {
          clearTimeout(timer)
          resolvePromise(JSON.parse(line.slice(14)) as Record<string, unknown>)
        } else if (line.startsWith('YINGJIE_FAILED ')) {
          clearTimeout(timer)
          reject(new Error(`${line.slice(15)}\n${pending}`))
        }
      }
    }
    child.stdout!.setEncoding('utf8').on('data', onData)
    child.stderr!.setEncoding('utf8').on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`adapter process exited with ${code}:\n${output.slice(-4000)}`))
    })
  })
  ready.catch(() => undefined)
  return { process: child, output: () => output, ready }
}

function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return Promise.resolve()
  return new Promise((resolvePromise) => {
    const timer = setTimeout(() => child.process.kill('SIGKILL'), 5000)
    child.process.once('exit', () => {
      clearTimeout(timer)
      resolvePromise()
    })
    child.process.kill('SIGTERM')
  })
}

export interface HarnessOptions {
  cwd?: string
  /** Test users file or profile override are the mock platform's business; the profile comes from the adapter. */
  timeoutMs?: number
  env?: NodeJS.ProcessEnv
}

/** Start everything an adapter folder needs; close() stops it all. */
export async function startAdapterFolder(folderPath: string, options: HarnessOptions = {}): Promise<AdapterHarness> {
  const folder = resolveAdapterFolder(folderPath, options.cwd)
  const baseEnv: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(options.env ?? process.env)) if (!k.startsWith('YINGJIE_')) baseEnv[k] = v
  const timeoutMs = options.timeoutMs ?? 60_000
  const cleanups: (() => Promise<void>)[] = []
  const closeAll = async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined)
  }
  try {
    const sim = startChild(['simulate', folder.dir], baseEnv, folder.dir, timeoutMs)
    cleanups.push(() => stopChild(sim))
    const meta = (await sim.ready) as { profile: string; operations: string[]; legacy: string[]; urls: Record<string, string> }
    const profileRef = meta.profile.includes('/') || meta.profile.endsWith('.yaml') ? (isAbsolute(meta.profile) ? meta.profile : resolve(folder.dir, meta.profile)) : meta.profile
    const platform = await startMockPlatform({ profile: profileRef })
    cleanups.push(() => platform.close())
    const proxies: FaultProxy[] = []
    const legacyEnv: Record<string, string> = {}
    for (const key of meta.legacy) {
      const envName = legacyUrlEnvName(key)
      const target = meta.urls[key] ?? (options.env ?? process.env)[envName]
      if (!target) {
        throw new YjError({
          code: 'YJ_ADAPTER_LEGACY_URL',
          message: { zh: `旧系统 ${key} 既没有模拟器也没有地址`, en: `legacy system ${key} has neither a simulator nor a URL` },
          hint: { zh: `在 test/simulator.ts 中为 ${key} 启动模拟器，或设置 ${envName}`, en: `start a simulator for ${key} in test/simulator.ts, or set ${envName}` },
        })
      }
      const proxy = await startFaultProxy(target)
      proxies.push(proxy)
      cleanups.push(() => proxy.close())
      legacyEnv[envName] = proxy.url
    }
    const adapterChild = startChild(['serve', folder.dir], { ...baseEnv, ...platform.adapterEnv(), ...legacyEnv }, folder.dir, timeoutMs)
    cleanups.push(() => stopChild(adapterChild))
    const ready = (await adapterChild.ready) as { url: string }
    return {
      url: ready.url,
      platform,
      operations: meta.operations,
      faults: { set: (mode) => proxies.forEach((p) => p.setFault(mode)) },
      logs: () => adapterChild.output(),
      close: closeAll,
    }
  } catch (error) {
    await closeAll()
    throw error
  }
}
