import {
  IntegrationError,
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
} from '@jupiterone/integration-sdk-core';
import { isApiCallError } from './errors';

export interface ToJupiterOneErrorOptions {
  /** Overrides the endpoint shown to the user (defaults to the redacted request URL). */
  endpoint?: string;
  /** Vendor permission the call needs; shown on 403 so the user knows what to grant. */
  permission?: string;
  /**
   * The configuration setting(s) to fix when the API rejects the credentials,
   * as the user knows them, e.g. "accessToken (ACCESS_TOKEN)". Shown on 401.
   */
  credentialField?: string;
}

/**
 * The single mapping from vendor failures to JupiterOne errors:
 * 401 -> authentication, 403 -> authorization, anything else (network, 5xx,
 * invalid JSON, rate limit exhausted...) -> provider API error. A transport
 * failure is never reported as bad credentials. `cause` is always kept.
 */
export function toJupiterOneError(err: unknown, opts: ToJupiterOneErrorOptions = {}): Error {
  if (err instanceof IntegrationError) return err;
  if (isApiCallError(err)) {
    const endpoint = opts.endpoint ?? err.url;
    if (err.status === 401) {
      return new IntegrationProviderAuthenticationError({
        endpoint,
        status: 401,
        statusText:
          (err.statusText || 'Unauthorized') +
          (opts.credentialField
            ? ` (check ${opts.credentialField}: the credentials are wrong, revoked or expired)`
            : ''),
        cause: err,
      });
    }
    if (err.status === 403) {
      const need = opts.permission ? ` (requires permission: ${opts.permission})` : '';
      return new IntegrationProviderAuthorizationError({
        endpoint,
        status: 403,
        statusText: `${err.statusText || 'Forbidden'}${need}`,
        cause: err,
      });
    }
    // Only an HTTP error status is explained by its status text; a 200 whose body is
    // HTML or cut short needs the ApiCallError's own message ("returned a non-JSON body").
    return new IntegrationProviderAPIError({
      endpoint,
      status: err.status ?? err.kind,
      statusText: err.kind === 'http' ? err.statusText || err.message : err.message,
      cause: err,
    });
  }
  const cause = err instanceof Error ? err : new Error(String(err));
  return new IntegrationProviderAPIError({
    endpoint: opts.endpoint ?? 'unknown',
    status: 'UNKNOWN',
    statusText: cause.message,
    cause,
  });
}
