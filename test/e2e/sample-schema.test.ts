import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPO_ROOT } from '../utils/index'

describe('the bundled sample files', () => {
  it('each names the JSON Schema for editors and says it is illustrative', async () => {
    const root = join(REPO_ROOT, 'inventories')
    const files = (await readdir(root, { recursive: true })).filter((f) => f.endsWith('.yaml'))
    expect(files.length).toBeGreaterThan(20)
    for (const f of files) {
      const text = await readFile(join(root, f), 'utf8')
      const m = /^# yaml-language-server: \$schema=(\S+)$/m.exec(text)
      expect(m, f).not.toBeNull()
      const schema = resolve(dirname(join(root, f)), m![1]!)
      expect(existsSync(schema), `${f} → ${schema}`).toBe(true)
      expect(schema.endsWith('packages/model/schema/inventory.schema.json')).toBe(true)
      expect(text, f).toContain('示例数据')
    }
  })
})
