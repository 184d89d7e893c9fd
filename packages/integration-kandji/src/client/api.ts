import { createHash } from 'node:crypto';
import {
  bearerAuth,
  HttpClient,
  RateLimiter,
  readKongWindows,
  createDispatcher,
  timeoutsFromSeconds,
  tenantPools,
  type MdmLogger,
} from '@mdm-graph/mdm-core';
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
 * One rate limiter per tenant and token for the whole process: steps run concurrently
 * and share Kandji's budget (50 requests/s burst, 10,000 requests/h per tenant).
 */
const limiters = new Map<string, RateLimiter>();

function limiterFor(config: ParsedKandjiConfig): RateLimiter {
  const perSecond = config.tuning?.requestsPerSecond ?? KandjiLimits.REQUESTS_PER_SECOND;
  const perHour = config.tuning?.requestsPerHour ?? KandjiLimits.REQUESTS_PER_HOUR;
  const tokenHash = createHash('sha256').update(config.accessToken).digest('hex').slice(0, 16);
  const key = `${config.apiUrl.apiUrl}|${tokenHash}|${perSecond}|${perHour}`;
  let limiter = limiters.get(key);
  if (!limiter) {
    limiter = new RateLimiter({
      windows: [
        { name: 'second', limit: perSecond, intervalMs: 1_000 },
        { name: 'hour', limit: perHour, intervalMs: 3_600_000 },
      ],
      // Kandji's API sits behind Kong: adopt its per-unit counts (other clients of the tenant
      // spend the same budget) and its clock-aligned windows.
      serverWindows: readKongWindows,
    });
    limiters.set(key, limiter);
  }
  return limiter;
}

/** The tenant's pool key: API host and a token fingerprint (never the token itself). */
function tenantKey(config: ParsedKandjiConfig): string {
  const tokenHash = createHash('sha256').update(config.accessToken).digest('hex').slice(0, 16);
  // The network settings are part of the pool: a different CA bundle is a different pool.
  const caHash = createHash('sha256')
    .update(config.caCertificates ?? '')
    .digest('hex')
    .slice(0, 8);
  return `${POOL_PREFIX}${config.apiUrl.apiUrl}|${tokenHash}|${caHash}|${config.requestTimeoutSeconds ?? ''}`;
}

const POOL_PREFIX = 'kandji|';

/**
 * A client for one step (its own logger), on the tenant's shared keep-alive pool: every step
 * of a run reuses the same connections (one TLS handshake per connection, not per step), and
 * the tenant's `concurrency` bounds the requests in flight (and so the connections) across
 * steps running side by side. close() gives the pool back; closeKandjiPools() closes it.
 */
export function createKandjiApi(config: ParsedKandjiConfig, logger: MdmLogger): KandjiApi {
  const concurrency = config.tuning?.concurrency ?? KandjiLimits.PER_DEVICE_CONCURRENCY;
  const timeouts = timeoutsFromSeconds(config.requestTimeoutSeconds);
  const lease = tenantPools.lease(`${tenantKey(config)}|${concurrency}`, {
    maxConcurrency: concurrency,
    createDispatcher: () =>
      createDispatcher({
        caCertificates: config.caCertificates,
        connections: concurrency,
      }),
  });
  const http = new HttpClient({
    baseUrl: config.apiUrl.apiUrl,
    auth: bearerAuth(config.accessToken),
    userAgent: '@mdm-graph/integration-kandji',
    rateLimit: limiterFor(config),
    retry:
      config.tuning?.maxRetries === undefined
        ? undefined
        : { maxRetries: config.tuning.maxRetries },
    timeouts,
    // The tenant's pool: its dispatcher honours the proxy (HTTPS_PROXY, NO_PROXY) and the extra
    // CAs (NODE_EXTRA_CA_CERTS and the config), its slot the in-flight limit across steps.
    pool: lease,
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
export async function closeKandjiPools(): Promise<void> {
  await tenantPools.closeAll(POOL_PREFIX);
}
