import { request, type Dispatcher } from 'undici';
import { type ZodType } from 'zod';
import { ApiCallError, excerpt, type ApiCallErrorKind } from './errors';
import { headerValue, retryHintMs, type ResponseHeaders } from './headers';
import { type Redactor } from './redact';
import { isRetryableStatus, RETRYABLE_ERROR_CODES } from './retry';
import { errorCode, sanitizeError } from './sanitize';

export interface JsonResponse<T> {
  data: T;
  status: number;
  headers: ResponseHeaders;
  url: string;
}

export interface AttemptInput {
  method: string;
  url: string | URL;
  /** input.url through Redactor.redactUrl, computed once per request. */
  safeUrl: string;
  headers: Record<string, string>;
  body?: string;
  dispatcher: Dispatcher;
  headersTimeoutMs: number;
  bodyTimeoutMs: number;
  redactor: Redactor;
  schema?: ZodType<unknown>;
  signal?: AbortSignal;
  /** Sees every response's status and headers (rate limiter, stats). */
  onResponse(status: number, headers: ResponseHeaders): void;
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function transportError(input: AttemptInput, err: unknown, phase: string): ApiCallError {
  const code = errorCode(err);
  const safeUrl = input.safeUrl;
  const aborted = input.signal?.aborted === true;
  const kind: ApiCallErrorKind = code && TIMEOUT_CODES.has(code) ? 'timeout' : 'connection';
  const truncated =
    code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' || (phase === 'body' && kind === 'connection');
  const what = truncated
    ? 'response body truncated'
    : kind === 'timeout'
      ? `timed out (${code})`
      : (code ?? 'failed');
  return new ApiCallError({
    message: input.redactor.redact(
      `${input.method} ${safeUrl} ${aborted ? 'aborted' : what}: ${(err as Error)?.message ?? err}`,
    ),
    url: safeUrl,
    method: input.method,
    kind,
    isRetryable:
      !aborted && (code === undefined ? phase === 'body' : RETRYABLE_ERROR_CODES.has(code)),
    cause: sanitizeError(err, input.redactor),
  });
}

/** One HTTP exchange: send, read the whole body, decode JSON, validate. Throws ApiCallError. */
export async function sendAttempt<T>(input: AttemptInput): Promise<JsonResponse<T>> {
  const { redactor, method } = input;
  let res: Dispatcher.ResponseData;
  try {
    res = await request(input.url, {
      method: method as Dispatcher.HttpMethod,
      headers: input.headers,
      body: input.body,
      dispatcher: input.dispatcher,
      headersTimeout: input.headersTimeoutMs,
      bodyTimeout: input.bodyTimeoutMs,
      signal: input.signal,
    });
  } catch (err) {
    throw transportError(input, err, 'connect');
  }
  input.onResponse(res.statusCode, res.headers);
  let text: string;
  try {
    text = await res.body.text();
  } catch (err) {
    throw transportError(input, err, 'body');
  }
  const safeUrl = input.safeUrl;
  const status = res.statusCode;
  const fail = (kind: ApiCallErrorKind, message: string, isRetryable: boolean, cause?: unknown) =>
    new ApiCallError({
      message: redactor.redact(message),
      url: safeUrl,
      method,
      kind,
      status,
      statusText: statusText(status),
      bodyExcerpt: redactor.redact(excerpt(text)),
      isRetryable,
      retryAfterMs: isRetryable ? retryHintMs(res.headers) : undefined,
      cause,
    });
  if (status < 200 || status >= 300) {
    throw fail(
      'http',
      `${method} ${safeUrl} failed with status ${status} ${statusText(status)}`,
      isRetryableStatus(status),
    );
  }
  let data: unknown = null;
  if (text.trim() !== '' || (status !== 204 && status !== 205 && method !== 'HEAD')) {
    try {
      data = JSON.parse(text);
    } catch (err) {
      const type = headerValue(res.headers, 'content-type') ?? 'no content-type';
      const truncated = looksTruncated(text, err);
      const why =
        text.length === 0
          ? 'an empty body'
          : truncated
            ? 'a truncated JSON body'
            : `a non-JSON body (${type})`;
      // A cut-off body, or garbage under a JSON content-type (an upstream hiccup), is worth
      // another attempt; an HTML page (login portal, wrong base URL) will not change.
      const retryable = truncated || /json/i.test(type);
      throw fail(
        'invalid_json',
        `${method} ${safeUrl} returned ${why}`,
        retryable,
        sanitizeError(err, redactor),
      );
    }
  }
  if (input.schema) {
    const parsed = input.schema.safeParse(data);
    if (!parsed.success) {
      const issues = parsed.error.issues
        .slice(0, 5)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
      throw fail(
        'invalid_response',
        `${method} ${safeUrl} returned an unexpected shape: ${issues.join('; ')}`,
        false,
      );
    }
    data = parsed.data;
  }
  return { data: data as T, status, headers: res.headers, url: safeUrl };
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function statusText(status: number): string {
  return STATUS_TEXT[status] ?? `HTTP ${status}`;
}

/** JSON.parse failed at (or past) the last character: the body was cut off, not malformed. */
function looksTruncated(text: string, err: unknown): boolean {
  const trimmed = text.trimEnd();
  if (trimmed.length === 0) return false;
  const message = err instanceof Error ? err.message : '';
  if (/end of (JSON )?input|Unterminated/i.test(message)) return true;
  const at = /position (\d+)/.exec(message);
  return at !== null && Number(at[1]) >= trimmed.length;
}
