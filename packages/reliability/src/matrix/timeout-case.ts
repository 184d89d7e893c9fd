import { describe, expect } from 'vitest';
import { describeSteps } from '../collect';
import { matrixTest } from './define';
import { cleanGraph, graphMismatch, startTenant } from './harness';

// Neither integration exposes the HTTP timeouts in its config, so the fault
// has to outlast mdm-core's default 30 s headers timeout. Each integration's
// case lives in its own test file so the two waits run in parallel.
const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;

/** TX-3: one response slower than the timeout on `route`; the retry gets the same graph. */
export function slowResponseCase(integration: 'kandji' | 'esper', route: string): void {
  describe(`${integration}: timeouts`, () => {
    matrixTest(
      `${integration === 'kandji' ? 'K' : 'E'}-TX-3`,
      async () => {
        const expected = await cleanGraph(integration);
        const tenant = await startTenant(integration, {
          faults: [{ kind: 'slow', route, delayMs: DEFAULT_HEADERS_TIMEOUT_MS + 2_000, times: 1 }],
        });
        try {
          const run = await tenant.run('slow');
          expect(tenant.server.stats().faultsInjected).toBe(1);
          expect(run.result.ok, describeSteps(run.result)).toBe(true);
          expect(graphMismatch(expected, run)).toBe('');
          expect(run.log).toMatch(/timed out|timeout/i);
        } finally {
          await tenant.close();
        }
      },
      75_000,
    );
  });
}
