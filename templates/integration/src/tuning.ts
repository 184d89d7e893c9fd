/**
 * __Vendor__'s documented limits: what the client and the steps rely on (and the defaults and
 * bounds of any tuning setting you add to config.ts). Same name and home in every integration
 * (KandjiLimits, EsperLimits); steps read it from steps/constants. Replace the figures with the
 * vendor's documented ones and cite the source (../shared/reference/__vendor__-api.md).
 */
export const __VendorPascal__Limits = {
  /** Records per page of the device list. */
  PAGE_SIZE: 100,
  /** Requests in flight per tenant, across every step of a run. */
  MAX_CONCURRENCY: 8,
  /** Requests per second the tenant allows (the rate limiter's window). */
  REQUESTS_PER_SECOND: 20,
  /** Per-device detail requests in flight at once. */
  DETAIL_CONCURRENCY: 5,
} as const;
