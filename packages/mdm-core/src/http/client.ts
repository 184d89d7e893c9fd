import { type Dispatcher } from 'undici';
import { type ZodType } from 'zod';
import { silentLogger, type MdmLogger } from '../log';
import { sendAttempt, type JsonResponse } from './attempt';
import { type AuthProvider } from './auth';
import { createDispatcher, type NetworkOptions } from './dispatcher';
import { createConcurrencyLimiter, type ConcurrencyLimiter } from './concurrency';
import { ApiCallError, isApiCallError } from './errors';
import { RateLimiter, type RateLimiterOptions } from './rate-limit/index';
import { Redactor } from './redact';
import { RetryPolicy, type RetryOptions } from './retry';
import { sanitizeError } from './sanitize';
import { sleep as realSleep, type Sleep } from './sleep';
import { RequestStatsCounter, type RequestStats } from './stats';
import { fastResolveHref, normalizeBaseUrl, pinToBase, resolveUrl, type Query } from './url';
import { type TenantLease } from './tenant-pool';
import { buildUserAgent } from './version';

export type { JsonResponse } from './attempt';

export interface HttpClientOptions {
  /** e.g. https://acme.api.kandji.io/api/v1 ; relative paths are resolved against it. */
  baseUrl: string;
  auth: AuthProvider;
  /**
   * Default: createDispatcher(network), owned (and closed) by the client: keep-alive,
   * HTTPS_PROXY/HTTP_PROXY/NO_PROXY from the environment, extra CA certificates.
   */
  dispatcher?: Dispatcher;
  /** Proxy / CA settings for the default dispatcher (ignored when `dispatcher` is given). */
  network?: NetworkOptions;
  /** Default "@mdm-graph/mdm-core/<version>"; an integration's own UA gets the core token appended. */
  userAgent?: string;
  /** connectMs applies to the client's own Agent; headers/body timeouts apply per request. Defaults 10s/30s/60s. */
  timeouts?: { connectMs?: number; headersMs?: number; bodyMs?: number };
  retry?: RetryOptions;
  rateLimit?: RateLimiterOptions | RateLimiter;
  /** Requests in flight at once. Default 8. */
  maxConcurrency?: number;
  /**
   * A lease on the tenant's shared pool (TenantPools): its dispatcher and in-flight limit
   * replace `dispatcher` and `maxConcurrency`; close() gives the lease back.
   */
  pool?: TenantLease;
  logger?: MdmLogger;
  /** Extra strings to redact. */
  secrets?: string[];
  /** Injected sleep (tests). */
  sleep?: Sleep;
  /** Injected randomness for backoff jitter (tests). */
  random?: () => number;
}

export interface RequestOptions<T> {
  method: string;
  pathOrUrl: string;
  query?: Query;
  body?: string | Record<string, unknown>;
  headers?: Record<string, string>;
  schema?: ZodType<T>;
  signal?: AbortSignal;
  /** Per-request override of the client's headers/body timeouts (a route known to be slow). */
  timeouts?: { headersMs?: number; bodyMs?: number };
}

export class HttpClient {
  readonly baseUrl: URL;
  readonly logger: MdmLogger;
  readonly redactor: Redactor;
  private readonly auth: AuthProvider;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly pool?: TenantLease;
  private readonly userAgent: string;
  private readonly headersMs: number;
  private readonly bodyMs: number;
  private readonly retry: RetryPolicy;
  private readonly limiter?: RateLimiter;
  private readonly slot: ConcurrencyLimiter;
  private readonly sleep: Sleep;
  private readonly counter = new RequestStatsCounter();
  private lastAuthorization?: string;
  private readonly baseHref: string;

  constructor(opts: HttpClientOptions) {
    this.baseUrl = normalizeBaseUrl(opts.baseUrl);
    this.baseHref = this.baseUrl.href;
    this.auth = opts.auth;
    this.logger = opts.logger ?? silentLogger;
    this.redactor = new Redactor([...opts.auth.secrets, ...(opts.secrets ?? [])]);
    this.pool = opts.pool;
    this.ownsDispatcher = !opts.dispatcher && !opts.pool;
    this.dispatcher =
      opts.pool?.dispatcher ??
      opts.dispatcher ??
      createDispatcher({ ...opts.network, connectTimeoutMs: opts.timeouts?.connectMs ?? 10_000 });
    this.userAgent = buildUserAgent(opts.userAgent);
    this.headersMs = opts.timeouts?.headersMs ?? 30_000;
    this.bodyMs = opts.timeouts?.bodyMs ?? 60_000;
    this.retry = new RetryPolicy(opts.retry, opts.random);
    if (opts.rateLimit) {
      this.limiter =
        opts.rateLimit instanceof RateLimiter
          ? opts.rateLimit
          : new RateLimiter({ sleep: opts.sleep, ...opts.rateLimit });
    }
    this.slot = opts.pool?.slot ?? createConcurrencyLimiter(opts.maxConcurrency ?? 8);
    this.sleep = opts.sleep ?? realSleep;
  }

  getJson<T = unknown>(
    pathOrUrl: string,
    opts: {
      query?: Query;
      schema?: ZodType<T>;
      signal?: AbortSignal;
      headers?: Record<string, string>;
      timeouts?: { headersMs?: number; bodyMs?: number };
    } = {},
  ): Promise<JsonResponse<T>> {
    return this.request<T>({ method: 'GET', pathOrUrl, ...opts });
  }

  /** Resolve a path (or a pinned absolute URL) the way request() would. */
  resolve(pathOrUrl: string, query?: Query): URL {
    const absolute = /^[a-z][a-z0-9+.-]*:\/\//i.test(pathOrUrl);
    return resolveUrl(this.baseUrl, absolute ? this.pin(pathOrUrl).href : pathOrUrl, query);
  }

  /** Vendor-supplied next URL: keep path+query, force baseUrl's scheme and host. */
  pin(url: string): URL {
    const { url: pinned, rewritten } = pinToBase(this.baseUrl, url);
    if (rewritten) {
      this.logger.warn(
        { given: this.redactor.redactUrl(url), used: this.redactor.redactUrl(pinned) },
        'Server-supplied URL points to another host or scheme; pinned to the configured base URL',
      );
    }
    return pinned;
  }

  async request<T = unknown>(opts: RequestOptions<T>): Promise<JsonResponse<T>> {
    const method = opts.method.toUpperCase();
    const url =
      fastResolveHref(this.baseUrl, this.baseHref, opts.pathOrUrl, opts.query) ??
      this.resolve(opts.pathOrUrl, opts.query).href;
    const safeUrl = this.redactor.redactUrl(url);
    const body =
      opts.body === undefined || typeof opts.body === 'string'
        ? opts.body
        : JSON.stringify(opts.body);
    let retries = 0;
    let reauthenticated = false;
    for (;;) {
      let authorization: string | undefined;
      try {
        return await this.slot(async () => {
          if (this.limiter) this.counter.waited(await this.limiter.acquire());
          authorization = await this.auth.authorize();
          this.rememberSecret(authorization);
          const headers: Record<string, string> = {
            accept: 'application/json',
            'user-agent': this.userAgent,
            ...(body !== undefined && { 'content-type': 'application/json' }),
            ...opts.headers,
            authorization,
          };
          this.counter.sent();
          return await sendAttempt<T>({
            method,
            url,
            safeUrl,
            headers,
            body,
            dispatcher: this.dispatcher,
            headersTimeoutMs: opts.timeouts?.headersMs ?? this.headersMs,
            bodyTimeoutMs: opts.timeouts?.bodyMs ?? this.bodyMs,
            redactor: this.redactor,
            schema: opts.schema as ZodType<unknown> | undefined,
            signal: opts.signal,
            onResponse: (status, h) => {
              this.counter.status(status);
              this.limiter?.observe(h, status);
            },
          });
        });
      } catch (caught) {
        const err = this.asApiCallError(caught, method, safeUrl);
        if (err.status === 401 && authorization && !reauthenticated) {
          reauthenticated = true;
          if (await this.auth.invalidate(authorization)) {
            this.logger.warn(
              { method, url: err.url, status: 401 },
              'Request rejected with 401; retrying once with fresh credentials',
            );
            this.counter.retried();
            continue;
          }
        }
        const decision = this.retry.decide(err, retries);
        if (!decision.retry || opts.signal?.aborted) throw this.failed(err);
        if (decision.delayMs > this.retry.maxRetryAfterMs)
          throw this.failed(this.exhausted(err, decision.delayMs));
        retries += 1;
        this.counter.retried();
        this.logger.warn(
          {
            reason: decision.reason,
            attempt: retries,
            maxRetries: this.retry.maxRetries,
            delayMs: decision.delayMs,
            method,
            url: err.url,
          },
          `Retrying ${method} ${err.url} after ${decision.reason} (retry ${retries}/${this.retry.maxRetries} in ${decision.delayMs} ms)`,
        );
        await this.sleep(decision.delayMs, opts.signal);
      }
    }
  }

  stats(): RequestStats {
    return this.counter.snapshot();
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.close();
    this.pool?.release();
  }

  private rememberSecret(authorization: string): void {
    // Tokens minted after construction (OAuth2) must be redacted too.
    if (authorization === this.lastAuthorization) return;
    this.lastAuthorization = authorization;
    this.redactor.add(authorization);
    const token = authorization.replace(/^\S+\s+/, '');
    if (token.length >= 8) this.redactor.add(token);
  }

  private asApiCallError(caught: unknown, method: string, safeUrl: string): ApiCallError {
    if (isApiCallError(caught)) return caught;
    return new ApiCallError({
      message: this.redactor.redact(
        `${method} ${safeUrl} failed: ${caught instanceof Error ? caught.message : String(caught)}`,
      ),
      url: safeUrl,
      method,
      kind: 'connection',
      cause: sanitizeError(caught, this.redactor),
    });
  }

  private exhausted(err: ApiCallError, waitMs: number): ApiCallError {
    const resetAt = new Date(Date.now() + waitMs).toISOString();
    // The rate limiter saw the same 429 and can name the spent window (e.g. "hour").
    const window = this.limiter?.exhaustedError();
    return new ApiCallError({
      message: window
        ? `${err.method} ${err.url}: ${window.message}`
        : `${err.method} ${err.url}: the server asks to wait ${Math.ceil(waitMs / 1000)}s (until ${resetAt}), longer than maxRetryAfterMs ${this.retry.maxRetryAfterMs}`,
      url: err.url,
      method: err.method,
      status: err.status,
      statusText: err.statusText,
      kind: 'rate_limit_exhausted',
      retryAfterMs: waitMs,
      cause: err,
    });
  }

  private failed(err: ApiCallError): ApiCallError {
    this.counter.failed();
    if (err.kind === 'rate_limit_exhausted' && !err.url) {
      // Raised by the rate limiter, which does not know the request.
      return new ApiCallError({
        message: err.message,
        url: this.redactor.redactUrl(this.baseUrl),
        method: '',
        kind: err.kind,
        retryAfterMs: err.retryAfterMs,
        cause: err,
      });
    }
    return err;
  }
}
