import { describe, expect, it } from 'vitest';
import { FaultPlan } from './faults';
import { SeededRandom } from './random';

function firings(plan: FaultPlan, n: number, route = '/a', path = '/a'): number[] {
  const hits: number[] = [];
  for (let i = 1; i <= n; i++) if (plan.pick(route, path)) hits.push(i);
  return hits;
}

describe('FaultPlan', () => {
  it('fires every Nth matching request, at most `times`', () => {
    const plan = new FaultPlan([{ kind: 'status', everyN: 3, times: 2 }], new SeededRandom(1));
    expect(firings(plan, 12)).toEqual([3, 6]);
  });

  it('filters by route name or path pattern', () => {
    const plan = new FaultPlan([{ kind: 'reset', route: 'device-apps' }], new SeededRandom(1));
    expect(plan.pick('devices', '/api/v1/devices')).toBeUndefined();
    expect(plan.pick('device-apps', '/api/v1/devices/:id/apps')?.kind).toBe('reset');
    const byPath = new FaultPlan(
      [{ kind: 'reset', route: '/api/v1/devices/:id/apps' }],
      new SeededRandom(1),
    );
    expect(byPath.pick('device-apps', '/api/v1/devices/:id/apps')?.kind).toBe('reset');
  });

  it('fires with a probability, deterministically for a seed', () => {
    const run = () =>
      firings(new FaultPlan([{ kind: 'status', probability: 0.25 }], new SeededRandom('p')), 2000);
    const hits = run();
    expect(hits.length).toBeGreaterThan(400);
    expect(hits.length).toBeLessThan(600);
    expect(run()).toEqual(hits);
  });

  it('fires on every request without everyN/probability, and the first matching fault wins', () => {
    const plan = new FaultPlan(
      [{ kind: 'slow', times: 1 }, { kind: 'malformed' }],
      new SeededRandom(1),
    );
    expect([plan.pick('/a', '/a')?.kind, plan.pick('/a', '/a')?.kind]).toEqual([
      'slow',
      'malformed',
    ]);
  });

  it('rejects nonsense settings', () => {
    expect(() => new FaultPlan([{ kind: 'status', everyN: 0 }], new SeededRandom(1))).toThrow(
      RangeError,
    );
    expect(() => new FaultPlan([{ kind: 'status', probability: 2 }], new SeededRandom(1))).toThrow(
      RangeError,
    );
  });
});
