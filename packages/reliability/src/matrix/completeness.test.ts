import { describe, expect } from 'vitest';
import { describeSteps } from '../collect';
import { matrixTest } from './define';
import { cleanGraph, startTenant, type TenantOptions } from './harness';

const CUT = 5;
const FLEET = 16;

const SETUP: Record<
  'kandji' | 'esper',
  { options: TenantOptions; device: string; endpoint: RegExp }
> = {
  kandji: {
    // Legacy headers: x-total-count is compared too (licensing counts always are).
    options: { kandji: { cutDeviceListAfter: CUT, legacyDeviceHeaders: true } },
    device: 'kandji_device',
    endpoint: /GET devices/,
  },
  esper: {
    options: { esper: { cutShort: { devices: CUT } } },
    device: 'esper_device',
    endpoint: /GET enterprise\/[0-9a-f-]+\/device\//,
  },
};

for (const integration of ['kandji', 'esper'] as const) {
  describe(`${integration}: completeness`, () => {
    matrixTest(
      `${integration === 'kandji' ? 'K' : 'E'}-CP-1`,
      async () => {
        const setup = SETUP[integration];
        const clean = await cleanGraph(integration);
        const devicesOf = (types: Map<string, string>) =>
          [...types.values()].filter((t) => t === setup.device).length;
        expect(devicesOf(clean.entityTypes)).toBe(FLEET);

        const tenant = await startTenant(integration, setup.options);
        try {
          const run = await tenant.run('cut-short');
          // What was read is ingested...
          expect(devicesOf(run.graph.entityTypes)).toBe(CUT);
          // ...and the run says it is incomplete: exit 1, device types partial.
          expect(run.result.ok, describeSteps(run.result)).toBe(false);
          expect(run.result.exitCode).toBe(1);
          expect(run.summary?.metadata.partialDatasets.types).toContain(setup.device);
          // The error names the endpoint and both figures.
          const message = new RegExp(
            `${setup.endpoint.source}.*announced ${FLEET} device record\\(s\\).*but ${CUT} were received`,
          );
          expect(run.log).toMatch(message);
        } finally {
          await tenant.close();
        }
      },
      30_000,
    );
  });
}
