import {
  bearerAuth,
  fields,
  type HttpClient,
  type MdmLogger,
  nextUrlEnvelope,
  paginate,
  RateLimiter,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import {
  defineVendor,
  type EndpointInfo,
  type OptionalEndpoint,
  type TenantClientOptions,
  tenantRegistry,
} from '@mdm-graph/mdm-core/steps';
import { z } from 'zod';
import type { __VendorPascal__Config, IntegrationConfig } from './config';

/**
 * Every __Vendor__ endpoint the integration reads: path, response schema, page strategy and the
 * vendor permission it needs (in the doc comment and in `Endpoints`, which the step layer names
 * in warnings and errors). Schemas are minimal (only fields we read), lenient where the vendor
 * is (mdm-core `fields`). Vendor facts and their sources: ../shared/reference/ (add
 * `__vendor__-api.md` there).
 */

const { idString } = fields;

/** The vendor's words: every warning and error of the step layer is built from them. */
export const __VendorPascal__ = defineVendor<IntegrationConfig>({
  name: '__Vendor__',
  credential: 'API token',
  // Replace with where the vendor's console grants API permissions.
  grantWhere: '__Vendor__ admin console > API tokens',
  credentialField: 'accessToken (ACCESS_TOKEN)',
});

/** Each endpoint as the user reads it, with the permission it needs. */
export const Endpoints = {
  ACCOUNT: { endpoint: 'GET account', permission: 'Read account' },
  DEVICES: { endpoint: 'GET devices', permission: 'Read devices' },
  DEVICE_DETAIL: {
    endpoint: 'GET devices/{id}',
    permission: 'Read device details',
    skipped: 'device details (MAC addresses, disk encryption)',
  },
} as const satisfies Record<string, EndpointInfo | OptionalEndpoint>;

export const PAGE_SIZE = 100;
/** Requests in flight per tenant, across every step of a run. */
export const MAX_CONCURRENCY = 8;

/** One rate limiter, connection pool and in-flight limit per tenant, shared by every step. */
const tenants = tenantRegistry('__vendor__');

function clientOptions(config: __VendorPascal__Config, logger: MdmLogger): TenantClientOptions {
  return {
    tenant: [config.apiUrl, config.accessToken],
    baseUrl: config.apiUrl,
    auth: bearerAuth(config.accessToken),
    userAgent: '@mdm-graph/integration-__vendor__',
    maxConcurrency: MAX_CONCURRENCY,
    // Replace with the vendor's published limits.
    rateLimit: {
      create: () =>
        new RateLimiter({ windows: [{ name: 'second', limit: 20, intervalMs: 1_000 }] }),
    },
    logger,
  };
}

/** A client for one step on the tenant's shared limiter and pool; close() it when done. */
export function createClient(config: __VendorPascal__Config, logger: MdmLogger): HttpClient {
  return tenants.client(clientOptions(config, logger));
}

/** Runs fn with a step client and always closes it. */
export function withClient<T>(
  config: __VendorPascal__Config,
  logger: MdmLogger,
  fn: (client: HttpClient) => Promise<T>,
): Promise<T> {
  return tenants.withClient(clientOptions(config, logger), fn);
}

/** Closes the tenant pools: the integration's afterExecution hook. */
export function closeClients(): Promise<void> {
  return tenants.close();
}

const accountSchema = z.object({
  id: idString,
  name: z.string().nullish(),
});
export type __VendorPascal__Account = z.infer<typeof accountSchema>;

/** GET account — permission: "Read account". */
export async function getAccount(client: HttpClient): Promise<__VendorPascal__Account> {
  const res = await client.getJson('account', { schema: accountSchema });
  return res.data;
}

const deviceSchema = z.object({
  id: idString,
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
    idOf: fields.rawId,
  });
}

const deviceDetailSchema = z.object({
  id: idString,
  mac_addresses: z.array(z.string()).nullish(),
  encrypted: z.boolean().nullish(),
});
export type __VendorPascal__DeviceDetail = z.infer<typeof deviceDetailSchema>;

/** GET devices/{id} — permission: "Read device details". A removed device answers 404. */
export async function getDeviceDetail(
  client: HttpClient,
  id: string,
): Promise<__VendorPascal__DeviceDetail> {
  const res = await client.getJson(`devices/${encodeURIComponent(id)}`, {
    schema: deviceDetailSchema,
  });
  return res.data;
}
