export interface AuthProvider {
  /** Value of the Authorization header, e.g. "Bearer abc". */
  authorize(): Promise<string>;
  /** Called once after a 401; return true when a retry with fresh credentials makes sense (OAuth2). */
  invalidate(rejectedAuthorization: string): Promise<boolean>;
  /** Secret strings to redact everywhere. */
  readonly secrets: readonly string[];
}

/** A static API token sent as `Authorization: Bearer <token>` (Kandji, Esper). */
export function bearerAuth(token: string): AuthProvider {
  if (!token || !token.trim()) throw new TypeError('bearerAuth: the API token is empty');
  const header = `Bearer ${token.trim()}`;
  return {
    authorize: () => Promise.resolve(header),
    // A static token cannot be refreshed: a 401 means it is wrong, revoked or expired.
    invalidate: () => Promise.resolve(false),
    secrets: Object.freeze([token, token.trim()]),
  };
}
