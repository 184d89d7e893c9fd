export type ConcurrencyLimiter = <T>(fn: () => Promise<T>) => Promise<T>;

/** Runs at most `limit` functions at once; the rest wait in FIFO order. */
export function createConcurrencyLimiter(limit: number): ConcurrencyLimiter {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError('concurrency limit must be a positive integer');
  let active = 0;
  const waiting: (() => void)[] = [];
  let head = 0;

  const release = (): void => {
    if (head < waiting.length) {
      const next = waiting[head] as () => void;
      waiting[head++] = noop;
      if (head > 1024 && head * 2 > waiting.length) {
        waiting.splice(0, head);
        head = 0;
      }
      next(); // the slot passes straight to the next waiter
    } else {
      active -= 1;
    }
  };

  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (active < limit) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await fn();
    } finally {
      release();
    }
  };
}

function noop(): void {}

/**
 * Runs fn over items with at most `concurrency` calls in flight and yields
 * results as they complete (not in input order). Stops pulling items when the
 * consumer stops; the first failure is thrown after in-flight calls settle.
 *
 * Completed results waiting for the consumer count against `concurrency` (backpressure),
 * except for up to `buffer` of them (default 0): with `buffer: concurrency`, a consumer that
 * spends CPU on each result no longer lowers the number of calls in flight.
 */
export async function* mapConcurrent<T, R>(
  items: Iterable<T> | AsyncIterable<T>,
  concurrency: number,
  fn: (item: T) => Promise<R>,
  opts: { buffer?: number } = {},
): AsyncIterable<R> {
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new RangeError('concurrency must be a positive integer');
  const buffer = opts.buffer ?? 0;
  if (!Number.isInteger(buffer) || buffer < 0)
    throw new RangeError('buffer must be a non-negative integer');
  const source: AsyncIterator<T> | Iterator<T> =
    Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  const done: { ok: boolean; value?: R; error?: unknown }[] = [];
  let wake: (() => void) | undefined;
  let inFlight = 0;
  let exhausted = false;
  let failed = false;

  const settle = (entry: { ok: boolean; value?: R; error?: unknown }): void => {
    inFlight -= 1;
    done.push(entry);
    wake?.();
  };

  try {
    for (;;) {
      // Completed-but-unconsumed results beyond `buffer` count too, so a slow consumer applies
      // backpressure.
      while (
        !exhausted &&
        !failed &&
        inFlight < concurrency &&
        inFlight + done.length < concurrency + buffer
      ) {
        const next = await source.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        inFlight += 1;
        fn(next.value).then(
          (value) => settle({ ok: true, value }),
          (error: unknown) => settle({ ok: false, error }),
        );
      }
      if (done.length === 0) {
        if (inFlight === 0) return;
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      const entry = done.shift() as { ok: boolean; value?: R; error?: unknown };
      if (!entry.ok) {
        failed = true;
        while (inFlight > 0) await new Promise<void>((resolve) => (wake = resolve));
        throw entry.error;
      }
      yield entry.value as R;
    }
  } finally {
    if (!exhausted) await source.return?.();
  }
}
