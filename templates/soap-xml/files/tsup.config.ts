import { defineConfig } from 'tsup'

// dist/server.js is what runs in production (systemd, Docker); dist/adapter.js
// lets `yingjie adapter verify` check the built adapter too.
export default defineConfig({
  entry: ['src/server.ts', 'src/adapter.ts'],
  format: ['esm'],
  target: 'node20',
  clean: true,
  sourcemap: true,
})
