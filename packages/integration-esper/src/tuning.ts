import type { HttpClient } from '@mdm-graph/mdm-core';
import {
  boundedIntegerSetting,
  caCertificatesSetting,
  requestTimeoutSetting,
} from '@mdm-graph/mdm-core';
import { EsperApi } from './steps/constants';

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
    why: `requests in flight at once; default ${EsperApi.MAX_CONCURRENCY}`,
  }),
  requestsPerWindow: boundedIntegerSetting({
    min: 1,
    max: 100_000,
    why: `calls per rate window; Esper publishes no limit, its own client allows ${EsperApi.RATE_LIMIT.limit.toLocaleString('en-US')} per 300 s, the default`,
  }),
  rateWindowSeconds: boundedIntegerSetting({
    min: 1,
    max: 3_600,
    why: `length of the rate window; default ${EsperApi.RATE_LIMIT.intervalMs / 1000}`,
  }),
  pageSize: boundedIntegerSetting({
    min: 1,
    max: EsperApi.PAGE_SIZE,
    why: `records per page of v1 lists; Esper documents no maximum, its own client settled on ${EsperApi.PAGE_SIZE} (the default) after 1,000 failed`,
  }),
  caCertificates: caCertificatesSetting(),
};

export const tuningDescriptions: Record<keyof typeof tuningSchemas, string> = {
  requestTimeoutSeconds: 'Optional: seconds to wait for an API response (1-600, default 30)',
  maxConcurrentRequests: `Optional: API requests in flight at once (1-64, default ${EsperApi.MAX_CONCURRENCY})`,
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

/** Page size per client, so list helpers keep their signatures. */
const pageSizes = new WeakMap<HttpClient, number>();

export function setPageSize(client: HttpClient, pageSize: number | undefined): void {
  if (pageSize !== undefined) pageSizes.set(client, pageSize);
}

export function pageSizeOf(client: HttpClient): number {
  return pageSizes.get(client) ?? EsperApi.PAGE_SIZE;
}
