import { z, type ZodType } from 'zod';
import type { KandjiStepContext } from '../config';

/**
 * Counts which columns the raw rows of a Kandji listing carry, before the schema reads them, so
 * a column the client needs that the tenant never sends (renamed, dropped: schema drift) is
 * reported once per run instead of silently turning into empty properties.
 */
export class ColumnTracker {
  rows = 0;
  private readonly seen = new Map<string, number>();

  constructor(readonly columns: readonly string[]) {}

  /** The schema, preceded by counting the tracked columns of each raw row. */
  track<T>(schema: ZodType<T>): ZodType<T> {
    return z.preprocess((raw) => {
      this.rows += 1;
      if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
        for (const c of this.columns) if (c in raw) this.seen.set(c, (this.seen.get(c) ?? 0) + 1);
      }
      return raw;
    }, schema) as unknown as ZodType<T>;
  }

  /** Tracked columns that no row carried (none when no row was read). */
  missing(): string[] {
    if (this.rows === 0) return [];
    return this.columns.filter((c) => !this.seen.has(c));
  }

  carried(column: string): number {
    return this.seen.get(column) ?? 0;
  }
}

/**
 * Logs, once, the columns of `endpoint` that no row carried and the properties they leave
 * empty. Returns the missing columns.
 */
export function reportMissingColumns(
  context: KandjiStepContext,
  endpoint: string,
  tracker: ColumnTracker,
  propertiesOf: Record<string, string>,
): string[] {
  const missing = tracker.missing();
  if (missing.length === 0) return missing;
  const properties = [...new Set(missing.map((c) => propertiesOf[c]).filter(Boolean))];
  context.logger.warn(
    { endpoint, missingColumns: missing, rows: tracker.rows },
    `Kandji ${endpoint} rows carry no ${missing.map((c) => `"${c}"`).join(', ')} column (present in Kandji's published example; the API may have changed): ${properties.join(', ') || 'nothing'} left empty for these devices`,
  );
  return missing;
}
