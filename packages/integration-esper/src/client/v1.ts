import {
  type HttpClient,
  isApiCallError,
  nextUrlEnvelope,
  paginate,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import { z } from 'zod';
import { EsperApi } from '../tuning';
import { pageSizeOf } from './api';
import { Endpoints } from './endpoints';
import { block, idOf, optBool, optNum, optStr, str } from './schema';
import { paginateByCount } from './paginate-by-count';

/**
 * Esper v1 endpoints used by the integration, each once: path template, the permission it
 * needs, a minimal zod schema (only the fields we read, `.nullish()` for vendor fields) and its
 * page strategy. Paths are relative to the API base `https://{tenant}-api.esper.cloud/api`.
 * Source for every path and field: ../shared/reference/esper-api.md (repository-relative: the
 * shared/ folder beside this repository).
 */

interface ListOptions {
  report?: ValidationReport;
}

// ---- Enterprise: GET /enterprise/{eid}/ ----------------------------------------------------
// Whitelisted on purpose: zod strips unknown keys, so emm.signup_url, emm.completion_token and
// emm.enterprise_token (live secrets in this payload) never get past the client boundary.
export const EnterpriseSchema = z.object({
  id: str,
  name: optStr,
  display_name: optStr,
  short_code: optStr,
  mdm_service: optNum,
  created_on: optStr,
  updated_on: optStr,
  is_active: optBool,
  details: block({
    registered_name: optStr,
    registered_address: optStr,
    location: optStr,
    zipcode: optStr,
    contact_email: optStr,
    created_on: optStr,
    updated_on: optStr,
    is_active: optBool,
  }),
  emm: block({
    google_enterprise_id: optStr,
    name: optStr,
    state: optNum,
    is_active: optBool,
    created_on: optStr,
    updated_on: optStr,
  }),
});
export type EsperEnterprise = z.infer<typeof EnterpriseSchema>;

/**
 * GET enterprise/{eid}/ (Endpoints.enterprise). Permission: read the enterprise (any API key of the
 * enterprise).
 */
export async function getEnterprise(client: HttpClient, eid: string): Promise<EsperEnterprise> {
  const res = await client.getJson(Endpoints.enterprise.path({ enterprise_id: eid }), {
    schema: EnterpriseSchema,
  });
  return res.data;
}

// ---- Applications: GET /enterprise/{eid}/application/ --------------------------------------
const AppVersionSchema = z.object({
  id: optStr,
  version_code: optStr,
  build_number: optStr,
  release_name: optStr,
  min_sdk_version: optStr,
  target_sdk_version: optStr,
  // download_url is dropped: it can be a signed, time-limited link.
});
export const ApplicationSchema = z.object({
  id: str,
  application_name: optStr,
  package_name: optStr,
  developer: optStr,
  category: optStr,
  content_rating: optStr,
  compatibility: optStr,
  created_on: optStr,
  updated_on: optStr,
  is_active: optBool,
  is_hidden: optBool,
  auto_update_app: optBool,
  versions: z.array(AppVersionSchema).nullish().catch(undefined),
});
export type EsperApplication = z.infer<typeof ApplicationSchema>;

/**
 * GET enterprise/{eid}/application/ (Endpoints.applications), `next` URLs. Permission: read
 * applications.
 */
export function listApplications(
  client: HttpClient,
  eid: string,
  o: ListOptions = {},
): AsyncIterable<EsperApplication> {
  return paginate(
    client,
    nextUrlEnvelope({
      path: Endpoints.applications.path({ enterprise_id: eid }),
      limit: pageSizeOf(client),
    }),
    { resource: 'application', schema: ApplicationSchema, report: o.report, idOf },
  );
}

// ---- Device groups: GET /enterprise/{eid}/devicegroup/ -------------------------------------
export const DeviceGroupSchema = z.object({
  id: str,
  name: optStr,
  description: optStr,
  path: optStr,
  parent: optStr,
  device_count: optNum,
  children_count: optNum,
  blueprint: optStr,
  created_on: optStr,
  updated_on: optStr,
});
export type EsperDeviceGroup = z.infer<typeof DeviceGroupSchema>;

/**
 * GET enterprise/{eid}/devicegroup/ (Endpoints.deviceGroups), `next` URLs. Permission: read device
 * groups.
 */
export function listDeviceGroups(
  client: HttpClient,
  eid: string,
  o: ListOptions = {},
): AsyncIterable<EsperDeviceGroup> {
  return paginate(
    client,
    nextUrlEnvelope({
      path: Endpoints.deviceGroups.path({ enterprise_id: eid }),
      limit: pageSizeOf(client),
    }),
    { resource: 'device group', schema: DeviceGroupSchema, report: o.report, idOf },
  );
}

// ---- Devices: GET /enterprise/{eid}/device/ ------------------------------------------------
// Whitelisted on purpose: zod strips every other key, so fcm_id, mqtt_id, iot_mqtt_base_topic,
// wifi_access_points (saved networks) and anything Esper adds later never reach an entity or _rawData.
export const DeviceSchema = z.object({
  id: str,
  device_name: optStr,
  alias_name: optStr,
  policy_name: optStr,
  status: optNum,
  state: optNum,
  api_level: optStr,
  device_type: optStr,
  current_app_mode: optStr,
  lockdown_state: optStr,
  timezone_string: optStr,
  is_active: optBool,
  is_gms: optBool,
  provisioned_on: optStr,
  created_on: optStr,
  updated_on: optStr,
  user: optStr,
  groups: z.array(z.string()).nullish().catch(undefined),
  tags: z.array(z.string()).nullish().catch(undefined),
  softwareInfo: block({
    androidVersion: optStr,
    securityPatchLevel: optStr,
    androidBuildNumber: optStr,
    bootloaderVersion: optStr,
    deviceKernelVersion: optStr,
  }),
  hardwareInfo: block({
    brand: optStr,
    model: optStr,
    manufacturer: optStr,
    serialNumber: optStr,
    hardware: optStr,
  }),
  networkInfo: block({
    imei1: optStr,
    imei2: optStr,
    wifiMacAddress: optStr,
    ethernetMacAddress: optStr,
  }),
  memoryInfo: block({
    totalRam: optNum,
    totalInternalStorage: optNum,
  }),
});
export type EsperDevice = z.infer<typeof DeviceSchema>;

/**
 * The device list is the one large list: after the first page, the remaining
 * pages are computed from `count` and fetched concurrently under the client's
 * rate limiter (what Esper's own client does), instead of one `next` at a time.
 *
 * GET enterprise/{eid}/device/ (Endpoints.devices). Permission: read devices.
 */
export function listDevices(
  client: HttpClient,
  eid: string,
  o: ListOptions & { concurrency?: number } = {},
): AsyncIterable<EsperDevice> {
  return paginateByCount(client, {
    path: Endpoints.devices.path({ enterprise_id: eid }),
    pageSize: pageSizeOf(client),
    concurrency: o.concurrency ?? EsperApi.PAGE_CONCURRENCY,
    resource: 'device',
    schema: DeviceSchema,
    report: o.report,
    idOf,
  });
}

/**
 * False on 404 (the device was deleted), true when it is there. Tells a deleted device from a
 * 404 of one of its sub-resources.
 *
 * GET enterprise/{eid}/device/{id}/ (Endpoints.device). Permission: read devices.
 */
export async function deviceExists(
  client: HttpClient,
  eid: string,
  deviceId: string,
): Promise<boolean> {
  try {
    await client.getJson(Endpoints.device.path({ enterprise_id: eid, device_id: deviceId }));
    return true;
  } catch (err) {
    if (isApiCallError(err) && err.status === 404) return false;
    throw err;
  }
}

// ---- Installed apps: GET /enterprise/{eid}/device/{id}/app/ ---------------------------------
export const DeviceAppSchema = z.object({
  id: optStr,
  app_name: optStr,
  package_name: z.string().min(1),
  version_code: optStr,
  version_name: optStr,
  app_type: optStr,
  whitelisted: optBool,
  is_active: optBool,
});
export type EsperDeviceApp = z.infer<typeof DeviceAppSchema>;

/**
 * GET enterprise/{eid}/device/{id}/app/ (Endpoints.deviceApps), `next` URLs; one call per device.
 * Permission: read installed apps on devices.
 */
export function listDeviceApps(
  client: HttpClient,
  eid: string,
  deviceId: string,
  o: ListOptions = {},
): AsyncIterable<EsperDeviceApp> {
  return paginate(
    client,
    nextUrlEnvelope({
      path: Endpoints.deviceApps.path({ enterprise_id: eid, device_id: deviceId }),
      limit: pageSizeOf(client),
    }),
    { resource: 'installed app', schema: DeviceAppSchema, report: o.report, idOf },
  );
}

// ---- Users: GET /user/ (not enterprise-scoped; the device `user` field points here) --------
export const UserSchema = z.object({
  id: str,
  username: optStr,
  email: optStr,
  first_name: optStr,
  last_name: optStr,
  full_name: optStr,
  is_active: optBool,
  is_staff: optBool,
  is_superuser: optBool,
  last_login: optStr,
  profile: block({ role: optStr }),
});
export type EsperUser = z.infer<typeof UserSchema>;

/**
 * The filters Esper's own tool sends (EST `Utility/API/UserUtility.py`): no Google-role
 * accounts, no per-device (enterprise device role) accounts, only accounts with a login
 * identity (`authn_user_id_null=false`).
 */
export const USER_FILTERS = {
  format: 'json',
  exclude_google_roles: 'true',
  exclude_enterprise_device_role: 'true',
  authn_user_id_null: 'false',
} as const;

/**
 * GET user/ with USER_FILTERS (Endpoints.users), `next` URLs. Permission: read users (an API key of
 * an Enterprise Admin).
 */
export function listUsers(client: HttpClient, o: ListOptions = {}): AsyncIterable<EsperUser> {
  const strategy = nextUrlEnvelope({
    path: Endpoints.users.path({}),
    query: USER_FILTERS,
    limit: pageSizeOf(client),
  });
  return paginate(client, strategy, {
    resource: 'user',
    schema: UserSchema,
    report: o.report,
    idOf,
  });
}
