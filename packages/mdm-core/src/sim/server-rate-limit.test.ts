import { describe, expect, it } from 'vitest';
import { ServerRateLimiter } from './server-rate-limit';

describe('ServerRateLimiter', () => {
  it('admits up to each window limit, rejects without consuming, and resets on the next window', () => {
    let now = 10_000; // aligned to a second boundary
    const limiter = new ServerRateLimiter(
      {
        windows: [
          { name: 'second', limit: 2, intervalMs: 1000 },
          { name: 'hour', limit: 3, intervalMs: 3_600_000 },
        ],
      },
      () => now,
    );
    expect(limiter.take()).toMatchObject({
      allowed: true,
      state: [
        { window: 'second', remaining: 1, resetMs: 1000 },
        { window: 'hour', remaining: 2 },
      ],
    });
    now += 250;
    expect(limiter.take().allowed).toBe(true);
    const rejected = limiter.take();
    expect(rejected).toMatchObject({
      allowed: false,
      retryAfterMs: 750,
      state: [{ remaining: 0 }, { remaining: 1 }],
    });

    now = 11_000;
    expect(limiter.take()).toMatchObject({
      allowed: true,
      state: [{ remaining: 1 }, { remaining: 0 }],
    });
    const hourly = limiter.take();
    expect(hourly.allowed).toBe(false);
    expect(hourly.retryAfterMs).toBe(3_600_000 - 11_000);
  });

  it('rejects invalid windows', () => {
    expect(
      () => new ServerRateLimiter({ windows: [{ name: 'x', limit: 1, intervalMs: 0 }] }),
    ).toThrow(RangeError);
  });
});
