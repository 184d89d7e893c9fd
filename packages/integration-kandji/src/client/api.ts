import {
  bearerAuth,
  RateLimiter,
  readKongWindows,
  timeoutsFromSeconds,
  type HttpClient,
  type MdmLogger,
} from '@mdm-graph/mdm-core';
import { tenantRegistry } from '@mdm-graph/mdm-core/steps';
import type { KandjiApiLocation, ParsedKandjiConfig } from '../config';
import { KandjiLimits } from './endpoints';

/** What a step needs to talk to one tenant. */
export interface KandjiApi {
  http: HttpClient;
  location: KandjiApiLocation;
  pageSize: number;
  /** Requests in flight for the per-device fallback. */
  concurrency: number;
  close(): Promise<void>;
}

/**
 * The Kandji tenants of this process: one rate limiter per tenant, token and pacing (steps run
 * concurrently and share Kandji's budget: 50 requests/s burst, 10,000 requests/h per tenant),
 * one keep-alive pool and in-flight limit per tenant, token and network settings. Keys are
 * fingerprints: the token itself is never kept.
 */
const tenants = tenantRegistry('kandji');

/**
 * A client for one step (its own logger), on the tenant's shared keep-alive pool: every step
 * of a run reuses the same connections (one TLS handshake per connection, not per step), and
 * the tenant's `concurrency` bounds the requests in flight (and so the connections) across
 * steps running side by side. close() gives the pool back; closeKandjiPools() closes it.
 */
export function createKandjiApi(config: ParsedKandjiConfig, logger: MdmLogger): KandjiApi {
  const concurrency = config.tuning?.concurrency ?? KandjiLimits.PER_DEVICE_CONCURRENCY;
  const perSecond = config.tuning?.requestsPerSecond ?? KandjiLimits.REQUESTS_PER_SECOND;
  const perHour = config.tuning?.requestsPerHour ?? KandjiLimits.REQUESTS_PER_HOUR;
  const http = tenants.client({
    tenant: [config.apiUrl.apiUrl, config.accessToken],
    baseUrl: config.apiUrl.apiUrl,
    auth: bearerAuth(config.accessToken),
    userAgent: '@mdm-graph/integration-kandji',
    // The tenant's pool: its dispatcher honours the proxy (HTTPS_PROXY, NO_PROXY) and the extra
    // CAs (NODE_EXTRA_CA_CERTS and the config), its slot the in-flight limit across steps.
    maxConcurrency: concurrency,
    caCertificates: config.caCertificates,
    rateLimit: {
      key: [perSecond, perHour],
      create: () =>
        new RateLimiter({
          windows: [
            { name: 'second', limit: perSecond, intervalMs: 1_000 },
            { name: 'hour', limit: perHour, intervalMs: 3_600_000 },
          ],
          // Kandji's API sits behind Kong: adopt its per-unit counts (other clients of the
          // tenant spend the same budget) and its clock-aligned windows.
          serverWindows: readKongWindows,
        }),
    },
    retry:
      config.tuning?.maxRetries === undefined
        ? undefined
        : { maxRetries: config.tuning.maxRetries },
    timeouts: timeoutsFromSeconds(config.requestTimeoutSeconds),
    logger,
  });
  return {
    http,
    location: config.apiUrl,
    pageSize: config.tuning?.pageSize ?? KandjiLimits.MAX_PAGE_SIZE,
    concurrency,
    close: () => http.close(),
  };
}

/** Runs fn with a step client and always gives the tenant's pool back. */
export async function withKandjiApi<T>(
  config: ParsedKandjiConfig,
  logger: MdmLogger,
  fn: (api: KandjiApi) => Promise<T>,
): Promise<T> {
  const api = createKandjiApi(config, logger);
  try {
    return await fn(api);
  } finally {
    await api.close();
  }
}

/**
 * Closes the Kandji tenant pools of this process: the integration's `afterExecution` hook, run
 * by the J1 runtime (and our runner) when a run ends. Idle pools also close on their own.
 */
export function closeKandjiPools(): Promise<void> {
  return tenants.close();
}
