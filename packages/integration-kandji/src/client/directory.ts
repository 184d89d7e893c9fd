/**
 * The directory and the library: users, blueprints, custom profiles and the tenant's
 * licensing. Each list is read with its own page strategy and validated record by record.
 */
import {
  cursorFromNextUrl,
  cursorPage,
  fields,
  isRecord,
  nextUrlEnvelope,
  pageNumber,
  paginate,
  type PageStrategy,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import { z } from 'zod';
import type { KandjiApi } from './api';
import { KandjiLimits } from '../tuning';
import { Paths } from './endpoints';

const { idString, looseBoolean, optionalString, section } = fields;

export const userSchema = z.object({
  id: idString,
  email: z.string().nullish(),
  name: z.string().nullish(),
  active: looseBoolean,
  archived: looseBoolean,
  department: z.string().nullish(),
  job_title: z.string().nullish(),
  deprecated_user_id: optionalString,
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
    path: Paths.USERS,
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
  enrollment_code: section({ is_active: looseBoolean }),
});
export type KandjiBlueprint = z.output<typeof blueprintSchema>;

/** GET blueprints: DRF {count, next, previous, results}, limit/offset; `next` is absolute (pinned to our host). */
export function blueprintsPages(pageSize: number = KandjiLimits.MAX_PAGE_SIZE): PageStrategy {
  return nextUrlEnvelope({ path: Paths.BLUEPRINTS, limit: pageSize });
}

// ---- custom profiles -------------------------------------------------------------------

export const customProfileSchema = z.object({
  id: z.string().min(1),
  name: z.string().nullish(),
  active: looseBoolean,
  mdm_identifier: z.string().nullish(),
  runs_on_mac: looseBoolean,
  runs_on_iphone: looseBoolean,
  runs_on_ipad: looseBoolean,
  runs_on_tv: looseBoolean,
  runs_on_vision: looseBoolean,
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
    path: Paths.CUSTOM_PROFILES,
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
  tenantOverLicenseLimit: looseBoolean,
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

/** What a listing reports into: records that fail their schema are skipped and counted there. */
export interface ListOptions {
  report?: ValidationReport;
}

/** The user directory (GET users, permission "Users"). */
export function listUsers(api: KandjiApi, opts: ListOptions = {}): AsyncIterable<KandjiUser> {
  return paginate(api.http, usersPages(), { resource: 'user', schema: userSchema, ...opts });
}

/** Every blueprint (GET blueprints, permission "Blueprints"). */
export function listBlueprints(
  api: KandjiApi,
  opts: ListOptions = {},
): AsyncIterable<KandjiBlueprint> {
  return paginate(api.http, blueprintsPages(api.pageSize), {
    resource: 'blueprint',
    schema: blueprintSchema,
    ...opts,
  });
}

/** Every custom profile of the library (GET library/custom-profiles, permission "Library items"). */
export function listCustomProfiles(
  api: KandjiApi,
  opts: ListOptions = {},
): AsyncIterable<KandjiCustomProfile> {
  return paginate(api.http, customProfilesPages(), {
    resource: 'custom profile',
    schema: customProfileSchema,
    ...opts,
  });
}

/** The tenant's licensing counts and limits (GET settings/licensing, permission "Licensing"). */
export async function getLicensing(api: KandjiApi): Promise<KandjiLicensing> {
  return (await api.http.getJson(Paths.LICENSING, { schema: licensingSchema })).data;
}
