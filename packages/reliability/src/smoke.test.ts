import { describe, expect, it } from 'vitest';
import { collect, describeSteps } from './collect';
import { esperEnv, esperInvocationConfig, kandjiEnv, kandjiInvocationConfig, startEsper, startKandji } from './sims';

describe('smoke', () => {
  it('kandji clean', async () => {
    const sim = await startKandji({ seed: 'rel', devices: 20, appsPerDevice: 5, rateLimit: false });
    const t = performance.now();
    const run = await collect({ invocationConfig: kandjiInvocationConfig(), integration: 'kandji', env: kandjiEnv(sim.url, sim.token) });
    console.log('kandji ms', performance.now() - t, describeSteps(run.result), run.graph.entityKeys.size, run.graph.relationshipKeys.size, sim.server.stats().total, JSON.stringify(run.summary?.metadata));
    await sim.close();
    expect(run.result.ok).toBe(true);
  });
  it('esper clean', async () => {
    const sim = await startEsper({ seed: 'rel', devices: 20, appsPerDevice: 5 });
    const t = performance.now();
    const run = await collect({ invocationConfig: esperInvocationConfig(), integration: 'esper', env: esperEnv(sim, sim.url) });
    console.log('esper ms', performance.now() - t, describeSteps(run.result), run.graph.entityKeys.size, run.graph.relationshipKeys.size, sim.server.stats().total, JSON.stringify(run.summary?.metadata));
    await sim.close();
    expect(run.result.ok).toBe(true);
  });
});
