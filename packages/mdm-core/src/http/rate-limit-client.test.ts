import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimServer, type SimServer } from '../sim';
import { startLoopback, type Loopback } from './__tests__/loopback';
import { bearerAuth } from './auth';
import { HttpClient } from './client';
import { ApiCallError } from './errors';
import { RateLimiter, readKongWindows } from './rate-limit/index';
import { virtualClock } from './__tests__/virtual-clock';

// End to end over loopback: a Kong-like hourly window whose reset the test chooses
// (not at a clock hour, like a tenant whose budget another client spent).
let server: Loopback | undefined;
let client: HttpClient | undefined;
let sim: SimServer | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  await sim?.close();
  client = server = sim = undefined;
});

function kongHour(remaining: number, resetAt: number, clock: () => number) {
  let left = remaining;
  const counts = { served: 0, rejected: 0 };
  const handler = (_req: unknown, res: ServerResponse) => {
    if (Date.now() >= resetAt) left = Math.max(left, 10_000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      // The server's clock agrees with the client's (both read hh:10 at the start).
      date: new Date(clock()).toUTCString(),
      'x-ratelimit-limit-hour': '10000',
    };
    if (left <= 0) {
      counts.rejected += 1;
      headers['x-ratelimit-remaining-hour'] = '0';
      headers['retry-after'] = String(Math.max(1, Math.ceil((resetAt - Date.now()) / 1000)));
      res.writeHead(429, headers).end('{"message":"API rate limit exceeded"}');
      return;
    }
    left -= 1;
    counts.served += 1;
    headers['x-ratelimit-remaining-hour'] = String(left);
    res.writeHead(200, headers).end('[]');
  };
  return { handler, counts };
}

/**
 * The client's clock reads hh:10 at the start (10 min past a clock hour), so its guess
 * of the hourly reset (the next clock hour) is 50 min away whenever the test runs.
 */
function clientClock(): () => number {
  const started = Date.now();
  const hh10 = started - (started % 3_600_000) + 10 * 60_000;
  return () => hh10 + (Date.now() - started);
}

async function kandjiClient(url: string, now = clientClock()): Promise<HttpClient> {
  return new HttpClient({
    baseUrl: `${url}/api/v1`,
    auth: bearerAuth('loopback-token-1'),
    maxConcurrency: 2,
    rateLimit: new RateLimiter({
      windows: [
        { name: 'second', limit: 50, intervalMs: 1_000 },
        { name: 'hour', limit: 10_000, intervalMs: 3_600_000 },
      ],
      serverWindows: readKongWindows,
      now,
    }),
  });
}

describe('HttpClient + RateLimiter against a Kong hourly window', () => {
  it('reset near: waits for it and completes every request', async () => {
    const clock = clientClock();
    const hour = kongHour(3, Date.now() + 1_500, clock);
    server = await startLoopback(hour.handler);
    const c = (client = await kandjiClient(server.url, clock));
    const started = Date.now();
    for (let i = 0; i < 8; i++) await c.getJson(`devices?offset=${i}`);
    expect(hour.counts.served).toBe(8);
    // One request let through to learn the reset (a 429), then a wait of ~1.5 s, not an hour.
    expect(hour.counts.rejected).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reset far: fails fast naming the hour window and the server reset time', async () => {
    // 40 min away; the client's own guess (the next clock hour on its clock) is 50 min.
    const resetAt = Date.now() + 40 * 60_000;
    const clock = clientClock();
    const hour = kongHour(2, resetAt, clock);
    server = await startLoopback(hour.handler);
    const skew = clock() - Date.now();
    const c = (client = await kandjiClient(server.url, clock));
    await c.getJson('devices?offset=0');
    await c.getJson('devices?offset=1');
    const errors = (await Promise.all(
      [2, 3, 4].map((i) => c.getJson(`devices?offset=${i}`).catch((e: unknown) => e)),
    )) as ApiCallError[];
    for (const err of errors) {
      expect(err).toBeInstanceOf(ApiCallError);
      expect(err.kind).toBe('rate_limit_exhausted');
      expect(err.message).toMatch(/"hour" is exhausted until/);
      expect(err.message).not.toContain('estimated');
      const when = Date.parse(/until (\S+?);/.exec(err.message)?.[1] ?? '');
      // The server's reset, on the client's clock (not the client's guess 50 min away).
      expect(Math.abs(when - (resetAt + skew))).toBeLessThan(5_000);
    }
    expect(hour.counts.rejected).toBe(1); // only the probe reached the server
  });
});

describe('HttpClient + RateLimiter against clock-aligned Kong windows', () => {
  it('a client configured with the server limits sees no 429 while adopting the per-unit counts', async () => {
    const { now, sleep } = virtualClock({
      arrived: () => sim?.stats().total ?? 0,
      sent: () => client?.stats().requests ?? 0,
    });
    sim = await startSimServer({
      now,
      routes: [{ path: '/api/v1/devices/:id', handler: () => ({ json: { ok: true } }) }],
      rateLimit: {
        windows: [
          { name: 'second', limit: 10, intervalMs: 1_000 },
          { name: 'minute', limit: 100, intervalMs: 60_000 },
        ],
        retryAfter: true,
        // Kong: a count per unit, plus the ratelimit-* trio for the unit with the fewest left.
        headers: (state) => {
          const tightest = [...state].sort((a, b) => a.remaining - b.remaining)[0]!;
          return {
            ...Object.fromEntries(
              state.flatMap((w) => [
                [`x-ratelimit-limit-${w.window}`, String(w.limit)],
                [`x-ratelimit-remaining-${w.window}`, String(w.remaining)],
              ]),
            ),
            'ratelimit-limit': String(tightest.limit),
            'ratelimit-remaining': String(tightest.remaining),
            'ratelimit-reset': String(Math.ceil(tightest.resetMs / 1000)),
          };
        },
      },
    });
    client = new HttpClient({
      baseUrl: `${sim.url}/api/v1`,
      auth: bearerAuth('sim-token-1'),
      maxConcurrency: 8,
      sleep,
      // A shared virtual clock: arrivals do not jitter, so the default margin is enough.
      rateLimit: {
        windows: [
          { name: 'second', limit: 10, intervalMs: 1_000 },
          { name: 'minute', limit: 100, intervalMs: 60_000 },
        ],
        serverWindows: readKongWindows,
        now,
        sleep,
      },
    });
    const c = client;
    const started = now();
    await Promise.all(Array.from({ length: 25 }, (_, i) => c.getJson(`devices/${i}`)));
    expect(sim.stats().rateLimited).toBe(0);
    expect(client.stats()).toMatchObject({ requests: 25, rateLimited: 0, errors: 0 });
    // 25 at 10/s: about 2 s of pacing, no waiting on a guessed server reset.
    expect(now() - started).toBeGreaterThanOrEqual(2_000);
    expect(now() - started).toBeLessThan(4_000);
  });
});
