import { describe, expect } from 'vitest';
import { describeSteps } from '../collect';
import { matrixTest } from './define';
import { cleanGraph, startTenant, type Tenant, type TenantOptions } from './harness';

const CUT = 5;
const FLEET = 16;

const SETUP: Record<
  'kandji' | 'esper',
  {
    options: TenantOptions;
    device: string;
    /** The endpoint and the list name in the error. */
    endpoint: RegExp;
    resource: string;
    /** Devices the graph should hold after the cut-short run. */
    ingested: (tenant: Tenant) => number;
  }
> = {
  kandji: {
    // Legacy headers: x-total-count is compared too (licensing counts always are).
    options: { kandji: { cutDeviceListAfter: CUT, legacyDeviceHeaders: true } },
    device: 'kandji_device',
    endpoint: /GET devices/,
    resource: 'device',
    ingested: () => CUT,
  },
  esper: {
    // Both device lists end after CUT devices while their counts say the whole fleet: v2
    // (every platform, `content.count`) and v1 (Android only, DRF `count`). A device either
    // list returned is ingested.
    options: { esper: { cutShort: { 'v2-devices': CUT, devices: CUT } } },
    device: 'esper_device',
    endpoint: /GET v2\/devices\//,
    resource: 'v2 device',
    ingested: (tenant) => {
      const devices = tenant.esper?.fleet.devices ?? [];
      const v1 = devices.filter((d) => d.platform === 'ANDROID' && d.hiddenFromV1 !== true);
      const read = new Set([...devices.slice(0, CUT), ...v1.slice(0, CUT)].map((d) => d.id));
      return read.size;
    },
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
          // What was read is ingested, and nothing more...
          const ingested = setup.ingested(tenant);
          expect(ingested).toBeLessThan(FLEET);
          expect(devicesOf(run.graph.entityTypes)).toBe(ingested);
          // ...and the run says it is incomplete: exit 1, device types partial.
          expect(run.result.ok, describeSteps(run.result)).toBe(false);
          expect(run.result.exitCode).toBe(1);
          expect(run.summary?.metadata.partialDatasets.types).toContain(setup.device);
          // The error names the endpoint and both figures.
          const message = new RegExp(
            `${setup.endpoint.source}.*announced ${FLEET} ${setup.resource} record\\(s\\).*but ${CUT} were received`,
          );
          expect(run.log).toMatch(message);
          if (integration === 'esper') {
            // The v1 list's shortfall is named in the same error.
            expect(run.log).toMatch(
              new RegExp(
                `GET enterprise/[0-9a-f-]+/device/ announced \\d+ device record\\(s\\).*but ${CUT} were received`,
              ),
            );
          }
        } finally {
          await tenant.close();
        }
      },
      30_000,
    );
  });
}
