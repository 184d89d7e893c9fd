/**
 * At most `limit` events in any span of `intervalMs`: a ring of the last
 * `limit` event times. Stricter than a token bucket (which can let 2x limit
 * through a fixed server window), so a client paced by it does not see 429s
 * from a fixed-window or token-bucket server with the same limit.
 */
export class SlidingWindow {
  private readonly times: Float64Array;
  private head = 0;
  private size = 0;

  constructor(
    readonly name: string,
    readonly limit: number,
    readonly intervalMs: number,
    /** The window as configured/advertised (intervalMs may include a safety margin). */
    readonly nominalMs: number = intervalMs,
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new RangeError(`rate window "${name}": limit must be a positive integer`);
    if (!(intervalMs > 0)) throw new RangeError(`rate window "${name}": intervalMs must be > 0`);
    this.times = new Float64Array(limit);
  }

  private expire(now: number): void {
    while (this.size > 0 && (this.times[this.head] as number) + this.intervalMs <= now) {
      this.head = (this.head + 1) % this.limit;
      this.size -= 1;
    }
  }

  remaining(now: number): number {
    this.expire(now);
    return this.limit - this.size;
  }

  /** ms until one more event fits (0 when it fits now). */
  waitMs(now: number): number {
    this.expire(now);
    if (this.size < this.limit) return 0;
    return (this.times[this.head] as number) + this.intervalMs - now;
  }

  /** Record `count` events at `now` (count > 1 when the server reports usage we did not make). */
  take(now: number, count = 1): void {
    this.expire(now);
    const n = Math.min(count, this.limit - this.size);
    for (let i = 0; i < n; i++) {
      this.times[(this.head + this.size) % this.limit] = now;
      this.size += 1;
    }
  }
}
