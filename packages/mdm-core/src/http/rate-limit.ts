import { ApiCallError } from './errors';
import { headerNumber, retryHintMs, type ResponseHeaders } from './headers';
import { sleep as realSleep, type Sleep } from './sleep';
import { SlidingWindow } from './sliding-window';

export interface RateWindow {
  name: string;
  limit: number;
  intervalMs: number;
}

export interface RateLimiterOptions {
  windows: RateWindow[];
  /** Longest time acquire() may wait before failing with kind 'rate_limit_exhausted'. Default 15 min. */
  maxWaitMs?: number;
  /**
   * Extra spacing added to every window so network jitter cannot squeeze two
   * windows' worth of requests into one server window. Default 5% of the
   * interval (50 ms on a 1 s window), at most 1 s.
   */
  marginRatio?: number;
  /** Injected clock and sleep, for tests. */
  now?: () => number;
  sleep?: Sleep;
}

/** Suffixes of `x-ratelimit-remaining-<unit>` (Kong) mapped to window lengths. */
const UNIT_ENTRIES: readonly (readonly [string, number])[] = [
  ['second', 1_000],
  ['minute', 60_000],
  ['hour', 3_600_000],
  ['day', 86_400_000],
];

function hasUnitHeaders(headers: ResponseHeaders): boolean {
  for (const name in headers) if (name.startsWith('x-ratelimit-remaining-')) return true;
  return false;
}

/**
 * Client-side pacing over several windows (e.g. 50/s and 10,000/h), corrected by
 * the server's rate-limit headers. Callers are served first come, first served.
 */
export class RateLimiter {
  private readonly windows: SlidingWindow[];
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private pauseUntil = 0;
  private pauseReason = '';
  private queue: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(opts: RateLimiterOptions) {
    if (opts.windows.length === 0) throw new RangeError('RateLimiter needs at least one window');
    const margin = opts.marginRatio ?? 0.05;
    this.windows = opts.windows.map(
      (w) =>
        new SlidingWindow(
          w.name,
          w.limit,
          w.intervalMs + Math.min(w.intervalMs * margin, 1_000),
          w.intervalMs,
        ),
    );
    this.maxWaitMs = opts.maxWaitMs ?? 15 * 60_000;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
  }

  /** Waits for a slot in every window; resolves with the ms waited. */
  acquire(): Promise<number> {
    const start = this.now();
    // Fast path: nobody queued and every window has room.
    if (this.waiting === 0 && this.tryTake(start)) return Promise.resolve(0);
    this.waiting += 1;
    const turn = this.queue.then(() => this.take(start));
    this.queue = turn.then(
      () => (this.waiting -= 1),
      () => (this.waiting -= 1),
    );
    return turn;
  }

  private tryTake(now: number): boolean {
    if (this.pauseUntil > now) return false;
    for (const w of this.windows) if (w.waitMs(now) > 0) return false;
    for (const w of this.windows) w.take(now);
    return true;
  }

  private async take(start: number): Promise<number> {
    for (;;) {
      const now = this.now();
      let wait = this.pauseUntil - now;
      let reason = this.pauseReason;
      for (const w of this.windows) {
        const ms = w.waitMs(now);
        if (ms > wait) [wait, reason] = [ms, w.name];
      }
      if (wait <= 0) {
        for (const w of this.windows) w.take(now);
        return now - start;
      }
      if (wait > this.maxWaitMs) {
        const resetAt = new Date(now + wait).toISOString();
        throw new ApiCallError({
          message: `Rate limit window "${reason}" is exhausted until ${resetAt}; waiting ${Math.ceil(wait / 1000)}s exceeds maxWaitMs ${this.maxWaitMs}`,
          url: '',
          method: '',
          kind: 'rate_limit_exhausted',
          retryAfterMs: wait,
        });
      }
      await this.sleep(wait);
    }
  }

  /** Pause every caller for `ms` (e.g. after a 429 or remaining=0). */
  pause(ms: number, reason: string): void {
    const until = this.now() + ms;
    if (until > this.pauseUntil) {
      this.pauseUntil = until;
      this.pauseReason = reason;
    }
  }

  /** Adjust from response headers: ratelimit-remaining/-reset, x-ratelimit-remaining-<unit>, retry-after. */
  observe(headers: ResponseHeaders, status: number): void {
    const now = this.now();
    if (status === 429) this.pause(retryHintMs(headers, now) ?? 1_000, 'server 429');
    const remaining = headerNumber(headers, 'ratelimit-remaining');
    if (remaining !== undefined && remaining <= 0) {
      const hint = retryHintMs(headers, now);
      if (hint !== undefined) this.pause(hint, 'server ratelimit-reset');
    }
    if (!hasUnitHeaders(headers)) return;
    for (const [unit, ms] of UNIT_ENTRIES) {
      const left = headerNumber(headers, `x-ratelimit-remaining-${unit}`);
      if (left === undefined) continue;
      const window = this.windows.find((w) => w.name.toLowerCase() === unit || w.nominalMs === ms);
      // Other clients of the same tenant spend the same budget: adopt the server's lower count.
      if (window) {
        const excess = window.remaining(now) - left;
        if (excess > 0) window.take(now, excess);
      }
      if (left <= 0 && !window) {
        // Kong counts fixed windows aligned to the clock: resume at the next boundary.
        this.pause(ms - (now % ms), `server ${unit} window`);
      }
    }
  }
}
