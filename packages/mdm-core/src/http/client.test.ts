import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { bearerAuth } from './auth';
import { HttpClient } from './client';
import { ApiCallError } from './errors';
import { MDM_CORE_USER_AGENT, MDM_CORE_VERSION } from './version';
import { json, startLoopback, type Loopback } from './__tests__/loopback';

let server: Loopback | undefined;
let client: HttpClient | undefined;
afterEach(async () => {
  await client?.close();
  await server?.close();
  client = server = undefined;
});

const auth = bearerAuth('tok-123456789');

describe('HttpClient basics (loopback)', () => {
  it('GETs JSON under the base path with auth, accept and a versioned User-Agent', async () => {
    server = await startLoopback((_req, res) => json(res, 200, { ok: true }));
    client = new HttpClient({ baseUrl: `${server.url}/api/v1`, auth });
    const res = await client.getJson('/devices', {
      query: { limit: 300, offset: 0, skip: undefined },
    });
    expect(res.data).toEqual({ ok: true });
    expect(res.status).toBe(200);
    const req = server.seen[0]!;
    expect(req.url).toBe('/api/v1/devices?limit=300&offset=0');
    expect(req.headers.authorization).toBe('Bearer tok-123456789');
    expect(req.headers.accept).toBe('application/json');
    expect(req.headers['user-agent']).toBe(`@mdm-graph/mdm-core/${MDM_CORE_VERSION}`);
    expect(MDM_CORE_VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('appends the core token to an integration User-Agent', async () => {
    server = await startLoopback((_req, res) => json(res, 200, {}));
    client = new HttpClient({ baseUrl: server.url, auth, userAgent: 'integration-kandji/1.2.3' });
    await client.getJson('x');
    expect(server.seen[0]!.headers['user-agent']).toBe(
      `integration-kandji/1.2.3 ${MDM_CORE_USER_AGENT}`,
    );
  });

  it('reuses keep-alive connections from its own pool', async () => {
    server = await startLoopback((_req, res) => json(res, 200, [1]));
    client = new HttpClient({ baseUrl: server.url, auth, maxConcurrency: 2 });
    for (let i = 0; i < 10; i++) await client.getJson('a');
    const ports = new Set(server.seen.map((s) => s.clientPort));
    expect(server.seen).toHaveLength(10);
    // undici may open a second socket while the first finishes its response; never one per request.
    expect(ports.size).toBeLessThanOrEqual(2);
  });

  it('validates with a schema and reports a wrong shape as invalid_response', async () => {
    server = await startLoopback((_req, res) => json(res, 200, { id: 7 }));
    client = new HttpClient({ baseUrl: server.url, auth });
    const err = await client
      .getJson('x', { schema: z.object({ id: z.string() }) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiCallError);
    expect((err as ApiCallError).kind).toBe('invalid_response');
    expect((err as ApiCallError).message).toContain('id: ');
    const ok = await client.getJson('x', { schema: z.object({ id: z.number() }) });
    expect(ok.data.id).toBe(7);
  });

  it('fails clearly on a non-JSON body without retrying it', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>login</html>');
    });
    client = new HttpClient({ baseUrl: server.url, auth, retry: { baseDelayMs: 1 } });
    const err = (await client.getJson('x').catch((e: unknown) => e)) as ApiCallError;
    expect(err.kind).toBe('invalid_json');
    expect(err.message).toContain('non-JSON body (text/html)');
    expect(err.bodyExcerpt).toBe('<html>login</html>');
    expect(err.isRetryable).toBe(false);
    expect(server.seen).toHaveLength(1);
  });

  it('retries a truncated body (cut mid-JSON, connection dropped) and then succeeds', async () => {
    server = await startLoopback((_req, res, n) => {
      if (n === 1) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"results": [1, 2');
        res.destroy();
        return;
      }
      if (n === 2) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"results": [1, 2');
        return;
      }
      json(res, 200, { results: [1, 2] });
    });
    client = new HttpClient({ baseUrl: server.url, auth, retry: { baseDelayMs: 1 } });
    const res = await client.getJson('x');
    expect(res.data).toEqual({ results: [1, 2] });
    expect(client.stats().retries).toBe(2);
  });

  it('retries garbage under a JSON content-type (upstream hiccup), then succeeds', async () => {
    server = await startLoopback((_req, res, n) => {
      if (n > 1) return json(res, 200, { ok: 1 });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"results": [<!-- upstream error -->');
    });
    client = new HttpClient({ baseUrl: server.url, auth, retry: { baseDelayMs: 1 } });
    expect((await client.getJson('x')).data).toEqual({ ok: 1 });
    expect(server.seen).toHaveLength(2);
  });

  it('reports a truncated JSON body as invalid_json once retries are spent', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('[{"id": 1}, {"id"');
    });
    client = new HttpClient({
      baseUrl: server.url,
      auth,
      retry: { baseDelayMs: 1, maxRetries: 1 },
    });
    const err = (await client.getJson('x').catch((e: unknown) => e)) as ApiCallError;
    expect(err.kind).toBe('invalid_json');
    expect(err.message).toContain('truncated JSON body');
  });

  it('times out waiting for headers (per-request headersMs) as kind timeout', async () => {
    server = await startLoopback((_req, res) => {
      setTimeout(() => json(res, 200, {}), 5_000).unref();
    });
    // undici checks sub-second timeouts on a coarse (~0.5 s) timer wheel.
    client = new HttpClient({
      baseUrl: server.url,
      auth,
      timeouts: { headersMs: 100 },
      retry: { maxRetries: 0 },
    });
    const err = (await client.getJson('slow').catch((e: unknown) => e)) as ApiCallError;
    expect(err.kind).toBe('timeout');
    expect(err.isRetryable).toBe(true);
    expect(err.message).toContain('UND_ERR_HEADERS_TIMEOUT');
  });

  it('lets one request wait longer than the client default (timeouts per request)', async () => {
    server = await startLoopback((_req, res) => {
      setTimeout(() => json(res, 200, { late: true }), 1_200).unref();
    });
    client = new HttpClient({
      baseUrl: server.url,
      auth,
      timeouts: { headersMs: 100 },
      retry: { maxRetries: 0 },
    });
    const err = (await client.getJson('slow').catch((e: unknown) => e)) as ApiCallError;
    expect(err.kind).toBe('timeout');
    const res = await client.getJson('slow', { timeouts: { headersMs: 10_000 } });
    expect(res.data).toEqual({ late: true });
  });

  it('times out a stalled body (bodyMs)', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('[');
    });
    client = new HttpClient({
      baseUrl: server.url,
      auth,
      timeouts: { bodyMs: 100 },
      retry: { maxRetries: 0 },
    });
    const err = (await client.getJson('slow').catch((e: unknown) => e)) as ApiCallError;
    expect(err.kind).toBe('timeout');
  });

  it('pins absolute URLs to the base host and warns', async () => {
    server = await startLoopback((_req, res) => json(res, 200, []));
    client = new HttpClient({ baseUrl: `${server.url}/api`, auth });
    const pinned = client.pin('https://evil.example.com/api/devices/?limit=5&offset=5');
    expect(pinned.href).toBe(`${server.url}/api/devices/?limit=5&offset=5`);
    await client.getJson('https://evil.example.com/api/devices/?offset=5');
    expect(server.seen[0]!.url).toBe('/api/devices/?offset=5');
  });

  it('sends through an injected dispatcher (MockAgent) and posts JSON bodies', async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get('https://acme.api.kandji.io')
      .intercept({ path: '/api/v1/things', method: 'POST', body: '{"a":1}' })
      .reply(201, { created: true }, { headers: { 'content-type': 'application/json' } });
    client = new HttpClient({
      baseUrl: 'https://acme.api.kandji.io/api/v1/',
      auth,
      dispatcher: agent,
    });
    const res = await client.request({ method: 'post', pathOrUrl: 'things', body: { a: 1 } });
    expect(res).toMatchObject({ status: 201, data: { created: true } });
    agent.assertNoPendingInterceptors();
    await agent.close();
  });
});
