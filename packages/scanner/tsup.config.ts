import { defineConfig } from 'tsup'

export default defineConfig({
  // source/index is its own entry so the source scanner loads without the web scanner's HTTP stack.
  entry: { index: 'src/index.ts', 'source/index': 'src/source/index.ts' },
  format: ['esm'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'node20',
})
