import { describe, expect } from 'vitest';
import { describeSteps } from '../collect';
import { matrixTests } from './define';
import { cleanGraph, graphMismatch, startTenant } from './harness';

// The integrations take a request timeout setting (capability requestTimeoutEnv): a short one
// keeps the case fast instead of waiting out the default 30 s.
const TIMEOUT_SECONDS = 2;

/** TX-3: one response slower than the timeout on a list route; the retry gets the same graph. */
export function slowResponseCases(): void {
  describe('timeouts', () => {
    matrixTests(
      'TX-3',
      async ({ id, simulator }) => {
        const { independentList, requestTimeoutEnv } = simulator.capabilities;
        if (!independentList || !requestTimeoutEnv)
          throw new Error(`${id}: no independentList / requestTimeoutEnv capability`);
        const expected = await cleanGraph(id);
        const tenant = await startTenant(id, {
          faults: [
            {
              kind: 'slow',
              route: independentList.route,
              delayMs: TIMEOUT_SECONDS * 2_000,
              times: 1,
            },
          ],
        });
        try {
          const run = await tenant.run('slow', {
            ...tenant.env,
            [requestTimeoutEnv]: String(TIMEOUT_SECONDS),
          });
          expect(tenant.server.stats().faultsInjected).toBe(1);
          expect(run.result.ok, describeSteps(run.result)).toBe(true);
          expect(graphMismatch(expected, run)).toBe('');
          expect(run.log).toMatch(/timed out|timeout/i);
        } finally {
          await tenant.close();
        }
      },
      30_000,
    );
  });
}
