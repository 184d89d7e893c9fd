import {
  fields,
  type HttpClient,
  isApiCallError,
  nextUrlEnvelope,
  paginate,
  paginateByCount,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import { z } from 'zod';
import { EsperApi } from '../tuning';
import { pageSizeOf } from './api';
import { Endpoints } from './endpoints';

/**
 * Esper v1 endpoints used by the integration: for each (declared in endpoints.ts with the
 * permission it needs) a minimal zod schema (only the fields we read, lenient where Esper is:
 * mdm-core `fields`) and its page strategy. Paths are relative to the API base `https://{tenant}-api.esper.cloud/api`.
 * Source for every path and field: ../shared/reference/esper-api.md (repository-relative: the
 * shared/ folder beside this repository).
 */

const { idString, optionalString, optionalNumber, optionalBoolean, lenientSection, rawId } = fields;

interface ListOptions {
  report?: ValidationReport;
}

// ---- Enterprise: GET /enterprise/{eid}/ ----------------------------------------------------
// Whitelisted on purpose: zod strips unknown keys, so emm.signup_url, emm.completion_token and
// emm.enterprise_token (live secrets in this payload) never get past the client boundary.
export const EnterpriseSchema = z.object({
  id: idString,
  name: optionalString,
  display_name: optionalString,
  short_code: optionalString,
  mdm_service: optionalNumber,
  created_on: optionalString,
  updated_on: optionalString,
  is_active: optionalBoolean,
  details: lenientSection({
    registered_name: optionalString,
    registered_address: optionalString,
    location: optionalString,
    zipcode: optionalString,
    contact_email: optionalString,
    created_on: optionalString,
    updated_on: optionalString,
    is_active: optionalBoolean,
  }),
  emm: lenientSection({
    google_enterprise_id: optionalString,
    name: optionalString,
    state: optionalNumber,
    is_active: optionalBoolean,
    created_on: optionalString,
    updated_on: optionalString,
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
  id: optionalString,
  version_code: optionalString,
  build_number: optionalString,
  release_name: optionalString,
  min_sdk_version: optionalString,
  target_sdk_version: optionalString,
  // download_url is dropped: it can be a signed, time-limited link.
});
export const ApplicationSchema = z.object({
  id: idString,
  application_name: optionalString,
  package_name: optionalString,
  developer: optionalString,
  category: optionalString,
  content_rating: optionalString,
  compatibility: optionalString,
  created_on: optionalString,
  updated_on: optionalString,
  is_active: optionalBoolean,
  is_hidden: optionalBoolean,
  auto_update_app: optionalBoolean,
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
    { resource: 'application', schema: ApplicationSchema, report: o.report, idOf: rawId },
  );
}

// ---- Device groups: GET /enterprise/{eid}/devicegroup/ -------------------------------------
export const DeviceGroupSchema = z.object({
  id: idString,
  name: optionalString,
  description: optionalString,
  path: optionalString,
  parent: optionalString,
  device_count: optionalNumber,
  children_count: optionalNumber,
  blueprint: optionalString,
  created_on: optionalString,
  updated_on: optionalString,
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
    { resource: 'device group', schema: DeviceGroupSchema, report: o.report, idOf: rawId },
  );
}

// ---- Devices: GET /enterprise/{eid}/device/ ------------------------------------------------
// Whitelisted on purpose: zod strips every other key, so fcm_id, mqtt_id, iot_mqtt_base_topic,
// wifi_access_points (saved networks) and anything Esper adds later never reach an entity or _rawData.
export const DeviceSchema = z.object({
  id: idString,
  device_name: optionalString,
  alias_name: optionalString,
  policy_name: optionalString,
  status: optionalNumber,
  state: optionalNumber,
  api_level: optionalString,
  device_type: optionalString,
  current_app_mode: optionalString,
  lockdown_state: optionalString,
  timezone_string: optionalString,
  is_active: optionalBoolean,
  is_gms: optionalBoolean,
  provisioned_on: optionalString,
  created_on: optionalString,
  updated_on: optionalString,
  user: optionalString,
  groups: z.array(z.string()).nullish().catch(undefined),
  tags: z.array(z.string()).nullish().catch(undefined),
  softwareInfo: lenientSection({
    androidVersion: optionalString,
    securityPatchLevel: optionalString,
    androidBuildNumber: optionalString,
    bootloaderVersion: optionalString,
    deviceKernelVersion: optionalString,
  }),
  hardwareInfo: lenientSection({
    brand: optionalString,
    model: optionalString,
    manufacturer: optionalString,
    serialNumber: optionalString,
    hardware: optionalString,
  }),
  networkInfo: lenientSection({
    imei1: optionalString,
    imei2: optionalString,
    wifiMacAddress: optionalString,
    ethernetMacAddress: optionalString,
  }),
  memoryInfo: lenientSection({
    totalRam: optionalNumber,
    totalInternalStorage: optionalNumber,
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
    idOf: rawId,
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
  id: optionalString,
  app_name: optionalString,
  package_name: z.string().min(1),
  version_code: optionalString,
  version_name: optionalString,
  app_type: optionalString,
  whitelisted: optionalBoolean,
  is_active: optionalBoolean,
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
    { resource: 'installed app', schema: DeviceAppSchema, report: o.report, idOf: rawId },
  );
}

// ---- Users: GET /user/ (not enterprise-scoped; the device `user` field points here) --------
export const UserSchema = z.object({
  id: idString,
  username: optionalString,
  email: optionalString,
  first_name: optionalString,
  last_name: optionalString,
  full_name: optionalString,
  is_active: optionalBoolean,
  is_staff: optionalBoolean,
  is_superuser: optionalBoolean,
  last_login: optionalString,
  profile: lenientSection({ role: optionalString }),
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
    idOf: rawId,
  });
}
