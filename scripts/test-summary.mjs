#!/usr/bin/env node
// Prints each package's vitest totals and one closing line
// "Tests: N passed, N failed" (exit 1 when anything failed or nothing ran).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
let passed = 0;
let failed = 0;
let skipped = 0;
for (const pkg of readdirSync(join(root, 'packages')).sort()) {
  const report = join(root, 'packages', pkg, 'test-artifacts', 'vitest.json');
  if (!existsSync(report)) continue;
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests;
  failed += r.numFailedTests;
  skipped += r.numPendingTests + r.numTodoTests;
  console.log(
    `  ${pkg.padEnd(22)} ${String(r.numPassedTests).padStart(4)} passed, ${r.numFailedTests} failed (${r.testResults.length} files)`,
  );
}
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
