import { afterEach, describe, expect, it } from 'vitest';
import { bearerAuth } from './auth';
import { HttpClient } from './client';
import { mapConcurrent } from './concurrency';
import { json, startLoopback, type Loopback } from './__tests__/loopback';
import { virtualClock } from './__tests__/virtual-clock';

let server: Loopback | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

describe('HttpClient concurrency and rate limiting (loopback)', () => {
  it('keeps at most maxConcurrency requests in flight, and actually overlaps them', async () => {
    server = await startLoopback((_r, res) => void setTimeout(() => json(res, 200, {}), 30));
    client = new HttpClient({
      baseUrl: server.url,
      auth: bearerAuth('t0k3n-abc'),
      maxConcurrency: 4,
    });
    const c = client;
    const started = Date.now();
    await Promise.all(Array.from({ length: 16 }, (_, i) => c.getJson(`d/${i}`)));
    expect(server.inFlightMax).toBe(4);
    expect(Date.now() - started).toBeLessThan(16 * 30); // overlapped, not serial
  });

  it('fans out per-device calls with mapConcurrent under the client cap', async () => {
    server = await startLoopback(
      (r, res) => void setTimeout(() => json(res, 200, { id: r.url.split('/')[2] }), 20),
    );
    client = new HttpClient({
      baseUrl: server.url,
      auth: bearerAuth('t0k3n-abc'),
      maxConcurrency: 5,
    });
    const c = client;
    const ids: string[] = [];
    for await (const r of mapConcurrent(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 8, (id) =>
      c.getJson<{ id: string }>(`devices/${id}/apps`),
    )) {
      ids.push(r.data.id);
    }
    expect(ids.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(server.inFlightMax).toBe(5);
  });

  it('a well-configured client causes no 429 from a fixed-window server', async () => {
    const limit = 20;
    const windowMs = 400;
    const counts = new Map<number, number>();
    let arrived = 0;
    const { now, sleep } = virtualClock({
      arrived: () => arrived,
      sent: () => client?.stats().requests ?? 0,
    });
    server = await startLoopback((_r, res) => {
      arrived += 1;
      const w = Math.floor(now() / windowMs);
      const used = (counts.get(w) ?? 0) + 1;
      counts.set(w, used);
      const reset = String(Math.ceil((windowMs - (now() % windowMs)) / 1000));
      if (used > limit) return json(res, 429, {}, { 'retry-after': reset });
      json(res, 200, {}, { 'ratelimit-remaining': String(limit - used), 'ratelimit-reset': reset });
    });
    client = new HttpClient({
      baseUrl: server.url,
      auth: bearerAuth('t0k3n-abc'),
      maxConcurrency: 8,
      sleep,
      // A shared virtual clock: arrivals do not jitter, so no extra margin is needed.
      rateLimit: { windows: [{ name: 'burst', limit, intervalMs: windowMs }], now, sleep },
    });
    const c = client;
    await Promise.all(Array.from({ length: 50 }, (_, i) => c.getJson(`x/${i}`)));
    expect(client.stats().rateLimited).toBe(0);
    expect(client.stats().requests).toBe(50);
    expect(client.stats().rateLimitWaitMs).toBeGreaterThan(0);
  });

  it('spends rate-limit slots on retries too', async () => {
    server = await startLoopback((_r, res, n) => json(res, n <= 2 ? 503 : 200, {}));
    const clock = { waits: 0 };
    client = new HttpClient({
      baseUrl: server.url,
      auth: bearerAuth('t0k3n-abc'),
      retry: { baseDelayMs: 1 },
      rateLimit: { windows: [{ name: 'tiny', limit: 1, intervalMs: 60 }], marginRatio: 0 },
    });
    const t0 = Date.now();
    await client.getJson('x');
    clock.waits = Date.now() - t0;
    expect(server.seen).toHaveLength(3);
    expect(clock.waits).toBeGreaterThanOrEqual(110); // 3 attempts need 2 fresh 60 ms slots
  });
});
