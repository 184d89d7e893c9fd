import { describe, expect } from 'vitest';
import { describeSteps } from '../collect';
import { matrixTests } from './define';
import { cleanGraph, startTenant } from './harness';

const CUT = 5;

describe('completeness', () => {
  matrixTests(
    'CP-1',
    async ({ id, simulator }) => {
      const cut = simulator.capabilities.cutShortDeviceList;
      if (!cut) throw new Error(`${id}: no cutShortDeviceList capability`);
      const clean = await cleanGraph(id);
      const devicesOf = (types: Map<string, string>) =>
        [...types.values()].filter((t) => t === cut.deviceType).length;
      const fleet = devicesOf(clean.entityTypes);
      expect(fleet).toBeGreaterThan(CUT);

      const tenant = await startTenant(id, { vendor: cut.vendor(CUT) });
      try {
        const run = await tenant.run('cut-short');
        // What was read is ingested, and nothing more...
        const ingested = cut.ingested ? cut.ingested(tenant.native, CUT) : CUT;
        expect(ingested).toBeLessThan(fleet);
        expect(devicesOf(run.graph.entityTypes)).toBe(ingested);
        // ...and the run says it is incomplete: exit 1, device types partial.
        expect(run.result.ok, describeSteps(run.result)).toBe(false);
        expect(run.result.exitCode).toBe(1);
        expect(run.summary?.metadata.partialDatasets.types).toContain(cut.deviceType);
        // The error names the endpoint and both figures.
        expect(run.log).toMatch(
          new RegExp(
            `${cut.endpoint}.*announced ${fleet} ${cut.resource} record\\(s\\).*but ${CUT} were received`,
          ),
        );
        // Other lists cut short are named in the same error.
        for (const more of cut.alsoLogged?.(CUT) ?? []) expect(run.log).toMatch(new RegExp(more));
      } finally {
        await tenant.close();
      }
    },
    30_000,
  );
});
