// The floor for inventory check: read every YAML file and parse it with
// yaml's parseAllDocuments, nothing else.
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const root = process.argv[2]
const requireFromModel = createRequire(join(process.argv[3], 'packages/model/package.json'))
const { parseAllDocuments } = await import(pathToFileURL(requireFromModel.resolve('yaml')).href)
let documents = 0
for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !entry.name.endsWith('.yaml')) continue
  const docs = parseAllDocuments(readFileSync(join(entry.parentPath ?? entry.path, entry.name), 'utf8'))
  documents += docs.length
}
console.log(`parsed ${documents} documents`)
