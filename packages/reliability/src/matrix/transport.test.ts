import type { SimFault } from '@mdm-graph/mdm-core/sim';
import { describe, expect } from 'vitest';
import { describeSteps } from '../collect';
import { matrixTests } from './define';
import { cleanGraph, graphMismatch, startTenant } from './harness';
import type { Integration } from './cases';

/** A fault run must give exactly the clean graph, and the simulator must have injected the fault. */
async function sameGraphUnder(
  integration: Integration,
  faults: SimFault[],
  minFaults: number,
): Promise<void> {
  const expected = await cleanGraph(integration);
  const tenant = await startTenant(integration, { faults });
  try {
    const run = await tenant.run('fault');
    const stats = tenant.server.stats();
    expect(stats.faultsInjected, 'faults injected').toBeGreaterThanOrEqual(minFaults);
    expect(run.result.ok, describeSteps(run.result)).toBe(true);
    expect(graphMismatch(expected, run)).toBe('');
    expect(run.summary?.metadata.partialDatasets.types).toEqual([]);
  } finally {
    await tenant.close();
  }
}

describe('transport faults', () => {
  matrixTests('TX-1', ({ id }) =>
    sameGraphUnder(
      id,
      // Each status a few times (12 faults in all): unbounded, about 40% of all requests failed,
      // so with 8-16 requests in flight one request now and then drew a fault on all six
      // attempts and the test failed by chance rather than by a retry defect.
      [
        { kind: 'status', status: 500, everyN: 5, times: 3 },
        { kind: 'status', status: 502, everyN: 7, times: 3 },
        { kind: 'status', status: 503, everyN: 11, times: 3 },
        { kind: 'status', status: 504, everyN: 13, times: 3 },
      ],
      8,
    ),
  );

  matrixTests('TX-2', ({ id }) => sameGraphUnder(id, [{ kind: 'reset', everyN: 3, times: 3 }], 3));

  matrixTests('TX-4', ({ id }) =>
    sameGraphUnder(id, [{ kind: 'truncated', everyN: 3, times: 3 }], 3),
  );

  matrixTests('TX-5', async ({ id, simulator }) => {
    const list = simulator.capabilities.independentList;
    if (!list) throw new Error(`${id}: no independentList capability`);
    const tenant = await startTenant(id, { faults: [{ kind: 'malformed', route: list.route }] });
    try {
      const run = await tenant.run('non-json');
      expect(tenant.server.stats().faultsInjected).toBeGreaterThan(0);
      expect(run.result.ok).toBe(false);
      expect(run.result.exitCode).toBe(1);
      const failed = run.result.steps.filter((s) => s.error);
      expect(failed.length, describeSteps(run.result)).toBeGreaterThan(0);
      // The error says what was wrong with the body (mdm-core calls it non-JSON or truncated).
      for (const s of failed) expect(s.error).toMatch(/(non-JSON|truncated JSON) body/i);
      expect(failed.map((s) => s.error).join(' ')).toContain(list.errorNames);
      // Steps that do not need the broken list still ran to completion.
      expect(run.result.steps.filter((s) => s.status === 'success').length).toBeGreaterThan(1);
    } finally {
      await tenant.close();
    }
  });
});
