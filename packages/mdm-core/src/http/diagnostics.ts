import diagnostics from 'node:diagnostics_channel';

/**
 * Every HttpClient publishes one message per HTTP event on this channel so a
 * runner (progress lines, run summary) can count requests across all clients
 * of a collection without the steps passing counters around. Subscribing by
 * name works across copies of mdm-core. Messages carry no URL, header or body.
 */
export const HTTP_DIAGNOSTICS_CHANNEL = 'mdm-graph:http';

export type HttpDiagnosticsMessage =
  /** An attempt was sent (retries included). */
  | { type: 'request' }
  /** A status line arrived. */
  | { type: 'response'; status: number }
  /** An attempt is being retried (backoff, Retry-After or 401 re-authentication). */
  | { type: 'retry' }
  /** The client-side rate limiter held a request back. */
  | { type: 'rate-limit-wait'; waitMs: number }
  /** A call finally failed. */
  | { type: 'error' };

const channel = diagnostics.channel(HTTP_DIAGNOSTICS_CHANNEL);

export function publishHttpEvent(message: HttpDiagnosticsMessage): void {
  // hasSubscribers keeps the hot path free of allocations when nobody listens.
  if (channel.hasSubscribers) channel.publish(message);
}
