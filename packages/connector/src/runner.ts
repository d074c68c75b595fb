/**
 * Child-process entry the conformance kit spawns for an adapter folder:
 *   runner simulate <folder>  start the folder's legacy simulators; report the adapter's metadata and their URLs
 *   runner serve <folder>     serve the folder's adapter on a free port (configuration from the environment)
 * Each prints one `YINGJIE_READY {json}` line on stderr when ready and
 * stops cleanly on SIGTERM. Kept in its own process so the kit reads the
 * adapter's real output, console.log included.
 */
import { pathToFileURL } from 'node:url'
import { isAdapter, serve, type Adapter } from './index'
import { resolveAdapterFolder, type LegacySimulators } from './_folder'

async function main(): Promise<void> {
  const [mode, folderArg] = process.argv.slice(2)
  if ((mode !== 'simulate' && mode !== 'serve') || !folderArg) throw new Error('usage: runner simulate|serve <adapter folder>')
  const folder = resolveAdapterFolder(folderArg)
  process.chdir(folder.dir)
  const mod = (await import(pathToFileURL(folder.adapter).href)) as { default?: unknown; adapter?: unknown }
  const adapter = (mod.default ?? mod.adapter) as Adapter
  if (!isAdapter(adapter)) throw new Error(`${folder.adapter} does not export default defineAdapter({...})`)
  let stop: () => Promise<void>
  if (mode === 'simulate') {
    let sims: LegacySimulators = { urls: {}, close: async () => {} }
    if (folder.simulator) {
      const start = ((await import(pathToFileURL(folder.simulator).href)) as { default?: () => Promise<LegacySimulators> }).default
      if (typeof start !== 'function') throw new Error(`${folder.simulator} does not export a default function`)
      sims = await start()
    }
    const profile = typeof adapter.profile === 'string' ? adapter.profile : adapter.profile.file
    process.stderr.write(`YINGJIE_READY ${JSON.stringify({ profile, channel: adapter.channel, operations: Object.keys(adapter.operations), legacy: Object.keys(adapter.legacy), urls: sims.urls })}\n`)
    stop = () => sims.close()
  } else {
    const running = await serve(adapter, { port: 0, host: '127.0.0.1' })
    process.stderr.write(`YINGJIE_READY ${JSON.stringify({ url: running.url })}\n`)
    stop = () => running.close()
  }
  const shutdown = () => {
    stop()
      .catch(() => undefined)
      // Let the asynchronous log destination drain.
      .finally(() => setTimeout(() => process.exit(0), 100))
  }
  process.once('SIGTERM', shutdown)
  process.once('SIGINT', shutdown)
}

main().catch((error: unknown) => {
  process.stderr.write(`YINGJIE_FAILED ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
  process.exit(1)
})
