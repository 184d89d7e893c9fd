import { type SimStats } from './types';

function bump(map: Record<string, number>, key: string): void {
  map[key] = (map[key] ?? 0) + 1;
}

/** Request counters of one simulator, read by tests and benchmarks. */
export class SimStatsRecorder {
  private s: SimStats = SimStatsRecorder.empty();
  /** method + URL -> whether the last answer was an error, to count client retries. */
  private lastFailed = new Map<string, boolean>();
  /** Connections open now (kept across reset: they are still open). */
  private open = 0;

  private static empty(): SimStats {
    return {
      total: 0,
      byRoute: {},
      byStatus: {},
      rateLimited: 0,
      faultsInjected: 0,
      faultsByKind: {},
      retries: 0,
      emptyPages: 0,
      emptyPagesByRoute: {},
      connectionsOpened: 0,
      maxOpenConnections: 0,
    };
  }

  /** Call when a request arrives; counts it as a retry when the same request last failed. */
  arrive(requestId: string): void {
    this.s.total += 1;
    if (this.lastFailed.get(requestId) === true) this.s.retries += 1;
  }

  /**
   * Call once per request with what was answered: the status code ("200", "429" ...), or the fault that
   * kept a complete response from being sent ("reset", "truncated"). `failed` marks answers a client
   * would retry even when the status looked fine (malformed or slow bodies).
   */
  finish(requestId: string, route: string, statusKey: string, failed: boolean): void {
    const r = (this.s.byRoute[route] ??= { count: 0, byStatus: {} });
    r.count += 1;
    bump(r.byStatus, statusKey);
    bump(this.s.byStatus, statusKey);
    if (statusKey === '429') this.s.rateLimited += 1;
    const status = Number(statusKey);
    this.lastFailed.set(requestId, failed || !Number.isInteger(status) || status >= 400);
  }

  /** Call when a TCP connection opens; returns the call to make when it closes. */
  connection(): () => void {
    this.s.connectionsOpened += 1;
    this.open += 1;
    this.s.maxOpenConnections = Math.max(this.s.maxOpenConnections, this.open);
    return () => {
      this.open -= 1;
    };
  }

  fault(kind: string): void {
    this.s.faultsInjected += 1;
    bump(this.s.faultsByKind, kind);
  }

  emptyPage(route: string): void {
    this.s.emptyPages += 1;
    bump(this.s.emptyPagesByRoute, route);
  }

  snapshot(): SimStats {
    return structuredClone(this.s);
  }

  reset(): void {
    this.s = SimStatsRecorder.empty();
    this.s.maxOpenConnections = this.open;
    this.lastFailed.clear();
  }
}
