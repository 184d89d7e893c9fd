import { describe, expect, it } from 'vitest';
import { createConcurrencyLimiter, mapConcurrent } from './concurrency';

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe('createConcurrencyLimiter', () => {
  it('never runs more than `limit` at once and runs everything', async () => {
    const limit = createConcurrencyLimiter(3);
    let active = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limit(async () => {
          peak = Math.max(peak, ++active);
          await tick();
          active--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('frees the slot when a task throws', async () => {
    const limit = createConcurrencyLimiter(1);
    await expect(limit(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await limit(() => Promise.resolve(2))).toBe(2);
  });

  it('rejects a bad limit', () => {
    expect(() => createConcurrencyLimiter(0)).toThrow(RangeError);
  });
});

describe('mapConcurrent', () => {
  it('overlaps up to the limit and yields every result', async () => {
    let active = 0;
    let peak = 0;
    const out: number[] = [];
    for await (const r of mapConcurrent([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4, async (n) => {
      peak = Math.max(peak, ++active);
      await tick(n % 3);
      active--;
      return n * 10;
    })) {
      out.push(r);
    }
    expect(peak).toBe(4);
    expect(out.sort((a, b) => a - b)).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  });

  it('with `buffer`, results waiting for the consumer do not hold back new calls', async () => {
    // Calls started by the time the consumer gets its second result.
    const startedBySecondResult = async (buffer?: number) => {
      const resolvers: ((v: number) => void)[] = [];
      const it = mapConcurrent(
        [0, 1, 2, 3, 4, 5],
        2,
        (i) => new Promise<number>((resolve) => (resolvers[i] = resolve)),
        { buffer },
      )[Symbol.asyncIterator]();
      const first = it.next();
      await tick(0);
      resolvers[0]?.(0);
      resolvers[1]?.(1); // both finish while the consumer is busy with the first
      expect((await first).value).toBe(0);
      expect((await it.next()).value).toBe(1);
      const started = resolvers.length;
      for (const r of resolvers) r(0);
      await it.return?.();
      return started;
    };
    // Without a buffer the waiting result takes a slot: one new call; with it, two.
    expect(await startedBySecondResult()).toBe(3);
    expect(await startedBySecondResult(2)).toBe(4);
  });

  it('accepts async iterables and stops pulling when the consumer breaks', async () => {
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield i;
      }
    }
    let got = 0;
    for await (const _ of mapConcurrent(source(), 2, async (n) => n)) {
      if (++got === 3) break;
    }
    expect(pulled).toBeLessThan(10);
  });

  it('throws the first failure after in-flight calls settle', async () => {
    const settled: number[] = [];
    const run = async () => {
      for await (const _ of mapConcurrent([1, 2, 3], 3, async (n) => {
        await tick(n * 5);
        settled.push(n);
        if (n === 1) throw new Error('bad 1');
        return n;
      })) {
        /* drain */
      }
    };
    await expect(run()).rejects.toThrow('bad 1');
    expect(settled.sort()).toEqual([1, 2, 3]);
  });
});
