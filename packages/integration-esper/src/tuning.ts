import {
  boundedIntegerSetting,
  caCertificatesSetting,
  requestTimeoutSetting,
} from '@mdm-graph/mdm-core';

/**
 * Esper API facts the collection relies on, and the defaults of the settings below (source:
 * ../shared/reference/esper-api.md, repository-relative: the shared/ folder beside this
 * repository). The client reads them; steps read them from steps/constants (the same name and
 * home as KandjiLimits).
 */
export const EsperLimits = {
  /** Esper's own client settled on 250 after trying 1000; the server default is 20. */
  PAGE_SIZE: 250,
  /** Esper publishes no limit; Esper's own desktop client throttles itself to 8000 calls / 300 s. */
  RATE_LIMIT: { name: 'esper-client-5min', limit: 8000, intervalMs: 300_000 },
  /**
   * Installed apps are per device only: requests in flight for that N+1 fan-out (default; the
   * configured `maxConcurrentRequests` when set). Esper publishes no concurrency or rate limit;
   * the call budget (RATE_LIMIT) is what paces a large fleet. At 50 ms per call, 32 in flight
   * read 1,000 devices' apps in ~2.3 s (20, what Esper's own tool uses for parallel paging,
   * took ~4 s and the run ~6.5 s); lower it with MAX_CONCURRENT_REQUESTS.
   */
  DEVICE_APPS_CONCURRENCY: 32,
  /** Pages of the device list fetched at once when pages are computed from `count`. */
  PAGE_CONCURRENCY: 4,
  /** Requests in flight per client (shared by concurrent steps through the rate limiter). */
  MAX_CONCURRENCY: 32,
  /**
   * v2 device list (every platform). `limit` may go up to 1000, but Esper's own tool pages
   * it at 250 and still sees 504s and timeouts on large fleets (esper-api.md, "v2: multi-OS").
   */
  V2_PAGE_SIZE: 250,
  /** A v2 device page may take tens of seconds on a large tenant: wait longer than the default 30 s. */
  V2_DEVICES_TIMEOUT_MS: 120_000,
  /** Extra attempts for one v2 device page after the client's own retries (504, timeout). */
  V2_PAGE_EXTRA_ATTEMPTS: 2,
  /** Pause before such an extra attempt (Esper's tool sleeps 25-45 s before each v2 device page). */
  V2_PAGE_RETRY_DELAY_MS: 30_000,
} as const;

/**
 * Optional settings for people who run the integration themselves (env:
 * REQUEST_TIMEOUT_SECONDS, MAX_CONCURRENT_REQUESTS, REQUESTS_PER_WINDOW,
 * RATE_WINDOW_SECONDS, PAGE_SIZE, CA_CERTIFICATES). Blank keeps the default.
 * Esper publishes no rate limit and no maximum page size: the defaults are what
 * Esper's own client uses (8,000 calls per 300 s, 250 per page).
 */
export const tuningSchemas = {
  requestTimeoutSeconds: requestTimeoutSetting(),
  maxConcurrentRequests: boundedIntegerSetting({
    min: 1,
    max: 64,
    why: `requests in flight at once; default ${EsperLimits.MAX_CONCURRENCY}`,
  }),
  requestsPerWindow: boundedIntegerSetting({
    min: 1,
    max: 100_000,
    why: `calls per rate window; Esper publishes no limit, its own client allows ${EsperLimits.RATE_LIMIT.limit.toLocaleString('en-US')} per 300 s, the default`,
  }),
  rateWindowSeconds: boundedIntegerSetting({
    min: 1,
    max: 3_600,
    why: `length of the rate window; default ${EsperLimits.RATE_LIMIT.intervalMs / 1000}`,
  }),
  pageSize: boundedIntegerSetting({
    min: 1,
    max: EsperLimits.PAGE_SIZE,
    why: `records per page of v1 lists; Esper documents no maximum, its own client settled on ${EsperLimits.PAGE_SIZE} (the default) after 1,000 failed`,
  }),
  caCertificates: caCertificatesSetting(),
};

export const tuningDescriptions: Record<keyof typeof tuningSchemas, string> = {
  requestTimeoutSeconds: 'Optional: seconds to wait for an API response (1-600, default 30)',
  maxConcurrentRequests: `Optional: API requests in flight at once (1-64, default ${EsperLimits.MAX_CONCURRENCY})`,
  requestsPerWindow: 'Optional: API calls allowed per rate window (default 8000)',
  rateWindowSeconds: 'Optional: length of the rate window in seconds (default 300)',
  pageSize: 'Optional: records per page of list calls (1-250, default 250)',
  caCertificates:
    'Optional: extra CA certificates to trust, PEM (e.g. a TLS-inspecting proxy); NODE_EXTRA_CA_CERTS is honoured too',
};

export interface EsperTuning {
  requestTimeoutSeconds?: number;
  maxConcurrentRequests?: number;
  requestsPerWindow?: number;
  rateWindowSeconds?: number;
  pageSize?: number;
  caCertificates?: string;
}
