import { describe, expect } from 'vitest';
import { describeSteps } from '../collect';
import { matrixTest } from './define';
import { cleanGraph, graphMismatch, startTenant } from './harness';

// Neither integration exposes the HTTP timeouts in its config, so the fault
// has to outlast mdm-core's default 30 s headers timeout (this file runs in
// parallel with the rest of the matrix).
const DEFAULT_HEADERS_TIMEOUT_MS = 30_000;

describe('kandji: timeouts', () => {
  matrixTest(
    'K-TX-3',
    async () => {
      const expected = await cleanGraph('kandji');
      const tenant = await startTenant('kandji', {
        faults: [
          {
            kind: 'slow',
            route: 'blueprints',
            delayMs: DEFAULT_HEADERS_TIMEOUT_MS + 2_000,
            times: 1,
          },
        ],
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
