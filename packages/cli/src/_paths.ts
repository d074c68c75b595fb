import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { YjError } from '@yingjie/model'

/**
 * The bundled sample inventories. Found by walking up from this module, so it
 * works from src/ (tests) and from the bundled dist/ alike.
 */
export function sampleInventory(name: 'baoding' | 'hebei' = 'baoding'): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const candidate = join(dir, 'inventories', name)
    if (existsSync(join(candidate, name === 'baoding' ? 'region.yaml' : 'service-list.yaml'))) return candidate
    const parent = dirname(dir)
    if (parent === dir) break
    dir = parent
  }
  throw new YjError({
    code: 'YJ_SAMPLE_NOT_FOUND',
    message: { zh: `找不到自带的示例清单 inventories/${name}`, en: `bundled sample inventories/${name} not found` },
    hint: { zh: '在 yingjie 源码仓库中运行，或重新克隆仓库', en: 'run from a checkout of the yingjie repository' },
  })
}
