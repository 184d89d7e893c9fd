import {
  bearerAuth,
  HttpClient,
  isApiCallError,
  type MdmLogger,
  nextUrlEnvelope,
  paginate,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import { z } from 'zod';
import type { __VendorPascal__Config } from './config';

/**
 * Every __Vendor__ endpoint the integration reads: path, response schema, page strategy and the
 * vendor permission it needs. Schemas are minimal (only fields we read), `.nullish()` for vendor
 * fields. Vendor facts and their sources: ../shared/reference/ (add `__vendor__-api.md` there).
 */

export const PAGE_SIZE = 100;

export function createClient(config: __VendorPascal__Config, logger: MdmLogger): HttpClient {
  return new HttpClient({
    baseUrl: config.apiUrl,
    auth: bearerAuth(config.accessToken),
    userAgent: '@mdm-graph/integration-__vendor__',
    // Replace with the vendor's published limits.
    rateLimit: { windows: [{ name: 'second', limit: 20, intervalMs: 1_000 }] },
    maxConcurrency: 8,
    logger,
  });
}

const accountSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string().nullish(),
});
export type __VendorPascal__Account = z.infer<typeof accountSchema>;

/** GET account — permission: "Read account". */
export async function getAccount(client: HttpClient): Promise<__VendorPascal__Account> {
  const res = await client.getJson('account', { schema: accountSchema });
  return res.data;
}

const deviceSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  name: z.string().nullish(),
  serial_number: z.string().nullish(),
  model: z.string().nullish(),
  platform: z.string().nullish(),
  os_version: z.string().nullish(),
  last_check_in: z.string().nullish(),
});
export type __VendorPascal__Device = z.infer<typeof deviceSchema>;

/** GET devices (DRF envelope, limit/offset, absolute `next`) — permission: "Read devices". */
export function listDevices(
  client: HttpClient,
  opts: { report?: ValidationReport } = {},
): AsyncIterable<__VendorPascal__Device> {
  return paginate(client, nextUrlEnvelope({ path: 'devices', limit: PAGE_SIZE }), {
    resource: 'devices',
    schema: deviceSchema,
    report: opts.report,
    idOf: (raw) => (raw && typeof raw === 'object' && 'id' in raw ? String(raw.id) : undefined),
  });
}

const deviceDetailSchema = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  mac_addresses: z.array(z.string()).nullish(),
  encrypted: z.boolean().nullish(),
});
export type __VendorPascal__DeviceDetail = z.infer<typeof deviceDetailSchema>;

/** GET devices/{id} — permission: "Read device details". Undefined when the device is gone (404). */
export async function getDeviceDetail(
  client: HttpClient,
  id: string,
): Promise<__VendorPascal__DeviceDetail | undefined> {
  try {
    const res = await client.getJson(`devices/${encodeURIComponent(id)}`, {
      schema: deviceDetailSchema,
    });
    return res.data;
  } catch (err) {
    if (isApiCallError(err) && err.status === 404) return undefined;
    throw err;
  }
}
