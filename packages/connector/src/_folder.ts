/**
 * The adapter folder convention, which the scaffolder's generated adapters
 * follow and the conformance kit starts:
 *
 *   <folder>/package.json   optional "yingjie": { "adapter": "…", "simulator": "…" }
 *   <folder>/src/adapter.ts default export: defineAdapter({...})
 *   <folder>/test/simulator.ts  optional default export: async () => ({ urls: { <legacy key>: url }, close })
 *
 * Without the package.json field the first existing file of
 * ADAPTER_CANDIDATES / SIMULATOR_CANDIDATES is used.
 */
import { existsSync, readFileSync } from 'node:fs'
import { isAbsolute, join, resolve } from 'node:path'
import { YjError } from '@yingjie/model'

export const ADAPTER_CANDIDATES = ['src/adapter.ts', 'src/adapter.js', 'src/adapter.mjs', 'dist/adapter.js', 'adapter.ts', 'adapter.js', 'adapter.mjs']
export const SIMULATOR_CANDIDATES = ['test/simulator.ts', 'test/simulator.js', 'test/simulator.mjs', 'simulator.ts', 'simulator.js', 'simulator.mjs']

export interface AdapterFolder {
  dir: string
  /** Absolute path of the module whose default export is the adapter. */
  adapter: string
  /** Absolute path of the module whose default export starts the legacy simulators, if any. */
  simulator?: string
}

/** What a simulator module's default export returns. */
export interface LegacySimulators {
  /** Base URL per legacy key of the adapter. */
  urls: Record<string, string>
  close(): Promise<void>
}

export function resolveAdapterFolder(folder: string, cwd = process.cwd()): AdapterFolder {
  const dir = isAbsolute(folder) ? folder : resolve(cwd, folder)
  let declared: { adapter?: string; simulator?: string } = {}
  const pkg = join(dir, 'package.json')
  if (existsSync(pkg)) {
    try {
      declared = ((JSON.parse(readFileSync(pkg, 'utf8')) as { yingjie?: typeof declared }).yingjie ?? {}) as typeof declared
    } catch {
      declared = {}
    }
  }
  const pick = (given: string | undefined, candidates: string[]) => {
    if (given) return existsSync(join(dir, given)) ? join(dir, given) : undefined
    const found = candidates.find((c) => existsSync(join(dir, c)))
    return found ? join(dir, found) : undefined
  }
  const adapter = pick(declared.adapter, ADAPTER_CANDIDATES)
  if (!adapter) {
    throw new YjError({
      code: 'YJ_ADAPTER_NOT_FOUND',
      message: { zh: `${dir} 中没有适配器模块`, en: `no adapter module in ${dir}` },
      hint: {
        zh: `在 src/adapter.ts 中 export default defineAdapter({...})，或在 package.json 中写 "yingjie": { "adapter": "路径" }`,
        en: 'export default defineAdapter({...}) from src/adapter.ts, or set "yingjie": { "adapter": "path" } in package.json',
      },
    })
  }
  const simulator = pick(declared.simulator, SIMULATOR_CANDIDATES)
  return { dir, adapter, ...(simulator ? { simulator } : {}) }
}
