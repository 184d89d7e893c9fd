/** Trimmed non-empty string (finite numbers stringified), or null: vendors send "" or "   " for unknown. */
export function cleanString(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s === '' ? null : s;
}

/** The first usable string of the candidates, or undefined. */
export function firstString(...candidates: unknown[]): string | undefined {
  for (const c of candidates) {
    const s = cleanString(c);
    if (s !== null) return s;
  }
  return undefined;
}

/** Cleaned, de-duplicated strings; an empty result -> null. */
export function stringArrayOrNull(values: readonly unknown[] | null | undefined): string[] | null {
  const out = new Set<string>();
  for (const v of values ?? []) {
    const s = cleanString(v);
    if (s !== null) out.add(s);
  }
  return out.size > 0 ? [...out] : null;
}

/** An absolute http(s) URL (the data model's `webLink` is format "uri"), or undefined. */
export function toWebLink(v: unknown): string | undefined {
  const s = cleanString(v);
  if (s === null) return undefined;
  try {
    const url = new URL(s);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A plausible email address, lowercased; anything else -> undefined. */
export function normalizeEmail(v: unknown): string | undefined {
  const s = cleanString(v);
  return s !== null && EMAIL.test(s) ? s.toLowerCase() : undefined;
}
