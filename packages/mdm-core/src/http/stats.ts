import { publishHttpEvent } from './diagnostics';

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
    publishHttpEvent({ type: 'request' });
  }
  retried(): void {
    this.s.retries += 1;
    publishHttpEvent({ type: 'retry' });
  }
  failed(): void {
    this.s.errors += 1;
    publishHttpEvent({ type: 'error' });
  }
  waited(ms: number): void {
    this.s.rateLimitWaitMs += ms;
    if (ms > 0) publishHttpEvent({ type: 'rate-limit-wait', waitMs: ms });
  }
  status(status: number): void {
    if (status === 429) this.s.rateLimited += 1;
    this.s.byStatus[status] = (this.s.byStatus[status] ?? 0) + 1;
    publishHttpEvent({ type: 'response', status });
  }
  snapshot(): RequestStats {
    return { ...this.s, byStatus: { ...this.s.byStatus } };
  }
}
