/**
 * A small symbolic form of the JavaScript expressions the source scanner
 * folds: literals, concatenation, references, member access, objects,
 * parameters of functions. A module is reduced to these while its syntax
 * tree is walked, so the tree can be dropped at once and values can still
 * be folded across modules afterwards.
 */

export type Sym =
  | { k: 'str'; v: string }
  | { k: 'cat'; parts: Sym[] }
  /** A module-level binding of the module being read, resolved lazily. */
  | { k: 'ref'; name: string }
  /** An imported binding (also re-exports). `imported` is a name, 'default' or '*'. */
  | { k: 'import'; source: string; imported: string }
  | { k: 'require'; source: string }
  /** A name bound nowhere in the module: a platform global (wx, uni…), fetch, axios… */
  | { k: 'global'; name: string }
  /** Parameter `i` of function `fn`, reached through `path` when destructured. */
  | { k: 'param'; fn: number; i: number; path: string[]; name: string; def?: Sym }
  | { k: 'mem'; obj: Sym; prop: string | Sym }
  | { k: 'obj'; entries: ObjEntry[] }
  | { k: 'arr'; items: Sym[] }
  /** `c ? a : b`: either. */
  | { k: 'alt'; a: Sym; b: Sym }
  /** `a || b`, `a ?? b`: a when known, else b. */
  | { k: 'or'; a: Sym; b: Sym }
  | { k: 'call'; callee: Sym; args: Sym[] }
  | { k: 'new'; callee: Sym; args: Sym[] }
  | { k: 'fn'; fn: number }
  | { k: 'class'; methods: ObjEntry[] }
  /** `process.env.NAME`, `import.meta.env.NAME`. */
  | { k: 'env'; name: string }
  | { k: 'unknown'; name: string }

export type ObjEntry = { key: string; value: Sym } | { spread: Sym }

export const UNKNOWN: Sym = { k: 'unknown', name: '…' }

export function unknown(name: string): Sym {
  return { k: 'unknown', name }
}
