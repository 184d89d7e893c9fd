import type { SimFault } from '@mdm-graph/mdm-core/sim';
import { describe, expect } from 'vitest';
import { describeSteps } from '../collect';
import { keysOfType } from '../graph';
import { kongHourWindow } from '../kong-hour-window';
import type { Integration } from './cases';
import { matrixTest, matrixTests } from './define';
import { cleanGraph, graphMismatch, startTenant } from './harness';

async function sameGraphUnder429(integration: Integration, fault: SimFault): Promise<void> {
  const expected = await cleanGraph(integration);
  const tenant = await startTenant(integration, { faults: [fault] });
  try {
    const run = await tenant.run('429');
    expect(tenant.server.stats().byStatus['429'], '429s served').toBe(fault.times);
    expect(run.result.ok, describeSteps(run.result)).toBe(true);
    expect(tenant.server.stats().retries, 'requests repeated after a 429').toBeGreaterThanOrEqual(
      fault.times ?? 1,
    );
    expect(graphMismatch(expected, run)).toBe('');
  } finally {
    await tenant.close();
  }
}

describe('429 storms', () => {
  matrixTests('RL-1', ({ id }) =>
    sameGraphUnder429(id, {
      kind: 'status',
      status: 429,
      everyN: 3,
      times: 3,
      headers: { 'retry-after': '1' },
    }),
  );
  matrixTests('RL-2', ({ id }) =>
    sameGraphUnder429(id, { kind: 'status', status: 429, everyN: 3, times: 3 }),
  );
});

describe('kandji: Kong windows', () => {
  matrixTest('K-RL-3', async () => {
    const expected = await cleanGraph('kandji');
    const tenant = await startTenant('kandji', {
      vendor: { rateLimit: { perSecond: 8, retryAfter: true } },
    });
    try {
      const run = await tenant.run('per-second');
      expect(run.result.ok, describeSteps(run.result)).toBe(true);
      expect(graphMismatch(expected, run)).toBe('');
      // The pace was actually limited: more requests than one second's worth.
      expect(tenant.server.stats().total).toBeGreaterThan(8);
    } finally {
      await tenant.close();
    }
  });

  matrixTest('K-RL-4', async () => {
    const expected = await cleanGraph('kandji');
    const window = kongHourWindow({ remaining: 6, resetAt: Date.now() + 3_000 });
    const tenant = await startTenant('kandji', { proxy: window });
    try {
      const run = await tenant.run('hour-near');
      expect(window.rejected() + window.served()).toBeGreaterThan(6);
      expect(run.result.ok, describeSteps(run.result)).toBe(true);
      expect(graphMismatch(expected, run)).toBe('');
    } finally {
      await tenant.close();
    }
  });

  matrixTest('K-RL-5', async () => {
    const expected = await cleanGraph('kandji');
    const resetAt = Date.now() + 50 * 60_000;
    const window = kongHourWindow({ remaining: 6, resetAt });
    const tenant = await startTenant('kandji', { proxy: window });
    try {
      const started = performance.now();
      const run = await tenant.run('hour-far');
      expect(performance.now() - started, 'no waiting for the far reset').toBeLessThan(20_000);
      expect(run.result.ok).toBe(false);
      expect(run.result.exitCode).toBe(1);
      const failed = run.result.steps.filter((s) => s.error);
      expect(failed.length, describeSteps(run.result)).toBeGreaterThan(0);
      for (const s of failed) {
        expect(s.error, s.id).toMatch(/hour/i);
        // When it resets: an ISO time within the hour.
        const at = /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z)/.exec(s.error ?? '');
        expect(at, `${s.id}: ${s.error}`).not.toBeNull();
        const when = Date.parse(at?.[1] ?? '');
        expect(Math.abs(when - resetAt), `${s.id} reset time`).toBeLessThan(5 * 60_000);
      }
      // Steps that completed before the budget ran out kept their data, exactly.
      for (const s of run.result.steps.filter(
        (x) => x.status === 'success' && x.counts.entities > 0,
      )) {
        expect(s.id).toBeTruthy();
      }
      for (const type of ['kandji_account']) {
        expect(keysOfType(run.graph, type)).toEqual(keysOfType(expected, type));
      }
    } finally {
      await tenant.close();
    }
  });
});
