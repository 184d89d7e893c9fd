/**
 * Kandji API endpoints: path, minimal zod schema (only the fields we read, `.nullish()`
 * for vendor fields) and page strategy. Everything here is parsed at the client boundary;
 * converters only see the parsed types. Facts: ../shared/reference/kandji-api.md (beside this repository)
 * ([KOA] api-docs.kandji.io via the OpenAPI/Postman export, [GK] graph-kandji recordings).
 */
import {
  cursorFromNextUrl,
  cursorPage,
  envelopeError,
  nextUrlEnvelope,
  offsetLimitArray,
  pageNumber,
  parseLooseBoolean,
  type HttpClient,
  type OffsetPage,
  type PageRequest,
  type PageStrategy,
} from '@mdm-graph/mdm-core';
import { z } from 'zod';
import { Endpoints, KandjiLimits } from './steps/constants';

// ---- value helpers -------------------------------------------------------------------

/** Kandji mixes strings and numbers for ids (user.id was an int in 2022, a UUID now). */
const idString = z.union([z.string(), z.number()]).transform(String);
const optString = z.union([z.string(), z.number()]).transform(String).nullish();
/** Booleans arrive as true, "True", "Yes", "1"... (details, Prism, app fields). */
const looseBool = z
  .unknown()
  .optional()
  .transform((v) => parseLooseBoolean(v) ?? null);
/** A details section may be `{}`, missing, or (defensively) not an object at all. */
function section<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess(
    (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined),
    z.object(shape).optional(),
  );
}
/** Arrays whose elements are read one by one: a non-array becomes empty. */
function looseArray<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(item));
}
/** String arrays where elements may be null or numbers. */
const stringList = looseArray(z.unknown()).transform((a) =>
  a.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String),
);

// ---- devices ---------------------------------------------------------------------------

/** `user` is "" when unassigned, else {id, email, name, is_archived}. */
export const deviceUserSchema = z.preprocess(
  (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : null),
  z
    .object({
      id: optString,
      email: z.string().nullish(),
      name: z.string().nullish(),
      is_archived: looseBool,
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
  asset_tag: optString,
  blueprint_id: z.string().nullish(),
  blueprint_name: z.string().nullish(),
  mdm_enabled: looseBool,
  agent_installed: looseBool,
  agent_version: optString,
  is_missing: looseBool,
  is_removed: looseBool,
  first_enrollment: z.string().nullish(),
  last_enrollment: z.string().nullish(),
  lost_mode_status: optString,
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
    path: Endpoints.DEVICES,
    limit: pageSize,
    confirmShortFirstPage: true,
    // Only 2022-era responses carried it [GK recordings]: compared when present, never required.
    totalHeader: 'x-total-count',
  });
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
  mdm: section({ supervised: looseBool, last_check_in: z.string().nullish() }),
  activation_lock: section({
    device_activation_lock_enabled: looseBool,
    user_activation_lock_enabled: looseBool,
    activation_lock_supported: looseBool,
  }),
  // filevault_enabled is null on iOS, where filevault_prk_escrowed is still `false`.
  filevault: section({
    filevault_enabled: looseBool,
    filevault_prk_escrowed: looseBool,
    filevault_recoverykey_type: z.string().nullish(),
  }),
  hardware_overview: section({ model_identifier: z.string().nullish() }),
  network: section({ local_hostname: z.string().nullish(), mac_address: z.string().nullish() }),
  security_information: section({ remote_desktop_enabled: looseBool }),
  installed_profiles: looseArray(z.unknown()).transform((rows) =>
    rows.flatMap((r) => {
      const p = installedProfileSchema.safeParse(r);
      return p.success ? [p.data] : [];
    }),
  ),
});
export type KandjiDeviceDetails = z.output<typeof deviceDetailsSchema>;

export function deviceDetailsPath(deviceId: string): string {
  return Endpoints.DEVICE_DETAILS.replace('{device_id}', encodeURIComponent(deviceId));
}

// ---- device apps -----------------------------------------------------------------------

/** Every app field is a string; bundle_id can be "" or "No value". */
export const deviceAppSchema = z.object({
  app_name: z.string().nullish(),
  bundle_id: z.string().nullish(),
  version: optString,
  path: z.string().nullish(),
});
export type KandjiDeviceApp = z.output<typeof deviceAppSchema>;

/** GET devices/{id}/apps: {device_id, apps[]}, not paginated. Apps are validated one by one. */
export const deviceAppsResponseSchema = z.object({
  device_id: z.string().nullish(),
  apps: looseArray(z.unknown()),
});

export function deviceAppsPath(deviceId: string): string {
  return Endpoints.DEVICE_APPS.replace('{device_id}', encodeURIComponent(deviceId));
}

// ---- Prism -----------------------------------------------------------------------------

/**
 * Prism: `{offset, limit, total, cursor, data[]}`; send limit (max 300) and the cursor
 * of the previous response; stop on empty data or an empty cursor (Kandji's own
 * example, [KSUP] prism_pagination_with_limit_and_cursor_example.py). `total` may be null.
 */
export function prismPages(
  category: string,
  pageSize: number = KandjiLimits.MAX_PAGE_SIZE,
): PageStrategy {
  return cursorPage({
    path: category,
    query: { limit: pageSize },
    itemsKey: 'data',
    // Compared with the rows received when not null (completeness guard).
    totalKey: 'total',
    cursorOf: (body: unknown) => {
      if (!isRecord(body)) return null;
      const data = body.data;
      if (!Array.isArray(data) || data.length === 0) return null;
      return typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : null;
    },
  });
}

/** Offset page of a Prism category (the spec's `limit` + `offset`), same query otherwise. */
export function prismOffsetPage(category: string, offset: number, limit: number): PageRequest {
  return { pathOrUrl: category, query: { limit, offset } };
}

/** Rows, `total` (may be null) and the echoed `offset` (null on a page asked without one). */
export function readPrismPage(body: unknown, req: PageRequest, client: HttpClient): OffsetPage {
  if (!isRecord(body) || !Array.isArray(body.data))
    throw envelopeError(client, req, '{ offset, limit, total, cursor, data: [...] }');
  return {
    items: body.data,
    total: typeof body.total === 'number' ? body.total : null,
    offset: typeof body.offset === 'number' ? body.offset : null,
  };
}

/**
 * GET prism/count?category=apps: {count, approximate}. Used when a page's `total` is null; an
 * approximate or unreadable count is no count (the category is then read by cursor).
 */
export async function prismCount(http: HttpClient, category: string): Promise<number | undefined> {
  const name = category.replace(/^prism\//, '').replace(/ /g, '_');
  try {
    const res = await http.getJson(Endpoints.PRISM_COUNT, {
      query: { category: name },
      schema: prismCountSchema,
    });
    return res.data.approximate === true ? undefined : res.data.count;
  } catch (err) {
    http.logger.info(
      { category: name, err: err instanceof Error ? err.message : String(err) },
      `Prism count of ${name} unavailable; reading the category by cursor`,
    );
    return undefined;
  }
}

/**
 * prism/device_information: identity, OS and check-in. It has no FileVault, supervision,
 * activation-lock or MAC column (Kandji's published examples); those come from the posture
 * categories below and from devices/{id}/details.
 */
export const prismDeviceInformationSchema = z.object({
  device_id: z.string().min(1),
  local_hostname: z.string().nullish(),
  host_name: z.string().nullish(),
  model_identifier: z.string().nullish(),
  model_id: z.string().nullish(),
  last_checkin: z.string().nullish(),
});
export type PrismDeviceInformation = z.output<typeof prismDeviceInformationSchema>;

/** prism/filevault (Macs): `status` is FileVault on/off, `key_escrowed` the recovery key escrow. */
export const prismFilevaultSchema = z.object({
  device_id: z.string().min(1),
  status: looseBool,
  key_escrowed: looseBool,
  key_type: z.string().nullish(),
});
export type PrismFilevault = z.output<typeof prismFilevaultSchema>;

/** prism/application_firewall (Macs): `status` is the application firewall on/off. */
export const prismApplicationFirewallSchema = z.object({
  device_id: z.string().min(1),
  status: looseBool,
});
export type PrismApplicationFirewall = z.output<typeof prismApplicationFirewallSchema>;

/** prism/gatekeeper_and_xprotect (Macs). */
export const prismGatekeeperSchema = z.object({
  device_id: z.string().min(1),
  gatekeeper_status: looseBool,
});
export type PrismGatekeeper = z.output<typeof prismGatekeeperSchema>;

/** prism/startup_settings (Macs): SIP, secure boot level, bootstrap token escrow. */
export const prismStartupSettingsSchema = z.object({
  device_id: z.string().min(1),
  sip: looseBool,
  secure_boot_level: z.string().nullish(),
  bootstrap_token_escrowed: looseBool,
});
export type PrismStartupSettings = z.output<typeof prismStartupSettingsSchema>;

/**
 * The activation-lock column names we look for in prism/activation_lock. Kandji's published
 * example of that category is a copy of a device_information row, so its real columns are
 * unknown; these are the names of the details `activation_lock` section (a guess, read only
 * when a row carries them).
 */
export const PRISM_ACTIVATION_LOCK_COLUMNS = [
  'device_activation_lock_enabled',
  'user_activation_lock_enabled',
] as const;

/** prism/activation_lock: `columns` lists which activation-lock columns the row carried. */
export const prismActivationLockSchema = z.preprocess(
  (raw) =>
    isRecord(raw)
      ? { row: raw, columns: PRISM_ACTIVATION_LOCK_COLUMNS.filter((c) => c in raw) }
      : raw,
  z
    .object({
      row: z.object({
        device_id: z.string().min(1),
        device_activation_lock_enabled: looseBool,
        user_activation_lock_enabled: looseBool,
        activation_lock_supported: looseBool,
      }),
      columns: z.array(z.string()),
    })
    .transform(({ row, columns }) => ({ ...row, columns })),
);
export type PrismActivationLock = z.output<typeof prismActivationLockSchema>;

/** GET prism/count?category=…: `{count, approximate}`. */
export const prismCountSchema = z.object({
  count: z.number().int().min(0),
  approximate: looseBool,
});
export type PrismCount = z.output<typeof prismCountSchema>;

export const prismAppSchema = z.object({
  device_id: z.string().min(1),
  name: z.string().nullish(),
  bundle_id: z.string().nullish(),
  version: optString,
  short_version: optString,
  path: z.string().nullish(),
});
export type PrismApp = z.output<typeof prismAppSchema>;

export const prismInstalledProfileSchema = z.object({
  device_id: z.string().min(1),
  payload_uuid: z.string().nullish(),
  payload_identifier: z.string().nullish(),
});
export type PrismInstalledProfile = z.output<typeof prismInstalledProfileSchema>;

// ---- users -----------------------------------------------------------------------------

export const userSchema = z.object({
  id: idString,
  email: z.string().nullish(),
  name: z.string().nullish(),
  active: looseBool,
  archived: looseBool,
  department: z.string().nullish(),
  job_title: z.string().nullish(),
  deprecated_user_id: optString,
  device_count: z.number().nullish(),
  integration: section({ name: z.string().nullish(), type: z.string().nullish() }),
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});
export type KandjiUser = z.output<typeof userSchema>;

/**
 * GET users: `{next, previous, results}` with an absolute `next` carrying `cursor`.
 * The documented `next` host lacks `.api.`, so we rebuild the request from the cursor
 * value on the configured host instead of following the URL.
 */
export function usersPages(): PageStrategy {
  return cursorPage({
    path: Endpoints.USERS,
    itemsKey: 'results',
    cursorOf: cursorFromNextUrl('next', 'cursor'),
  });
}

// ---- blueprints ------------------------------------------------------------------------

export const blueprintSchema = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  description: z.string().nullish(),
  type: z.string().nullish(),
  color: z.string().nullish(),
  computers_count: z.number().nullish(),
  enrollment_code: section({ is_active: looseBool }),
});
export type KandjiBlueprint = z.output<typeof blueprintSchema>;

/** GET blueprints: DRF {count, next, previous, results}, limit/offset; `next` is absolute (pinned to our host). */
export function blueprintsPages(pageSize: number = KandjiLimits.MAX_PAGE_SIZE): PageStrategy {
  return nextUrlEnvelope({ path: Endpoints.BLUEPRINTS, limit: pageSize });
}

// ---- custom profiles -------------------------------------------------------------------

export const customProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  active: looseBool,
  mdm_identifier: z.string().nullish(),
  runs_on_mac: looseBool,
  runs_on_iphone: looseBool,
  runs_on_ipad: looseBool,
  runs_on_tv: looseBool,
  runs_on_vision: looseBool,
  created_at: z.string().nullish(),
  updated_at: z.string().nullish(),
});
export type KandjiCustomProfile = z.output<typeof customProfileSchema>;

/**
 * GET library/custom-profiles: DRF envelope paged by `page` (page size set by the server).
 * We increment `page` while `next` is non-null rather than feeding `next` back as a page
 * number (the bug graph-kandji shipped).
 */
export function customProfilesPages(): PageStrategy {
  return pageNumber({
    path: Endpoints.CUSTOM_PROFILES,
    pageParam: 'page',
    itemsKey: 'results',
    hasNext: (body: unknown) =>
      isRecord(body) && body.next !== null && body.next !== undefined && body.next !== '',
  });
}

// ---- licensing -------------------------------------------------------------------------

const count = z.number().nullish();
export const licensingSchema = z.object({
  counts: section({
    computers_count: count,
    ios_count: count,
    ipados_count: count,
    macos_count: count,
    tvos_count: count,
  }),
  limits: section({
    plan_type: z.string().nullish(),
    max_devices: count,
  }),
  tenantOverLicenseLimit: looseBool,
});
export type KandjiLicensing = z.output<typeof licensingSchema>;

/**
 * Devices the tenant counts on settings/licensing: macOS + iOS + iPadOS + tvOS. Undefined
 * unless all four are numbers (`computers_count` is not added: its scope is not documented).
 */
export function licensedDeviceCount(licensing: KandjiLicensing | undefined): number | undefined {
  const c = licensing?.counts;
  const parts = [c?.macos_count, c?.ios_count, c?.ipados_count, c?.tvos_count];
  if (parts.some((n) => typeof n !== 'number')) return undefined;
  return (parts as number[]).reduce((a, b) => a + b, 0);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

// Security findings (Vulnerability Management, EDR): their own file, re-exported here.
export * from './findings-client';
