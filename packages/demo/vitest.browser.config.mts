import { defineConfig } from 'vitest/config';

// The report rendered in headless Chromium. Run by .ci/run after `npm run demo`
// (Chromium comes from Debian's `chromium` package).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    testTimeout: 60_000,
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-browser.json' }]],
  },
});
