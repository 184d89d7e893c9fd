/**
 * Child process of bench/run.ts: one collection as `collect` runs it (the J1
 * runtime, validateInvocation, file-system graph store, entity validation on),
 * against the simulator configured in ESPER_BENCH_CONFIG. Running in its own
 * process makes its peak RSS the collector's alone. Writes JSON to ESPER_BENCH_OUT.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import {
  createIntegrationLogger,
  executeIntegrationInstance,
  LOCAL_INTEGRATION_INSTANCE,
} from '@jupiterone/integration-sdk-runtime';
import { invocationConfig } from '../src';
import type { IntegrationConfig } from '../src/config';

async function main(): Promise<void> {
  const config = JSON.parse(process.env.ESPER_BENCH_CONFIG ?? '{}') as IntegrationConfig;
  const only = (process.env.ESPER_BENCH_STEPS ?? '').split(',').filter(Boolean);
  const storage = mkdtempSync(join(tmpdir(), 'esper-bench-'));
  process.env.JUPITERONE_INTEGRATION_STORAGE_DIRECTORY = storage;
  process.env.DISABLE_DISK_USAGE_METRIC = '1';
  const benchConfig: IntegrationInvocationConfig<IntegrationConfig> = {
    ...invocationConfig,
    getStepStartStates: () =>
      Object.fromEntries(
        invocationConfig.integrationSteps.map((s) => [
          s.id,
          { disabled: only.length > 0 && !only.includes(s.id) },
        ]),
      ),
  };
  const logger = createIntegrationLogger({
    name: 'esper-bench',
    invocationConfig: benchConfig as IntegrationInvocationConfig,
  });
  const started = performance.now();
  const result = await executeIntegrationInstance(
    logger,
    { ...LOCAL_INTEGRATION_INSTANCE, config },
    benchConfig,
    { current: { startedOn: Date.now() } },
    { enableSchemaValidation: process.env.ESPER_BENCH_VALIDATE !== '0' },
  );
  const wallMs = performance.now() - started;
  let entities = 0;
  let relationships = 0;
  for (const step of result.integrationStepResults) {
    if (step.status !== 'success' && step.status !== 'disabled')
      throw new Error(`step ${step.id}: ${step.status}`);
    for (const [type, n] of Object.entries(step.encounteredTypeCounts ?? {})) {
      if (type.includes('_has_') || type.includes('_is_')) relationships += n;
      else entities += n;
    }
  }
  rmSync(storage, { recursive: true, force: true });
  writeFileSync(
    process.env.ESPER_BENCH_OUT ?? join(tmpdir(), 'esper-bench.json'),
    JSON.stringify({
      wallMs,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      entities,
      relationships,
      steps: Object.fromEntries(
        result.integrationStepResults
          .filter((st) => st.status === 'success')
          .map((st) => [st.id, st.duration]),
      ),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
