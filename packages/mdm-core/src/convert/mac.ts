// Six groups of 1-2 hex digits with ":" or "-" (macOS tools print "a:b:c:d:e:f"), Cisco dotted
// "aabb.ccdd.eeff", or 12 bare hex digits.
const GROUPED = /^[0-9a-f]{1,2}([:-])[0-9a-f]{1,2}(\1[0-9a-f]{1,2}){4}$/;
const DOTTED = /^[0-9a-f]{4}\.[0-9a-f]{4}\.[0-9a-f]{4}$/;
const BARE = /^[0-9a-f]{12}$/;

// Placeholders that would wrongly merge unrelated devices in the graph if kept.
const PLACEHOLDERS = new Set(['00:00:00:00:00:00', 'ff:ff:ff:ff:ff:ff']);

/**
 * A MAC address in any common spelling -> the data model's lowercase "aa:bb:cc:dd:ee:ff".
 * Junk, partial addresses and the all-zero / broadcast placeholders -> undefined.
 */
export function normalizeMacAddress(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  let hex: string;
  if (GROUPED.test(s)) {
    hex = s
      .split(/[:-]/)
      .map((g) => g.padStart(2, '0'))
      .join('');
  } else if (DOTTED.test(s)) {
    hex = s.replace(/\./g, '');
  } else if (BARE.test(s)) {
    hex = s;
  } else {
    return undefined;
  }
  const mac = (hex.match(/../g) ?? []).join(':');
  return PLACEHOLDERS.has(mac) ? undefined : mac;
}

/** Normalizes, drops invalid entries and duplicates; an empty result -> null (the data model's "unknown"). */
export function normalizeMacAddresses(
  values: readonly unknown[] | null | undefined,
): string[] | null {
  const macs = new Set<string>();
  for (const v of values ?? []) {
    const mac = normalizeMacAddress(v);
    if (mac) macs.add(mac);
  }
  return macs.size > 0 ? [...macs] : null;
}
