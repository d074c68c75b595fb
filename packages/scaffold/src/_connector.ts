/**
 * How a generated adapter depends on `@yingjie/connector`. Inside a checkout
 * of this repository it links the workspace's package (installs offline,
 * always the current code); elsewhere it asks for the published version.
 */
import { existsSync, readFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

export interface WorkspaceConnector {
  /** The repository root (the folder holding packages/). */
  root: string
  /** packages/connector */
  dir: string
  version: string
}

let cached: WorkspaceConnector | null | undefined

/** The connector package of the repository this module runs from, if it runs from one. */
export function workspaceConnector(): WorkspaceConnector | undefined {
  if (cached !== undefined) return cached ?? undefined
  cached = null
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const pkg = join(dir, 'packages', 'connector', 'package.json')
    if (existsSync(pkg)) {
      try {
        const json = JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string; version?: string }
        if (json.name === '@yingjie/connector') {
          cached = { root: dir, dir: join(dir, 'packages', 'connector'), version: json.version ?? '0.1.0' }
          break
        }
      } catch {
        // Not ours; keep walking.
      }
    }
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  return cached ?? undefined
}

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/**
 * The dependency specifier for an adapter generated into `targetDir`:
 * `link:<relative path>` inside the repository, `^<version>` outside it.
 * @example connectorDependency('/repo/.tmp/my-adapter') // 'link:../../packages/connector'
 */
export function connectorDependency(targetDir: string): string {
  const ws = workspaceConnector()
  if (!ws) return '^0.1.0'
  const target = resolve(targetDir)
  if (!inside(target, ws.root)) return `^${ws.version}`
  return `link:${relative(target, ws.dir).split(sep).join('/')}`
}
