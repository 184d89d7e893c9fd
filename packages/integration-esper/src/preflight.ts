import type { IntegrationExecutionContext } from '@jupiterone/integration-sdk-core';
import type { HttpClient } from '@mdm-graph/mdm-core';
import {
  type PreflightFinding,
  runPreflight as runSourcePreflight,
} from '@mdm-graph/mdm-core/steps';
import { createEsperClient, Endpoints, esper } from './client';
import type { EsperConfig, IntegrationConfig } from './config';
import { type EsperIngestionSource, SOURCE_PERMISSIONS } from './sources';
import { IngestionSources } from './steps/constants';

/**
 * The permission preflight (mdm-core's): one `limit=1` request per enabled optional source
 * (users: the directory; installed apps: one device's apps, after listing one device), before
 * any step runs. Every source the key cannot read (403) is listed in one warning at the start,
 * with what will be partial and both fixes; the runner's end summary repeats it. Other errors
 * are left to the steps.
 */
export async function runPreflight(
  config: EsperConfig,
  context: IntegrationExecutionContext<IntegrationConfig>,
): Promise<PreflightFinding<EsperIngestionSource>[]> {
  const eid = config.enterpriseId;
  const probes = {
    [IngestionSources.USERS]: { path: Endpoints.users.path({}) },
    [IngestionSources.INSTALLED_APPS]: async (client: HttpClient) => {
      const deviceId = await firstDeviceId(client, eid);
      return deviceId
        ? { path: Endpoints.deviceApps.path({ enterprise_id: eid, device_id: deviceId }) }
        : undefined;
    },
  } as const;
  const sources = SOURCE_PERMISSIONS.map((p) => ({
    ...p,
    probe: p.source === IngestionSources.DEVICES ? undefined : probes[p.source],
  }));
  const client = createEsperClient(config, context.logger, { retry: { maxRetries: 2 } });
  try {
    return await runSourcePreflight({ vendor: esper, context }, client, sources, {
      endpointOf: (path) => `GET ${config.apiBaseUrl}/${path}`,
    });
  } finally {
    await client.close();
  }
}

/** The id of one listed device (its apps are the installed-apps probe); undefined if none. */
async function firstDeviceId(client: HttpClient, eid: string): Promise<string | undefined> {
  try {
    const res = await client.getJson(Endpoints.devices.path({ enterprise_id: eid }), {
      query: { limit: 1 },
    });
    const results = (res.data as { results?: unknown } | null)?.results;
    const first: unknown = Array.isArray(results) ? results[0] : undefined;
    const id = (first as { id?: unknown } | undefined)?.id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined; // the devices step reports it
  }
}
