import { dirname, join } from 'node:path';

/** What the demo needs from a vendor simulator. */
export interface RunningSimulator {
  name: string;
  packageDir: string;
  /** Environment of the collection: the integration's config, as a user would set it. */
  env: Record<string, string>;
  stats(): { total: number; rateLimited: number };
  close(): Promise<void>;
}

export interface DemoFleetOptions {
  devices: number;
  appsPerDevice: number;
  seed: string;
  latencyMs: { min: number; max: number };
}

interface SimStatsLike {
  total: number;
  rateLimited: number;
}
interface KandjiSimulatorLike {
  url: string;
  token: string;
  server: { stats(): SimStatsLike; close(): Promise<void> };
}
interface EsperSimulatorLike {
  url: string;
  domain: string;
  enterpriseId: string;
  token: string;
  server: { stats(): SimStatsLike; close(): Promise<void> };
}

function packageDir(name: string): string {
  return dirname(require.resolve(`${name}/package.json`));
}

// The simulators are built with each integration but never published, so they
// are loaded from the workspace package's dist/simulator.
function loadSimulator<T>(
  pkg: string,
  exportName: string,
): (o: Record<string, unknown>) => Promise<T> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- simulators are loaded by path (not exported)
  const mod = require(join(packageDir(pkg), 'dist', 'simulator')) as Record<string, unknown>;
  const start = mod[exportName];
  if (typeof start !== 'function')
    throw new Error(`${pkg} simulator does not export ${exportName}`);
  return start as (o: Record<string, unknown>) => Promise<T>;
}

export async function startKandji(o: DemoFleetOptions): Promise<RunningSimulator> {
  const pkg = '@mdm-graph/integration-kandji';
  const sim = await loadSimulator<KandjiSimulatorLike>(
    pkg,
    'startKandjiSimulator',
  )({
    seed: o.seed,
    devices: o.devices,
    appsPerDevice: o.appsPerDevice,
    latencyMs: o.latencyMs,
    // Check-ins relative to now, as on a live tenant (the report's 7/30-day figures).
    now: new Date(),
  });
  return {
    name: 'kandji',
    packageDir: packageDir(pkg),
    env: {
      API_URL: sim.url,
      ACCESS_TOKEN: sim.token,
      // Every optional source on except the user directory: the demo shows a run with a
      // source switched off (its step is disabled, the device -> user links still complete).
      ENABLED_INGESTION_SOURCES: 'all',
      DISABLED_INGESTION_SOURCES: 'users',
    },
    stats: () => sim.server.stats(),
    close: () => sim.server.close(),
  };
}

/** 70% Android, 20% Apple, 8% Windows, 2% Linux (at least one of each beyond 10 devices). */
export function esperPlatformMix(total: number) {
  const share = (p: number) => (total > 10 ? Math.max(1, Math.round(total * p)) : 0);
  const apple = share(0.2);
  const windows = share(0.08);
  const linux = share(0.02);
  return { devices: total - apple - windows - linux, apple, windows, linux };
}

export async function startEsper(o: DemoFleetOptions): Promise<RunningSimulator> {
  const pkg = '@mdm-graph/integration-esper';
  const sim = await loadSimulator<EsperSimulatorLike>(
    pkg,
    'startEsperSimulator',
  )({
    seed: o.seed,
    // A multi-OS enterprise of o.devices devices: Android through v1 and v2, Apple, Windows and
    // Linux through v2 only.
    ...esperPlatformMix(o.devices),
    appsPerDevice: o.appsPerDevice,
    latencyMs: o.latencyMs,
    now: new Date(),
  });
  return {
    name: 'esper',
    packageDir: packageDir(pkg),
    env: {
      DOMAIN: sim.domain,
      ENTERPRISE_ID: sim.enterpriseId,
      ACCESS_TOKEN: sim.token,
      API_BASE_URL: sim.url,
      // Installed apps default to off (one request per device): the demo shows them.
      ENABLED_INGESTION_SOURCES: 'all',
    },
    stats: () => sim.server.stats(),
    close: () => sim.server.close(),
  };
}
