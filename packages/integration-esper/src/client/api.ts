import {
  type AuthProvider,
  bearerAuth,
  type HttpClient,
  type MdmLogger,
  oauth2ClientCredentials,
  RateLimiter,
  type RetryOptions,
  timeoutsFromSeconds,
} from '@mdm-graph/mdm-core';
import { type TenantClientOptions, tenantRegistry } from '@mdm-graph/mdm-core/steps';
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
 * Steps of one run run concurrently and each opens its own client; the rate limiter (Esper
 * counts calls per key), the OAuth2 token and the keep-alive pool are shared between them per
 * tenant and credential (mdm-core's tenant registry keys them by a fingerprint, never the secret).
 */
const tenants = tenantRegistry('esper');

export interface EsperClientOptions {
  /** A dispatcher of its own instead of the tenant's pool (tests with MockAgent). */
  dispatcher?: Dispatcher;
  retry?: RetryOptions;
}

function sharedAuth(config: EsperConfig, logger: MdmLogger): AuthProvider {
  const { auth, tuning } = config;
  if (auth.kind === 'bearer') return bearerAuth(auth.accessToken);
  // One token provider per tenant and credential: steps share the token and its refresh.
  return tenants.sharedValue(
    'oauth2',
    [config.apiBaseUrl, auth, tuning.requestTimeoutSeconds, tuning.caCertificates],
    () =>
      oauth2ClientCredentials({
        tokenUrl: auth.tokenUrl,
        clientId: auth.clientId,
        clientSecret: auth.clientSecret,
        logger,
        timeoutMs: (tuning.requestTimeoutSeconds ?? 30) * 1000,
        network: { caCertificates: tuning.caCertificates },
      }),
  );
}

function clientOptions(
  config: EsperConfig,
  logger: MdmLogger,
  o: EsperClientOptions,
): TenantClientOptions {
  const { requestsPerWindow, rateWindowSeconds, caCertificates, requestTimeoutSeconds } =
    config.tuning;
  return {
    tenant: [config.apiBaseUrl, config.enterpriseId, config.auth, requestTimeoutSeconds],
    baseUrl: config.apiBaseUrl,
    auth: sharedAuth(config, logger),
    userAgent: USER_AGENT,
    // The tenant's in-flight limit, across every step running side by side.
    maxConcurrency: config.tuning.maxConcurrentRequests ?? EsperApi.MAX_CONCURRENCY,
    // The tenant's pool honours the proxy (HTTPS_PROXY, NO_PROXY) and the extra CAs
    // (NODE_EXTRA_CA_CERTS and the config).
    caCertificates,
    timeouts: timeoutsFromSeconds(requestTimeoutSeconds),
    // Esper publishes no limit: by default what Esper's own client allows itself (8000 / 300 s).
    rateLimit: {
      key: [requestsPerWindow, rateWindowSeconds],
      create: () =>
        new RateLimiter({
          windows: [
            {
              ...EsperApi.RATE_LIMIT,
              ...(requestsPerWindow !== undefined && { limit: requestsPerWindow }),
              ...(rateWindowSeconds !== undefined && { intervalMs: rateWindowSeconds * 1000 }),
            },
          ],
        }),
    },
    ...(o.dispatcher && { dispatcher: o.dispatcher }),
    ...(o.retry && { retry: o.retry }),
    logger,
  };
}

/**
 * A client for one step (its own logger) on the tenant's shared limiter, token and keep-alive
 * pool: every step of a run reuses the same connections, and the tenant's in-flight limit
 * bounds requests (and connections) across steps. close() gives the pool back;
 * closeEsperPools() (afterExecution) closes it.
 */
export function createEsperClient(
  config: EsperConfig,
  logger: MdmLogger,
  o: EsperClientOptions = {},
): HttpClient {
  const client = tenants.client(clientOptions(config, logger, o));
  setPageSize(client, config.tuning.pageSize);
  return client;
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

/**
 * Closes the Esper tenant pools of this process: the integration's `afterExecution` hook, run
 * by the J1 runtime (and our runner) when a run ends. Idle pools also close on their own.
 */
export async function closeEsperPools(): Promise<void> {
  await tenants.close();
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
