/** The data model's upper bound for timestamps (9999-12-31T23:59:59.999Z). */
const MAX_EPOCH_MS = 253_402_300_799_999;
/**
 * Numbers below this are read as epoch seconds, at or above as milliseconds. 1e11 seconds is the year 5138,
 * 1e11 milliseconds is March 1973: no MDM check-in is either, so the split is unambiguous in practice.
 */
const SECONDS_THRESHOLD = 1e11;

function fromEpochNumber(n: number): number | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  const ms = Math.round(n < SECONDS_THRESHOLD ? n * 1000 : n);
  return ms <= MAX_EPOCH_MS ? ms : undefined;
}

/**
 * Rewrites the timestamp spellings vendors use into one that `Date.parse` reads the same on every platform:
 * - Kandji's "2022-06-24 14:20:19.961496+00:00" (space separator, microseconds),
 * - offsets without a colon ("+0000") and a trailing " UTC",
 * - no zone at all, which we read as UTC (Date.parse would use the machine's local zone).
 */
function toIsoLike(s: string): string {
  let t = s.replace(/^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})/, '$1T$2');
  t = t.replace(/\s*UTC$/i, 'Z');
  t = t.replace(/(\.\d{3})\d+/, '$1');
  t = t.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(t)) t += 'Z';
  return t;
}

/**
 * Any timestamp a vendor hands us -> epoch milliseconds (what the data model wants for `createdOn`,
 * `lastSeenOn` ...). Accepts Date, epoch seconds or milliseconds (number or numeric string), ISO 8601 and
 * the near-ISO forms in `toIsoLike`. Null, blank, unparsable or out-of-range values -> undefined.
 */
export function toEpochMs(v: unknown): number | undefined {
  if (v instanceof Date) return fromEpochNumber(v.getTime());
  if (typeof v === 'number') return fromEpochNumber(v);
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (s === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return fromEpochNumber(Number(s));
  const parsed = Date.parse(toIsoLike(s));
  return Number.isNaN(parsed) ? undefined : fromEpochNumber(parsed);
}
