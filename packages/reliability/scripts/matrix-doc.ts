/**
 * Regenerates the matrix table of docs/reliability.md from the case list and
 * the last test run of this package (test-artifacts/vitest.json):
 *   pnpm --filter @mdm-graph/reliability test; pnpm --filter @mdm-graph/reliability run docs
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { matrixTable, resultsFromReport, TABLE_END, TABLE_START } from '../src/matrix/doc-table';

const pkg = join(__dirname, '..');
const doc = join(pkg, '..', '..', 'docs', 'reliability.md');
const reportFile = join(pkg, 'test-artifacts', 'vitest.json');
const report = existsSync(reportFile)
  ? (JSON.parse(readFileSync(reportFile, 'utf8')) as Parameters<typeof resultsFromReport>[0])
  : {};
const table = `${TABLE_START}\n\n${matrixTable(resultsFromReport(report))}\n\n${TABLE_END}`;
const text = readFileSync(doc, 'utf8');
const start = text.indexOf(TABLE_START);
const end = text.indexOf(TABLE_END);
if (start < 0 || end < start) throw new Error(`${doc}: matrix markers not found`);
writeFileSync(doc, `${text.slice(0, start)}${table}${text.slice(end + TABLE_END.length)}`);
// Keep `prettier --check .` (CI) green: the table is written unpadded.
execFileSync(join(pkg, '..', '..', 'node_modules', '.bin', 'prettier'), ['--write', doc], {
  stdio: 'ignore',
});
console.log(`updated ${doc}`);
