import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead';

async function* numbers(n: number, log: string[], failAt?: number): AsyncIterable<number> {
  for (let i = 0; i < n; i++) {
    await new Promise((r) => setTimeout(r, 1));
    if (i === failAt) throw new Error(`boom at ${i}`);
    log.push(`produced ${i}`);
    yield i;
  }
}

describe('readAhead', () => {
  it('yields every item in order', async () => {
    const out: number[] = [];
    for await (const n of readAhead(numbers(50, []), 7)) out.push(n);
    expect(out).toEqual([...Array(50).keys()]);
  });

  it('reads ahead of a slow consumer, but no more than the high-water mark', async () => {
    const log: string[] = [];
    for await (const n of readAhead(numbers(20, log), 5)) {
      if (n === 0) {
        await new Promise((r) => setTimeout(r, 40));
        // While item 0 was being processed, the producer filled the buffer (5 ahead, plus the one handed out).
        expect(log.filter((l) => l.startsWith('produced')).length).toBe(6);
      }
    }
  });

  it('delivers items read before a failure, then the failure', async () => {
    const out: number[] = [];
    await expect(
      (async () => {
        for await (const n of readAhead(numbers(10, [], 4), 3)) out.push(n);
      })(),
    ).rejects.toThrow('boom at 4');
    expect(out).toEqual([0, 1, 2, 3]);
  });

  it('stops the producer when the consumer stops early', async () => {
    const log: string[] = [];
    for await (const n of readAhead(numbers(1000, log), 4)) if (n === 2) break;
    const produced = log.length;
    await new Promise((r) => setTimeout(r, 30));
    expect(log.length).toBe(produced);
    expect(produced).toBeLessThan(10);
  });
});
