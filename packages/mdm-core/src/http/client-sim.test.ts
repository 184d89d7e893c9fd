import { afterEach, describe, expect, it } from 'vitest';
import { startSimServer, type SimServer } from '../sim';
import { bearerAuth } from './auth';
import { HttpClient } from './client';
import { virtualClock } from './__tests__/virtual-clock';

// End-to-end against the shared simulator: clock-aligned fixed windows (as Kong counts) and faults.
let sim: SimServer | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.close();
  client = sim = undefined;
});

const routes = [{ path: '/api/v1/devices/:id', handler: () => ({ json: { ok: true } }) }];
const kongHeaders = (
  state: { window: string; limit: number; remaining: number; resetMs: number }[],
) => {
  const first = state[0]!;
  return {
    'ratelimit-limit': String(first.limit),
    'ratelimit-remaining': String(first.remaining),
    'ratelimit-reset': String(Math.ceil(first.resetMs / 1000)),
  };
};

describe('HttpClient against the simulator', () => {
  it('a client configured with the server limits sees no 429', async () => {
    const clock = virtualClock({
      arrived: () => sim?.stats().total ?? 0,
      sent: () => client?.stats().requests ?? 0,
    });
    const { now, sleep } = clock;
    sim = await startSimServer({
      routes,
      now,
      rateLimit: {
        windows: [{ name: 'burst', limit: 10, intervalMs: 500 }],
        retryAfter: true,
        headers: kongHeaders,
      },
    });
    client = new HttpClient({
      baseUrl: `${sim.url}/api/v1`,
      auth: bearerAuth('sim-token-1'),
      maxConcurrency: 8,
      sleep,
      rateLimit: { windows: [{ name: 'burst', limit: 10, intervalMs: 500 }], now, sleep },
    });
    const c = client;
    const start = now();
    await Promise.all(Array.from({ length: 35 }, (_, i) => c.getJson(`devices/${i}`)));
    expect(sim.stats().rateLimited).toBe(0);
    expect(client.stats()).toMatchObject({ requests: 35, rateLimited: 0, errors: 0 });
    // 35 requests at 10 per 500 ms need three further windows: the pacing really waited.
    expect(now() - start).toBeGreaterThanOrEqual(1_500);
  });

  it('an unpaced client recovers from 429s by honouring the server hints', async () => {
    sim = await startSimServer({
      routes,
      rateLimit: {
        windows: [{ name: 'burst', limit: 10, intervalMs: 250 }],
        retryAfter: true,
        headers: kongHeaders,
      },
    });
    client = new HttpClient({
      baseUrl: `${sim.url}/api/v1`,
      auth: bearerAuth('sim-token-1'),
      maxConcurrency: 8,
      retry: { maxRetries: 8, baseDelayMs: 10 },
    });
    const c = client;
    await Promise.all(Array.from({ length: 30 }, (_, i) => c.getJson(`devices/${i}`)));
    expect(sim.stats().rateLimited).toBeGreaterThan(0);
    expect(client.stats().errors).toBe(0);
  });

  it('survives reset, truncated, malformed and 503 faults', async () => {
    sim = await startSimServer({
      routes,
      faults: [
        { kind: 'reset', everyN: 7, times: 2 },
        { kind: 'truncated', everyN: 5, times: 2 },
        { kind: 'malformed', everyN: 4, times: 2 },
        { kind: 'status', status: 503, everyN: 3, times: 2 },
      ],
    });
    // 8 faults in total: with 8 retries per request, no request can run out.
    client = new HttpClient({
      baseUrl: `${sim.url}/api/v1`,
      auth: bearerAuth('sim-token-1'),
      retry: { baseDelayMs: 1, maxRetries: 8 },
    });
    const c = client;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => c.getJson(`devices/${i}`)),
    );
    expect(results.every((r) => (r.data as { ok: boolean }).ok)).toBe(true);
    expect(sim.stats().faultsInjected).toBe(8);
    expect(client.stats().retries).toBe(8); // exactly one retry per injected fault
  });
});
