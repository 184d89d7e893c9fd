import {
  boundedIntegerSetting,
  caCertificatesSetting,
  requestTimeoutSetting,
} from '@mdm-graph/mdm-core';
import type { IntegrationInstanceConfigFieldMap } from '@jupiterone/integration-sdk-core';

/**
 * Kandji's documented/observed limits: the defaults and bounds of the settings below; the
 * client reads them; steps read them from steps/constants (the same name and home as
 * EsperLimits). Facts: ../shared/reference/kandji-api.md ([KOA] api-docs.kandji.io).
 */
export const KandjiLimits = {
  MAX_PAGE_SIZE: 300,
  REQUESTS_PER_SECOND: 50,
  REQUESTS_PER_HOUR: 10_000,
  /**
   * deviceDetails=auto: the share of the tenant's hourly budget the per-device details calls
   * of Prism mode may take (the budget is shared with every other API client of the tenant).
   */
  DEVICE_DETAILS_BUDGET_SHARE: 0.1,
  /** Per-device fallback: requests in flight at once (the 50/s window is the real bound). */
  PER_DEVICE_CONCURRENCY: 8,
  /** vulnerability-management/detections `size`: "A hard upper limit is set at 300" [KOA]. */
  DETECTIONS_PAGE_SIZE: 300,
  /** vulnerability-management/vulnerabilities `size`: "A hard upper limit is set at 50" [KOA]. */
  VULNERABILITIES_PAGE_SIZE: 50,
  /** threat-details and behavioral-detections `limit`: "A hard upper limit is set at 1000" [KOA]. */
  THREATS_PAGE_SIZE: 1000,
  /**
   * Prism offset pages in flight per category, at least (the tenant's `maxConcurrentRequests`
   * when higher; the tenant's pool still bounds the total across categories and steps).
   */
  PRISM_PAGE_CONCURRENCY: 8,
} as const;

/**
 * Optional settings for people who run the integration themselves: each an
 * instance config field (env: REQUEST_TIMEOUT_SECONDS, MAX_CONCURRENT_REQUESTS,
 * REQUESTS_PER_SECOND, REQUESTS_PER_HOUR, PAGE_SIZE, CA_CERTIFICATES). Blank keeps
 * the default; a value outside Kandji's documented range is refused with the range.
 */
export const tuningFields = {
  requestTimeoutSeconds: requestTimeoutSetting(),
  maxConcurrentRequests: boundedIntegerSetting({
    min: 1,
    max: 64,
    why: 'requests in flight at once; default 8 (the per-second budget paces them anyway)',
  }),
  requestsPerSecond: boundedIntegerSetting({
    min: 1,
    max: 50,
    why: 'Kandji allows at most 50 requests per second per tenant; default 50',
  }),
  requestsPerHour: boundedIntegerSetting({
    min: 1,
    max: 10_000,
    why: 'Kandji allows at most 10,000 requests per hour per tenant; default 10,000',
  }),
  pageSize: boundedIntegerSetting({
    min: 1,
    max: 300,
    why: 'records per page of devices, Prism and blueprints; Kandji caps it at 300, the default',
  }),
  caCertificates: caCertificatesSetting(),
};

/** The same settings as J1 instance config fields (all optional strings). */
export const tuningConfigFields = {
  requestTimeoutSeconds: { type: 'string', optional: true },
  maxConcurrentRequests: { type: 'string', optional: true },
  requestsPerSecond: { type: 'string', optional: true },
  requestsPerHour: { type: 'string', optional: true },
  pageSize: { type: 'string', optional: true },
  caCertificates: { type: 'string', mask: false, optional: true },
} satisfies IntegrationInstanceConfigFieldMap<Record<keyof typeof tuningFields, string>>;

export type KandjiTuningFields = Partial<Record<keyof typeof tuningFields, string>>;
