import { type Redactor } from './redact';

const MAX_DEPTH = 5;

/**
 * Rebuilds an error (and its cause chain) keeping only name, code, message and
 * stack, all redacted. Transport errors may hold request/response headers,
 * sockets or bodies; none of that survives, so util.inspect of a thrown error
 * cannot reveal an Authorization header.
 */
export function sanitizeError(err: unknown, redactor: Redactor, depth = 0): Error {
  if (!(err instanceof Error)) {
    return new Error(redactor.redact(typeof err === 'string' ? err : 'Non-error thrown'));
  }
  const cause =
    err.cause !== undefined && depth < MAX_DEPTH
      ? sanitizeError(err.cause, redactor, depth + 1)
      : undefined;
  const clean = new Error(redactor.redact(err.message), cause ? { cause } : undefined);
  clean.name = err.name;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' || typeof code === 'number') {
    Object.defineProperty(clean, 'code', { value: code, enumerable: true });
  }
  if (err.stack) clean.stack = redactor.redact(err.stack);
  return clean;
}

export function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, i = 0; e instanceof Error && i < MAX_DEPTH; e = e.cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
