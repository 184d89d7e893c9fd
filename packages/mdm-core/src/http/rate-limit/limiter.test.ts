import { describe, expect, it } from 'vitest';
import { ApiCallError } from '../errors';
import { readKongWindows } from './kong-headers';
import { RateLimiter, type RateLimiterOptions } from './limiter';

/** A limiter on a fake clock whose sleep advances time, reading Kong's headers unless told otherwise. */
function fakeLimiter(opts: Omit<RateLimiterOptions, 'now' | 'sleep'>) {
  const clock = { now: 1_700_000_000_000 };
  const limiter = new RateLimiter({
    marginRatio: 0,
    serverWindows: readKongWindows,
    ...opts,
    now: () => clock.now,
    sleep: (ms) => {
      clock.now += ms;
      return Promise.resolve();
    },
  });
  return { limiter, clock };
}

const HOUR = 3_600_000;

describe('RateLimiter', () => {
  it('lets `limit` through per window, then waits for the oldest slot to expire', async () => {
    const { limiter, clock } = fakeLimiter({
      windows: [{ name: 'second', limit: 5, intervalMs: 1000 }],
    });
    const start = clock.now;
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) waits.push(await limiter.acquire());
    expect(waits.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(waits[5]).toBe(1000);
    expect(clock.now - start).toBe(2000); // 12 requests at 5/s: t=0 (5), t=1s (5), t=2s (2)
  });

  it('enforces every window (50/s and a small hourly cap)', async () => {
    const { limiter, clock } = fakeLimiter({
      windows: [
        { name: 'second', limit: 50, intervalMs: 1000 },
        { name: 'hour', limit: 120, intervalMs: 3_600_000 },
      ],
      maxWaitMs: 2 * 3_600_000,
    });
    const start = clock.now;
    for (let i = 0; i < 121; i++) await limiter.acquire();
    expect(clock.now - start).toBe(3_600_000); // 121st waits for the first hourly slot
  });

  it('fails with rate_limit_exhausted naming the window and reset when the wait exceeds maxWaitMs', async () => {
    const { limiter, clock } = fakeLimiter({
      windows: [{ name: 'hour', limit: 2, intervalMs: 3_600_000 }],
      maxWaitMs: 60_000,
    });
    await limiter.acquire();
    await limiter.acquire();
    const err = (await limiter.acquire().catch((e: unknown) => e)) as ApiCallError;
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err.kind).toBe('rate_limit_exhausted');
    expect(err.message).toContain('"hour"');
    expect(err.message).toContain(new Date(clock.now + 3_600_000).toISOString());
    // The queue keeps working after a failure.
    await expect(limiter.acquire()).rejects.toMatchObject({ kind: 'rate_limit_exhausted' });
  });

  it('pauses everyone when the server says remaining 0 with a reset', async () => {
    const { limiter, clock } = fakeLimiter({
      windows: [{ name: 'second', limit: 50, intervalMs: 1000 }],
    });
    limiter.observe({ 'ratelimit-remaining': '0', 'ratelimit-reset': '3' }, 200);
    expect(await limiter.acquire()).toBe(3000);
    limiter.observe({ 'ratelimit-remaining': '10', 'ratelimit-reset': '30' }, 200);
    expect(await limiter.acquire()).toBe(0);
    void clock;
  });

  it('honours Retry-After on 429 for all callers', async () => {
    const { limiter } = fakeLimiter({ windows: [{ name: 'second', limit: 50, intervalMs: 1000 }] });
    limiter.observe({ 'retry-after': '4' }, 429);
    const [a, b] = await Promise.all([limiter.acquire(), limiter.acquire()]);
    expect(a).toBe(4000);
    expect(b).toBe(4000); // queued behind a, same pause
  });

  it('adopts a lower server count (x-ratelimit-remaining-hour): other clients share the budget', async () => {
    const { limiter, clock } = fakeLimiter({
      windows: [
        { name: 'second', limit: 50, intervalMs: 1000 },
        { name: 'hour', limit: 10_000, intervalMs: 3_600_000 },
      ],
      maxWaitMs: 60_000,
    });
    clock.now = HOUR * 472_222 + 10 * 60_000; // hh:10, the next clock hour is 50 min away
    await limiter.acquire();
    limiter.observe(
      { 'x-ratelimit-remaining-hour': '2', 'x-ratelimit-remaining-second': '49' },
      200,
    );
    expect(await limiter.acquire()).toBe(0);
    expect(await limiter.acquire()).toBe(0);
    // The hour is spent; when it resets is only a guess, so one request may ask the server.
    expect(await limiter.acquire()).toBe(0);
    limiter.observe({ 'x-ratelimit-remaining-hour': '0', 'retry-after': '2400' }, 429);
    const err = (await limiter.acquire().catch((e: unknown) => e)) as ApiCallError;
    expect(err).toMatchObject({ kind: 'rate_limit_exhausted', retryAfterMs: 2_400_000 });
    expect(err.message).toContain('"hour"');
    expect(err.message).toContain(new Date(clock.now + 2_400_000).toISOString());
    expect(err.message).not.toContain('estimated');
  });

  it('a spent server second its own requests explain holds until the clock second ends, not a whole-second pause', async () => {
    const kong = (left: number) => ({
      'x-ratelimit-limit-second': '50',
      'x-ratelimit-remaining-second': String(left),
      'ratelimit-limit': '50',
      'ratelimit-remaining': String(left),
      'ratelimit-reset': '1',
    });
    const { limiter, clock } = fakeLimiter({
      windows: [{ name: 'second', limit: 50, intervalMs: 1000 }],
    });
    clock.now = 1_700_000_000_000;
    for (let i = 0; i < 25; i++) await limiter.acquire();
    clock.now += 500;
    for (let i = 0; i < 25; i++) await limiter.acquire();
    clock.now += 100;
    // The server counted our 50 in its clock second and says "0 left, reset in 1 s".
    limiter.observe(kong(0), 200);
    // The server's second ends 400 ms from now (when our own window also frees the first
    // 25 slots), not the 1 s a `ratelimit-reset: 1` pause would cost.
    expect(await limiter.acquire()).toBe(400);

    // Usage beyond ours is someone else's: then the server's count holds us back.
    const other = fakeLimiter({ windows: [{ name: 'second', limit: 50, intervalMs: 1000 }] });
    other.clock.now = 1_700_000_000_000;
    for (let i = 0; i < 10; i++) await other.limiter.acquire();
    other.limiter.observe(kong(0), 200);
    expect(await other.limiter.acquire()).toBe(1000);
  });

  it('pauses to the next clock boundary for an exhausted window it does not model', async () => {
    const { limiter, clock } = fakeLimiter({
      windows: [{ name: 'hour', limit: 10_000, intervalMs: 3_600_000 }],
    });
    clock.now = 1_700_000_000_250;
    limiter.observe({ 'x-ratelimit-remaining-second': '0' }, 200);
    expect(await limiter.acquire()).toBe(750);
    // A long guess (the next clock minute, 39.75 s) is checked with one request instead.
    limiter.observe({ 'x-ratelimit-remaining-minute': '0' }, 200);
    expect(await limiter.acquire()).toBe(0);
    limiter.observe({ 'x-ratelimit-remaining-minute': '0', 'retry-after': '12' }, 429);
    expect(await limiter.acquire()).toBe(12_000);
  });

  it('without a server-window reader ignores per-unit counts but still pauses on 429 Retry-After', async () => {
    const { limiter, clock } = fakeLimiter({
      windows: [{ name: 'second', limit: 50, intervalMs: 1000 }],
      serverWindows: undefined,
    });
    // Kong says the hour is spent: a limiter that does not read Kong's headers paces by its own windows.
    limiter.observe({ 'x-ratelimit-remaining-hour': '0', 'x-ratelimit-limit-hour': '10000' }, 200);
    expect(await limiter.acquire()).toBe(0);
    // A 429 with Retry-After is generic HTTP: everyone waits for it.
    limiter.observe({ 'retry-after': '3' }, 429);
    const start = clock.now;
    await limiter.acquire();
    expect(clock.now - start).toBe(3_000);
  });

  it('rejects bad windows with a clear message', () => {
    expect(() => new RateLimiter({ windows: [] })).toThrow(/at least one window/);
    expect(
      () => new RateLimiter({ windows: [{ name: 'second', limit: 0, intervalMs: 1000 }] }),
    ).toThrow(/"second": limit/);
  });
});
