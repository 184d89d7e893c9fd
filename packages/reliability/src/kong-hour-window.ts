import type { ProxyHooks } from './rewriting-proxy';

export interface HourWindowOptions {
  /** Requests left in the current hour. */
  remaining: number;
  /** When the current hour window resets (epoch ms). */
  resetAt: number;
  /** Kandji's documented 10,000 per hour. */
  limit?: number;
  /** Only requests under this path prefix count (the API, not e.g. a token endpoint). */
  pathPrefix?: string;
}

/**
 * Kong's hourly rate-limit window as Kandji exposes it, with a reset time the
 * test chooses (the simulator's windows are aligned to the wall clock, so how
 * far away the reset is would depend on when the test runs). Every answer carries
 * `x-ratelimit-limit-hour` / `x-ratelimit-remaining-hour`; once the budget is
 * spent the proxy answers 429 with `Retry-After` = seconds to the reset.
 */
export function kongHourWindow(
  o: HourWindowOptions,
): ProxyHooks & { served: () => number; rejected: () => number } {
  const limit = o.limit ?? 10_000;
  let left = o.remaining;
  let resetAt = o.resetAt;
  let served = 0;
  let rejected = 0;
  const roll = () => {
    const now = Date.now();
    while (now >= resetAt) {
      resetAt += 3_600_000;
      left = limit;
    }
  };
  const counts = (path: string) => path.startsWith(o.pathPrefix ?? '/api/');
  return {
    intercept(req) {
      if (!counts(req.path)) return undefined;
      roll();
      if (left > 0) {
        left -= 1;
        served += 1;
        return undefined;
      }
      rejected += 1;
      return {
        status: 429,
        headers: {
          'x-ratelimit-limit-hour': String(limit),
          'x-ratelimit-remaining-hour': '0',
          'retry-after': String(Math.max(1, Math.ceil((resetAt - Date.now()) / 1000))),
        },
        body: { message: 'API rate limit exceeded' },
      };
    },
    responseHeaders(req): Record<string, string> {
      if (!counts(req.path)) return {};
      return {
        'x-ratelimit-limit-hour': String(limit),
        'x-ratelimit-remaining-hour': String(left),
      };
    },
    served: () => served,
    rejected: () => rejected,
  };
}
