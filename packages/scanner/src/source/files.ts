/**
 * Finding the files of a source tree: what to parse, what to skip and say
 * so (dependencies, build output, minified bundles, files over the size
 * limit, binaries), and symbolic links followed without ever looping.
 */
import type { Dirent } from 'node:fs'
import { lstat, readdir, realpath, stat } from 'node:fs/promises'
import { basename, extname, join, relative, sep } from 'node:path'
import type { SkippedEntry } from './types'

export type FileKind = 'js' | 'jsx' | 'ts' | 'tsx' | 'vue' | 'wxml' | 'axml' | 'html' | 'json' | 'env'

export interface SourceFile {
  abs: string
  /** Relative to the scanned folder, with `/`. */
  rel: string
  kind: FileKind
  bytes: number
}

export interface TreeListing {
  files: SourceFile[]
  skipped: SkippedEntry[]
  /** Files of other types (images, styles, docs): counted, not read. */
  other: number
  /** Every folder that was entered, relative, with `/` ('' is the root). */
  dirs: string[]
}

export interface ListOptions {
  /** @default 2 MiB */
  maxFileBytes?: number
}

export const DEFAULT_MAX_SOURCE_BYTES = 2 * 1024 * 1024

const DEPENDENCY_DIRS = new Set(['node_modules', 'miniprogram_npm', 'bower_components', 'jspm_packages'])
const BUILD_DIRS = new Set(['dist', 'build', 'unpackage', 'output', 'coverage', '.next', '.nuxt', '.output', '.umi', '.temp', '.taro-cache'])

const KINDS: Record<string, FileKind> = {
  '.js': 'js',
  '.mjs': 'js',
  '.cjs': 'js',
  '.wxs': 'js',
  '.sjs': 'js',
  '.jsx': 'jsx',
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
  '.vue': 'vue',
  '.nvue': 'vue',
  '.wxml': 'wxml',
  '.qml': 'wxml',
  '.ttml': 'wxml',
  '.swan': 'wxml',
  '.axml': 'axml',
  '.html': 'html',
  '.htm': 'html',
}

/** JSON files the scanner reads: project and page-list configuration, package manifests. */
export const CONFIG_FILES = new Set(['app.json', 'project.config.json', 'project.private.config.json', 'mini.project.json', 'pages.json', 'manifest.json', 'package.json', 'ext.json'])

export function fileKind(name: string): FileKind | undefined {
  if (name.endsWith('.d.ts')) return undefined
  if (CONFIG_FILES.has(name)) return 'json'
  if (name === '.env' || name.startsWith('.env.')) return 'env'
  return KINDS[extname(name).toLowerCase()]
}

/** A `.min.js` name, or very long lines: a bundle, not source a person wrote. */
export function looksMinified(name: string, text: string): boolean {
  if (/[.-]min\.(m?js|cjs)$/i.test(name)) return true
  if (text.length < 2000) return false
  const sample = text.length > 65536 ? text.slice(0, 65536) : text
  let lines = 1
  for (let i = sample.indexOf('\n'); i >= 0; i = sample.indexOf('\n', i + 1)) lines++
  return sample.length / lines > 300
}

/** A NUL byte in the first 8 KB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192)
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true
  return false
}

/** Walk one folder (or take one file); nothing is read yet except directory entries and sizes. */
export async function listSourceTree(root: string, options: ListOptions = {}): Promise<TreeListing> {
  const max = options.maxFileBytes ?? DEFAULT_MAX_SOURCE_BYTES
  const out: TreeListing = { files: [], skipped: [], other: 0, dirs: [] }
  const rel = (abs: string): string => relative(root, abs).split(sep).join('/')
  const seen = new Set<string>()

  const top = await stat(root)
  if (top.isFile()) {
    const kind = fileKind(basename(root))
    if (!kind) out.other++
    else if (top.size > max) out.skipped.push({ path: basename(root), reason: 'too-large', bytes: top.size })
    else out.files.push({ abs: root, rel: basename(root), kind, bytes: top.size })
    return out
  }

  async function walk(dir: string): Promise<void> {
    let real: string
    try {
      real = await realpath(dir)
    } catch {
      out.skipped.push({ path: rel(dir) || '.', reason: 'unreadable' })
      return
    }
    if (seen.has(real)) {
      out.skipped.push({ path: rel(dir), reason: 'symlink-loop' })
      return
    }
    seen.add(real)
    out.dirs.push(rel(dir))
    let entries: Dirent[]
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      out.skipped.push({ path: rel(dir) || '.', reason: 'unreadable' })
      return
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    const subdirs: string[] = []
    for (const e of entries) {
      const abs = join(dir, e.name)
      let isDir = e.isDirectory()
      let isFile = e.isFile()
      let size = -1
      if (e.isSymbolicLink()) {
        try {
          const s = await stat(abs)
          isDir = s.isDirectory()
          isFile = s.isFile()
          size = s.size
        } catch {
          // A dangling link, or one that loops on itself (ELOOP).
          const l = await lstat(abs).catch(() => undefined)
          out.skipped.push({ path: rel(abs), reason: l ? 'symlink-loop' : 'unreadable' })
          continue
        }
      }
      if (isDir) {
        if (DEPENDENCY_DIRS.has(e.name)) out.skipped.push({ path: rel(abs), reason: 'dependencies' })
        else if (BUILD_DIRS.has(e.name)) out.skipped.push({ path: rel(abs), reason: 'build-output' })
        else if (!e.name.startsWith('.')) subdirs.push(abs)
        continue
      }
      if (!isFile) continue
      const kind = fileKind(e.name)
      if (!kind) {
        out.other++
        continue
      }
      if (size < 0) size = (await stat(abs)).size
      if (size > max) {
        out.skipped.push({ path: rel(abs), reason: 'too-large', bytes: size })
        continue
      }
      out.files.push({ abs, rel: rel(abs), kind, bytes: size })
    }
    for (const d of subdirs) await walk(d)
  }

  await walk(root)
  return out
}
