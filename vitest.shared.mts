import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const setupFile = fileURLToPath(new URL('./vitest.setup.ts', import.meta.url));

/** One vitest configuration for every package of the workspace. */
export function workspaceVitestConfig() {
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'simulator/**/*.test.ts', 'test/**/*.test.ts'],
      // Browser tests need Chromium and a demo run; .ci/run runs them separately.
      exclude: ['**/node_modules/**', '**/dist/**', '**/*.browser.test.ts'],
      setupFiles: [setupFile],
      env: { ENABLE_GRAPH_OBJECT_SCHEMA_VALIDATION: 'true' },
      testTimeout: 30_000,
      hookTimeout: 30_000,
      pool: 'forks',
      // The JSON report feeds scripts/test-summary.mjs (the closing 'N passed, N failed' line).
      reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest.json' }]],
    },
  });
}
