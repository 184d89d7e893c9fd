export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** First value of a header; undici gives lower-case names. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined ? undefined : first.trim();
}

export function headerNumber(headers: ResponseHeaders, name: string): number | undefined {
  const v = headerValue(headers, name);
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/**
 * A reset header (`ratelimit-reset`, `x-ratelimit-reset`) in ms from now. Kong and
 * the IETF draft send seconds until reset; some APIs send an epoch timestamp,
 * recognised here by its size.
 */
export function parseResetSeconds(value: number | undefined, now = Date.now()): number | undefined {
  if (value === undefined || value < 0) return undefined;
  if (value > 1e12) return Math.max(0, value - now); // epoch ms
  if (value > 1e9) return Math.max(0, value * 1000 - now); // epoch s
  return Math.round(value * 1000);
}

/** Server hint of how long to wait before the next call, from Retry-After or a reset header. */
export function retryHintMs(headers: ResponseHeaders, now = Date.now()): number | undefined {
  return (
    parseRetryAfter(headerValue(headers, 'retry-after'), now) ??
    parseResetSeconds(headerNumber(headers, 'ratelimit-reset'), now) ??
    parseResetSeconds(headerNumber(headers, 'x-ratelimit-reset'), now)
  );
}
