import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli, tempDir } from '../utils/index'

describe('yingjie demo', () => {
  it('checks and reports the bundled Baoding sample into the output folder and says where', async () => {
    const dir = await tempDir()
    try {
      const r = await runCli(['demo'], { cwd: dir.path })
      expect(r.stderr).toBe('')
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('错误 0 个，警告 8 个')
      for (const name of ['check.txt', 'check.json', 'report.md', 'report.json']) {
        expect(r.stdout).toContain(join('yingjie-out', name))
      }
      const check = JSON.parse(await readFile(join(dir.path, 'yingjie-out', 'check.json'), 'utf8'))
      expect(check).toMatchObject({ ok: true, errors: 0, warnings: 8 })
      const report = await readFile(join(dir.path, 'yingjie-out', 'report.md'), 'utf8')
      expect(report).toContain('保定市')
      expect(report).toContain('冀时办')
      const text = await readFile(join(dir.path, 'yingjie-out', 'check.txt'), 'utf8')
      expect(text).toContain('YJ_SELF_BUILT_BELOW_COUNTY')
    } finally {
      await dir.cleanup()
    }
  })

  it('--out and --lang en', async () => {
    const dir = await tempDir()
    try {
      const r = await runCli(['demo', '--out', 'elsewhere', '--lang', 'en'], { cwd: dir.path })
      expect(r.code).toBe(0)
      expect(r.stdout).toContain('0 errors, 8 warnings')
      const report = await readFile(join(dir.path, 'elsewhere', 'report.md'), 'utf8')
      expect(report).toContain('# Government-service mobile channel inventory summary')
    } finally {
      await dir.cleanup()
    }
  })
})
