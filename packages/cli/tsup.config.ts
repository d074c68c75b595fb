import { defineConfig } from 'tsup'

// bin.ts imports nothing heavy; every command is a dynamic import, so
// splitting keeps `yingjie --version` from loading yaml, ajv and friends.
export default defineConfig({
  entry: ['src/bin.ts', 'src/index.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  splitting: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
  banner: { js: '' },
})
