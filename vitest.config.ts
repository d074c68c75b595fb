import { defaultServerConditions } from 'vite'
import { defineConfig } from 'vitest/config'

// Workspace packages export a "source" condition pointing at src/*.ts, so the
// whole suite runs on a fresh clone before anything is built.
const conditions = ['source', ...defaultServerConditions]

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    projects: [
      { extends: true, test: { name: 'model', include: ['packages/model/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'inventory', include: ['packages/inventory/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'spec', include: ['packages/spec/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'scanner', include: ['packages/scanner/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'cutover', include: ['packages/cutover/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'cli', include: ['packages/cli/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'e2e', include: ['test/**/*.test.ts'], exclude: ['**/node_modules/**', 'test/bench/**'] } },
      { extends: true, test: { name: 'connector', include: ['packages/connector/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'scaffold', include: ['packages/scaffold/src/**/*.test.ts'] } },
    ],
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
