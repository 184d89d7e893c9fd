import { ApiCallError } from '../errors';
import { headerNumber, retryHintMs, type ResponseHeaders } from '../headers';
import { sleep as realSleep, type Sleep } from '../sleep';
import { nextBoundary, type ServerWindowReader, type ServerWindowReport } from './server-windows';
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
  /**
   * When the server reports a window spent without saying when it resets, the
   * limiter guesses the next clock-aligned boundary (right for Kong, wrong for a
   * server whose clock or windows differ). A guessed wait longer than this lets
   * one request through first, so the server's 429 `Retry-After` replaces the
   * guess. Default 2 s: a second window's guess is simply waited out; waiting a
   * minute or an hour (or failing) on a guess costs more than one rejected request.
   */
  probeAfterMs?: number;
  /**
   * Reads the server's own per-window counts from its headers (e.g. `readKongWindows` for APIs
   * behind Kong, such as Kandji's). Without it the limiter paces by its own windows and pauses on
   * 429 / Retry-After / `ratelimit-remaining: 0` only.
   */
  serverWindows?: ServerWindowReader;
  /** Injected clock and sleep, for tests. */
  now?: () => number;
  sleep?: Sleep;
}

/** The server's count of one of its windows, as of its last response. */
interface ServerBudget {
  left: number;
  /** Requests let through since that response (the server will count them). */
  taken: number;
  resetAt: number;
  exact: boolean;
}

/** What currently stops the next request. */
interface Block {
  wait: number;
  reason: string;
  /** Set when the wait is only a guess about this server window's reset. */
  guessed?: string;
}

/** How often callers re-check while a probe request is out. */
const PROBE_POLL_MS = 100;
/** A probe that got no answer by then (timeout, dropped connection) counts as answered. */
const PROBE_TIMEOUT_MS = 30_000;

/**
 * Client-side pacing over several windows (e.g. 50/s and 10,000/h), corrected by
 * the server's rate-limit headers. Callers are served first come, first served.
 *
 * Two sources of truth are combined: our own requests in sliding windows (stricter
 * than the server's fixed windows, so a client configured with the server's limits
 * never sees a 429), and the server's own counts (`x-ratelimit-remaining-<unit>`),
 * which include other clients of the same tenant. A server count is trusted until
 * that server window resets, not for a full interval from now: Kong counts fixed
 * windows aligned to the clock, so "0 left this hour" at 10:59:57 means 3 s.
 */
export class RateLimiter {
  private readonly windows: SlidingWindow[];
  private readonly maxWaitMs: number;
  private readonly probeAfterMs: number;
  private readonly now: () => number;
  private readonly sleep: Sleep;
  private readonly readServerWindows?: ServerWindowReader;
  private pauseUntil = 0;
  private pauseReason = '';
  private readonly server = new Map<string, ServerBudget>();
  /** The request let through to learn a window's real reset, while it is out. */
  private probe?: { unit: string; since: number };
  /** unit -> the guessed reset a probe was already spent on (one probe per guess). */
  private readonly probed = new Map<string, number>();
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
    this.probeAfterMs = opts.probeAfterMs ?? 2_000;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? realSleep;
    this.readServerWindows = opts.serverWindows;
  }

  /** Waits for a slot in every window; resolves with the ms waited. */
  acquire(): Promise<number> {
    const start = this.now();
    // Fast path: nobody queued and nothing blocks.
    if (this.waiting === 0 && this.block(start).wait <= 0) {
      this.grant(start);
      return Promise.resolve(0);
    }
    this.waiting += 1;
    const turn = this.queue.then(() => this.take(start));
    this.queue = turn.then(
      () => (this.waiting -= 1),
      () => (this.waiting -= 1),
    );
    return turn;
  }

  /**
   * The error acquire() would fail with right now, if the wait it faces exceeds
   * maxWaitMs (undefined otherwise). Lets the HTTP client name the exhausted window
   * when a 429 asks for a wait longer than it accepts.
   */
  exhaustedError(): ApiCallError | undefined {
    const now = this.now();
    const b = this.block(now);
    if (b.wait <= this.maxWaitMs) return undefined;
    if (b.guessed !== undefined && this.mayProbe(b.guessed)) return undefined;
    return this.exhausted(b, now);
  }

  private grant(now: number): void {
    for (const w of this.windows) w.take(now);
    for (const budget of this.server.values()) budget.taken += 1;
  }

  /** The longest wait any window, server count or pause imposes now. */
  private block(now: number): Block {
    let b: Block = { wait: this.pauseUntil - now, reason: this.pauseReason };
    for (const w of this.windows) {
      const ms = w.waitMs(now);
      if (ms > b.wait) b = { wait: ms, reason: w.name };
    }
    for (const [unit, budget] of this.server) {
      if (budget.resetAt <= now) {
        // The server's window has reset: its old count says nothing any more.
        this.server.delete(unit);
        continue;
      }
      if (budget.left - budget.taken > 0) continue;
      const ms = budget.resetAt - now;
      if (ms > b.wait) b = { wait: ms, reason: unit, ...(!budget.exact && { guessed: unit }) };
    }
    return b;
  }

  /** The wait that does not depend on guessed server resets. */
  private firmWait(now: number): number {
    let wait = this.pauseUntil - now;
    for (const w of this.windows) wait = Math.max(wait, w.waitMs(now));
    for (const budget of this.server.values())
      if (budget.exact && budget.left - budget.taken <= 0)
        wait = Math.max(wait, budget.resetAt - now);
    return wait;
  }

  private mayProbe(unit: string): boolean {
    const budget = this.server.get(unit);
    return budget !== undefined && this.probed.get(unit) !== budget.resetAt;
  }

  private probeOut(now: number): boolean {
    if (this.probe && now - this.probe.since >= PROBE_TIMEOUT_MS) this.probe = undefined;
    return this.probe !== undefined;
  }

  private async take(start: number): Promise<number> {
    for (;;) {
      const now = this.now();
      const b = this.block(now);
      if (b.wait <= 0) {
        this.grant(now);
        return now - start;
      }
      if (b.guessed !== undefined) {
        // Only a guess (the next clock-aligned boundary) says how long this server
        // window stays spent. Waiting up to an hour, or failing, on a guess is worse
        // than one request the server may reject: its 429 carries the real Retry-After.
        if (this.probeOut(now)) {
          await this.sleep(Math.min(b.wait, PROBE_POLL_MS));
          continue;
        }
        if (b.wait > this.probeAfterMs && this.mayProbe(b.guessed)) {
          const firm = this.firmWait(now);
          if (firm > 0) {
            await this.sleep(firm);
            continue;
          }
          this.probed.set(b.guessed, this.server.get(b.guessed)?.resetAt ?? 0);
          this.probe = { unit: b.guessed, since: now };
          this.grant(now);
          return now - start;
        }
      }
      if (b.wait > this.maxWaitMs) throw this.exhausted(b, now);
      await this.sleep(b.wait);
    }
  }

  private exhausted(b: Block, now: number): ApiCallError {
    const resetAt = new Date(now + b.wait).toISOString();
    const estimate =
      b.guessed !== undefined
        ? ' (estimated: the next clock-aligned boundary; the server did not say when it resets)'
        : '';
    return new ApiCallError({
      message: `Rate limit window "${b.reason}" is exhausted until ${resetAt}${estimate}; waiting ${Math.ceil(b.wait / 1000)}s exceeds maxWaitMs ${this.maxWaitMs}`,
      url: '',
      method: '',
      kind: 'rate_limit_exhausted',
      retryAfterMs: b.wait,
    });
  }

  /**
   * True when the server's count for a window is no more than our own requests
   * in our matching window (same length): nobody else spends this budget, and our
   * sliding window already keeps us inside it. Our window spans at least the
   * server's current fixed window, so any usage beyond ours is someone else's.
   */
  private ownUsageExplains(r: ServerWindowReport, now: number): boolean {
    const own = this.windows.find((w) => w.nominalMs === r.windowMs);
    if (!own) return false;
    const serverUsed = (r.limit ?? own.limit) - r.left;
    const ourUsed = own.limit - own.remaining(now);
    return serverUsed <= ourUsed;
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
    const all = this.readServerWindows?.(headers, status, now) ?? [];
    // A pause is named after the server window the reset belongs to, when known.
    const exact = all.find((r) => r.exact);
    if (status === 429) this.pause(retryHintMs(headers, now) ?? 1_000, exact?.unit ?? 'server 429');
    // A count our own requests explain is still adopted (it absorbs arrival jitter our
    // margin may not), but only until the server window's clock-aligned end, never for
    // a whole-second `ratelimit-reset: 1` pause: that pause, out of phase with our
    // sliding window, held back requests the server would have taken (12% of 50/s).
    const explained = (r: ServerWindowReport) => status !== 429 && this.ownUsageExplains(r, now);
    const reports = all.map((r) => {
      if (!r.exact || !explained(r)) return r;
      return { ...r, resetAt: nextBoundary(now, r.windowMs), exact: false };
    });
    const remaining = headerNumber(headers, 'ratelimit-remaining');
    if (remaining !== undefined && remaining <= 0 && !(exact && explained(exact))) {
      const hint = retryHintMs(headers, now);
      if (hint !== undefined) this.pause(hint, exact?.unit ?? 'server ratelimit-reset');
    }
    for (const r of reports) {
      const known = this.server.get(r.unit);
      // A guess never overrides a reset the server stated that is still ahead
      // (e.g. a late answer to a request sent before the 429 that told us).
      const keep = !r.exact && known?.exact === true && known.resetAt > now;
      this.server.set(r.unit, {
        left: r.left,
        taken: 0,
        resetAt: keep ? known.resetAt : r.resetAt,
        exact: keep || r.exact,
      });
      // Other clients of the same tenant spend the same budget; our own sliding
      // windows keep pacing us, the server's count only ever adds a limit.
    }
    if (this.probe) {
      const budget = this.server.get(this.probe.unit);
      // Answered: the server rejected a request (with or without a reset), stated
      // the reset, or shows room again.
      if (status === 429 || !budget || budget.exact || budget.left > 0) this.probe = undefined;
    }
  }
}
