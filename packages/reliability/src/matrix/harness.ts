import type { SimFault, SimServer } from '@mdm-graph/mdm-core/sim';
import { collect, describeSteps, type Collected } from '../collect';
import { describeDiff, diffGraphs, isEmptyDiff, type CollectedGraph } from '../graph';
import { startRewritingProxy, type ProxyHooks, type RewritingProxy } from '../rewriting-proxy';
import {
  esperEnv,
  esperInvocationConfig,
  esperOAuthEnv,
  kandjiEnv,
  kandjiInvocationConfig,
  startEsper,
  startKandji,
  type EsperSimulator,
  type EsperSimulatorOptions,
  type KandjiSimulator,
  type KandjiSimulatorOptions,
} from '../sims';
import type { Integration } from './cases';

/**
 * Small fleets with multi-page lists everywhere a list can have pages, no
 * simulated latency: each collection takes well under a second.
 */
export const KANDJI_FLEET: KandjiSimulatorOptions = {
  seed: 'reliability',
  devices: 16,
  appsPerDevice: 4,
  users: 8,
  blueprints: 3,
  customProfiles: 5,
  usersPageSize: 3,
  customProfilesPageSize: 2,
  rateLimit: false,
};

export const ESPER_FLEET: EsperSimulatorOptions = {
  seed: 'reliability',
  devices: 16,
  appsPerDevice: 6,
  users: 12,
  groups: 7,
  catalogApps: 12,
  // Esper's page cap is undocumented: a small clamp makes every list multi-page.
  maxPageSize: 5,
};

export interface TenantOptions {
  kandji?: KandjiSimulatorOptions;
  esper?: EsperSimulatorOptions;
  faults?: SimFault[];
  /** Put a rewriting proxy between the integration and the simulator. */
  proxy?: ProxyHooks;
  /** Esper only: configure OAuth2 client credentials instead of the API key. */
  oauth?: boolean;
}

export interface Tenant {
  integration: Integration;
  server: SimServer;
  kandji?: KandjiSimulator;
  esper?: EsperSimulator;
  proxy?: RewritingProxy;
  /** API base the integration is configured with (the proxy's when there is one). */
  apiBase: string;
  env: Record<string, string>;
  run(label: string, env?: Record<string, string | undefined>): Promise<Collected>;
  close(): Promise<void>;
}

const API_PATH: Record<Integration, string> = { kandji: '/api/v1', esper: '/api' };

export async function startTenant(
  integration: Integration,
  o: TenantOptions = {},
): Promise<Tenant> {
  let kandji: KandjiSimulator | undefined;
  let esper: EsperSimulator | undefined;
  let server: SimServer;
  if (integration === 'kandji') {
    kandji = await startKandji({ ...KANDJI_FLEET, ...o.kandji, faults: o.faults });
    server = kandji.server;
  } else {
    esper = await startEsper({ ...ESPER_FLEET, ...o.esper, faults: o.faults });
    server = esper.server;
  }
  const proxy = o.proxy ? await startRewritingProxy(server.url, o.proxy) : undefined;
  const origin = (proxy?.url ?? server.url).replace(/\/+$/, '');
  const apiBase = `${origin}${API_PATH[integration]}`;
  const env = {
    ...(kandji
      ? kandjiEnv(apiBase, kandji.token)
      : o.oauth
        ? esperOAuthEnv(esper as EsperSimulator, apiBase)
        : esperEnv(esper as EsperSimulator, apiBase)),
    // Every ingestion source on (some default to off): the matrix covers all the data.
    ENABLED_INGESTION_SOURCES: 'all',
  };
  const invocationConfig =
    integration === 'kandji' ? kandjiInvocationConfig() : esperInvocationConfig();
  const opened: Collected[] = [];
  return {
    integration,
    server,
    kandji,
    esper,
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
      await server.close();
      for (const r of opened) r.dispose();
    },
  };
}

const baselines = new Map<string, Promise<CollectedGraph>>();

/** The graph of a clean run of the same fleet (memoized per fleet). */
export function cleanGraph(
  integration: Integration,
  o: Pick<TenantOptions, 'kandji' | 'esper'> = {},
): Promise<CollectedGraph> {
  const key = JSON.stringify([integration, o.kandji ?? {}, o.esper ?? {}]);
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
