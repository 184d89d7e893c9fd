import { createHash } from 'node:crypto';
import { HttpClient, type HttpClientOptions } from '../http/client';
import { createDispatcher } from '../http/dispatcher';
import { type RateLimiter } from '../http/rate-limit/index';
import { tenantPools, type TenantLease, type TenantPools } from '../http/tenant-pool';

/**
 * A short, stable fingerprint of the parts that identify a tenant and its settings (API URL,
 * token, CA bundle...). Secrets go in, only a hash comes out: keys never carry a token.
 */
export function fingerprint(...parts: unknown[]): string {
  return createHash('sha256')
    .update(JSON.stringify(parts, (_k, v: unknown) => (v === undefined ? null : v)))
    .digest('hex')
    .slice(0, 24);
}

export interface TenantClientOptions extends Omit<
  HttpClientOptions,
  'pool' | 'dispatcher' | 'rateLimit' | 'maxConcurrency' | 'network'
> {
  /**
   * What identifies the tenant and its credential, e.g. [apiUrl, accessToken]: fingerprinted,
   * never kept. Clients of the same tenant share its limiter and pool.
   */
  tenant: readonly unknown[];
  /** Requests in flight for the tenant across every step (bounds the pool's connections). */
  maxConcurrency: number;
  /** Extra CA certificates (PEM) for the tenant's pool; part of the pool's key. */
  caCertificates?: string;
  /**
   * The tenant's shared rate limiter: created once per tenant and `key` (settings that change
   * the windows, e.g. [perSecond, perHour]), then reused by every client of the tenant.
   */
  rateLimit?: { key?: readonly unknown[]; create: () => RateLimiter };
  /**
   * A dispatcher of its own instead of the tenant's pool (tests with MockAgent): the client
   * then limits its own requests in flight to maxConcurrency.
   */
  dispatcher?: HttpClientOptions['dispatcher'];
}

/**
 * The per-tenant registry of one integration: what every step of a run shares for one tenant
 * (rate limiter, keep-alive connection pool and in-flight limit, OAuth2 token provider...),
 * found by a fingerprint of the tenant, never by its secret.
 *
 * - `client()` builds a step's HttpClient on the tenant's pool and limiter (close() gives the
 *   pool lease back);
 * - `close()` is the integration's `afterExecution` hook: it closes the tenant pools of this
 *   integration (idle pools also close on their own). Limiters and shared values stay: the
 *   vendor counts its windows per tenant across runs of the same process.
 */
export class TenantRegistry {
  private readonly shared = new Map<string, unknown>();

  constructor(
    /** Names the integration's pools, e.g. "kandji". */
    readonly name: string,
    private readonly pools: TenantPools = tenantPools,
  ) {}

  /** One value per kind and key for the process (a limiter, an OAuth2 provider...). */
  sharedValue<V>(kind: string, key: readonly unknown[], create: () => V): V {
    const k = `${kind}|${fingerprint(...key)}`;
    if (this.shared.has(k)) return this.shared.get(k) as V;
    const value = create();
    this.shared.set(k, value);
    return value;
  }

  /** The tenant's rate limiter (created on first use). */
  limiter(key: readonly unknown[], create: () => RateLimiter): RateLimiter {
    return this.sharedValue('limiter', key, create);
  }

  /** A lease on the tenant's keep-alive pool and in-flight limit (see TenantPools). */
  lease(
    key: readonly unknown[],
    opts: { maxConcurrency: number; caCertificates?: string; connectMs?: number },
  ): TenantLease {
    return this.pools.lease(
      `${this.name}|${fingerprint(...key, opts.maxConcurrency, opts.caCertificates ?? '')}`,
      {
        maxConcurrency: opts.maxConcurrency,
        createDispatcher: () =>
          createDispatcher({
            caCertificates: opts.caCertificates,
            connections: opts.maxConcurrency,
            ...(opts.connectMs !== undefined && { connectTimeoutMs: opts.connectMs }),
          }),
      },
    );
  }

  /** A step's client on the tenant's shared limiter and pool. close() it when the step ends. */
  client(opts: TenantClientOptions): HttpClient {
    const { tenant, maxConcurrency, caCertificates, rateLimit, dispatcher, ...http } = opts;
    const limiter = rateLimit
      ? this.limiter([...tenant, ...(rateLimit.key ?? [])], rateLimit.create)
      : undefined;
    return new HttpClient({
      ...http,
      ...(dispatcher
        ? { dispatcher, maxConcurrency }
        : {
            pool: this.lease([...tenant, opts.timeouts?.connectMs], {
              maxConcurrency,
              caCertificates,
              connectMs: opts.timeouts?.connectMs,
            }),
          }),
      ...(limiter && { rateLimit: limiter }),
    });
  }

  /** Runs fn with a step client and always closes it (the pool lease goes back). */
  async withClient<T>(
    opts: TenantClientOptions,
    fn: (client: HttpClient) => Promise<T>,
  ): Promise<T> {
    const client = this.client(opts);
    try {
      return await fn(client);
    } finally {
      await client.close();
    }
  }

  /** Closes this integration's tenant pools: call it from the integration's afterExecution. */
  async close(): Promise<void> {
    await this.pools.closeAll(`${this.name}|`);
  }

  /** Forgets the shared limiters and values too (tests; a process serving unrelated runs). */
  async reset(): Promise<void> {
    await this.close();
    this.shared.clear();
  }
}

/** The integration's tenant registry (one per integration, module level in its client.ts). */
export function tenantRegistry(name: string, pools?: TenantPools): TenantRegistry {
  return new TenantRegistry(name, pools);
}
