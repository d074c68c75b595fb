import { defineConfig } from 'tsup'

// runner.ts is a second entry: the conformance kit spawns it to serve an
// adapter folder in a child process (so the kit can read its logs).
export default defineConfig({
  entry: ['src/index.ts', 'src/runner.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
})
