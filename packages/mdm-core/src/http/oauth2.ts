import { request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { silentLogger, type MdmLogger } from '../log';
import { type AuthProvider } from './auth';
import { ApiCallError, excerpt } from './errors';
import { Redactor } from './redact';
import { isRetryableStatus, RETRYABLE_ERROR_CODES } from './retry';
import { errorCode, sanitizeError } from './sanitize';
import { retryHintMs } from './headers';
import { createDispatcher, type NetworkOptions } from './dispatcher';
import { assertHttpsOrLoopback } from './url';

export interface OAuth2ClientCredentialsOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  /** RFC 6749 §2.3.1: HTTP Basic (default) or client_id/client_secret in the form body. */
  clientAuthentication?: 'basic' | 'body';
  /** Default: one built by createDispatcher(network) (proxy from the environment, extra CAs). */
  dispatcher?: Dispatcher;
  /** Proxy / CA settings for the default dispatcher. */
  network?: NetworkOptions;
  /** Refresh this long before expires_in runs out. Default 60. */
  refreshBeforeExpirySeconds?: number;
  timeoutMs?: number;
  logger?: MdmLogger;
  /** Clock, for tests. */
  now?: () => number;
}

const TokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string().nullish(),
  expires_in: z.coerce.number().positive().nullish(),
});

const TokenError = z.object({ error: z.string(), error_description: z.string().nullish() });

interface CachedToken {
  header: string;
  refreshAt: number;
  /** Minted because the previous token got a 401: if this one is rejected too, give up. */
  afterRejection: boolean;
}

/** RFC 6749 §2.3.1: form-urlencode id and secret before Basic encoding. */
function basicCredentials(id: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64');
}

/**
 * OAuth2 client credentials grant (RFC 6749 §4.4). The token is cached until
 * shortly before expires_in; concurrent callers share one token request; a 401
 * from the API invalidates it once.
 */
export function oauth2ClientCredentials(opts: OAuth2ClientCredentialsOptions): AuthProvider {
  for (const field of ['tokenUrl', 'clientId', 'clientSecret'] as const) {
    if (!opts[field]) throw new TypeError(`oauth2ClientCredentials: ${field} is required`);
  }
  const tokenUrl = new URL(opts.tokenUrl);
  assertHttpsOrLoopback(tokenUrl, 'tokenUrl');
  // Built on first use and kept for the provider's life; idle sockets do not hold the process.
  let dispatcher = opts.dispatcher;
  const dispatcherFor = (): Dispatcher => (dispatcher ??= createDispatcher(opts.network));
  const logger = opts.logger ?? silentLogger;
  const now = opts.now ?? Date.now;
  const skewMs = (opts.refreshBeforeExpirySeconds ?? 60) * 1000;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const basic = basicCredentials(opts.clientId, opts.clientSecret);
  const secrets: string[] = [opts.clientSecret, basic];
  const redactor = new Redactor(secrets);
  const safeUrl = redactor.redactUrl(tokenUrl);
  let cached: CachedToken | undefined;
  let inflight: Promise<CachedToken> | undefined;
  let nextIsAfterRejection = false;

  const fail = (message: string, extra: Partial<ConstructorParameters<typeof ApiCallError>[0]>) =>
    new ApiCallError({
      message: redactor.redact(message),
      url: safeUrl,
      method: 'POST',
      kind: 'http',
      ...extra,
    });

  async function fetchToken(): Promise<CachedToken> {
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (opts.scope) form.set('scope', opts.scope);
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    if (opts.clientAuthentication === 'body') {
      form.set('client_id', opts.clientId);
      form.set('client_secret', opts.clientSecret);
    } else {
      headers.authorization = `Basic ${basic}`;
    }
    let status: number;
    let text: string;
    let resHeaders: Record<string, string | string[] | undefined>;
    try {
      const res = await request(tokenUrl, {
        method: 'POST',
        headers,
        body: form.toString(),
        dispatcher: dispatcherFor(),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = res.statusCode;
      resHeaders = res.headers;
      text = await res.body.text();
    } catch (err) {
      const code = errorCode(err);
      throw fail(`OAuth2 token request to ${safeUrl} failed: ${code ?? (err as Error).message}`, {
        kind: code?.includes('TIMEOUT') ? 'timeout' : 'connection',
        isRetryable: code === undefined || RETRYABLE_ERROR_CODES.has(code),
        cause: sanitizeError(err, redactor),
      });
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    if (status < 200 || status >= 300) {
      const oauthError = TokenError.safeParse(body);
      const code = oauthError.success ? oauthError.data.error : undefined;
      // invalid_client means wrong id/secret: report it as 401 so it maps to an authentication error.
      const mapped =
        status === 401 || code === 'invalid_client'
          ? 401
          : code === 'unauthorized_client'
            ? 403
            : status;
      throw fail(
        `OAuth2 token request to ${safeUrl} failed with status ${status}${code ? ` (${code})` : ''}`,
        {
          status: mapped,
          statusText: code ?? `HTTP ${status}`,
          bodyExcerpt: redactor.redact(excerpt(text)),
          isRetryable: isRetryableStatus(status),
          retryAfterMs: status === 429 || status === 503 ? retryHintMs(resHeaders) : undefined,
        },
      );
    }
    const parsed = TokenResponse.safeParse(body);
    if (!parsed.success) {
      throw fail(`OAuth2 token response from ${safeUrl} has no usable access_token`, {
        kind: body === undefined ? 'invalid_json' : 'invalid_response',
        status,
      });
    }
    const token = parsed.data;
    redactor.add(token.access_token);
    secrets.push(token.access_token);
    const lifetimeMs = token.expires_in ? token.expires_in * 1000 : Number.POSITIVE_INFINITY;
    // Short-lived tokens: refresh at half-life rather than immediately.
    const refreshAt = now() + Math.max(lifetimeMs - Math.min(skewMs, lifetimeMs / 2), 0);
    logger.debug(
      { tokenUrl: safeUrl, expiresInSeconds: token.expires_in ?? null },
      'OAuth2 access token obtained',
    );
    const afterRejection = nextIsAfterRejection;
    nextIsAfterRejection = false;
    return { header: `Bearer ${token.access_token}`, refreshAt, afterRejection };
  }

  async function authorize(): Promise<string> {
    if (cached && now() < cached.refreshAt) return cached.header;
    // Single flight: the cache is filled and the in-flight promise cleared in the same tick.
    inflight ??= (async () => {
      try {
        cached = await fetchToken();
        return cached;
      } finally {
        inflight = undefined;
      }
    })();
    return (await inflight).header;
  }

  async function invalidate(rejected: string): Promise<boolean> {
    if (!cached || cached.header !== rejected) return true; // someone already refreshed: retry with the new token
    if (cached.afterRejection) {
      logger.warn(
        { tokenUrl: safeUrl },
        'A freshly issued OAuth2 token was rejected too; not retrying',
      );
      return false;
    }
    cached = undefined;
    nextIsAfterRejection = true;
    logger.info({ tokenUrl: safeUrl }, 'OAuth2 access token rejected (401); fetching a new one');
    return true;
  }

  return { authorize, invalidate, secrets };
}
