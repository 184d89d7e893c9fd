export type ApiCallErrorKind =
  | 'http'
  | 'timeout'
  | 'connection'
  | 'invalid_json'
  | 'invalid_response'
  | 'pagination'
  | 'rate_limit_exhausted';

export interface ApiCallErrorOptions {
  message: string;
  /** Must already be redacted (HttpClient passes Redactor.redactUrl output). */
  url: string;
  method: string;
  kind: ApiCallErrorKind;
  isRetryable?: boolean;
  status?: number;
  statusText?: string;
  /** Must already be redacted. */
  bodyExcerpt?: string;
  retryAfterMs?: number;
  /** Pass through sanitizeError first: raw transport errors can carry headers. */
  cause?: unknown;
}

export const BODY_EXCERPT_LENGTH = 500;

/**
 * The one error type for a failed vendor call: a response we cannot use, a
 * transport failure, or a pagination/validation guard. Map it to a JupiterOne
 * error with toJupiterOneError at the step boundary.
 */
export class ApiCallError extends Error {
  readonly url: string;
  readonly method: string;
  readonly status?: number;
  readonly statusText?: string;
  readonly bodyExcerpt?: string;
  readonly isRetryable: boolean;
  readonly kind: ApiCallErrorKind;
  readonly retryAfterMs?: number;

  constructor(opts: ApiCallErrorOptions) {
    super(opts.message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'ApiCallError';
    this.url = opts.url;
    this.method = opts.method;
    this.kind = opts.kind;
    this.isRetryable = opts.isRetryable ?? false;
    if (opts.status !== undefined) this.status = opts.status;
    if (opts.statusText !== undefined) this.statusText = opts.statusText;
    if (opts.bodyExcerpt !== undefined) this.bodyExcerpt = opts.bodyExcerpt;
    if (opts.retryAfterMs !== undefined) this.retryAfterMs = opts.retryAfterMs;
  }

  /** Plain, secret-free shape for structured logs and JSON.stringify. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      message: this.message,
      kind: this.kind,
      method: this.method,
      url: this.url,
      status: this.status,
      statusText: this.statusText,
      isRetryable: this.isRetryable,
      retryAfterMs: this.retryAfterMs,
      bodyExcerpt: this.bodyExcerpt,
    };
  }
}

export function isApiCallError(e: unknown): e is ApiCallError {
  return e instanceof ApiCallError;
}

export function excerpt(text: string, max = BODY_EXCERPT_LENGTH): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
