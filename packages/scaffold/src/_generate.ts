/**
 * `newAdapter` and `updateAdapter`: gather answers, render the template,
 * decide per file what to do, and (unless it is a dry run) write.
 *
 * Update, per file (base = as generated last time, ours = on disk,
 * theirs = the new render):
 *   only theirs                          create
 *   ours untouched, theirs differs       update (replace)
 *   ours touched, theirs differs         merge (three-way, base from .yingjie/base.json) or conflict (markers where both changed the same lines)
 *   theirs same as base or as ours       keep
 *   gone from the template, untouched    delete
 *   gone from the template, touched      keep (no longer tracked)
 */
import { readFileSync } from 'node:fs'
import { mkdir, readdir, readFile, rm } from 'node:fs/promises'
import { isAbsolute, join, relative, resolve, sep } from 'node:path'
import { finding, writeFileAtomic, type Finding, type Localized } from '@yingjie/model'
import { resolveAnswers, type AnswerLayer, type AnswerOrigin, type Answers } from './_answers'
import { connectorDependency } from './_connector'
import { merge3 } from './_diff3'
import { ScaffoldError } from './_errors'
import { BASE_FILE, isSafeGeneratedPath, MANIFEST_FILE, readBase, readManifest, sha256, type Manifest } from './_manifest'
import { compileTemplateFiles, findTemplate, TEMPLATES_DIR, type AdapterTemplate, type TemplateParameter } from './_template'
import { buildView } from './_view'

export type FileActionKind = 'create' | 'update' | 'merge' | 'conflict' | 'delete' | 'keep'

export interface FileAction {
  /** Path inside the adapter, POSIX separators. */
  path: string
  action: FileActionKind
  /** Why, when it is not obvious (a kept file the developer deleted, a file no longer tracked). */
  reason?: Localized
  /** Conflicting regions left with markers (`conflict` only). */
  conflicts?: number
}

export interface ScaffoldResult {
  dir: string
  template: { name: string; version: string }
  /** The version the adapter had before an update. */
  previousVersion?: string
  answers: Answers
  origin: Record<string, AnswerOrigin>
  actions: FileAction[]
  /** Warnings (errors throw). */
  findings: Finding[]
  dryRun: boolean
}

/**
 * Asks the user for parameter values (the CLI's prompts on a terminal).
 * Receives the parameters to ask and the answers so far (defaults included);
 * returns values for any of them, as typed text or typed values.
 */
export type AskAnswers = (parameters: TemplateParameter[], answers: Answers, template: AdapterTemplate) => Promise<Answers>

function generatorName(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name: string; version: string }
    return `${pkg.name}@${pkg.version}`
  } catch {
    return '@yingjie/scaffold'
  }
}

/** Render every file of `template` with `answers`. Paths are POSIX, relative to the adapter. */
export async function renderAdapter(template: AdapterTemplate, answers: Answers, options: { cwd?: string } = {}): Promise<Map<string, string>> {
  const view = await buildView(template, answers, options)
  const compiled = await compileTemplateFiles(template)
  const out = new Map<string, string>()
  for (const [path, file] of compiled) {
    if (!isSafeGeneratedPath(path)) continue
    out.set(path, file.render(view))
  }
  return out
}

function missingError(missing: TemplateParameter[]): ScaffoldError {
  return new ScaffoldError(
    missing.map((p) =>
      finding({
        code: 'YJ_ANSWER_MISSING',
        message: { zh: `缺少参数 ${p.name}：${p.description}`, en: `parameter ${p.name} is missing: ${p.descriptionEn ?? p.description}` },
        hint: { zh: `用 --set ${p.name}=值 或应答文件（--answers）提供；在终端中运行时会逐项询问`, en: `give --set ${p.name}=value or an answers file (--answers); on a terminal you are asked` },
      }),
    ),
  )
}

async function gatherAnswers(template: AdapterTemplate, layers: AnswerLayer[], ask: AskAnswers | undefined, askWhich: 'unset' | 'missing'): Promise<ReturnType<typeof resolveAnswers>> {
  let resolved = resolveAnswers(template, layers)
  if (resolved.findings.some((f) => f.severity === 'error')) throw new ScaffoldError(resolved.findings)
  if (ask) {
    const toAsk = askWhich === 'missing' ? resolved.missing : template.parameters.filter((p) => resolved.origin[p.name] === undefined || resolved.origin[p.name] === 'default')
    if (toAsk.length > 0) {
      const given = await ask(toAsk, resolved.answers, template)
      resolved = resolveAnswers(template, [...layers, { source: 'prompt', values: given }])
      if (resolved.findings.some((f) => f.severity === 'error')) throw new ScaffoldError(resolved.findings)
    }
  }
  if (resolved.missing.length > 0) throw missingError(resolved.missing)
  return resolved
}

async function refuseNonEmpty(dir: string): Promise<void> {
  const entries = await readdir(dir).catch(() => [])
  if (entries.length === 0) return
  throw new ScaffoldError([
    finding({
      code: 'YJ_TARGET_NOT_EMPTY',
      message: { zh: `目录 ${dir} 不是空的，未写入任何文件`, en: `${dir} is not empty; nothing was written` },
      hint: { zh: '换一个目录，或加 --force 覆盖其中同名的生成文件（已生成的适配器请用 yingjie adapter update）', en: 'pick another folder, or add --force to overwrite generated files there (for a generated adapter use yingjie adapter update)' },
    }),
  ])
}

function readText(file: string): Promise<string | undefined> {
  return readFile(file, 'utf8').catch(() => undefined)
}

async function writeAll(dir: string, files: Map<string, string>, manifest: Manifest, actions: FileAction[], merged: Map<string, string>): Promise<void> {
  const at = (path: string) => join(dir, ...path.split('/'))
  // Each write is atomic and independent, so they go in parallel (each one syncs to disk);
  // the manifest comes last, so an interrupted run leaves the previous one in charge.
  await Promise.all(
    actions.map(async (a) => {
      if (a.action === 'create' || a.action === 'update') await writeFileAtomic(at(a.path), files.get(a.path)!)
      else if (a.action === 'merge' || a.action === 'conflict') await writeFileAtomic(at(a.path), merged.get(a.path)!)
      else if (a.action === 'delete') await rm(at(a.path), { force: true })
    }),
  )
  // The base for the next update is this render, whatever happened to the developer's copy.
  await writeFileAtomic(at(BASE_FILE), `${JSON.stringify(Object.fromEntries(files), null, 1)}\n`)
  await writeFileAtomic(at(MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`)
}

function manifestFor(template: AdapterTemplate, answers: Answers, files: Map<string, string>, dir: string, templatesDir: string): Manifest {
  const source = resolve(templatesDir) === resolve(TEMPLATES_DIR) ? undefined : relative(dir, resolve(templatesDir)).split(sep).join('/')
  return {
    manifestVersion: 1,
    generator: generatorName(),
    template: { name: template.name, version: template.version, ...(source !== undefined ? { source } : {}) },
    answers,
    files: Object.fromEntries([...files].map(([path, content]) => [path, { sha256: sha256(content) }])),
  }
}

export interface NewAdapterOptions {
  /** Template name (in `templatesDir`) or a loaded template. */
  template: string | AdapterTemplate
  /** @default the bundled templates/ */
  templatesDir?: string
  /** Where to generate; relative to `cwd`. @default `<cwd>/<name answer>` */
  dir?: string
  /** @default process.cwd() */
  cwd?: string
  /** Answers in increasing precedence (interface, file, flags). */
  layers?: AnswerLayer[]
  /** Prompt for every parameter no layer set (on a terminal). */
  ask?: AskAnswers
  /** Plan only: nothing is written. */
  dryRun?: boolean
  /** Write into a folder that is not empty (generated files are overwritten, others left alone). */
  force?: boolean
}

/**
 * Generate an adapter package from a template.
 * @throws ScaffoldError for bad or missing answers; YjError `YJ_TARGET_NOT_EMPTY` for a non-empty folder without `force`
 * @example await newAdapter({ template: 'rest-json', dir: 'bd-mzj-adapter', layers: [{ source: 'flags', values: { name: 'bd-mzj-adapter' } }] })
 */
export async function newAdapter(options: NewAdapterOptions): Promise<ScaffoldResult> {
  const cwd = options.cwd ?? process.cwd()
  const templatesDir = options.templatesDir ? resolve(cwd, options.templatesDir) : TEMPLATES_DIR
  const template = typeof options.template === 'string' ? await findTemplate(options.template, templatesDir) : options.template
  // A folder given up front is checked before anyone answers questions for nothing.
  const given = options.dir !== undefined ? resolve(cwd, options.dir) : undefined
  if (given && !options.force) await refuseNonEmpty(given)
  const resolved = await gatherAnswers(template, [...(options.layers ?? [])], options.ask, 'unset')
  const dir = given ?? resolve(cwd, String(resolved.answers.name))
  if (!given && !options.force) await refuseNonEmpty(dir)
  if (resolved.origin.connector === 'default' && template.parameters.some((p) => p.name === 'connector')) {
    resolved.answers.connector = connectorDependency(dir)
  }
  const files = await renderAdapter(template, resolved.answers, { cwd: dir })
  const actions: FileAction[] = []
  for (const [path, content] of files) {
    const existing = await readText(join(dir, ...path.split('/')))
    actions.push({ path, action: existing === undefined ? 'create' : existing === content ? 'keep' : 'update' })
  }
  if (!options.dryRun) {
    await mkdir(dir, { recursive: true })
    await writeAll(dir, files, manifestFor(template, resolved.answers, files, dir, templatesDir), actions, new Map())
  }
  return { dir, template: { name: template.name, version: template.version }, answers: resolved.answers, origin: resolved.origin, actions, findings: resolved.findings, dryRun: options.dryRun ?? false }
}

export interface UpdateAdapterOptions {
  /** The generated adapter's folder. */
  dir: string
  cwd?: string
  /** @default the folder the manifest names, else the bundled templates/ */
  templatesDir?: string
  /** Changed answers (file, flags); the remembered ones are used for the rest. */
  layers?: AnswerLayer[]
  /** Asked only for parameters the new template version added without a default. */
  ask?: AskAnswers
  dryRun?: boolean
}

/**
 * Re-render an adapter with the current template and bring the changes in
 * without losing the developer's edits.
 */
export async function updateAdapter(options: UpdateAdapterOptions): Promise<ScaffoldResult> {
  const cwd = options.cwd ?? process.cwd()
  const dir = resolve(cwd, options.dir)
  const manifest = await readManifest(dir)
  const templatesDir = options.templatesDir
    ? resolve(cwd, options.templatesDir)
    : manifest.template.source !== undefined
      ? isAbsolute(manifest.template.source)
        ? manifest.template.source
        : resolve(dir, manifest.template.source)
      : TEMPLATES_DIR
  const template = await findTemplate(manifest.template.name, templatesDir)
  const layers: AnswerLayer[] = [{ source: 'remembered', values: manifest.answers }, ...(options.layers ?? [])]
  const resolved = await gatherAnswers(template, layers, options.ask, 'missing')
  const files = await renderAdapter(template, resolved.answers, { cwd: dir })
  const labels = {
    ours: '你的修改 (ours)',
    base: `上次生成 (base: ${manifest.template.name} ${manifest.template.version})`,
    theirs: `模板新版本 (theirs: ${template.name} ${template.version})`,
  }
  const actions: FileAction[] = []
  const merged = new Map<string, string>()
  const bases = await readBase(dir)
  const paths = [...new Set([...files.keys(), ...Object.keys(manifest.files)])].sort()
  for (const path of paths) {
    const theirs = files.get(path)
    const recorded = manifest.files[path]
    const ours = await readText(join(dir, ...path.split('/')))
    const touched = ours !== undefined && (!recorded || sha256(ours) !== recorded.sha256)
    if (theirs === undefined) {
      // The template no longer has this file.
      if (ours === undefined) continue
      if (touched) actions.push({ path, action: 'keep', reason: { zh: '模板已不再生成此文件；你修改过它，予以保留（不再跟踪）', en: 'the template no longer has it; you changed it, so it stays (untracked)' } })
      else actions.push({ path, action: 'delete' })
      continue
    }
    if (!recorded) {
      if (ours === undefined) actions.push({ path, action: 'create' })
      else if (ours === theirs) actions.push({ path, action: 'keep' })
      else {
        // A file of the developer's own where the template now puts one: merge against nothing.
        const result = merge3('', ours, theirs, labels)
        merged.set(path, result.text)
        actions.push({ path, action: result.conflicts ? 'conflict' : 'merge', ...(result.conflicts ? { conflicts: result.conflicts } : {}) })
      }
      continue
    }
    if (ours === undefined) {
      actions.push({ path, action: 'keep', reason: { zh: '你删除了此文件，保持删除', en: 'you deleted it; it stays deleted' } })
      continue
    }
    if (!touched) {
      actions.push({ path, action: ours === theirs ? 'keep' : 'update' })
      continue
    }
    const base = bases[path] ?? ''
    if (theirs === base || theirs === ours) {
      actions.push({ path, action: 'keep' })
      continue
    }
    const result = merge3(base, ours, theirs, labels)
    merged.set(path, result.text)
    actions.push({ path, action: result.conflicts ? 'conflict' : 'merge', ...(result.conflicts ? { conflicts: result.conflicts } : {}) })
  }
  if (!options.dryRun) {
    const next = manifestFor(template, resolved.answers, files, dir, templatesDir)
    if (!options.templatesDir && manifest.template.source !== undefined) next.template.source = manifest.template.source
    await writeAll(dir, files, next, actions, merged)
  }
  return {
    dir,
    template: { name: template.name, version: template.version },
    previousVersion: manifest.template.version,
    answers: resolved.answers,
    origin: resolved.origin,
    actions,
    findings: resolved.findings,
    dryRun: options.dryRun ?? false,
  }
}
