import { Agent, request, errors } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimServer } from './server';
import { type SimServer, type SimServerOptions } from './types';

const servers: SimServer[] = [];
const agents: Agent[] = [];

async function start(opts: Partial<SimServerOptions> = {}): Promise<SimServer> {
  const server = await startSimServer({
    routes: [
      {
        path: '/api/v1/devices',
        name: 'devices',
        handler: (req) => ({
          json: [{ id: 'd1' }, { id: 'd2' }],
          headers: { 'x-page': req.query.get('offset') ?? '0' },
        }),
      },
      {
        path: '/api/v1/devices/:id/apps',
        name: 'device-apps',
        handler: (req) => {
          if (req.params.id === 'gone') return { status: 404, json: { detail: 'Not found.' } };
          if (req.params.id === 'empty') req.markEmptyPage();
          return {
            json: {
              device_id: req.params.id,
              apps: [],
              next: `${req.baseUrl}/api/v1/devices/${req.params.id}/apps?page=2`,
            },
          };
        },
      },
      {
        method: 'POST',
        path: '/api/v1/echo',
        handler: (req) => ({ json: { body: JSON.parse(req.body) as unknown } }),
      },
      {
        path: '/api/v1/boom',
        handler: () => {
          throw new Error('handler bug');
        },
      },
    ],
    ...opts,
  });
  servers.push(server);
  return server;
}

function client(opts: { headersTimeout?: number; bodyTimeout?: number } = {}): Agent {
  const agent = new Agent({ keepAliveTimeout: 1000, ...opts });
  agents.push(agent);
  return agent;
}

async function get(
  server: SimServer,
  path: string,
  init: { headers?: Record<string, string>; dispatcher?: Agent } = {},
) {
  const res = await request(`${server.url}${path}`, {
    headers: init.headers,
    dispatcher: init.dispatcher ?? client(),
  });
  const text = await res.body.text();
  return { status: res.statusCode, headers: res.headers, text };
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

describe('startSimServer routing', () => {
  it('serves routes with params, query, bodies and default headers on loopback', async () => {
    const server = await start({ defaultHeaders: { server: 'nginx' } });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const list = await get(server, '/api/v1/devices?offset=300');
    expect(list.status).toBe(200);
    expect(JSON.parse(list.text)).toEqual([{ id: 'd1' }, { id: 'd2' }]);
    expect(list.headers).toMatchObject({
      'content-type': 'application/json',
      server: 'nginx',
      'x-page': '300',
    });

    const apps = await get(server, '/api/v1/devices/abc%2F1/apps');
    expect(JSON.parse(apps.text)).toMatchObject({ device_id: 'abc/1' });

    const echo = await request(`${server.url}/api/v1/echo`, {
      method: 'POST',
      body: '{"a":1}',
      dispatcher: client(),
    });
    expect(await echo.body.json()).toEqual({ body: { a: 1 } });
  });

  it('answers 404 for unknown paths, 405 for a wrong method and 500 for a throwing handler', async () => {
    const server = await start();
    expect((await get(server, '/api/v1/nope')).status).toBe(404);
    expect((await get(server, '/api/v1/echo')).status).toBe(405);
    const boom = await get(server, '/api/v1/boom');
    expect(boom.status).toBe(500);
    expect(JSON.parse(boom.text)).toEqual({ detail: 'handler bug' });
  });

  it('builds absolute URLs from the public base', async () => {
    const server = await start({ publicBaseUrl: 'https://acme.api.kandji.io/' });
    expect(server.publicBaseUrl).toBe('https://acme.api.kandji.io');
    const res = await get(server, '/api/v1/devices/x/apps');
    expect(JSON.parse(res.text)).toMatchObject({
      next: 'https://acme.api.kandji.io/api/v1/devices/x/apps?page=2',
    });
  });

  it('rejects through the authorize hook', async () => {
    const server = await start({
      authorize: (req) => {
        if (req.headers.authorization !== 'Bearer good')
          return { status: 401, json: { detail: 'Invalid token.' } };
        if (req.route === 'device-apps') return { status: 403, json: { detail: 'Forbidden' } };
        return undefined;
      },
    });
    expect((await get(server, '/api/v1/devices')).status).toBe(401);
    expect(
      (await get(server, '/api/v1/devices', { headers: { authorization: 'Bearer good' } })).status,
    ).toBe(200);
    expect(
      (await get(server, '/api/v1/devices/1/apps', { headers: { authorization: 'Bearer good' } }))
        .status,
    ).toBe(403);
  });

  it('applies fixed and ranged latency', async () => {
    const server = await start({ latencyMs: 80 });
    let t = performance.now();
    await get(server, '/api/v1/devices');
    expect(performance.now() - t).toBeGreaterThanOrEqual(75);
    server.setLatency({ min: 0, max: 5 });
    t = performance.now();
    await get(server, '/api/v1/devices');
    expect(performance.now() - t).toBeLessThan(75);
    expect(() => server.setLatency({ min: 5, max: 1 })).toThrow(RangeError);
  });
});

describe('startSimServer rate limits', () => {
  it('answers 429 with vendor headers and Retry-After once a window is used up', async () => {
    const server = await start({
      rateLimit: {
        windows: [
          { name: 'second', limit: 1000, intervalMs: 1000 },
          { name: 'hour', limit: 3, intervalMs: 3_600_000 },
        ],
        retryAfter: true,
        headers: (state) =>
          Object.fromEntries(
            state.flatMap((s) => [
              [`x-ratelimit-limit-${s.window}`, String(s.limit)],
              [`x-ratelimit-remaining-${s.window}`, String(s.remaining)],
            ]),
          ),
      },
    });
    const statuses: number[] = [];
    const remaining: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await get(server, '/api/v1/devices');
      statuses.push(res.status);
      remaining.push(String(res.headers['x-ratelimit-remaining-hour']));
      if (res.status === 429) {
        expect(res.headers['x-ratelimit-limit-hour']).toBe('3');
        expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(3600);
        expect(JSON.parse(res.text)).toEqual({ message: 'API rate limit exceeded' });
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(remaining).toEqual(['2', '1', '0', '0', '0']);
    const stats = server.stats();
    expect(stats.rateLimited).toBe(2);
    expect(stats.byRoute.devices).toEqual({ count: 5, byStatus: { '200': 3, '429': 2 } });
    expect(stats.retries).toBe(1); // the 5th request repeats the 4th, which failed
  });

  it('sends no Retry-After unless asked (Esper publishes no rate-limit headers)', async () => {
    const server = await start({
      rateLimit: { windows: [{ name: 'minute', limit: 1, intervalMs: 60_000 }] },
    });
    await get(server, '/api/v1/devices');
    const res = await get(server, '/api/v1/devices');
    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBeUndefined();
  });
});

describe('startSimServer faults seen by a real client', () => {
  it('status: injects 5xx every Nth request of a route, a limited number of times', async () => {
    const server = await start({
      faults: [
        {
          kind: 'status',
          status: 502,
          everyN: 2,
          times: 2,
          route: 'devices',
          headers: { via: 'kong/3.4' },
        },
      ],
    });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await get(server, '/api/v1/devices')).status);
    expect(statuses).toEqual([200, 502, 200, 502, 200, 200]);
    expect((await get(server, '/api/v1/devices/x/apps')).status).toBe(200);
    const stats = server.stats();
    expect(stats.faultsInjected).toBe(2);
    expect(stats.faultsByKind).toEqual({ status: 2 });
    expect(stats.byStatus).toEqual({ '200': 5, '502': 2 });
    expect(stats.retries).toBe(2);
  });

  it('reset: the client sees the connection die mid-body', async () => {
    const server = await start({ faults: [{ kind: 'reset', times: 1 }] });
    const res = await request(`${server.url}/api/v1/devices`, { dispatcher: client() });
    expect(res.statusCode).toBe(200);
    await expect(res.body.text()).rejects.toThrow();
    expect((await get(server, '/api/v1/devices')).status).toBe(200);
    expect(server.stats().byStatus).toEqual({ reset: 1, '200': 1 });
  });

  it('truncated: fewer bytes than content-length, then the connection closes', async () => {
    const server = await start({ faults: [{ kind: 'truncated', times: 1 }] });
    const res = await request(`${server.url}/api/v1/devices`, { dispatcher: client() });
    expect(Number(res.headers['content-length'])).toBeGreaterThan(0);
    await expect(res.body.text()).rejects.toThrow();
    expect(server.stats().faultsByKind).toEqual({ truncated: 1 });
  });

  it('malformed: a complete 200 whose JSON does not parse', async () => {
    const server = await start({ faults: [{ kind: 'malformed', times: 1 }] });
    const res = await request(`${server.url}/api/v1/devices`, { dispatcher: client() });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    await expect(res.body.json()).rejects.toThrow(SyntaxError);
  });

  it('slow headers: the client times out waiting for the head', async () => {
    const server = await start({ faults: [{ kind: 'slow', delayMs: 2_000, times: 1 }] });
    const dispatcher = client({ headersTimeout: 150 });
    await expect(request(`${server.url}/api/v1/devices`, { dispatcher })).rejects.toBeInstanceOf(
      errors.HeadersTimeoutError,
    );
    expect((await get(server, '/api/v1/devices', { dispatcher })).status).toBe(200);
  });

  it('slow body: head arrives, the body does not within the body timeout', async () => {
    const server = await start({
      faults: [{ kind: 'slow', slowPhase: 'body', delayMs: 2_000, times: 1 }],
    });
    const res = await request(`${server.url}/api/v1/devices`, {
      dispatcher: client({ bodyTimeout: 150 }),
    });
    expect(res.statusCode).toBe(200);
    await expect(res.body.text()).rejects.toBeInstanceOf(errors.BodyTimeoutError);
  });

  it('slow without a client timeout still delivers the full answer', async () => {
    const server = await start({ faults: [{ kind: 'slow', delayMs: 60, times: 1 }] });
    const res = await get(server, '/api/v1/devices');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text)).toHaveLength(2);
    expect(server.stats().retries).toBe(0);
  });

  it('setFaults replaces the plan at run time; probability faults are deterministic per seed', async () => {
    const run = async () => {
      const server = await start({ seed: 'p', faults: [{ kind: 'status', probability: 0.5 }] });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await get(server, '/api/v1/devices')).status);
      server.setFaults([]);
      expect((await get(server, '/api/v1/devices')).status).toBe(200);
      return statuses;
    };
    const first = await run();
    expect(first).toContain(503);
    expect(first).toContain(200);
    expect(await run()).toEqual(first);
  });
});

describe('startSimServer statistics', () => {
  it('counts per route and status, empty pages, and resets', async () => {
    const server = await start();
    await get(server, '/api/v1/devices');
    await get(server, '/api/v1/devices/empty/apps');
    await get(server, '/api/v1/devices/gone/apps');
    await get(server, '/api/v1/missing');
    server.markEmptyPage('devices');
    expect(server.stats()).toEqual({
      total: 4,
      byRoute: {
        devices: { count: 1, byStatus: { '200': 1 } },
        'device-apps': { count: 2, byStatus: { '200': 1, '404': 1 } },
        '(unmatched)': { count: 1, byStatus: { '404': 1 } },
      },
      byStatus: { '200': 2, '404': 2 },
      rateLimited: 0,
      faultsInjected: 0,
      faultsByKind: {},
      retries: 0,
      emptyPages: 2,
      emptyPagesByRoute: { 'device-apps': 1, devices: 1 },
      connectionsOpened: expect.any(Number),
      maxOpenConnections: expect.any(Number),
    });
    const s = server.stats();
    expect(s.connectionsOpened).toBeGreaterThanOrEqual(1);
    expect(s.maxOpenConnections).toBeLessThanOrEqual(s.connectionsOpened);
    server.resetStats();
    expect(server.stats().total).toBe(0);
  });

  it('counts TCP connections: a keep-alive client reuses one, each new client opens its own', async () => {
    const server = await start();
    const agent = new Agent({ keepAliveTimeout: 1000, connections: 1 });
    agents.push(agent);
    for (let i = 0; i < 5; i++) await get(server, '/api/v1/devices', { dispatcher: agent });
    expect(server.stats().connectionsOpened).toBe(1);
    await get(server, '/api/v1/devices'); // a fresh Agent
    const s = server.stats();
    expect(s.connectionsOpened).toBe(2);
    expect(s.maxOpenConnections).toBe(2);
  });

  it('closes promptly while a slow response is pending', async () => {
    const server = await start({ faults: [{ kind: 'slow', delayMs: 60_000 }] });
    const pending = request(`${server.url}/api/v1/devices`, { dispatcher: client() }).catch(
      (e: unknown) => e,
    );
    await new Promise((r) => setTimeout(r, 50));
    const t = performance.now();
    await server.close();
    expect(performance.now() - t).toBeLessThan(1_000);
    expect(await pending).toBeInstanceOf(Error);
  });
});
