import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log';
import { bearerAuth } from './auth';
import { HttpClient, type HttpClientOptions } from './client';
import { ApiCallError } from './errors';
import { fakeSleep, json, startLoopback, type Handler, type Loopback } from './__tests__/loopback';

let server: Loopback | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

async function setup(handler: Handler, opts: Partial<HttpClientOptions> = {}) {
  server = await startLoopback(handler);
  const logger = createMemoryLogger();
  const { delays, sleep } = fakeSleep();
  client = new HttpClient({
    baseUrl: server.url,
    auth: bearerAuth('secret-token-xyz'),
    logger,
    sleep,
    random: () => 1,
    ...opts,
  });
  return { server, client, logger, delays };
}

describe('HttpClient retry policy', () => {
  it('retries 500/502/503/504 with exponential backoff and logs each retry (redacted URL)', async () => {
    const statuses = [500, 502, 503, 504];
    const { client, logger, delays, server } = await setup(
      (_r, res, n) =>
        n <= statuses.length
          ? json(res, statuses[n - 1]!, { error: 'x' })
          : json(res, 200, { ok: 1 }),
      { retry: { baseDelayMs: 100, maxDelayMs: 500 } },
    );
    const res = await client.getJson('items', { query: { api_key: 'k-999', page: 2 } });
    expect(res.data).toEqual({ ok: 1 });
    expect(server.seen).toHaveLength(5);
    expect(delays).toEqual([100, 200, 400, 500]); // random()=1 -> ceiling of full jitter, capped
    const warns = logger.lines.filter((l) => l.level === 'warn');
    expect(warns).toHaveLength(4);
    expect(warns[0]!.obj).toMatchObject({
      reason: 'status 500',
      attempt: 1,
      delayMs: 100,
      method: 'GET',
    });
    expect(JSON.stringify(warns)).toContain('api_key=[REDACTED]');
    expect(logger.text()).not.toContain('k-999');
    expect(client.stats()).toMatchObject({ requests: 5, retries: 4, errors: 0 });
  });

  it('full jitter draws below the exponential ceiling', async () => {
    const { client, delays } = await setup(
      (_r, res, n) => (n === 1 ? json(res, 503, {}) : json(res, 200, {})),
      {
        random: () => 0.25,
        retry: { baseDelayMs: 1000 },
      },
    );
    await client.getJson('x');
    expect(delays).toEqual([250]);
  });

  it('honours Retry-After seconds, Retry-After HTTP date and ratelimit-reset on 429', async () => {
    const date = new Date(Date.now() + 7_000).toUTCString();
    const replies: [number, Record<string, string>][] = [
      [429, { 'retry-after': '2' }],
      [429, { 'retry-after': date }],
      [429, { 'ratelimit-remaining': '0', 'ratelimit-reset': '3' }],
      [429, {}],
    ];
    const { client, delays } = await setup(
      (_r, res, n) => {
        const r = replies[n - 1];
        return r ? json(res, r[0], {}, r[1]) : json(res, 200, {});
      },
      { retry: { baseDelayMs: 1, defaultRetryAfterMs: 1500 } },
    );
    await client.getJson('x');
    expect(delays[0]).toBe(2000);
    expect(delays[1]).toBeGreaterThan(5000);
    expect(delays[1]).toBeLessThanOrEqual(7000);
    expect(delays[2]).toBe(3000);
    expect(delays[3]).toBe(1500); // 429 without hints
    expect(client.stats().rateLimited).toBe(4);
  });

  it.each([400, 401, 403, 404, 409, 422])('never retries %i', async (status) => {
    const { client, server } = await setup((_r, res) => json(res, status, { detail: 'no' }));
    const err = (await client.getJson('x').catch((e: unknown) => e)) as ApiCallError;
    expect(err).toBeInstanceOf(ApiCallError);
    expect(err).toMatchObject({
      status,
      kind: 'http',
      isRetryable: false,
      bodyExcerpt: '{"detail":"no"}',
    });
    expect(server.seen).toHaveLength(1);
  });

  it('bounds retries per request', async () => {
    const { client, server } = await setup((_r, res) => json(res, 500, {}), {
      retry: { maxRetries: 2, baseDelayMs: 1 },
    });
    const err = (await client.getJson('x').catch((e: unknown) => e)) as ApiCallError;
    expect(err).toMatchObject({ status: 500, isRetryable: true });
    expect(server.seen).toHaveLength(3);
    expect(client.stats().errors).toBe(1);
  });

  it('spends a per-client retry budget across requests', async () => {
    const { client, server } = await setup((_r, res) => json(res, 503, {}), {
      retry: { maxRetries: 5, retryBudget: 3, baseDelayMs: 1 },
    });
    await client.getJson('a').catch(() => undefined);
    await client.getJson('b').catch(() => undefined);
    expect(server.seen.map((s) => s.url)).toEqual(['/a', '/a', '/a', '/a', '/b']);
  });

  it('retries a connection reset', async () => {
    const { client, server } = await setup(
      (_r, res, n) => {
        if (n === 1) res.socket?.destroy();
        else json(res, 200, [1]);
      },
      {
        retry: { baseDelayMs: 1 },
      },
    );
    expect((await client.getJson('x')).data).toEqual([1]);
    expect(server.seen).toHaveLength(2);
  });

  it('gives up with rate_limit_exhausted when Retry-After exceeds maxRetryAfterMs', async () => {
    const { client, delays } = await setup(
      (_r, res) => json(res, 429, {}, { 'retry-after': '3600' }),
      {
        retry: { maxRetryAfterMs: 60_000 },
      },
    );
    const err = (await client.getJson('x').catch((e: unknown) => e)) as ApiCallError;
    expect(err.kind).toBe('rate_limit_exhausted');
    expect(err.message).toMatch(/wait 3600s \(until \d{4}-/);
    expect(delays).toEqual([]);
  });

  it('does not retry after the caller aborts', async () => {
    const { client, server } = await setup((_r, res) => json(res, 503, {}));
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    await expect(client.getJson('x', { signal: ac.signal })).rejects.toBeInstanceOf(ApiCallError);
    expect(server.seen.length).toBeLessThanOrEqual(1);
  });
});
