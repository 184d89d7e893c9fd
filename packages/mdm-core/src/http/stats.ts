export interface RequestStats {
  /** Attempts sent, retries included. */
  requests: number;
  retries: number;
  /** 429 responses seen. */
  rateLimited: number;
  /** Time spent waiting for the client-side rate limiter. */
  rateLimitWaitMs: number;
  /** Calls that finally failed. */
  errors: number;
  byStatus: Record<string, number>;
}

export class RequestStatsCounter {
  private readonly s: RequestStats = {
    requests: 0,
    retries: 0,
    rateLimited: 0,
    rateLimitWaitMs: 0,
    errors: 0,
    byStatus: {},
  };

  sent(): void {
    this.s.requests += 1;
  }
  retried(): void {
    this.s.retries += 1;
  }
  failed(): void {
    this.s.errors += 1;
  }
  waited(ms: number): void {
    this.s.rateLimitWaitMs += ms;
  }
  status(status: number): void {
    if (status === 429) this.s.rateLimited += 1;
    this.s.byStatus[status] = (this.s.byStatus[status] ?? 0) + 1;
  }
  snapshot(): RequestStats {
    return { ...this.s, byStatus: { ...this.s.byStatus } };
  }
}
