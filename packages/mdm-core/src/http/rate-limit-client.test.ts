import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startLoopback, type Loopback } from './__tests__/loopback';
import { bearerAuth } from './auth';
import { HttpClient } from './client';
import { ApiCallError } from './errors';
import { RateLimiter } from './rate-limit';

// End to end over loopback: a Kong-like hourly window whose reset the test chooses
// (not at a clock hour, like a tenant whose budget another client spent).
let server: Loopback | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

function kongHour(remaining: number, resetAt: number) {
  let left = remaining;
  const counts = { served: 0, rejected: 0 };
  const handler = (_req: unknown, res: ServerResponse) => {
    if (Date.now() >= resetAt) left = Math.max(left, 10_000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
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
      now,
    }),
  });
}

describe('HttpClient + RateLimiter against a Kong hourly window', () => {
  it('reset near: waits for it and completes every request', async () => {
    const hour = kongHour(3, Date.now() + 1_500);
    server = await startLoopback(hour.handler);
    const c = (client = await kandjiClient(server.url));
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
    const hour = kongHour(2, resetAt);
    server = await startLoopback(hour.handler);
    const clock = clientClock();
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
