/**
 * `pnpm bench`: the Kandji integration collected the way a user runs `pnpm run collect` (the
 * built package through j1-runner, in a child process of its own so peak RSS is the
 * collection's), against the simulator in this process with Kandji's limits (50 requests/s,
 * 10,000/h per tenant) and 50 ms latency per response:
 *   prism 1,000 x 40 apps, per-device 1,000 x 40 apps, prism 10,000 x 40, prism 20,000 x 12.
 * Per scenario: requests, 429s, process wall time (spawn to exit, start-up included), the
 * rate-limit bound (requests / 50 per s), peak RSS, TCP connections the simulator accepted and
 * most open at once, and the security findings' requests against their page budget.
 *   BENCH_DISABLED_SOURCES=vulnerabilities,threats   the same runs without the findings.
 *   pnpm bench [-- <mode>-<devices>]   one scenario, e.g. prism-10000
 *   pnpm bench:smoke                   tiny fleets, 5 ms latency: proves the bench works (CI)
 * `pnpm run build` first (turbo's bench task does).
 */
import { assertBenchRun, collectInChild } from '@mdm-graph/j1-runner';
import { join } from 'node:path';
import { type KandjiFindings, type KandjiFleet, startKandjiSimulator } from '../simulator';
import { KandjiLimits } from '../src/steps/constants';

type Mode = 'prism' | 'per-device';
interface Scenario {
  mode: Mode;
  devices: number;
  apps: number;
}

const SMOKE = process.argv.includes('--smoke');
const only = process.argv.slice(2).find((a) => !a.startsWith('--'));
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? (SMOKE ? 5 : 50));
const SCENARIOS: Scenario[] = SMOKE
  ? [
      { mode: 'prism', devices: 700, apps: 3 },
      { mode: 'per-device', devices: 30, apps: 3 },
    ]
  : [
      { mode: 'prism', devices: 1000, apps: 40 },
      { mode: 'per-device', devices: 1000, apps: 40 },
      { mode: 'prism', devices: 10_000, apps: 40 },
      { mode: 'prism', devices: 20_000, apps: 12 },
    ];

/** One collection through the built package, in a child process (j1-runner's collectInChild). */
const collect = (env: Record<string, string>) =>
  collectInChild(join(__dirname, '..'), 'kandji', env);

async function measure(s: Scenario) {
  const sim = await startKandjiSimulator({
    seed: 'bench',
    devices: s.devices,
    appsPerDevice: s.apps,
    users: Math.ceil(s.devices / 2),
    latencyMs: LATENCY_MS,
    rateLimit: { perSecond: 50, perHour: 10_000, retryAfter: true },
    deniedPermissions: s.mode === 'per-device' ? ['prism'] : [],
    // Security findings: 5% of Mac app installs carry CVEs (the simulator's default, stated here).
    vulnerableInstallRate: 0.05,
  });
  try {
    const { report, wallMs } = await collect({
      API_URL: sim.url,
      ACCESS_TOKEN: sim.token,
      DEVICE_DETAILS: 'never',
      // e.g. BENCH_DISABLED_SOURCES=vulnerabilities,threats: the same run without the findings.
      ...(process.env.BENCH_DISABLED_SOURCES !== undefined && {
        DISABLED_INGESTION_SOURCES: process.env.BENCH_DISABLED_SOURCES,
      }),
    });
    const st = sim.server.stats();
    return {
      scenario: `${s.mode}, ${s.devices} devices x ${s.apps} apps`,
      requests: st.total,
      http429: st.rateLimited,
      wallSeconds: wallMs / 1000,
      collectSeconds: report.wallSeconds,
      boundSeconds: st.total / KandjiLimits.REQUESTS_PER_SECOND,
      peakRssMb: report.peakRssMb,
      cpuSeconds: report.cpuSeconds,
      connectionsOpened: st.connectionsOpened,
      maxOpenConnections: st.maxOpenConnections,
      byRoute: Object.fromEntries(Object.entries(st.byRoute).map(([k, v]) => [k, v.count])),
      findings: findingsCost(st.byRoute, sim.findings(), sim.fleet),
      report,
    };
  } finally {
    await sim.close();
  }
}

/**
 * The findings' share of the run: their requests against their page budget (detections/300 +
 * CVEs/50 + threats/1000 + behavioral/1000; an empty listing still costs its one request).
 * Reported, not enforced: the requests also include the preflight's permission probes.
 */
function findingsCost(
  byRoute: Record<string, { count: number }>,
  findings: KandjiFindings,
  fleet: KandjiFleet,
) {
  const pages = (rows: number, size: number) => Math.max(1, Math.ceil(rows / size));
  const routes = [
    'vulnerabilities',
    'vulnerability-detections',
    'threat-details',
    'behavioral-detections',
  ];
  const requests = routes.reduce((n, r) => n + (byRoute[r]?.count ?? 0), 0);
  const budget =
    pages(findings.detections.length, KandjiLimits.DETECTIONS_PAGE_SIZE) +
    pages(findings.cves.length, KandjiLimits.VULNERABILITIES_PAGE_SIZE) +
    pages(findings.threats.length, KandjiLimits.THREATS_PAGE_SIZE) +
    pages(findings.behavioral.length, KandjiLimits.THREATS_PAGE_SIZE);
  const macInstalls = fleet.devices.reduce(
    (n, d, i) => n + (d.platform === 'Mac' ? fleet.appsOf(i).length : 0),
    0,
  );
  const vulnerableInstalls = new Set(
    findings.detections.map((d) => `${d.device_id}|${d.path}|${d.version}`),
  ).size;
  return {
    requests,
    pageBudget: budget,
    detections: findings.detections.length,
    cves: findings.cves.length,
    threats: findings.threats.length + findings.behavioral.length,
    vulnerableInstallShare: macInstalls === 0 ? 0 : vulnerableInstalls / macInstalls,
  };
}

async function main(): Promise<void> {
  const rows = [];
  for (const s of SCENARIOS) {
    if (only && only !== `${s.mode}-${s.devices}`) continue;
    process.stderr.write(`running ${s.mode} ${s.devices} devices x ${s.apps} apps ...\n`);
    const r = await measure(s);
    process.stdout.write(`${JSON.stringify(r)}\n`);
    rows.push(r);
  }
  process.stdout.write(
    `\nNode ${process.version}, ${LATENCY_MS} ms latency, simulator limits 50/s + 10,000/h\n\n` +
      '| scenario | requests | of which findings (budget) | 429s | wall time (collect process) | rate-limit bound | peak RSS | connections opened (max open) |\n' +
      '|---|---:|---|---:|---:|---:|---:|---:|\n',
  );
  for (const r of rows) {
    process.stdout.write(
      `| ${r.scenario} | ${r.requests} | ${r.findings.requests} (${r.findings.pageBudget}: ${r.findings.detections} detections, ${r.findings.cves} CVEs, ${r.findings.threats} threats) | ${r.http429} | ${r.wallSeconds.toFixed(1)} s | ${r.boundSeconds.toFixed(1)} s | ${r.peakRssMb} MB | ${r.connectionsOpened} (${r.maxOpenConnections}) |\n`,
    );
  }
  // Every run (the smoke run in CI too) checks what the numbers rest on.
  for (const r of rows) {
    assertBenchRun(r.scenario, r.report, {
      maxOpen: r.maxOpenConnections,
      concurrency: KandjiLimits.PER_DEVICE_CONCURRENCY,
    });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
