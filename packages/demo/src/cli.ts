#!/usr/bin/env node
// `npm run demo`: every integration of integrations.json collects from its simulated tenant, with
// live progress, a summary, and an offline HTML picture of the graph.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { createConsoleReporter, formatRunSummary, type RunResult } from '@mdm-graph/j1-runner';
import { collectInChild } from './children';
import { loadCollection } from './collection';
import { loadManagedQuestions } from './questions';
import { renderReport } from './report';
import { demoIntegrations, startDemoTenant, type RunningSimulator } from './sims';

const { values: args } = parseArgs({
  options: {
    devices: { type: 'string', default: '300' },
    apps: { type: 'string', default: '30' },
    'latency-min': { type: 'string', default: '20' },
    'latency-max': { type: 'string', default: '80' },
    seed: { type: 'string', default: 'demo' },
    out: { type: 'string', default: resolve(__dirname, '..', '..', '..', 'demo-output') },
  },
});

/** "A", "A and B", "A, B and C". */
function listOf(names: string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function positiveInt(name: string, raw: string | undefined): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a positive whole number (got "${raw}")`);
  return n;
}

async function main(): Promise<number> {
  const t0 = performance.now();
  const out = resolve(args.out!);
  mkdirSync(out, { recursive: true });
  const fleet = {
    devices: positiveInt('devices', args.devices),
    appsPerDevice: positiveInt('apps', args.apps),
    seed: args.seed!,
    latencyMs: {
      min: positiveInt('latency-min', args['latency-min']),
      max: positiveInt('latency-max', args['latency-max']),
    },
  };
  const integrations = demoIntegrations();
  console.log(
    `Starting simulated ${listOf(integrations.map((i) => i.entry.title))} tenants: ${fleet.devices} devices each, ~${fleet.appsPerDevice} apps per device, ` +
      `${fleet.latencyMs.min}-${fleet.latencyMs.max} ms latency, vendor rate limits on.`,
  );
  for (const { simulator } of integrations) {
    const note = simulator.profiles.demo?.note;
    if (note) console.log(note);
  }
  const started = await Promise.allSettled(
    integrations.map((i) => startDemoTenant(i.entry, i.simulator, fleet)),
  );
  const sims: RunningSimulator[] = started.flatMap((s) =>
    s.status === 'fulfilled' ? [s.value] : [],
  );
  const notStarted = started.find((s) => s.status === 'rejected');
  if (notStarted) {
    await Promise.all(sims.map((s) => s.close().catch(() => undefined)));
    throw notStarted.reason;
  }
  const reporter = createConsoleReporter({ tty: Boolean(process.stderr.isTTY) && !process.env.CI });
  let results: RunResult[];
  try {
    results = await Promise.all(
      sims.map((s) =>
        collectInChild(
          { packageDir: s.packageDir, name: s.name, outDir: join(out, s.name), env: s.env },
          reporter,
        ),
      ),
    );
  } finally {
    reporter.close();
    await Promise.all(sims.map((s) => s.close().catch(() => undefined)));
  }
  const reportFile = join(out, 'report.html');
  const collections = await Promise.all(
    results.map((r) => loadCollection(r.storageDir, { integration: r.integration, run: r })),
  );
  writeFileSync(
    reportFile,
    await renderReport(collections, { questionsFor: loadManagedQuestions }),
  );
  writeFileSync(join(out, 'results.json'), JSON.stringify(results, null, 2));
  console.log('');
  for (const r of results) console.log(`${formatRunSummary(r)}\n`);
  for (const s of sims) {
    const st = s.stats();
    console.log(
      `simulated ${s.name} tenant served ${st.total.toLocaleString('en-US')} requests (${st.rateLimited} answered 429)`,
    );
  }
  const ok = results.every((r) => r.ok);
  console.log(`\nReport (opens offline): ${pathToFileURL(reportFile).href}`);
  console.log(
    `${ok ? '✓ Demo succeeded' : '✗ Demo FAILED'}: ${sims.length === 2 ? 'both collections' : `${sims.length} collections`} in ${((performance.now() - t0) / 1000).toFixed(1)}s`,
  );
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
