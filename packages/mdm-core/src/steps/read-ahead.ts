/**
 * Pulls up to `highWaterMark` items of `source` ahead of the consumer, so the next page of a
 * sequential (cursor) listing is already in flight while the current one is being ingested.
 * Errors surface to the consumer in order, after the items read before them.
 */
export async function* readAhead<T>(
  source: AsyncIterable<T>,
  highWaterMark: number,
): AsyncIterable<T> {
  if (!Number.isInteger(highWaterMark) || highWaterMark < 1)
    throw new RangeError('readAhead: highWaterMark must be a positive integer');
  const iterator = source[Symbol.asyncIterator]();
  const queue: T[] = [];
  let head = 0;
  let finished = false;
  let stopped = false;
  let failure: { error: unknown } | undefined;
  let wakeConsumer: (() => void) | undefined;
  let wakeProducer: (() => void) | undefined;

  const pump = async (): Promise<void> => {
    try {
      for (;;) {
        while (queue.length - head >= highWaterMark && !stopped)
          await new Promise<void>((resolve) => (wakeProducer = resolve));
        if (stopped) {
          await iterator.return?.();
          return;
        }
        const next = await iterator.next();
        if (next.done) return;
        queue.push(next.value);
        wakeConsumer?.();
      }
    } catch (error) {
      failure = { error };
    } finally {
      finished = true;
      wakeConsumer?.();
    }
  };
  const pumping = pump();

  try {
    for (;;) {
      if (head < queue.length) {
        const item = queue[head] as T;
        queue[head] = undefined as T;
        head += 1;
        if (head > 1024 && head * 2 > queue.length) {
          queue.splice(0, head);
          head = 0;
        }
        wakeProducer?.();
        yield item;
        continue;
      }
      if (finished) {
        if (failure) throw failure.error;
        return;
      }
      await new Promise<void>((resolve) => (wakeConsumer = resolve));
      wakeConsumer = undefined;
    }
  } finally {
    stopped = true;
    wakeProducer?.();
    await pumping;
  }
}
