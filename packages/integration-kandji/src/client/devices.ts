/**
 * Devices: the device list, per-device details and per-device apps. Minimal zod schemas (only
 * the fields we read, `.nullish()` for vendor fields); everything is parsed here, converters
 * only see the parsed types.
 */
import {
  fields,
  offsetLimitArray,
  paginate,
  parseRecords,
  type CompletenessTracker,
  type PageStrategy,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import { z } from 'zod';
import { KandjiLimits } from '../tuning';
import { Endpoints, Paths } from './endpoints';
import type { KandjiApi } from './api';

const { looseArray, looseBoolean, optionalString, section, stringList } = fields;

// ---- device list -----------------------------------------------------------------------

/** `user` is "" when unassigned, else {id, email, name, is_archived}. */
export const deviceUserSchema = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : null),
  z
    .object({
      id: optionalString,
      email: z.string().nullish(),
      name: z.string().nullish(),
      is_archived: looseBoolean,
    })
    .nullable(),
);

export const deviceSchema = z.object({
  device_id: z.string().min(1),
  device_name: z.string().nullish(),
  model: z.string().nullish(),
  serial_number: z.string().nullish(),
  platform: z.string().nullish(),
  os_version: z.string().nullish(),
  last_check_in: z.string().nullish(),
  user: deviceUserSchema,
  asset_tag: optionalString,
  blueprint_id: z.string().nullish(),
  blueprint_name: z.string().nullish(),
  mdm_enabled: looseBoolean,
  agent_installed: looseBoolean,
  agent_version: optionalString,
  is_missing: looseBoolean,
  is_removed: looseBoolean,
  first_enrollment: z.string().nullish(),
  last_enrollment: z.string().nullish(),
  lost_mode_status: optionalString,
  tags: stringList,
});
export type KandjiDevice = z.output<typeof deviceSchema>;

/**
 * GET devices: bare JSON array, limit (hard max 300, silently capped) + offset; stop on
 * a short page. A short first page is confirmed with one more request: were Kandji ever
 * to cap below what we ask, stopping there would silently drop devices and their apps,
 * and a missing device is worse for a security graph than one request per run.
 */
export function devicesPages(pageSize: number = KandjiLimits.MAX_PAGE_SIZE): PageStrategy {
  return offsetLimitArray({
    path: Paths.DEVICES,
    limit: pageSize,
    confirmShortFirstPage: true,
    // Only 2022-era responses carried it [GK recordings]: compared when present, never required.
    totalHeader: 'x-total-count',
  });
}

/**
 * Every device of the tenant (GET devices, permission "Device list"), validated one by one
 * (bad records skipped into `report`); `x-total-count` is compared in `completeness`.
 */
export function listDevices(
  api: KandjiApi,
  opts: { report?: ValidationReport; completeness?: CompletenessTracker } = {},
): AsyncIterable<KandjiDevice> {
  return paginate(api.http, devicesPages(api.pageSize), {
    resource: 'device',
    schema: deviceSchema,
    report: opts.report,
    completeness: opts.completeness,
    endpoint: Endpoints.DEVICES.endpoint,
  });
}

/** One device, the cheapest call every token needs ("Device list"): the credentials probe. */
export async function probeDevices(api: KandjiApi): Promise<void> {
  await api.http.getJson(Paths.DEVICES, { query: { limit: 1 } });
}

// ---- device details --------------------------------------------------------------------

export const installedProfileSchema = z.object({
  uuid: z.string().nullish(),
  identifier: z.string().nullish(),
  name: z.string().nullish(),
});

/** GET devices/{id}/details: sections; booleans are strings ("True", "Yes"). */
export const deviceDetailsSchema = z.object({
  general: section({ device_id: z.string().nullish() }),
  // `supervised` is absent on Apple TV in Kandji's example.
  mdm: section({ supervised: looseBoolean, last_check_in: z.string().nullish() }),
  activation_lock: section({
    device_activation_lock_enabled: looseBoolean,
    user_activation_lock_enabled: looseBoolean,
    activation_lock_supported: looseBoolean,
  }),
  // filevault_enabled is null on iOS, where filevault_prk_escrowed is still `false`.
  filevault: section({
    filevault_enabled: looseBoolean,
    filevault_prk_escrowed: looseBoolean,
    filevault_recoverykey_type: z.string().nullish(),
  }),
  hardware_overview: section({ model_identifier: z.string().nullish() }),
  network: section({ local_hostname: z.string().nullish(), mac_address: z.string().nullish() }),
  security_information: section({ remote_desktop_enabled: looseBoolean }),
  installed_profiles: looseArray(z.unknown()).transform((rows) =>
    rows.flatMap((r) => {
      const p = installedProfileSchema.safeParse(r);
      return p.success ? [p.data] : [];
    }),
  ),
});
export type KandjiDeviceDetails = z.output<typeof deviceDetailsSchema>;

export function deviceDetailsPath(deviceId: string): string {
  return Paths.DEVICE_DETAILS.replace('{device_id}', encodeURIComponent(deviceId));
}

/**
 * GET devices/{id}/details (permission "Device details"). Undefined when the body fails its
 * schema (skipped into `report`); API errors (404: removed device, 403) are thrown.
 */
export async function getDeviceDetails(
  api: KandjiApi,
  deviceId: string,
  report?: ValidationReport,
): Promise<KandjiDeviceDetails | undefined> {
  const res = await api.http.getJson(deviceDetailsPath(deviceId));
  const [details] = parseRecords(deviceDetailsSchema, [res.data], {
    resource: 'device details',
    report,
    idOf: () => deviceId,
  });
  return details;
}

// ---- device apps -----------------------------------------------------------------------

/** Every app field is a string; bundle_id can be "" or "No value". */
export const deviceAppSchema = z.object({
  app_name: z.string().nullish(),
  bundle_id: z.string().nullish(),
  version: optionalString,
  path: z.string().nullish(),
});
export type KandjiDeviceApp = z.output<typeof deviceAppSchema>;

/** GET devices/{id}/apps: {device_id, apps[]}, not paginated. Apps are validated one by one. */
export const deviceAppsResponseSchema = z.object({
  device_id: z.string().nullish(),
  apps: looseArray(z.unknown()),
});

export function deviceAppsPath(deviceId: string): string {
  return Paths.DEVICE_APPS.replace('{device_id}', encodeURIComponent(deviceId));
}
