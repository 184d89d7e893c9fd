import diagnostics from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { bearerAuth } from './auth';
import { HttpClient } from './client';
import { HTTP_DIAGNOSTICS_CHANNEL, type HttpDiagnosticsMessage } from './diagnostics';
import { fakeSleep, json, startLoopback, type Loopback } from './__tests__/loopback';

let server: Loopback | undefined;
let client: HttpClient | undefined;
const listeners: Array<(m: unknown) => void> = [];
afterEach(async () => {
  for (const l of listeners.splice(0)) diagnostics.unsubscribe(HTTP_DIAGNOSTICS_CHANNEL, l);
  await client?.close();
  await server?.close();
  client = server = undefined;
});

function record(): HttpDiagnosticsMessage[] {
  const seen: HttpDiagnosticsMessage[] = [];
  const l = (m: unknown) => seen.push(m as HttpDiagnosticsMessage);
  listeners.push(l);
  diagnostics.subscribe(HTTP_DIAGNOSTICS_CHANNEL, l);
  return seen;
}

describe('HTTP diagnostics channel', () => {
  it('publishes each attempt, status, retry and final failure without URLs or secrets', async () => {
    const seen = record();
    server = await startLoopback((req, res, n) => {
      if (req.url?.includes('ok')) return json(res, 200, { ok: true });
      return n <= 1 ? json(res, 503, {}) : json(res, 404, { detail: 'missing' });
    });
    const { sleep } = fakeSleep();
    client = new HttpClient({ baseUrl: server.url, auth: bearerAuth('diag-secret-token'), sleep });

    await expect(client.getJson('gone')).rejects.toMatchObject({ status: 404 });
    await client.getJson('ok');

    expect(seen).toEqual([
      { type: 'request' },
      { type: 'response', status: 503 },
      { type: 'retry' },
      { type: 'request' },
      { type: 'response', status: 404 },
      { type: 'error' },
      { type: 'request' },
      { type: 'response', status: 200 },
    ]);
    expect(JSON.stringify(seen)).not.toContain('diag-secret-token');
    // The per-client counter agrees with what subscribers saw.
    expect(client.stats()).toMatchObject({ requests: 3, retries: 1, errors: 1 });
  });

  it('reports rate-limiter waits with their duration', async () => {
    const seen = record();
    server = await startLoopback((_req, res) => json(res, 200, {}));
    client = new HttpClient({
      baseUrl: server.url,
      auth: bearerAuth('diag-secret-token'),
      rateLimit: { windows: [{ name: 'second', limit: 1, intervalMs: 200 }] },
    });
    await client.getJson('a');
    await client.getJson('b');
    const waits = seen.filter((m) => m.type === 'rate-limit-wait');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toMatchObject({ type: 'rate-limit-wait' });
    expect((waits[0] as { waitMs: number }).waitMs).toBeGreaterThan(50);
  });
});
