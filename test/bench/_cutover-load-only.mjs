// The floor for the cutover benchmark: read and validate the inventory with
// yingjie's own loader (what any command must do first), nothing else.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

const [root, repo] = process.argv.slice(2)
const { loadInventory } = await import(pathToFileURL(join(repo, 'packages/model/dist/index.js')).href)
const inventory = await loadInventory(root)
console.log(`loaded ${inventory.entities.length} entities, ${inventory.findings.length} findings`)
