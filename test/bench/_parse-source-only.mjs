// Floor for the source-scan benchmark: read every .js/.ts file of a tree
// and parse it with @babel/parser alone, with the options the scanner uses.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

const [root, repo] = process.argv.slice(2)
const { parse } = createRequire(join(repo, 'packages/scanner/package.json'))('@babel/parser')
let nodes = 0
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !/\.(js|ts)$/.test(entry.name)) continue
  const code = readFileSync(join(entry.parentPath ?? entry.path, entry.name), 'utf8')
  const ast = parse(code, {
    sourceType: 'unambiguous',
    plugins: entry.name.endsWith('.ts') ? ['typescript', 'decorators-legacy'] : ['jsx', 'decorators-legacy'],
    allowReturnOutsideFunction: true,
    allowImportExportEverywhere: true,
    allowAwaitOutsideFunction: true,
    allowSuperOutsideMethod: true,
    allowUndeclaredExports: true,
    errorRecovery: true,
  })
  nodes += ast.program.body.length
}
console.log(nodes)
