/**
 * `pnpm bench`: the Esper integration collected the way a user runs `pnpm run collect` (the
 * built package through j1-runner, in a child process of its own so peak RSS is the
 * collection's), against the simulator in this process with 50 ms latency per response:
 *   (a) 1,000 devices x 40 installed apps, complete graph (one installed-apps call per device)
 *   (b) (a) under a server limit that forces 429s (200 requests/s, no headers, no Retry-After)
 *   (c) 10,000 devices x 40 installed apps: beyond the default client budget (Esper's own
 *       client: 8,000 calls per 300 s), so the run is bound by that budget
 * Per scenario: requests, 429s, process wall time (spawn to exit, start-up included), the
 * budget's bound, peak RSS, TCP connections the simulator accepted and most open at once.
 *   pnpm bench [-- a|b|c]   one scenario
 *   pnpm bench:smoke        a tiny fleet, 5 ms latency: proves the bench works (CI)
 * `pnpm run build` first (turbo's bench task does).
 */
import { assertBenchRun, collectInChild } from '@mdm-graph/j1-runner';
import { join } from 'node:path';
import { type EsperSimulatorOptions, startEsperSimulator } from '../simulator';
import { EsperLimits } from '../src/steps/constants';

const SMOKE = process.argv.includes('--smoke');
const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? (SMOKE ? 5 : 50));

interface Scenario {
  id: string;
  name: string;
  devices: number;
  apps: number;
  sim?: Partial<EsperSimulatorOptions>;
}

const SCENARIOS: Scenario[] = SMOKE
  ? [{ id: 'a', name: 'complete graph', devices: 600, apps: 3 }]
  : [
      { id: 'a', name: 'complete graph', devices: 1000, apps: 40 },
      {
        id: 'b',
        name: 'complete graph, server limit 200 req/s',
        devices: 1000,
        apps: 40,
        sim: { rateLimit: { windows: [{ name: 'second', limit: 200, intervalMs: 1000 }] } },
      },
      { id: 'c', name: 'complete graph', devices: 10_000, apps: 40 },
    ];

/** One collection through the built package, in a child process (j1-runner's collectInChild). */
const collect = (env: Record<string, string>) =>
  collectInChild(join(__dirname, '..'), 'esper', env);

/** Seconds the client budget alone needs for n requests: each full window beyond the first. */
function budgetBoundSeconds(n: number): number {
  const { limit, intervalMs } = EsperLimits.RATE_LIMIT;
  return (Math.max(0, Math.ceil(n / limit) - 1) * intervalMs) / 1000;
}

async function measure(s: Scenario) {
  const sim = await startEsperSimulator({
    seed: 'bench',
    devices: s.devices,
    appsPerDevice: s.apps,
    catalogApps: 60,
    groups: 40,
    users: 120,
    latencyMs: LATENCY_MS,
    // Devices only the v2 API lists (Apple with installed apps; Windows, Linux).
    apple: Number(process.env.BENCH_APPLE ?? 0),
    windows: Number(process.env.BENCH_WINDOWS ?? 0),
    linux: Number(process.env.BENCH_LINUX ?? 0),
    ...s.sim,
  });
  try {
    const { report, wallMs } = await collect({
      DOMAIN: sim.domain,
      ENTERPRISE_ID: sim.enterpriseId,
      ACCESS_TOKEN: sim.token,
      API_BASE_URL: sim.url,
    });
    const st = sim.server.stats();
    return {
      scenario: `(${s.id}) ${s.devices} devices x ${s.apps} apps, ${s.name}`,
      requests: st.total,
      http429: st.rateLimited,
      wallSeconds: wallMs / 1000,
      collectSeconds: report.wallSeconds,
      boundSeconds: budgetBoundSeconds(st.total),
      peakRssMb: report.peakRssMb,
      cpuSeconds: report.cpuSeconds,
      connectionsOpened: st.connectionsOpened,
      maxOpenConnections: st.maxOpenConnections,
      byRoute: Object.fromEntries(Object.entries(st.byRoute).map(([k, v]) => [k, v.count])),
      report,
    };
  } finally {
    await sim.close();
  }
}

async function main(): Promise<void> {
  const rows = [];
  for (const s of SCENARIOS) {
    if (only && only !== s.id) continue;
    process.stderr.write(`running (${s.id}) ${s.devices} devices x ${s.apps} apps ...\n`);
    const r = await measure(s);
    process.stdout.write(`${JSON.stringify(r)}\n`);
    rows.push(r);
  }
  process.stdout.write(
    `\nNode ${process.version}, ${LATENCY_MS} ms latency, client budget ${EsperLimits.RATE_LIMIT.limit} requests / ${EsperLimits.RATE_LIMIT.intervalMs / 1000} s\n\n` +
      '| scenario | requests | 429s | wall time (collect process) | budget bound | peak RSS | connections opened (max open) | entities | relationships |\n' +
      '|---|---:|---:|---:|---:|---:|---:|---:|---:|\n',
  );
  for (const r of rows) {
    process.stdout.write(
      `| ${r.scenario} | ${r.requests} | ${r.http429} | ${r.wallSeconds.toFixed(1)} s | ${r.boundSeconds.toFixed(0)} s | ${r.peakRssMb} MB | ${r.connectionsOpened} (${r.maxOpenConnections}) | ${r.report.entities} | ${r.report.relationships} |\n`,
    );
  }
  // Every run (the smoke run in CI too) checks what the numbers rest on.
  for (const r of rows) {
    assertBenchRun(r.scenario, r.report, {
      maxOpen: r.maxOpenConnections,
      concurrency: EsperLimits.MAX_CONCURRENCY,
    });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
