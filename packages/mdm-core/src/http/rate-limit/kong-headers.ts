import {
  headerNumber,
  headerValue,
  parseResetSeconds,
  retryHintMs,
  type ResponseHeaders,
} from '../headers';
import { nextBoundary, type ServerWindowReader, type ServerWindowReport } from './server-windows';

/** Suffixes of `x-ratelimit-remaining-<unit>` (Kong) mapped to window lengths. */
export const KONG_UNITS: readonly (readonly [string, number])[] = [
  ['second', 1_000],
  ['minute', 60_000],
  ['hour', 3_600_000],
  ['day', 86_400_000],
];

/**
 * How far the server's clock is ahead of ours, from its `date` header. `date` is
 * truncated to the second and stamped before the answer travelled, so the server
 * time it gives is a little early: the reset computed from it comes a little late,
 * never early. Undefined without a usable header or when the clocks agree within 2 s.
 */
export function serverClockSkew(headers: ResponseHeaders, now: number): number | undefined {
  const date = headerValue(headers, 'date');
  const at = date === undefined ? NaN : Date.parse(date);
  if (Number.isNaN(at)) return undefined;
  const skew = at - now;
  return Math.abs(skew) > 2_000 ? skew : undefined;
}

/** The next boundary of a window on the server's clock, in our clock's time. */
function onServerClock(now: number, ms: number, skew: number | undefined): number {
  return skew === undefined ? nextBoundary(now, ms) : nextBoundary(now + skew, ms) - skew;
}

/**
 * Reads Kong's per-unit headers (`x-ratelimit-remaining-hour: 0`). They carry no
 * reset time of their own; the only reset a response gives is the generic one:
 * `Retry-After` on a 429 (the window that stopped the request) or
 * `ratelimit-reset`, which belongs to the window `ratelimit-remaining` /
 * `ratelimit-limit` describe (Kong picks the window with the fewest requests
 * left, the larger limit on a tie). That unit gets the exact reset; the others
 * reset at their next clock-aligned boundary, because Kong counts fixed windows
 * aligned to the wall clock.
 */
export const readKongWindows: ServerWindowReader = (
  headers: ResponseHeaders,
  status: number,
  now: number,
): ServerWindowReport[] => {
  const reports: ServerWindowReport[] = [];
  // The `date` header is parsed only when a window of a minute or more needs it.
  let skewRead = false;
  let skew: number | undefined;
  const serverSkew = (): number | undefined => {
    if (!skewRead) skew = serverClockSkew(headers, now);
    skewRead = true;
    return skew;
  };
  for (const name in headers) {
    if (!name.startsWith('x-ratelimit-remaining-')) continue;
    const unit = name.slice('x-ratelimit-remaining-'.length);
    const ms = KONG_UNITS.find(([u]) => u === unit)?.[1];
    const left = headerNumber(headers, name);
    if (ms === undefined || left === undefined) continue;
    reports.push({
      unit,
      windowMs: ms,
      left,
      limit: headerNumber(headers, `x-ratelimit-limit-${unit}`),
      // Windows of a minute or more follow the server's clock (its `date` header), so a
      // client clock minutes off does not misplace the hour; `date` is too coarse for seconds.
      resetAt: ms >= 60_000 ? onServerClock(now, ms, serverSkew()) : nextBoundary(now, ms),
      exact: false,
    });
  }
  if (reports.length === 0) return [];

  const hint =
    status === 429
      ? retryHintMs(headers, now)
      : (parseResetSeconds(headerNumber(headers, 'ratelimit-reset'), now) ??
        parseResetSeconds(headerNumber(headers, 'x-ratelimit-reset'), now));
  if (hint !== undefined) {
    const genericLeft = headerNumber(headers, 'ratelimit-remaining');
    const genericLimit = headerNumber(headers, 'ratelimit-limit');
    let owner: (typeof reports)[number] | undefined;
    for (const r of reports) {
      const sameLeft = genericLeft !== undefined ? r.left === genericLeft : r.left <= 0;
      const sameLimit =
        genericLimit === undefined || r.limit === undefined || r.limit === genericLimit;
      // A reset longer than the window itself cannot be this window's (1 s slack for rounding).
      if (
        sameLeft &&
        sameLimit &&
        hint <= r.windowMs + 1_000 &&
        (!owner || r.windowMs > owner.windowMs)
      )
        owner = r;
    }
    if (owner) {
      owner.resetAt = now + hint;
      owner.exact = true;
    }
  }
  return reports.map(({ limit, ...r }) => ({ ...r, ...(limit !== undefined && { limit }) }));
};
