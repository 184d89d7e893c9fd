import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead';

/**
 * A producer the test drives by hand: each item waits until the test releases it, so what
 * was read ahead is observed without timers.
 */
function controlled(n: number, failAt?: number) {
  const produced: number[] = [];
  const gates: (() => void)[] = [];
  let returned = false;
  async function* source(): AsyncGenerator<number> {
    try {
      for (let i = 0; i < n; i++) {
        await new Promise<void>((resolve) => gates.push(resolve));
        if (i === failAt) throw new Error(`boom at ${i}`);
        produced.push(i);
        yield i;
      }
    } finally {
      returned = true;
    }
  }
  const flush = async () => {
    for (let i = 0; i < 20; i++) await Promise.resolve();
  };
  return {
    source,
    produced,
    returned: () => returned,
    /** Releases every waiting item, repeatedly, until the producer stops asking. */
    async pump(): Promise<void> {
      for (let round = 0; round < 100; round++) {
        await flush();
        const waiting = gates.splice(0);
        if (waiting.length === 0) return;
        waiting.forEach((g) => g());
      }
    },
  };
}

async function* numbers(n: number): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    await Promise.resolve();
    yield i;
  }
}

describe('readAhead', () => {
  it('yields every item in order', async () => {
    const out: number[] = [];
    for await (const n of readAhead(numbers(50), 7)) out.push(n);
    expect(out).toEqual([...Array(50).keys()]);
  });

  it('reads ahead of a slow consumer, but no more than the high-water mark', async () => {
    const p = controlled(20);
    const it = readAhead(p.source(), 5)[Symbol.asyncIterator]();
    const first = it.next();
    await p.pump();
    expect((await first).value).toBe(0);
    // While item 0 is being processed, the producer fills the buffer: 5 ahead of the one handed out.
    await p.pump();
    expect(p.produced).toHaveLength(6);
    await it.return?.();
  });

  it('delivers items read before a failure, then the failure', async () => {
    const p = controlled(10, 4);
    const out: number[] = [];
    const run = (async () => {
      for await (const n of readAhead(p.source(), 3)) out.push(n);
    })();
    const result = run.then(
      () => 'done',
      (e: unknown) => (e as Error).message,
    );
    await p.pump();
    expect(await result).toBe('boom at 4');
    expect(out).toEqual([0, 1, 2, 3]);
  });

  it('stops the producer when the consumer stops early', async () => {
    const p = controlled(1000);
    const out: number[] = [];
    const run = (async () => {
      for await (const n of readAhead(p.source(), 4)) {
        out.push(n);
        if (n === 2) break;
      }
    })();
    await p.pump();
    await run;
    await p.pump();
    expect(p.returned()).toBe(true);
    expect(p.produced.length).toBeLessThan(10);
  });

  it('rejects a high-water mark that is not a positive integer', async () => {
    await expect(readAhead(numbers(1), 0)[Symbol.asyncIterator]().next()).rejects.toThrow(
      RangeError,
    );
  });
});
