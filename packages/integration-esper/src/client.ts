import {
  type HttpClient,
  isApiCallError,
  nextUrlEnvelope,
  paginate,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import { z } from 'zod';
import { EsperApi } from './steps/constants';
import { paginateByCount } from './paginate-by-count';
import { pageSizeOf } from './tuning';

/**
 * Esper endpoints used by the integration: path, minimal zod schema (only the
 * fields we read, `.nullish()` for vendor fields) and paginator. Paths are
 * relative to the API base `https://{tenant}-api.esper.cloud/api`.
 * Source for every path and field: ../shared/reference/esper-api.md (repository-relative: the shared/ folder beside this repository).
 */

/** Vendor ids and numbers come as strings or numbers depending on the endpoint. */
export const str = z.union([z.string(), z.number()]).transform(String);
export const optStr = str.nullish();
export const optNum = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .nullish();
export const optBool = z.boolean().nullish();
/** A nested info block that is malformed is dropped, not the whole record. */
export const block = <T extends z.ZodRawShape>(shape: T) =>
  z.object(shape).nullish().catch(undefined);
export const idOf = (raw: unknown): string | undefined => {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? raw.id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

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

export const paths = {
  enterprise: (eid: string) => `enterprise/${eid}/`,
  applications: (eid: string) => `enterprise/${eid}/application/`,
  deviceGroups: (eid: string) => `enterprise/${eid}/devicegroup/`,
  devices: (eid: string) => `enterprise/${eid}/device/`,
  device: (eid: string, deviceId: string) =>
    `enterprise/${eid}/device/${encodeURIComponent(deviceId)}/`,
  deviceApps: (eid: string, deviceId: string) =>
    `enterprise/${eid}/device/${encodeURIComponent(deviceId)}/app/`,
  users: () => 'user/',
} as const;

/** Permission notes, used in warnings and docs. */
export const permissions = {
  enterprise: 'read the enterprise (any API key of the enterprise)',
  applications: 'read applications',
  deviceGroups: 'read device groups',
  devices: 'read devices',
  deviceApps: 'read installed apps on devices',
  users: 'read users (an API key of an Enterprise Admin)',
} as const;

interface ListOptions {
  report?: ValidationReport;
}

export async function getEnterprise(client: HttpClient, eid: string): Promise<EsperEnterprise> {
  const res = await client.getJson(paths.enterprise(eid), { schema: EnterpriseSchema });
  return res.data;
}

export function listApplications(client: HttpClient, eid: string, o: ListOptions = {}) {
  return paginate(
    client,
    nextUrlEnvelope({ path: paths.applications(eid), limit: pageSizeOf(client) }),
    {
      resource: 'application',
      schema: ApplicationSchema,
      report: o.report,
      idOf,
    },
  );
}

export function listDeviceGroups(client: HttpClient, eid: string, o: ListOptions = {}) {
  return paginate(
    client,
    nextUrlEnvelope({ path: paths.deviceGroups(eid), limit: pageSizeOf(client) }),
    {
      resource: 'device group',
      schema: DeviceGroupSchema,
      report: o.report,
      idOf,
    },
  );
}

/**
 * The device list is the one large list: after the first page, the remaining
 * pages are computed from `count` and fetched concurrently under the client's
 * rate limiter (what Esper's own client does), instead of one `next` at a time.
 */
export function listDevices(
  client: HttpClient,
  eid: string,
  o: ListOptions & { concurrency?: number } = {},
) {
  return paginateByCount(client, {
    path: paths.devices(eid),
    pageSize: pageSizeOf(client),
    concurrency: o.concurrency ?? EsperApi.PAGE_CONCURRENCY,
    resource: 'device',
    schema: DeviceSchema,
    report: o.report,
    idOf,
  });
}

export function listDeviceApps(
  client: HttpClient,
  eid: string,
  deviceId: string,
  o: ListOptions = {},
) {
  return paginate(
    client,
    nextUrlEnvelope({ path: paths.deviceApps(eid, deviceId), limit: pageSizeOf(client) }),
    { resource: 'installed app', schema: DeviceAppSchema, report: o.report, idOf },
  );
}

/**
 * GET /enterprise/{eid}/device/{id}/ answers: false on 404 (the device was deleted),
 * true when it is there. Tells a deleted device from a 404 of one of its sub-resources.
 */
export async function deviceExists(
  client: HttpClient,
  eid: string,
  deviceId: string,
): Promise<boolean> {
  try {
    await client.getJson(paths.device(eid, deviceId));
    return true;
  } catch (err) {
    if (isApiCallError(err) && err.status === 404) return false;
    throw err;
  }
}

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

export function listUsers(client: HttpClient, o: ListOptions = {}) {
  const strategy = nextUrlEnvelope({
    path: paths.users(),
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

/**
 * Id after `segment/` in an Esper resource URL, whatever the base URL:
 * `https://x-api.esper.cloud/api/enterprise/{eid}/devicegroup/{id}/` -> `{id}`.
 */
export function idFromUrl(url: string | null | undefined, segment: string): string | undefined {
  if (!url) return undefined;
  let pathname: string;
  try {
    pathname = new URL(url, 'https://placeholder.invalid').pathname;
  } catch {
    return undefined;
  }
  const parts = pathname.split('/').filter((p) => p !== '');
  const at = parts.lastIndexOf(segment);
  const id = at >= 0 ? parts[at + 1] : undefined;
  return id ? decodeURIComponent(id) : undefined;
}
