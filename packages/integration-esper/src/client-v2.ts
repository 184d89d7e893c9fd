import { type HttpClient, isApiCallError, type ValidationReport } from '@mdm-graph/mdm-core';
import { z } from 'zod';
import { block, idOf, optBool, optNum, optStr, str } from './client';
import { type PageRetry, paginateByCount, V2Envelope } from './paginate-by-count';
import { EsperApi } from './steps/constants';

/**
 * Esper v2 (multi-OS) endpoints. The path carries no enterprise id: the tenant is the
 * host. Fields and envelope: ../shared/reference/esper-api.md "v2: multi-OS devices"
 * and the live type records in test/fixtures/vendor-examples/esper/.
 */

// ---- Devices: GET /v2/devices/ ----------------------------------------------------------------
// Whitelisted on purpose: zod strips every other key, so Apple `tokens` (push magic, push and
// device tokens), Android `fcm_id`, `mqtt_topic`, Windows `windows_config.channel_uri`, `policy`
// and anything Esper adds later never get past the client boundary.
export const V2DeviceSchema = z.object({
  id: str,
  name: optStr,
  alias: optStr,
  os: optStr,
  platform: optStr,
  state: optNum,
  serial: optStr,
  os_version: optStr,
  tenant_id: optStr,
  group_id: optStr,
  udid: optStr,
  is_supervised: optBool,
  is_gms: optBool,
  dpc_version: optStr,
  managed_by: optStr,
  provisioned_on: optStr,
  last_seen: optStr,
  created_at: optStr,
  updated_at: optStr,
  hardware_info: block({
    brand: optStr,
    model: optStr,
    manufacturer: optStr,
    serial: optStr,
  }),
  software_info: block({
    os_version: optStr,
    os_build_number: optStr,
    security_patch_level: optStr,
    esper_agent_info: block({ version_name: optStr, version_code: optStr }),
  }),
  network_info: block({
    imei1: optStr,
    imei2: optStr,
    wifi_mac_address: optStr,
    ethernet_mac_address: optStr,
  }),
  memory_info: block({ total_ram: optNum, total_internal_storage: optNum }),
  blueprint_info: block({
    assigned_blueprint_id: optStr,
    current_blueprint_id: optStr,
    current_blueprint_version_id: optStr,
    blueprint_upgrade_status: optStr,
  }),
});
export type EsperV2Device = z.infer<typeof V2DeviceSchema>;

// ---- Installed apps of an Apple device: GET /v2/devices/{id}/device-apps/ --------------------
// Items hold ids only; the name and bundle id come from the tenant-app (or iTunes app) lookup.
export const V2DeviceAppSchema = z.object({
  id: optStr,
  device_id: optStr,
  app_id: str,
  app_type: optStr,
  app_version_id: optStr,
});
export type EsperV2DeviceApp = z.infer<typeof V2DeviceAppSchema>;

// ---- GET /v2/tenant-apps/{id}/ (content: one app) --------------------------------------------
export const V2TenantAppSchema = z.object({
  content: z.object({ id: str, package_name: optStr, platform: optStr }),
});
export type EsperV2TenantApp = z.infer<typeof V2TenantAppSchema>['content'];

// ---- GET /v2/itunesapps/?app_id= (VPP apps) --------------------------------------------------
export const V2ItunesAppSchema = z.object({
  bundle_id: optStr,
  app_name: optStr,
  apple_app_version: optStr,
});
const V2ItunesAppsSchema = z.object({
  content: z.object({ results: z.array(z.unknown()).nullable() }),
});
export type EsperV2ItunesApp = z.infer<typeof V2ItunesAppSchema>;

export const pathsV2 = {
  devices: () => 'v2/devices/',
  device: (id: string) => `v2/devices/${encodeURIComponent(id)}/`,
  deviceApps: (id: string) => `v2/devices/${encodeURIComponent(id)}/device-apps/`,
  tenantApp: (id: string) => `v2/tenant-apps/${encodeURIComponent(id)}/`,
  itunesApps: () => 'v2/itunesapps/',
} as const;

interface ListOptions {
  report?: ValidationReport;
}

/**
 * Every device of every platform (ANDROID, APPLE, WINDOWS, LINUX). Offsets come from
 * `count`; each page gets a long timeout and, after the client's own retries, a few
 * paced extra attempts, because the route is slow on big tenants.
 */
export function listDevicesV2(
  client: HttpClient,
  o: ListOptions & { pageRetry?: Partial<PageRetry>; concurrency?: number } = {},
) {
  return paginateByCount(client, {
    path: pathsV2.devices(),
    pageSize: EsperApi.V2_PAGE_SIZE,
    concurrency: o.concurrency ?? EsperApi.PAGE_CONCURRENCY,
    envelope: V2Envelope,
    countSource: '`content.count`',
    resource: 'v2 device',
    schema: V2DeviceSchema,
    report: o.report,
    idOf,
    timeouts: {
      headersMs: EsperApi.V2_DEVICES_TIMEOUT_MS,
      bodyMs: EsperApi.V2_DEVICES_TIMEOUT_MS,
    },
    pageRetry: {
      attempts: EsperApi.V2_PAGE_EXTRA_ATTEMPTS,
      delayMs: () => EsperApi.V2_PAGE_RETRY_DELAY_MS,
      ...o.pageRetry,
    },
  });
}

export function listDeviceAppsV2(client: HttpClient, deviceId: string, o: ListOptions = {}) {
  return paginateByCount(client, {
    path: pathsV2.deviceApps(deviceId),
    pageSize: EsperApi.PAGE_SIZE,
    concurrency: 1,
    envelope: V2Envelope,
    countSource: '`content.count`',
    resource: 'v2 installed app',
    schema: V2DeviceAppSchema,
    report: o.report,
    idOf,
  });
}

export async function getTenantApp(client: HttpClient, appId: string): Promise<EsperV2TenantApp> {
  const res = await client.getJson(pathsV2.tenantApp(appId), { schema: V2TenantAppSchema });
  return res.data.content;
}

/** The first iTunes app record for a VPP app id, or undefined when Esper lists none. */
export async function getItunesApp(
  client: HttpClient,
  appId: string,
): Promise<EsperV2ItunesApp | undefined> {
  const res = await client.getJson(pathsV2.itunesApps(), {
    query: { app_id: appId },
    schema: V2ItunesAppsSchema,
  });
  for (const raw of res.data.content.results ?? []) {
    const parsed = V2ItunesAppSchema.safeParse(raw);
    if (parsed.success && parsed.data.bundle_id) return parsed.data;
  }
  return undefined;
}

/** GET /v2/devices/{id}/: false on 404 (the device was deleted), true when it is there. */
export async function deviceExistsV2(client: HttpClient, deviceId: string): Promise<boolean> {
  try {
    await client.getJson(pathsV2.device(deviceId));
    return true;
  } catch (err) {
    if (isApiCallError(err) && err.status === 404) return false;
    throw err;
  }
}
