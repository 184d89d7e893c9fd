/**
 * `pnpm bench`: the Kandji integration against the simulator (50 ms latency, 50 req/s and
 * 10,000 req/h server limits): Prism mode and per-device mode at 1,000 devices x 40 apps, and
 * Prism mode at 10,000 devices x 40 apps. Each scenario runs in its own process.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const scenarios: [string, number, number][] = [
  ['prism', 1000, 40],
  ['per-device', 1000, 40],
  ['prism', 10_000, 40],
];

const only = process.argv[2];
const HEAP_MB = Number(process.env.BENCH_HEAP_MB ?? 256);
const rows: Record<string, unknown>[] = [];
for (const [mode, devices, apps] of scenarios) {
  if (only && only !== `${mode}-${devices}`) continue;
  process.stderr.write(`running ${mode} ${devices} devices x ${apps} apps ...\n`);
  // A 256 MB old-space cap makes V8 collect instead of growing lazily, so peak RSS shows the
  // working set (without it, 10,000 devices peak at ~680 MB RSS of mostly uncollected garbage).
  const run = spawnSync(
    process.execPath,
    [
      `--max-old-space-size=${HEAP_MB}`,
      '--import',
      'tsx',
      join(__dirname, 'scenario.ts'),
      mode,
      String(devices),
      String(apps),
    ],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    process.stderr.write(run.stderr);
    throw new Error(`scenario ${mode} ${devices} failed (exit ${run.status})`);
  }
  const row = JSON.parse(line) as Record<string, unknown>;
  rows.push(row);
  process.stdout.write(`${line}\n`);
}

process.stdout.write(
  '\n| scenario | requests | of which findings (budget) | 429s | wall time | rate-limit bound (requests / 50 per s) | peak RSS | failed steps |\n|---|---|---|---|---|---|---|---|\n',
);
for (const r of rows) {
  process.stdout.write(
    `| ${r.mode}, ${r.devices} devices x ${r.appsPerDevice} apps | ${r.requests} | ${r.findingsRequests} (${r.findingsPageBudget}: ${r.detections} detections, ${r.cves} CVEs, ${r.threats} threats) | ${r.rateLimited429} | ${Number(r.wallSeconds).toFixed(1)} s | ${Number(r.rateLimitBoundSeconds).toFixed(1)} s | ${r.peakRssMb} MB | ${(r.failedSteps as string[]).length} |\n`,
  );
}
