import type { RunResult } from './run';

const fmt = (n: number) => n.toLocaleString('en-US');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i === r.length - 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join('  '),
    )
    .join('\n');
}

/** The end-of-run summary a security engineer reads. */
export function formatRunSummary(r: RunResult): string {
  const lines: string[] = [];
  const verdict = r.ok
    ? '✓ {name}: collection succeeded'
    : r.permissionPartial
      ? '⚠ {name}: collection completed, some data partial for lack of permission'
      : '✗ {name}: collection FAILED';
  lines.push(
    `${verdict.replace('{name}', r.integration)} in ${(r.durationMs / 1000).toFixed(1)}s (exit code ${r.exitCode})`,
  );
  if (r.validationError) lines.push(`  ${r.validationError}`);
  if (r.disabledSources?.length)
    lines.push(`  ingestion sources off: ${r.disabledSources.join(', ')}`);
  if (r.preflight) lines.push(`  ${r.preflight}`);
  const ents = Object.entries(r.graph.entities).sort();
  if (ents.length)
    lines.push('', table([['entity _type', 'count'], ...ents.map(([t, c]) => [t, fmt(c)])]));
  const rels = Object.entries(r.graph.relationships).sort();
  if (rels.length)
    lines.push('', table([['relationship _type', 'count'], ...rels.map(([t, c]) => [t, fmt(c)])]));
  lines.push(
    '',
    `  requests ${fmt(r.http.requests)}, retries ${fmt(r.http.retries)}, 429s ${fmt(r.http.rateLimited)}, rate-limit waits ${(r.http.rateLimitWaitMs / 1000).toFixed(1)}s` +
      (r.startupMs !== undefined
        ? `, first request ${Math.round(r.startupMs)} ms after process start`
        : ''),
  );
  for (const s of r.steps.filter((s) => r.failedSteps.includes(s.id)))
    lines.push(`  failed step ${s.id} (${s.status})${s.error ? `: ${s.error}` : ''}`);
  if (r.partialDatasets.types.length)
    lines.push(`  partial datasets: ${r.partialDatasets.types.join(', ')}`);
  lines.push(`  graph files: ${r.storageDir}`, `  log: ${r.logFile}`);
  return lines.join('\n');
}
