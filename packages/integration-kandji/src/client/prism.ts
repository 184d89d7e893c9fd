/**
 * Prism: fleet-wide report categories (`{offset, limit, total, cursor, data[]}`), permission
 * "Prism". Page strategy, offset pages, prism/count, and the row schema of each category read.
 */
import {
  cursorPage,
  envelopeError,
  fields,
  isRecord,
  type HttpClient,
  type OffsetPage,
  type PageRequest,
  type PageStrategy,
} from '@mdm-graph/mdm-core';
import { z } from 'zod';
import { KandjiLimits } from '../tuning';
import { Paths } from './endpoints';

const { looseBoolean, optionalString } = fields;

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
    const res = await http.getJson(Paths.PRISM_COUNT, {
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
  status: looseBoolean,
  key_escrowed: looseBoolean,
  key_type: z.string().nullish(),
});
export type PrismFilevault = z.output<typeof prismFilevaultSchema>;

/** prism/application_firewall (Macs): `status` is the application firewall on/off. */
export const prismApplicationFirewallSchema = z.object({
  device_id: z.string().min(1),
  status: looseBoolean,
});
export type PrismApplicationFirewall = z.output<typeof prismApplicationFirewallSchema>;

/** prism/gatekeeper_and_xprotect (Macs). */
export const prismGatekeeperSchema = z.object({
  device_id: z.string().min(1),
  gatekeeper_status: looseBoolean,
});
export type PrismGatekeeper = z.output<typeof prismGatekeeperSchema>;

/** prism/startup_settings (Macs): SIP, secure boot level, bootstrap token escrow. */
export const prismStartupSettingsSchema = z.object({
  device_id: z.string().min(1),
  sip: looseBoolean,
  secure_boot_level: z.string().nullish(),
  bootstrap_token_escrowed: looseBoolean,
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
        device_activation_lock_enabled: looseBoolean,
        user_activation_lock_enabled: looseBoolean,
        activation_lock_supported: looseBoolean,
      }),
      columns: z.array(z.string()),
    })
    .transform(({ row, columns }) => ({ ...row, columns })),
);
export type PrismActivationLock = z.output<typeof prismActivationLockSchema>;

/** GET prism/count?category=…: `{count, approximate}`. */
export const prismCountSchema = z.object({
  count: z.number().int().min(0),
  approximate: looseBoolean,
});
export type PrismCount = z.output<typeof prismCountSchema>;

export const prismAppSchema = z.object({
  device_id: z.string().min(1),
  name: z.string().nullish(),
  bundle_id: z.string().nullish(),
  version: optionalString,
  short_version: optionalString,
  path: z.string().nullish(),
});
export type PrismApp = z.output<typeof prismAppSchema>;

export const prismInstalledProfileSchema = z.object({
  device_id: z.string().min(1),
  payload_uuid: z.string().nullish(),
  payload_identifier: z.string().nullish(),
});
export type PrismInstalledProfile = z.output<typeof prismInstalledProfileSchema>;
