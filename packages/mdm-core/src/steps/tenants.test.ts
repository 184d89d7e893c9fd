import { afterEach, describe, expect, it, vi } from 'vitest';
import { bearerAuth } from '../http/auth';
import { RateLimiter } from '../http/rate-limit/index';
import { TenantPools } from '../http/tenant-pool';
import { json, startLoopback, type Loopback } from '../http/__tests__/loopback';
import { fingerprint, tenantRegistry } from './tenants';

let server: Loopback | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

const limiter = () =>
  new RateLimiter({ windows: [{ name: 'second', limit: 50, intervalMs: 1_000 }] });

describe('fingerprint', () => {
  it('is stable, short, and never carries the secret', () => {
    const a = fingerprint('https://acme.api.kandji.io', 'secret-token-abcdef');
    expect(a).toBe(fingerprint('https://acme.api.kandji.io', 'secret-token-abcdef'));
    expect(a).not.toBe(fingerprint('https://acme.api.kandji.io', 'other-token-abcdef'));
    expect(a).toHaveLength(24);
    expect(a).not.toContain('secret');
    expect(fingerprint('a', undefined)).toBe(fingerprint('a', null));
  });
});

describe('TenantRegistry', () => {
  it('clients of one tenant share its limiter and pool; another token is another tenant', async () => {
    const pools = new TenantPools();
    const registry = tenantRegistry('acme', pools);
    const create = vi.fn(limiter);
    server = await startLoopback((_req, res) => json(res, 200, { ok: true }));
    const base = {
      baseUrl: server.url,
      maxConcurrency: 3,
      rateLimit: { key: [50], create },
    };
    const a = registry.client({
      ...base,
      tenant: [server.url, 'tok-a'],
      auth: bearerAuth('tok-a'),
    });
    const b = registry.client({
      ...base,
      tenant: [server.url, 'tok-a'],
      auth: bearerAuth('tok-a'),
    });
    const c = registry.client({
      ...base,
      tenant: [server.url, 'tok-c'],
      auth: bearerAuth('tok-c'),
    });
    expect(create).toHaveBeenCalledTimes(2);
    expect(pools.size).toBe(2);
    await a.getJson('/x');
    await b.getJson('/y');
    await c.getJson('/z');
    expect(server.seen.map((s) => s.headers.authorization).sort()).toEqual([
      'Bearer tok-a',
      'Bearer tok-a',
      'Bearer tok-c',
    ]);
    await Promise.all([a.close(), b.close(), c.close()]);
    expect(registry.limiter([server.url, 'tok-a', 50], limiter)).toBe(
      registry.limiter([server.url, 'tok-a', 50], limiter),
    );
    await registry.close();
    expect(pools.size).toBe(0);
  });

  it('the pool key names the integration and never the token', () => {
    const pools = new TenantPools();
    const registry = tenantRegistry('kandji', pools);
    const lease = registry.lease(['https://acme.api.kandji.io', 'secret-token-xyz'], {
      maxConcurrency: 4,
    });
    expect(lease.key.startsWith('kandji|')).toBe(true);
    expect(lease.key).not.toContain('secret-token-xyz');
    expect(lease.maxConcurrency).toBe(4);
    lease.release();
    return pools.closeAll();
  });

  it('close() (afterExecution) closes only its own pools; limiters survive, reset() forgets them', async () => {
    const pools = new TenantPools();
    const kandji = tenantRegistry('kandji', pools);
    const esper = tenantRegistry('esper', pools);
    kandji.lease(['t'], { maxConcurrency: 2 });
    esper.lease(['t'], { maxConcurrency: 2 });
    const first = kandji.limiter(['t'], limiter);
    await kandji.close();
    expect(pools.size).toBe(1);
    expect(kandji.limiter(['t'], limiter)).toBe(first);
    await kandji.reset();
    expect(kandji.limiter(['t'], limiter)).not.toBe(first);
    await esper.close();
    expect(pools.size).toBe(0);
  });

  it('withClient gives the lease back when fn ends, even when it throws (the pool then idles out)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const pools = new TenantPools(1_000);
    const registry = tenantRegistry('acme', pools);
    const opts = {
      tenant: ['https://acme.example.test', 'tok'],
      baseUrl: 'https://acme.example.test/api',
      auth: bearerAuth('tok'),
      maxConcurrency: 2,
    };
    await expect(registry.withClient(opts, async (c) => c.baseUrl.href)).resolves.toBe(
      'https://acme.example.test/api/',
    );
    await expect(registry.withClient(opts, () => Promise.reject(new Error('x')))).rejects.toThrow(
      'x',
    );
    expect(pools.size).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(pools.size).toBe(0);
  });

  it('a test dispatcher replaces the pool (MockAgent)', async () => {
    const pools = new TenantPools();
    const registry = tenantRegistry('acme', pools);
    server = await startLoopback((_req, res) => json(res, 200, [1]));
    const { Agent } = await import('undici');
    const dispatcher = new Agent();
    const client = registry.client({
      tenant: ['x'],
      baseUrl: server.url,
      auth: bearerAuth('tok'),
      maxConcurrency: 1,
      dispatcher,
    });
    expect((await client.getJson('/')).data).toEqual([1]);
    expect(pools.size).toBe(0);
    await client.close();
    await dispatcher.close();
  });
});
