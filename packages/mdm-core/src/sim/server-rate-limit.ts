import { type RateWindowState, type ServerRateLimitOptions } from './types';

export interface RateDecision {
  allowed: boolean;
  /** State of every window after this request. */
  state: RateWindowState[];
  /** When rejected: ms until the tightest exhausted window resets. */
  retryAfterMs?: number;
}

interface WindowCounter {
  name: string;
  limit: number;
  intervalMs: number;
  windowId: number;
  used: number;
}

/**
 * Fixed windows aligned to the clock (a new second starts at :00.000, a new hour at hh:00), the way Kong's
 * rate-limiting plugin counts. A request is admitted only when every window has room; rejected requests
 * do not use up quota.
 */
export class ServerRateLimiter {
  private readonly windows: WindowCounter[];

  constructor(
    opts: ServerRateLimitOptions,
    private readonly now: () => number = Date.now,
  ) {
    for (const w of opts.windows) {
      if (!(w.limit >= 0) || !(w.intervalMs > 0))
        throw new RangeError(`invalid rate window ${w.name}`);
    }
    this.windows = opts.windows.map((w) => ({ ...w, windowId: -1, used: 0 }));
  }

  take(): RateDecision {
    const t = this.now();
    for (const w of this.windows) {
      const id = Math.floor(t / w.intervalMs);
      if (id !== w.windowId) {
        w.windowId = id;
        w.used = 0;
      }
    }
    const exhausted = this.windows.filter((w) => w.used >= w.limit);
    if (exhausted.length === 0) for (const w of this.windows) w.used += 1;
    const state = this.windows.map((w) => ({
      window: w.name,
      limit: w.limit,
      remaining: Math.max(0, w.limit - w.used),
      resetMs: (w.windowId + 1) * w.intervalMs - t,
    }));
    if (exhausted.length === 0) return { allowed: true, state };
    // The client may retry once every exhausted window has rolled over.
    const retryAfterMs = Math.max(...exhausted.map((w) => (w.windowId + 1) * w.intervalMs - t));
    return { allowed: false, state, retryAfterMs };
  }
}
