import {
  type CountedPage,
  fields,
  type HttpClient,
  isApiCallError,
  nestedCountEnvelope,
  type PageRetry,
  paginateByCount,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import { type ZodType, z } from 'zod';
import { EsperApi } from '../tuning';
import { Endpoints } from './endpoints';

/**
 * Esper v2 (multi-OS) endpoints: for each (declared in endpoints.ts with the permission it
 * needs) a minimal zod schema (mdm-core `fields`) and its page strategy. The path carries no enterprise id: the tenant is the host. Fields and envelope:
 * ../shared/reference/esper-api.md "v2: multi-OS devices" and the live type records in
 * test/fixtures/vendor-examples/esper/. Esper has no per-endpoint scopes: the v2 routes need
 * what their v1 counterparts need.
 */

const { idString, optionalString, optionalNumber, optionalBoolean, lenientSection, rawId } = fields;

interface ListOptions {
  report?: ValidationReport;
}

/**
 * v2 lists: `{content: {count, next, prev | previous, results}}` (some v2 endpoints say
 * `previous`; live device answers say `prev` and carry no top-level code/message). An empty
 * collection may come as `results: null` (seen live on device-apps): read as [].
 */
export const V2Envelope: ZodType<CountedPage> = nestedCountEnvelope('content');

// ---- Devices: GET /v2/devices/ ----------------------------------------------------------------
// Whitelisted on purpose: zod strips every other key, so Apple `tokens` (push magic, push and
// device tokens), Android `fcm_id`, `mqtt_topic`, Windows `windows_config.channel_uri`, `policy`
// and anything Esper adds later never get past the client boundary.
export const V2DeviceSchema = z.object({
  id: idString,
  name: optionalString,
  alias: optionalString,
  os: optionalString,
  platform: optionalString,
  state: optionalNumber,
  serial: optionalString,
  os_version: optionalString,
  tenant_id: optionalString,
  group_id: optionalString,
  udid: optionalString,
  is_supervised: optionalBoolean,
  is_gms: optionalBoolean,
  dpc_version: optionalString,
  managed_by: optionalString,
  provisioned_on: optionalString,
  last_seen: optionalString,
  created_at: optionalString,
  updated_at: optionalString,
  hardware_info: lenientSection({
    brand: optionalString,
    model: optionalString,
    manufacturer: optionalString,
    serial: optionalString,
  }),
  software_info: lenientSection({
    os_version: optionalString,
    os_build_number: optionalString,
    security_patch_level: optionalString,
    esper_agent_info: lenientSection({
      version_name: optionalString,
      version_code: optionalString,
    }),
  }),
  network_info: lenientSection({
    imei1: optionalString,
    imei2: optionalString,
    wifi_mac_address: optionalString,
    ethernet_mac_address: optionalString,
  }),
  memory_info: lenientSection({
    total_ram: optionalNumber,
    total_internal_storage: optionalNumber,
  }),
  blueprint_info: lenientSection({
    assigned_blueprint_id: optionalString,
    current_blueprint_id: optionalString,
    current_blueprint_version_id: optionalString,
    blueprint_upgrade_status: optionalString,
  }),
});
export type EsperV2Device = z.infer<typeof V2DeviceSchema>;

// ---- Installed apps of an Apple device: GET /v2/devices/{id}/device-apps/ --------------------
// Items hold ids only; the name and bundle id come from the tenant-app (or iTunes app) lookup.
export const V2DeviceAppSchema = z.object({
  id: optionalString,
  device_id: optionalString,
  app_id: idString,
  app_type: optionalString,
  app_version_id: optionalString,
});
export type EsperV2DeviceApp = z.infer<typeof V2DeviceAppSchema>;

// ---- GET /v2/tenant-apps/{id}/ (content: one app) --------------------------------------------
export const V2TenantAppSchema = z.object({
  content: z.object({ id: idString, package_name: optionalString, platform: optionalString }),
});
export type EsperV2TenantApp = z.infer<typeof V2TenantAppSchema>['content'];

// ---- GET /v2/itunesapps/?app_id= (VPP apps) --------------------------------------------------
export const V2ItunesAppSchema = z.object({
  bundle_id: optionalString,
  app_name: optionalString,
  apple_app_version: optionalString,
});
const V2ItunesAppsSchema = z.object({
  content: z.object({ results: z.array(z.unknown()).nullable() }),
});
export type EsperV2ItunesApp = z.infer<typeof V2ItunesAppSchema>;

/**
 * Every device of every platform (ANDROID, APPLE, WINDOWS, LINUX). Offsets come from
 * `count`; each page gets a long timeout and, after the client's own retries, a few
 * paced extra attempts, because the route is slow on big tenants.
 *
 * GET v2/devices/ (Endpoints.v2Devices). Permission: read devices.
 */
export function listDevicesV2(
  client: HttpClient,
  o: ListOptions & { pageRetry?: Partial<PageRetry>; concurrency?: number } = {},
): AsyncIterable<EsperV2Device> {
  return paginateByCount(client, {
    path: Endpoints.v2Devices.path({}),
    pageSize: EsperApi.V2_PAGE_SIZE,
    concurrency: o.concurrency ?? EsperApi.PAGE_CONCURRENCY,
    envelope: V2Envelope,
    countSource: '`content.count`',
    resource: 'v2 device',
    schema: V2DeviceSchema,
    report: o.report,
    idOf: rawId,
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

/**
 * GET v2/devices/{id}/device-apps/ (Endpoints.v2DeviceApps), pages from `content.count`.
 * Permission: read installed apps on devices.
 */
export function listDeviceAppsV2(
  client: HttpClient,
  deviceId: string,
  o: ListOptions = {},
): AsyncIterable<EsperV2DeviceApp> {
  return paginateByCount(client, {
    path: Endpoints.v2DeviceApps.path({ device_id: deviceId }),
    pageSize: EsperApi.PAGE_SIZE,
    concurrency: 1,
    envelope: V2Envelope,
    countSource: '`content.count`',
    resource: 'v2 installed app',
    schema: V2DeviceAppSchema,
    report: o.report,
    idOf: rawId,
  });
}

/** GET v2/tenant-apps/{id}/ (Endpoints.tenantApp). Permission: read installed apps on devices. */
export async function getTenantApp(client: HttpClient, appId: string): Promise<EsperV2TenantApp> {
  const res = await client.getJson(Endpoints.tenantApp.path({ app_id: appId }), {
    schema: V2TenantAppSchema,
  });
  return res.data.content;
}

/**
 * The first iTunes app record for a VPP app id, or undefined when Esper lists none.
 *
 * GET v2/itunesapps/?app_id= (Endpoints.itunesApps). Permission: read installed apps on devices.
 */
export async function getItunesApp(
  client: HttpClient,
  appId: string,
): Promise<EsperV2ItunesApp | undefined> {
  const res = await client.getJson(Endpoints.itunesApps.path({}), {
    query: { app_id: appId },
    schema: V2ItunesAppsSchema,
  });
  for (const raw of res.data.content.results ?? []) {
    const parsed = V2ItunesAppSchema.safeParse(raw);
    if (parsed.success && parsed.data.bundle_id) return parsed.data;
  }
  return undefined;
}

/**
 * False on 404 (the device was deleted), true when it is there.
 *
 * GET v2/devices/{id}/ (Endpoints.v2Device). Permission: read devices.
 */
export async function deviceExistsV2(client: HttpClient, deviceId: string): Promise<boolean> {
  try {
    await client.getJson(Endpoints.v2Device.path({ device_id: deviceId }));
    return true;
  } catch (err) {
    if (isApiCallError(err) && err.status === 404) return false;
    throw err;
  }
}
