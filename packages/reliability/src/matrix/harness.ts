import type {
  RunningSimulator,
  SimFault,
  SimServer,
  SimulatorStartOptions,
} from '@mdm-graph/mdm-core/sim';
import { collect, describeSteps, type Collected } from '../collect';
import { describeDiff, diffGraphs, isEmptyDiff, type CollectedGraph } from '../graph';
import { startRewritingProxy, type ProxyHooks, type RewritingProxy } from '../rewriting-proxy';
import { matrixIntegration } from '../sims';
import type { Integration } from './cases';

/**
 * Tenants of the matrix: every registered integration's simulator (integrations.json) with its
 * `matrix` preset: a small fleet with multi-page lists everywhere a list can have pages, no
 * simulated latency, so each collection takes well under a second.
 */
export interface TenantOptions {
  /** Common simulator options (the registry contract), over the matrix preset. */
  sim?: Omit<SimulatorStartOptions, 'profile' | 'faults' | 'vendor'>;
  /** Vendor-native simulator options (vendor-specific cases only). */
  vendor?: Record<string, unknown>;
  faults?: SimFault[];
  /** Put a rewriting proxy between the integration and the simulator. */
  proxy?: ProxyHooks;
  /** The collection's env for the started simulator at `apiBase` (default: the simulator's own). */
  env?: (sim: RunningSimulator, apiBase: string) => Record<string, string>;
}

export interface Tenant {
  integration: Integration;
  server: SimServer;
  /** The started simulator (registry contract). */
  sim: RunningSimulator;
  /** The vendor's own simulator handle, for vendor-specific cases. */
  native: unknown;
  proxy?: RewritingProxy;
  /** API base the integration is configured with (the proxy's when there is one). */
  apiBase: string;
  env: Record<string, string>;
  run(label: string, env?: Record<string, string | undefined>): Promise<Collected>;
  close(): Promise<void>;
}

export async function startTenant(
  integration: Integration,
  o: TenantOptions = {},
): Promise<Tenant> {
  const registered = matrixIntegration(integration);
  const sim = await registered.simulator.start({
    profile: 'matrix',
    ...o.sim,
    faults: o.faults,
    vendor: o.vendor,
  });
  const server = sim.server;
  const proxy = o.proxy ? await startRewritingProxy(server.url, o.proxy) : undefined;
  const origin = (proxy?.url ?? server.url).replace(/\/+$/, '');
  const apiBase = `${origin}${new URL(sim.url).pathname.replace(/\/+$/, '')}`;
  const env = {
    ...(o.env ? o.env(sim, apiBase) : sim.envAt(apiBase)),
    // Every ingestion source on (some default to off): the matrix covers all the data.
    ENABLED_INGESTION_SOURCES: 'all',
  };
  const invocationConfig = registered.invocationConfig();
  const opened: Collected[] = [];
  return {
    integration,
    server,
    sim,
    native: sim.native,
    proxy,
    apiBase,
    env,
    async run(label, override) {
      // The configured host is the tenant's identity: keys may embed it (Kandji on loopback).
      const keyAliases = { [new URL(apiBase).host]: 'tenant-host' };
      const run = await collect({
        invocationConfig,
        integration,
        env: override ?? env,
        label,
        keyAliases,
      });
      opened.push(run);
      return run;
    },
    async close() {
      await proxy?.close();
      await sim.close();
      for (const r of opened) r.dispose();
    },
  };
}

const baselines = new Map<string, Promise<CollectedGraph>>();

/** The graph of a clean run of the same fleet (memoized per fleet). */
export function cleanGraph(
  integration: Integration,
  o: Pick<TenantOptions, 'sim' | 'vendor'> = {},
): Promise<CollectedGraph> {
  const key = JSON.stringify([integration, o.sim ?? {}, o.vendor ?? {}]);
  let graph = baselines.get(key);
  if (!graph) {
    graph = (async () => {
      const tenant = await startTenant(integration, o);
      try {
        const run = await tenant.run('clean');
        if (!run.result.ok)
          throw new Error(`clean ${integration} run failed: ${describeSteps(run.result)}`);
        if (run.graph.entityKeys.size === 0)
          throw new Error(`clean ${integration} run wrote no entities`);
        return run.graph;
      } finally {
        await tenant.close();
      }
    })();
    baselines.set(key, graph);
  }
  return graph;
}

/** Assertion message when a faulted run's graph differs from the clean one (empty string when equal). */
export function graphMismatch(expected: CollectedGraph, run: Collected): string {
  const diff = diffGraphs(expected, run.graph);
  if (isEmptyDiff(diff) && run.graph.duplicateKeys.length === 0) return '';
  return `${describeDiff(diff, expected, run.graph)}; duplicates ${run.graph.duplicateKeys.length}; steps: ${describeSteps(run.result)}`;
}
