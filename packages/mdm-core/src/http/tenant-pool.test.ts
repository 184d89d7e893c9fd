import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Dispatcher } from 'undici';
import { bearerAuth } from './auth';
import { HttpClient } from './client';
import { TenantPools } from './tenant-pool';
import { json, startLoopback, type Loopback } from './__tests__/loopback';

function fakeDispatcher() {
  const close = vi.fn(async () => undefined);
  return { d: { close } as unknown as Dispatcher, close };
}

let server: Loopback | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
});

describe('TenantPools', () => {
  it('gives every lease of a tenant the same pool and in-flight limit; tenants do not share', () => {
    const pools = new TenantPools();
    const a1 = pools.lease('a', { maxConcurrency: 4 });
    const a2 = pools.lease('a', { maxConcurrency: 4 });
    const b = pools.lease('b', { maxConcurrency: 4 });
    expect(a1.dispatcher).toBe(a2.dispatcher);
    expect(a1.slot).toBe(a2.slot);
    expect(b.dispatcher).not.toBe(a1.dispatcher);
    expect(pools.size).toBe(2);
    return pools.closeAll();
  });

  it('closes a pool idleCloseMs after its last lease, unless a step leases it again first', async () => {
    vi.useFakeTimers();
    const pools = new TenantPools(1_000);
    const { d, close } = fakeDispatcher();
    const opts = { maxConcurrency: 2, createDispatcher: () => d };
    const first = pools.lease('t', opts);
    first.release();
    first.release(); // idempotent
    await vi.advanceTimersByTimeAsync(900);
    const second = pools.lease('t', opts); // the next step, before the timer
    expect(second.dispatcher).toBe(d);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(close).not.toHaveBeenCalled();
    second.release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(close).toHaveBeenCalledTimes(1);
    expect(pools.size).toBe(0);
  });

  it('closeAll (the afterExecution hook) closes pools in use; a later lease gets a fresh pool', async () => {
    const pools = new TenantPools();
    const made: ReturnType<typeof fakeDispatcher>[] = [];
    const opts = {
      maxConcurrency: 2,
      createDispatcher: () => {
        const f = fakeDispatcher();
        made.push(f);
        return f.d;
      },
    };
    const lease = pools.lease('kandji|x', opts);
    pools.lease('esper|y', opts);
    await pools.closeAll('kandji|');
    expect(made[0]?.close).toHaveBeenCalledTimes(1);
    expect(made[1]?.close).not.toHaveBeenCalled();
    lease.release(); // after close: no timer, nothing to close twice
    const again = pools.lease('kandji|x', opts);
    expect(again.dispatcher).toBe(made[2]?.d);
    await pools.closeAll();
    expect(made[1]?.close).toHaveBeenCalledTimes(1);
  });

  it('clients of one tenant share keep-alive connections and the in-flight limit', async () => {
    server = await startLoopback(async (_r, res) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      json(res, 200, { ok: true });
    });
    const pools = new TenantPools();
    const lease = pools.lease('t', { maxConcurrency: 2 });
    const clients = [1, 2, 3].map(
      () =>
        new HttpClient({
          baseUrl: server?.url ?? '',
          auth: bearerAuth('tok-pool-1'),
          pool: pools.lease('t', { maxConcurrency: 2 }),
        }),
    );
    // Three "steps", 10 requests each, at once.
    await Promise.all(
      clients.map((c) => Promise.all(Array.from({ length: 10 }, () => c.getJson('x')))),
    );
    await Promise.all(clients.slice(1).map((c) => c.close())); // gives leases back, pool stays open
    await clients[0]?.getJson('x');
    await clients[0]?.close();
    expect(server.inFlightMax).toBeLessThanOrEqual(2);
    expect(new Set(server.seen.map((s) => s.clientPort)).size).toBeLessThanOrEqual(2);
    lease.release();
    await pools.closeAll();
  });
});
