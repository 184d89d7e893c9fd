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
import { startKandjiSimulator } from '../simulator';

async function main(): Promise<void> {
  const [mode = 'prism', devicesArg = '1000', appsArg = '40'] = process.argv.slice(2);
  const sim = await startKandjiSimulator({
    seed: 'bench',
    devices: Number(devicesArg),
    appsPerDevice: Number(appsArg),
    latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 50),
    rateLimit: { perSecond: 50, perHour: 10_000, retryAfter: true },
    deniedPermissions: mode === 'per-device' ? ['prism'] : [],
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
  await sim.close();
  rmSync(work, { recursive: true, force: true });
  const failed = result.integrationStepResults
    .filter((s) => s.status !== 'success')
    .map((s) => `${s.id}:${s.status}`);
  const summary = {
    mode,
    devices: Number(devicesArg),
    appsPerDevice: Number(appsArg),
    requests: stats.total,
    rateLimited429: stats.rateLimited,
    byRoute: Object.fromEntries(Object.entries(stats.byRoute).map(([k, v]) => [k, v.count])),
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

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
