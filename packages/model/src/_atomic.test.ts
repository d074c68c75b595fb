import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeFileAtomic } from './_atomic'
import { tempDir } from '../../../test/utils/index'

describe('writeFileAtomic', () => {
  it('creates missing folders, replaces the file and leaves no temporary files', async () => {
    const dir = await tempDir()
    try {
      const target = join(dir.path, 'a', 'b', 'out.md')
      await writeFileAtomic(target, '第一版')
      await writeFileAtomic(target, '第二版')
      expect(await readFile(target, 'utf8')).toBe('第二版')
      expect(await readdir(join(dir.path, 'a', 'b'))).toEqual(['out.md'])
    } finally {
      await dir.cleanup()
    }
  })

  it('leaves the old content when the write fails', async () => {
    const dir = await tempDir({ 'keep.txt': 'old' })
    try {
      // A folder where the temp file's parent should be makes the write fail.
      await expect(writeFileAtomic(join(dir.path, 'keep.txt', 'child.txt'), 'new')).rejects.toThrow()
      expect(await readFile(join(dir.path, 'keep.txt'), 'utf8')).toBe('old')
      expect(await readdir(dir.path)).toEqual(['keep.txt'])
    } finally {
      await dir.cleanup()
    }
  })
})
