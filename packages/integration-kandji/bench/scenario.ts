/**
 * One benchmark scenario in its own process (so peak RSS is the scenario's own):
 *   tsx bench/scenario.ts <prism|per-device> <devices> <appsPerDevice>
 * Runs the full integration (executeIntegrationInstance, file-system graph store, entity
 * validation on) against the simulator with 50 ms latency and Kandji's limits (50/s, 10,000/h),
 * prints one JSON line with the measurements.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createIntegrationLogger,
  executeIntegrationInstance,
} from '@jupiterone/integration-sdk-runtime';
import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { invocationConfig } from '../src';
import { startKandjiSimulator, type KandjiFindings, type KandjiFleet } from '../simulator';

async function main(): Promise<void> {
  const [mode = 'prism', devicesArg = '1000', appsArg = '40'] = process.argv.slice(2);
  const sim = await startKandjiSimulator({
    seed: 'bench',
    devices: Number(devicesArg),
    appsPerDevice: Number(appsArg),
    latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 50),
    rateLimit: { perSecond: 50, perHour: 10_000, retryAfter: true },
    deniedPermissions: mode === 'per-device' ? ['prism'] : [],
    // Security findings: 5% of Mac app installs carry CVEs (the simulator's default, stated here).
    vulnerableInstallRate: 0.05,
  });
  const work = mkdtempSync(join(tmpdir(), 'kandji-bench-'));
  const cwd = process.cwd();
  process.chdir(work);
  // The runtime logs bunyan JSON to stdout; keep the bench output to its one result line.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (() => true) as typeof process.stdout.write;
  const config = invocationConfig as unknown as IntegrationInvocationConfig;
  const logger = createIntegrationLogger({ name: 'kandji-bench', invocationConfig: config });
  const started = Date.now();
  let result;
  try {
    result = await executeIntegrationInstance(
      logger,
      {
        id: 'bench',
        name: 'bench',
        accountId: 'bench',
        integrationDefinitionId: 'kandji',
        config: { apiUrl: sim.url, accessToken: sim.token },
        // e.g. BENCH_DISABLED_SOURCES=vulnerabilities,threats: the same run without the findings.
        disabledSources: (process.env.BENCH_DISABLED_SOURCES ?? '')
          .split(',')
          .filter(Boolean)
          .map((ingestionSourceId) => ({ ingestionSourceId })),
      } as never,
      config,
      { current: { startedOn: started } },
      { enableSchemaValidation: true },
    );
  } finally {
    process.stdout.write = write;
    process.chdir(cwd);
  }
  const wallMs = Date.now() - started;
  const stats = sim.server.stats();
  const findings = sim.findings();
  await sim.close();
  rmSync(work, { recursive: true, force: true });
  const failed = result.integrationStepResults
    .filter((s) => s.status !== 'success' && s.status !== 'disabled')
    .map((s) => `${s.id}:${s.status}`);
  const summary = {
    mode,
    devices: Number(devicesArg),
    appsPerDevice: Number(appsArg),
    requests: stats.total,
    rateLimited429: stats.rateLimited,
    byRoute: Object.fromEntries(Object.entries(stats.byRoute).map(([k, v]) => [k, v.count])),
    ...findingsCost(stats.byRoute, findings, sim.fleet),
    wallSeconds: wallMs / 1000,
    rateLimitBoundSeconds: stats.total / 50,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    entities:
      result.metadata.partialDatasets.types.length === 0
        ? 'complete'
        : `partial: ${result.metadata.partialDatasets.types.join(',')}`,
    failedSteps: failed,
  };
  write(`${JSON.stringify(summary)}\n`);
}

/**
 * The findings' share of the run: their requests against their page budget (detections/300 +
 * CVEs/50 + threats/1000 + behavioral/1000; an empty listing still costs its one request).
 */
function findingsCost(
  byRoute: Record<string, { count: number }>,
  findings: KandjiFindings,
  fleet: KandjiFleet,
): Record<string, unknown> {
  const pages = (rows: number, size: number) => Math.max(1, Math.ceil(rows / size));
  const routes = [
    'vulnerabilities',
    'vulnerability-detections',
    'threat-details',
    'behavioral-detections',
  ];
  const requests = routes.reduce((n, r) => n + (byRoute[r]?.count ?? 0), 0);
  const budget =
    pages(findings.detections.length, 300) +
    pages(findings.cves.length, 50) +
    pages(findings.threats.length, 1000) +
    pages(findings.behavioral.length, 1000);
  const macInstalls = fleet.devices.reduce(
    (n, d, i) => n + (d.platform === 'Mac' ? fleet.appsOf(i).length : 0),
    0,
  );
  const vulnerableInstalls = new Set(
    findings.detections.map((d) => `${d.device_id}|${d.path}|${d.version}`),
  ).size;
  return {
    findingsRequests: requests,
    findingsPageBudget: budget,
    findingsWithinBudget: requests <= budget,
    detections: findings.detections.length,
    cves: findings.cves.length,
    threats: findings.threats.length + findings.behavioral.length,
    vulnerableInstallShare: macInstalls === 0 ? 0 : vulnerableInstalls / macInstalls,
  };
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
