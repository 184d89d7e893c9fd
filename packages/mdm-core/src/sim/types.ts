import { type IncomingHttpHeaders } from 'node:http';

export interface SimRequest {
  method: string;
  /** URL path as received, e.g. "/api/v1/devices/abc/apps". */
  path: string;
  /** Decoded `:name` segments of the matched route. */
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  /** Public base, e.g. http://127.0.0.1:PORT, for absolute `next` URLs. */
  baseUrl: string;
  /** Name of the matched route (stats key). */
  route: string;
  /** Count this answer as a page without items (same as SimServer.markEmptyPage(route)). */
  markEmptyPage(): void;
}

export interface SimResponse {
  status?: number;
  /** Serialized as JSON with content-type application/json. */
  json?: unknown;
  body?: string | Buffer;
  headers?: Record<string, string>;
}

export type SimHandler = (req: SimRequest) => SimResponse | Promise<SimResponse>;

export interface SimRoute {
  /** Default GET. */
  method?: string;
  /** Exact path with `:param` segments, e.g. '/api/v1/devices/:id/apps'. */
  path: string;
  /** Stats key; default the path pattern. */
  name?: string;
  handler: SimHandler;
}

export type SimFaultKind = 'status' | 'reset' | 'malformed' | 'truncated' | 'slow';

/**
 * An injected failure. Which requests it hits: those of `route` (a route name or path pattern; all when
 * omitted), then every `everyN`th of them, or each with `probability`, or all; at most `times` in total.
 * - status: answer `status` (default 503) with `headers` instead of calling the handler;
 * - reset: send the response head and part of the body, then destroy the socket (connection reset);
 * - malformed: a complete 200 response whose body is not valid JSON;
 * - truncated: announce the full content-length, send half the body, then close the connection;
 * - slow: wait `delayMs` before the response head (`slowPhase` 'headers', default) or between head and body.
 */
export interface SimFault {
  kind: SimFaultKind;
  status?: number;
  everyN?: number;
  probability?: number;
  delayMs?: number;
  slowPhase?: 'headers' | 'body';
  route?: string;
  times?: number;
  headers?: Record<string, string>;
}

export interface RateWindowState {
  window: string;
  limit: number;
  remaining: number;
  /** Milliseconds until this window resets. */
  resetMs: number;
}

export interface ServerRateLimitOptions {
  /** Fixed windows aligned to the clock (as Kong counts): e.g. second and hour. */
  windows: { name: string; limit: number; intervalMs: number }[];
  /** Add Retry-After (whole seconds until the exhausted window resets) to 429 answers. */
  retryAfter?: boolean;
  /** Vendor rate-limit headers, added to every response (429s included). */
  headers?: (state: RateWindowState[]) => Record<string, string>;
  /** 429 body, default {"message":"API rate limit exceeded"}. */
  body?: unknown;
}

export type Latency = number | { min: number; max: number };

export interface SimServerOptions {
  routes: SimRoute[];
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  latencyMs?: Latency;
  rateLimit?: ServerRateLimitOptions;
  faults?: SimFault[];
  /** Return a 401/403 response to reject the request; undefined lets it through. */
  authorize?: (req: SimRequest) => SimResponse | undefined;
  /** Base used for absolute next URLs; default the listening URL. */
  publicBaseUrl?: string;
  /** Added to every response, e.g. { server: 'nginx' }. */
  defaultHeaders?: Record<string, string>;
  /** Seed for latency jitter and fault probabilities. Default "sim". */
  seed?: number | string;
  /** Answer for paths no route matches. Default 404 {"detail":"Not found."}. */
  notFound?: SimResponse;
  /** Clock of the rate-limit windows (default Date.now): a test can share one virtual clock with the client. */
  now?: () => number;
}

export interface RouteStats {
  count: number;
  byStatus: Record<string, number>;
}

export interface SimStats {
  total: number;
  byRoute: Record<string, RouteStats>;
  byStatus: Record<string, number>;
  rateLimited: number;
  faultsInjected: number;
  faultsByKind: Record<string, number>;
  /** Requests repeating (method + URL) a request that last ended in an error status or a fault. */
  retries: number;
  emptyPages: number;
  emptyPagesByRoute: Record<string, number>;
  /** TCP connections the server accepted (a keep-alive client opens few). */
  connectionsOpened: number;
  /** Most TCP connections open at once. */
  maxOpenConnections: number;
}

export interface SimServer {
  url: string;
  publicBaseUrl: string;
  stats(): SimStats;
  resetStats(): void;
  setFaults(faults: SimFault[]): void;
  setLatency(latency: Latency): void;
  /** Handlers call this when they serve a page without items (counts requests a client could have saved). */
  markEmptyPage(route: string): void;
  close(): Promise<void>;
}
