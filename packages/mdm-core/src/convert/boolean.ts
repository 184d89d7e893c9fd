const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'on', 'enabled']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'off', 'disabled']);

/**
 * Booleans as vendors spell them: Kandji details send "True"/"False" and "Yes"/"No" strings, others 1/0.
 * Anything else (null, "", "unknown", 2, objects) -> undefined, so callers can tell "no" from "not reported".
 */
export function parseLooseBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v === 1 ? true : v === 0 ? false : undefined;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (TRUE_WORDS.has(s)) return true;
  if (FALSE_WORDS.has(s)) return false;
  return undefined;
}
