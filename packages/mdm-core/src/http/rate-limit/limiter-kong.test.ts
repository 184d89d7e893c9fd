import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../errors';
import { readKongWindows } from './kong-headers';
import { RateLimiter } from './limiter';

// Kong (Kandji) counts fixed windows aligned to the wall clock and says how many
// requests are left per unit, but not when the unit resets; only a 429 says that.
const HOUR = 3_600_000;
const KANDJI = [
  { name: 'second', limit: 50, intervalMs: 1_000 },
  { name: 'hour', limit: 10_000, intervalMs: HOUR },
];
/** A clock time `minutes` past a full hour. */
const at = (minutes: number) => HOUR * 472_222 + minutes * 60_000;
const spent = { 'x-ratelimit-limit-hour': '10000', 'x-ratelimit-remaining-hour': '0' };

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function limiter(minutesPastHour: number, opts: { maxWaitMs?: number } = {}) {
  vi.setSystemTime(at(minutesPastHour));
  return new RateLimiter({
    windows: KANDJI,
    marginRatio: 0,
    serverWindows: readKongWindows,
    ...opts,
  });
}

/** Settles `p` (advancing fake time as far as needed) and returns its value or error. */
async function settle<T>(p: Promise<T>, ms: number): Promise<T | unknown> {
  const out = p.catch((e: unknown) => e);
  await vi.advanceTimersByTimeAsync(ms);
  return out;
}

describe('RateLimiter and a server hourly window', () => {
  it('near reset: waits for the reset the server states, not an hour from now', async () => {
    const rl = limiter(10);
    await rl.acquire();
    rl.observe(spent, 200);
    // The next clock hour is 50 min away (beyond maxWaitMs): one request asks the server...
    expect(await rl.acquire()).toBe(0);
    const queued = [rl.acquire(), rl.acquire()];
    await vi.advanceTimersByTimeAsync(300); // ...while the others wait for its answer
    rl.observe({ ...spent, 'retry-after': '3' }, 429);
    const waited = (await settle(Promise.all(queued), 3_500)) as number[];
    expect(waited[0]).toBeGreaterThanOrEqual(3_000);
    expect(waited[0]).toBeLessThan(3_500);
    expect(Date.now() - at(10)).toBeLessThan(4_000);
    // After the reset the server's old count no longer applies.
    expect(await rl.acquire()).toBe(0);
  });

  it('far reset: fails fast naming the hour window and the server reset time', async () => {
    const rl = limiter(10);
    rl.observe(spent, 200);
    expect(await rl.acquire()).toBe(0); // the probe
    const waiting = rl.acquire();
    await vi.advanceTimersByTimeAsync(200);
    rl.observe({ ...spent, 'retry-after': '3000' }, 429);
    const err = (await settle(waiting, 200)) as ApiCallError;
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err.kind).toBe('rate_limit_exhausted');
    expect(err.message).toMatch(/window "hour" is exhausted until /);
    const resetAt = Date.parse(/until (\S+?);/.exec(err.message)?.[1] ?? '');
    expect(Math.abs(resetAt - (at(10) + 3_000_000))).toBeLessThan(1_000);
    // The HTTP client asks the limiter to name the window when a 429 asks too long a wait.
    expect(rl.exhaustedError()?.message).toMatch(/"hour"/);
    // Nothing more is let through.
    await expect(rl.acquire()).rejects.toMatchObject({ kind: 'rate_limit_exhausted' });
  });

  it('a 429 without Retry-After teaches nothing: one probe only, then the clock-boundary estimate', async () => {
    const rl = limiter(10);
    rl.observe(spent, 200);
    expect(await rl.acquire()).toBe(0);
    rl.observe(spent, 429);
    const err = (await settle(rl.acquire(), 2_000)) as ApiCallError;
    expect(err.kind).toBe('rate_limit_exhausted');
    expect(err.message).toContain(`until ${new Date(at(60)).toISOString()}`);
    expect(err.message).toContain('estimated');
  });

  it('a probe answered with room left (the guess was wrong) lets everyone continue at once', async () => {
    const rl = limiter(10);
    rl.observe(spent, 200);
    expect(await rl.acquire()).toBe(0);
    const queued = rl.acquire();
    await vi.advanceTimersByTimeAsync(150);
    rl.observe({ 'x-ratelimit-remaining-hour': '9999' }, 200);
    const waited = (await settle(queued, 200)) as number;
    expect(waited).toBeLessThan(400);
  });

  it('a probe that never answers stops holding others after its timeout', async () => {
    const rl = limiter(10);
    rl.observe(spent, 200);
    expect(await rl.acquire()).toBe(0);
    const err = (await settle(rl.acquire(), 31_000)) as ApiCallError;
    expect(err.kind).toBe('rate_limit_exhausted');
    expect(err.message).toContain('estimated');
  });

  it('a short guessed wait is waited out without a probe (adopted usage ends at the clock hour)', async () => {
    const rl = limiter(59);
    vi.setSystemTime(at(60) - 1_200); // 1.2 s before the clock hour
    rl.observe(spent, 200);
    const waited = (await settle(rl.acquire(), 2_000)) as number;
    expect(waited).toBe(1_200);
  });

  it('counts its own requests against the server count until the window resets', async () => {
    const rl = limiter(58, { maxWaitMs: 5 * 60_000 });
    rl.observe({ 'x-ratelimit-remaining-hour': '3' }, 200);
    for (let i = 0; i < 3; i++) expect(await rl.acquire()).toBe(0);
    // 2 min to the clock hour: within maxWaitMs, but a guess over probeAfterMs -> one probe.
    expect(await rl.acquire()).toBe(0);
    rl.observe({ ...spent, 'retry-after': '120' }, 429);
    const waited = (await settle(rl.acquire(), 121_000)) as number;
    expect(waited).toBe(120_000);
  });

  it('a late answer without a reset does not undo the reset a 429 stated', async () => {
    const rl = limiter(10);
    rl.observe({ ...spent, 'retry-after': '5' }, 429);
    rl.observe(spent, 200); // sent before the 429, answered after it
    const waited = (await settle(rl.acquire(), 6_000)) as number;
    expect(waited).toBe(5_000);
  });

  it('stays paced by its own windows when the server reports more room than it allows itself', async () => {
    const rl = new RateLimiter({
      windows: [{ name: 'second', limit: 3, intervalMs: 1_000 }],
      marginRatio: 0,
      serverWindows: readKongWindows,
    });
    rl.observe({ 'x-ratelimit-remaining-second': '40', 'ratelimit-remaining': '40' }, 200);
    for (let i = 0; i < 3; i++) expect(await rl.acquire()).toBe(0);
    expect(await settle(rl.acquire(), 1_100)).toBe(1_000);
  });
});
