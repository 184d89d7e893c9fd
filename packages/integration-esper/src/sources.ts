import type { IntegrationIngestionConfigFieldMap } from '@jupiterone/integration-sdk-core';
import type { HttpClient } from '@mdm-graph/mdm-core';
import { type SourcePermission, sourcePermissions } from '@mdm-graph/mdm-core/steps';
import { Endpoints } from './client';

/**
 * Ingestion sources: the parts of the graph a JupiterOne admin can switch off (the integration's
 * "Ingestion sources" settings; `DISABLED_INGESTION_SOURCES` for `collect`).
 */
export const IngestionSources = {
  /** The core (enterprise, catalog, groups, devices, user -> device links): always on. */
  DEVICES: 'devices',
  INSTALLED_APPS: 'installed-apps',
  USERS: 'users',
} as const;
export type EsperIngestionSource = (typeof IngestionSources)[keyof typeof IngestionSources];

/**
 * What each optional source needs and what is partial without it (preflight, errors, docs).
 * Esper has no per-key scopes: the role of the user who created the API key decides. The
 * preflight's probes are added per run (preflightSources): they need the enterprise.
 */
export const SOURCE_PERMISSIONS: readonly SourcePermission<EsperIngestionSource>[] =
  sourcePermissions<EsperIngestionSource>([
    {
      source: IngestionSources.USERS,
      permission: Endpoints.users.permission,
      data: 'the user directory (names, emails, roles, employee mapping; user -> device links stay complete)',
    },
    {
      source: IngestionSources.INSTALLED_APPS,
      permission: Endpoints.deviceApps.permission,
      data: 'the apps installed on each device (esper_device HAS esper_application)',
    },
  ]);

/**
 * SOURCE_PERMISSIONS with what mdm-core's permission preflight asks (one record each): users,
 * the directory; installed apps, the apps of the first listed device (none listed: not probed).
 */
export function preflightSources(enterpriseId: string): SourcePermission<EsperIngestionSource>[] {
  const probes: Partial<Record<EsperIngestionSource, SourcePermission['probe']>> = {
    [IngestionSources.USERS]: { path: Endpoints.users.path({}) },
    [IngestionSources.INSTALLED_APPS]: async (client) => {
      const deviceId = await firstDeviceId(client, enterpriseId);
      return deviceId
        ? {
            path: Endpoints.deviceApps.path({ enterprise_id: enterpriseId, device_id: deviceId }),
          }
        : undefined;
    },
  };
  return SOURCE_PERMISSIONS.map((p) => ({ ...p, probe: probes[p.source] }));
}

/** The id of one listed device; undefined when there is none or the list fails (the step says why). */
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
    return undefined;
  }
}

/**
 * The JupiterOne ingestionConfig. Installed apps are new beyond the original model
 * (enterprise, catalog, groups, devices) and cost one request per device: off by default.
 */
export const ingestionConfig: IntegrationIngestionConfigFieldMap = {
  [IngestionSources.DEVICES]: {
    title: 'Enterprise, devices and application catalog',
    description:
      'The enterprise, its application catalog, device groups, every device and the user -> device links (from the device list).',
    cannotBeDisabled: true,
  },
  [IngestionSources.USERS]: {
    title: 'User directory',
    description:
      'Esper console users with names, emails and roles, and their mapping to employees (needs an API key of an Enterprise Admin). Off: each device still links to its user as the device list names it.',
  },
  [IngestionSources.INSTALLED_APPS]: {
    title: 'Installed apps',
    description:
      'Apps installed on each device (one API call per device; Apple devices through the v2 device-apps listing, one lookup per distinct app). Off: only the enterprise application catalog is ingested.',
  },
};
