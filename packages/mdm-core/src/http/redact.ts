export const REDACTED = '[REDACTED]';

/** Query parameters whose values are credentials whatever the secret list says. */
const SECRET_PARAM = /token|key|secret|password|passwd|code|signature|sig$|credential|auth/i;
/** Object keys whose values are never kept by redactValue (e.g. Esper's emm.enterprise_token). */
const SECRET_KEY =
  /token|secret|password|passwd|authorization|cookie|api[-_]?key|signature|credential|signup_url/i;
/** Authorization header values embedded in free text (e.g. an echoed request). */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/g;

/**
 * The one place secrets are scrubbed. Logging, error messages, body excerpts and
 * error causes all go through a Redactor that knows the client's secrets.
 */
export class Redactor {
  private readonly secrets = new Set<string>();
  private ordered: string[] = [];

  constructor(secrets: Iterable<string | undefined | null> = []) {
    for (const s of secrets) this.add(s);
  }

  /** Register a secret; its URL- and form-encoded spellings are registered too. */
  add(secret?: string | null): void {
    if (!secret) return;
    const variants = [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%20/g, '+'),
    ];
    let changed = false;
    for (const v of variants) {
      if (!this.secrets.has(v)) {
        this.secrets.add(v);
        changed = true;
      }
    }
    // Longest first so a secret containing another secret is removed whole.
    if (changed) this.ordered = [...this.secrets].sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.ordered) {
      if (out.includes(s)) out = out.split(s).join(REDACTED);
    }
    return out.replace(AUTH_SCHEME, `$1 ${REDACTED}`);
  }

  /** Drop userinfo and credential-like query values, then scrub known secrets. */
  redactUrl(url: string | URL): string {
    // Fast path: a string URL without userinfo, query or fragment only needs the secret scan.
    if (typeof url === 'string' && /^https?:\/\/[^@?#]*$/.test(url)) return this.redact(url);
    let parsed: URL;
    try {
      parsed = typeof url === 'string' ? new URL(url) : url; // read-only below
    } catch {
      return this.redact(String(url));
    }
    const auth = parsed.username || parsed.password ? `${REDACTED}@` : '';
    let query = '';
    if (parsed.search.length > 1) {
      const params: string[] = [];
      for (const [k, v] of parsed.searchParams) {
        const value = SECRET_PARAM.test(k) ? REDACTED : encodeURIComponent(v);
        params.push(`${encodeURIComponent(k)}=${value}`);
      }
      query = `?${params.join('&')}`;
    }
    return this.redact(`${parsed.protocol}//${auth}${parsed.host}${parsed.pathname}${query}`);
  }

  /** Deep copy with secret strings (and values under secret-looking keys) redacted. */
  redactValue<T>(value: T): T {
    return this.copy(value, new WeakMap()) as T;
  }

  private copy(value: unknown, seen: WeakMap<object, unknown>): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (value === null || typeof value !== 'object') return value;
    if (seen.has(value)) return seen.get(value);
    if (value instanceof Date) return new Date(value.getTime());
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      seen.set(value, out);
      for (const item of value) out.push(this.copy(item, seen));
      return out;
    }
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    if (value instanceof Error) {
      out.name = value.name;
      out.message = this.redact(value.message);
    }
    for (const [k, v] of Object.entries(value)) {
      out[k] =
        SECRET_KEY.test(k) && v !== null && v !== undefined && v !== ''
          ? REDACTED
          : this.copy(v, seen);
    }
    return out;
  }
}
