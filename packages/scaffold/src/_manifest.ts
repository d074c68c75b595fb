/**
 * `.yingjie/manifest.json` in every generated adapter: which template and
 * version made it, the answers, and each generated file's hash. The files
 * as generated are kept in `.yingjie/base.json` (path → content), the merge
 * base for the next `adapter update`: one data file rather than a second
 * source tree that editors, linters and workspace globs would pick up.
 */
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { isAbsolute, join, normalize } from 'node:path'
import { YjError } from '@yingjie/model'
import type { Answers } from './_answers'

export const MANIFEST_FILE = '.yingjie/manifest.json'
export const BASE_FILE = '.yingjie/base.json'

export interface Manifest {
  manifestVersion: 1
  /** The scaffold that wrote it, e.g. `@yingjie/scaffold@0.1.0`. */
  generator: string
  template: {
    name: string
    version: string
    /** Templates folder, relative to the adapter, when it was not the bundled one. */
    source?: string
  }
  /** Every parameter's value, defaults included: the next update renders with the same. */
  answers: Answers
  /** Generated path (POSIX) → SHA-256 of the content as generated. */
  files: Record<string, { sha256: string }>
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

/** A generated path must stay inside the adapter and outside `.yingjie/`. */
export function isSafeGeneratedPath(path: string): boolean {
  if (path === '' || isAbsolute(path) || path.includes('\\') || path.includes('\0')) return false
  const n = normalize(path)
  return !n.startsWith('..') && !n.split('/').includes('..') && n !== '.yingjie' && !n.startsWith('.yingjie/')
}

export async function readManifest(dir: string): Promise<Manifest> {
  const file = join(dir, MANIFEST_FILE)
  if (!existsSync(file)) {
    throw new YjError({
      code: 'YJ_MANIFEST_NOT_FOUND',
      message: { zh: `${dir} 不是生成的适配器（没有 ${MANIFEST_FILE}）`, en: `${dir} is not a generated adapter (no ${MANIFEST_FILE})` },
      hint: { zh: '给出 yingjie adapter new 生成的适配器目录；清单文件随适配器一起提交到代码库', en: 'give a folder made by yingjie adapter new; commit .yingjie/ with the adapter' },
    })
  }
  let manifest: Manifest
  try {
    manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest
  } catch (error) {
    throw invalid(file, (error as Error).message)
  }
  if (manifest?.manifestVersion !== 1 || typeof manifest.template?.name !== 'string' || typeof manifest.template.version !== 'string' || typeof manifest.files !== 'object' || manifest.files === null) {
    throw invalid(file, 'manifestVersion, template or files missing')
  }
  for (const path of Object.keys(manifest.files)) if (!isSafeGeneratedPath(path)) throw invalid(file, `unsafe path ${path}`)
  manifest.answers ??= {}
  return manifest
}

function invalid(file: string, why: string): YjError {
  return new YjError({
    code: 'YJ_MANIFEST_INVALID',
    message: { zh: `${file} 已损坏：${why}`, en: `${file} is damaged: ${why}` },
    hint: { zh: '从代码库中恢复 .yingjie/manifest.json', en: 'restore .yingjie/manifest.json from version control' },
    location: { file, line: 1, column: 1 },
  })
}

/** The files as last generated, by path; empty when the file is missing or unreadable (every edit then merges against nothing). */
export async function readBase(dir: string): Promise<Record<string, string>> {
  try {
    const value = JSON.parse(await readFile(join(dir, BASE_FILE), 'utf8')) as unknown
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return {}
    const out: Record<string, string> = Object.create(null)
    for (const [path, content] of Object.entries(value)) if (typeof content === 'string' && isSafeGeneratedPath(path)) out[path] = content
    return out
  } catch {
    return {}
  }
}
