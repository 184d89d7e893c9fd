import { createHash } from 'node:crypto';
import {
  type AuthProvider,
  bearerAuth,
  createHttpClient,
  type HttpClient,
  type MdmLogger,
  oauth2ClientCredentials,
  RateLimiter,
  type RetryOptions,
  createDispatcher,
  tenantPools,
  timeoutsFromSeconds,
} from '@mdm-graph/mdm-core';
import type { Dispatcher } from 'undici';
import type { EsperConfig } from '../config';
import { EsperApi } from '../tuning';

const USER_AGENT = '@mdm-graph/integration-esper';

/**
 * The setting(s) a user must fix when the API rejects the credentials (HTTP 401),
 * as they appear in the J1 config form and as env vars for the CLI. With OAuth2 a
 * 401 has already survived one re-authentication, so the client credentials are bad.
 */
export function credentialFieldOf(config: EsperConfig): string {
  return config.auth.kind === 'bearer'
    ? 'accessToken (ACCESS_TOKEN)'
    : 'clientId/clientSecret (CLIENT_ID/CLIENT_SECRET)';
}

/**
 * Steps of one run run concurrently and each opens its own client; the rate
 * limiter (Esper counts calls per key) and the OAuth2 token are shared between
 * them, keyed by tenant and credential fingerprint (never the secret itself).
 */
const limiters = new Map<string, RateLimiter>();
const authProviders = new Map<string, AuthProvider>();

function fingerprint(config: EsperConfig): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        config.apiBaseUrl,
        config.enterpriseId,
        config.auth,
        config.tuning.requestsPerWindow,
        config.tuning.rateWindowSeconds,
        config.tuning.requestTimeoutSeconds,
        config.tuning.caCertificates,
      ]),
    )
    .digest('hex');
}

function sharedAuth(config: EsperConfig, key: string, logger: MdmLogger): AuthProvider {
  const auth = config.auth;
  if (auth.kind === 'bearer') return bearerAuth(auth.accessToken);
  let provider = authProviders.get(key);
  if (!provider) {
    provider = oauth2ClientCredentials({
      tokenUrl: auth.tokenUrl,
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      logger,
      timeoutMs: (config.tuning.requestTimeoutSeconds ?? 30) * 1000,
      network: { caCertificates: config.tuning.caCertificates },
    });
    authProviders.set(key, provider);
  }
  return provider;
}

export interface EsperClientOptions {
  dispatcher?: Dispatcher;
  retry?: RetryOptions;
  /** Override the client-side limit (default: Esper's own client, 8000 calls / 300 s). */
  rateLimit?: RateLimiter;
  maxConcurrency?: number;
}

const POOL_PREFIX = 'esper|';

/**
 * A client for one step (its own logger). Unless a dispatcher is given (tests), it runs on the
 * tenant's shared keep-alive pool: every step of a run reuses the same connections, and the
 * tenant's in-flight limit bounds requests (and connections) across steps running side by
 * side. close() gives the pool back; closeEsperPools() (afterExecution) closes it.
 */
export function createEsperClient(
  config: EsperConfig,
  logger: MdmLogger,
  o: EsperClientOptions = {},
): HttpClient {
  const key = fingerprint(config);
  let limiter = o.rateLimit ?? limiters.get(key);
  if (!limiter) {
    const { requestsPerWindow, rateWindowSeconds } = config.tuning;
    limiter = new RateLimiter({
      windows: [
        {
          ...EsperApi.RATE_LIMIT,
          ...(requestsPerWindow !== undefined && { limit: requestsPerWindow }),
          ...(rateWindowSeconds !== undefined && { intervalMs: rateWindowSeconds * 1000 }),
        },
      ],
    });
    limiters.set(key, limiter);
  }
  const maxConcurrency =
    o.maxConcurrency ?? config.tuning.maxConcurrentRequests ?? EsperApi.MAX_CONCURRENCY;
  const { caCertificates, requestTimeoutSeconds } = config.tuning;
  const client = createHttpClient({
    baseUrl: config.apiBaseUrl,
    auth: sharedAuth(config, key, logger),
    ...(o.dispatcher
      ? { dispatcher: o.dispatcher, maxConcurrency }
      : {
          // The tenant's pool: its dispatcher honours the proxy (HTTPS_PROXY, NO_PROXY) and the
          // extra CAs (NODE_EXTRA_CA_CERTS and the config); its slot bounds requests in flight.
          pool: tenantPools.lease(
            `${POOL_PREFIX}${key}|${maxConcurrency}|${caHash(caCertificates)}`,
            {
              maxConcurrency,
              createDispatcher: () =>
                createDispatcher({ caCertificates, connections: maxConcurrency }),
            },
          ),
        }),
    timeouts: timeoutsFromSeconds(requestTimeoutSeconds),
    userAgent: USER_AGENT,
    retry: o.retry,
    rateLimit: limiter,
    logger,
  });
  setPageSize(client, config.tuning.pageSize);
  return client;
}

/** Page size per client (the `pageSize` setting), so list helpers keep their signatures. */
const pageSizes = new WeakMap<HttpClient, number>();

function setPageSize(client: HttpClient, pageSize: number | undefined): void {
  if (pageSize !== undefined) pageSizes.set(client, pageSize);
}

/** Records per page of v1 lists for this client: the `pageSize` setting, else Esper's 250. */
export function pageSizeOf(client: HttpClient): number {
  return pageSizes.get(client) ?? EsperApi.PAGE_SIZE;
}

/** A short fingerprint of the extra CA bundle: a different bundle is a different pool. */
function caHash(pem: string | undefined): string {
  return createHash('sha256')
    .update(pem ?? '')
    .digest('hex')
    .slice(0, 8);
}

/**
 * Closes the Esper tenant pools of this process: the integration's `afterExecution` hook, run
 * by the J1 runtime (and our runner) when a run ends. Idle pools also close on their own.
 */
export async function closeEsperPools(): Promise<void> {
  await tenantPools.closeAll(POOL_PREFIX);
}

/** Opens a client for one step and always closes it. */
export async function withEsperClient<T>(
  config: EsperConfig,
  logger: MdmLogger,
  fn: (client: HttpClient) => Promise<T>,
): Promise<T> {
  const client = createEsperClient(config, logger);
  try {
    return await fn(client);
  } finally {
    await client.close();
  }
}
