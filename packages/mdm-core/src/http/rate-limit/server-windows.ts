import { type ResponseHeaders } from '../headers';

/** What one response says about one of the server's rate-limit windows. */
export interface ServerWindowReport {
  /** The server's name for the window, e.g. "hour". */
  unit: string;
  /** The window's length, so the limiter can compare the server's count with its own. */
  windowMs: number;
  /** Requests the server still allows in this window. */
  left: number;
  /** When the server's window resets (epoch ms). */
  resetAt: number;
  /** true: stated by the server (Retry-After, ratelimit-reset); false: a guess. */
  exact: boolean;
  /** The window's limit, when the server says. */
  limit?: number;
}

/**
 * Reads a vendor's rate-limit headers into per-window counts. The limiter adopts them (the
 * server's count includes other clients of the same tenant) when the integration opts in with
 * `serverWindows`; without a reader it paces by its own windows and pauses on 429 / Retry-After.
 */
export type ServerWindowReader = (
  headers: ResponseHeaders,
  status: number,
  now: number,
) => ServerWindowReport[];

/** Start of the next window of `ms` aligned to the epoch clock (fixed windows, as Kong counts). */
export function nextBoundary(now: number, ms: number): number {
  return now - (now % ms) + ms;
}
