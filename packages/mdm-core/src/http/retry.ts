import { type ApiCallError } from './errors';

export interface RetryOptions {
  /** Retries per request after the first attempt. Default 5. */
  maxRetries?: number;
  /** Base of the exponential backoff. Default 250 ms. */
  baseDelayMs?: number;
  /** Cap of one computed backoff delay. Default 30 s. */
  maxDelayMs?: number;
  /** Wait after a 429 that carries no Retry-After / reset hint. Default 2 s. */
  defaultRetryAfterMs?: number;
  /** Total retries one client may spend over its lifetime. Default 1000. */
  retryBudget?: number;
  /** A server hint longer than this fails the call (kind 'rate_limit_exhausted'). Default 15 min. */
  maxRetryAfterMs?: number;
}

/** Statuses worth another attempt: throttling and transient server/gateway errors. */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);

/** Transport error codes that mean "try again" (resets, refused, timeouts, DNS hiccup). */
export const RETRYABLE_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

export type RetryDecision =
  { retry: true; delayMs: number; reason: string } | { retry: false; reason: string };

/**
 * Retry rules declared once for every client: which failures are retried, how
 * long to wait (exponential backoff with full jitter, or the server's hint),
 * and a per-client budget so a broken API cannot burn requests forever.
 */
export class RetryPolicy {
  readonly maxRetries: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly defaultRetryAfterMs: number;
  readonly maxRetryAfterMs: number;
  private budget: number;

  constructor(
    opts: RetryOptions = {},
    private readonly random: () => number = Math.random,
  ) {
    this.maxRetries = opts.maxRetries ?? 5;
    this.baseDelayMs = opts.baseDelayMs ?? 250;
    this.maxDelayMs = opts.maxDelayMs ?? 30_000;
    this.defaultRetryAfterMs = opts.defaultRetryAfterMs ?? 2_000;
    this.maxRetryAfterMs = opts.maxRetryAfterMs ?? 15 * 60_000;
    this.budget = opts.retryBudget ?? 1_000;
  }

  get remainingBudget(): number {
    return this.budget;
  }

  /** Full jitter: uniform in [0, min(max, base * 2^retryIndex)]. */
  backoffMs(retryIndex: number): number {
    const ceiling = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** retryIndex);
    return Math.round(this.random() * ceiling);
  }

  /** retriesSoFar: retries already made for this request. Consumes budget when it says retry. */
  decide(err: ApiCallError, retriesSoFar: number): RetryDecision {
    const reason = err.status !== undefined ? `status ${err.status}` : err.kind;
    if (!err.isRetryable) return { retry: false, reason };
    if (retriesSoFar >= this.maxRetries)
      return { retry: false, reason: `${reason}; ${this.maxRetries} retries used` };
    if (this.budget <= 0)
      return { retry: false, reason: `${reason}; client retry budget exhausted` };
    this.budget -= 1;
    return { retry: true, delayMs: this.delayFor(err, retriesSoFar), reason };
  }

  private delayFor(err: ApiCallError, retriesSoFar: number): number {
    const backoff = this.backoffMs(retriesSoFar);
    if (err.retryAfterMs !== undefined) return err.retryAfterMs;
    if (err.status === 429) return Math.max(this.defaultRetryAfterMs, backoff);
    return backoff;
  }
}
