import {
  integrationDir,
  loadSimulatorContract,
  readIntegrations,
  type RegisteredIntegration,
} from '@mdm-graph/j1-runner';
import type { IntegrationSimulator, SimStats } from '@mdm-graph/mdm-core/sim';

/** What the demo needs from a vendor simulator. */
export interface RunningSimulator {
  name: string;
  title: string;
  packageDir: string;
  /** Environment of the collection: the integration's config, as a user would set it. */
  env: Record<string, string>;
  stats(): SimStats;
  close(): Promise<void>;
}

export interface DemoFleetOptions {
  devices: number;
  appsPerDevice: number;
  seed: string;
  latencyMs: { min: number; max: number };
}

/** The integrations of the registry (integrations.json), each with its simulator's contract. */
export function demoIntegrations(): {
  entry: RegisteredIntegration;
  simulator: IntegrationSimulator;
}[] {
  return readIntegrations().map((entry) => ({
    entry,
    simulator: loadSimulatorContract<IntegrationSimulator>(entry),
  }));
}

/** Starts one registered integration's simulated tenant with the demo preset. */
export async function startDemoTenant(
  entry: RegisteredIntegration,
  simulator: IntegrationSimulator,
  o: DemoFleetOptions,
): Promise<RunningSimulator> {
  const sim = await simulator.start({
    profile: 'demo',
    seed: o.seed,
    devices: o.devices,
    appsPerDevice: o.appsPerDevice,
    latencyMs: o.latencyMs,
    // Check-ins relative to now, as on a live tenant (the report's 7/30-day figures).
    now: new Date(),
  });
  return {
    name: entry.id,
    title: entry.title,
    packageDir: integrationDir(entry),
    env: sim.env,
    stats: () => sim.stats(),
    close: () => sim.close(),
  };
}
