import { describe, expect, it } from 'vitest';
import { assertBenchRun, type ChildCollectionReport } from './collect-child';

const good: ChildCollectionReport = {
  ok: true,
  failedSteps: [],
  entities: 10,
  relationships: 9,
  partial: [],
  wallSeconds: 1,
  peakRssMb: 100,
  cpuSeconds: 1,
  steps: {},
};

describe('assertBenchRun', () => {
  it('accepts a complete run within the tenant concurrency plus two connections', () => {
    expect(() => assertBenchRun('s', good, { maxOpen: 10, concurrency: 8 })).not.toThrow();
  });

  it('names the scenario and every problem', () => {
    const bad = {
      ...good,
      ok: false,
      failedSteps: ['fetch-apps'],
      partial: ['kandji_app'],
      entities: 0,
    };
    expect(() => assertBenchRun('prism 10', bad, { maxOpen: 11, concurrency: 8 })).toThrow(
      'prism 10: failed: fetch-apps ; partial types: kandji_app; no entities; 11 connections open at once (concurrency 8)',
    );
  });
});
