import { describe, expect } from 'vitest';
import { describeSteps } from '../collect';
import { matrixTest } from './define';
import { cleanGraph, graphMismatch, startTenant } from './harness';

// Both integrations take a request timeout setting (REQUEST_TIMEOUT_SECONDS):
// a short one keeps the case fast instead of waiting out the default 30 s.
const TIMEOUT_SECONDS = 2;

/** TX-3: one response slower than the timeout on `route`; the retry gets the same graph. */
export function slowResponseCase(integration: 'kandji' | 'esper', route: string): void {
  describe(`${integration}: timeouts`, () => {
    matrixTest(
      `${integration === 'kandji' ? 'K' : 'E'}-TX-3`,
      async () => {
        const expected = await cleanGraph(integration);
        const tenant = await startTenant(integration, {
          faults: [{ kind: 'slow', route, delayMs: TIMEOUT_SECONDS * 2_000, times: 1 }],
        });
        try {
          const run = await tenant.run('slow', {
            ...tenant.env,
            REQUEST_TIMEOUT_SECONDS: String(TIMEOUT_SECONDS),
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
