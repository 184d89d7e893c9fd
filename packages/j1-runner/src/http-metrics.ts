import diagnostics from 'node:diagnostics_channel';

/**
 * mdm-core publishes one message per HTTP event on this channel (see
 * mdm-core `http/diagnostics.ts`). Subscribing by name keeps the runner free
 * of a hard dependency on a particular mdm-core copy.
 */
export const HTTP_CHANNEL = 'mdm-graph:http';

export interface HttpEventMessage {
  /** request: an attempt was sent; response: a status arrived; error: a call finally failed. */
  type: 'request' | 'response' | 'retry' | 'rate-limit-wait' | 'error';
  status?: number;
  waitMs?: number;
}

export interface HttpTotals {
  requests: number;
  retries: number;
  rateLimited: number;
  rateLimitWaitMs: number;
  errors: number;
  firstRequestAt?: number;
}

export function watchHttp(onChange?: (t: HttpTotals) => void): {
  totals: HttpTotals;
  stop(): void;
} {
  const totals: HttpTotals = {
    requests: 0,
    retries: 0,
    rateLimited: 0,
    rateLimitWaitMs: 0,
    errors: 0,
  };
  const listener = (raw: unknown) => {
    const msg = raw as HttpEventMessage;
    if (msg.type === 'request') {
      totals.firstRequestAt ??= performance.now();
      totals.requests += 1;
    } else if (msg.type === 'response') {
      if (msg.status === 429) totals.rateLimited += 1;
    } else if (msg.type === 'error') {
      totals.errors += 1;
    } else if (msg.type === 'retry') {
      totals.retries += 1;
    } else if (msg.type === 'rate-limit-wait') {
      totals.rateLimitWaitMs += msg.waitMs ?? 0;
    }
    onChange?.(totals);
  };
  diagnostics.subscribe(HTTP_CHANNEL, listener);
  return { totals, stop: () => diagnostics.unsubscribe(HTTP_CHANNEL, listener) };
}
