import { type ZodType } from 'zod';
import { type ValidationReport } from './report';

export interface ParseRecordsOptions {
  /** Name used in reports and logs, e.g. 'kandji_device'. */
  resource: string;
  report?: ValidationReport;
  /** Extracts an id from a raw record for the report; default tries id, uuid, device_id. */
  idOf?: (raw: unknown) => string | undefined;
  /** Position of records[0] in the whole listing (paginated callers). */
  indexOffset?: number;
}

const ID_KEYS = ['id', 'uuid', 'device_id', 'deviceId'] as const;

export function defaultIdOf(raw: unknown): string | undefined {
  if (raw === null || typeof raw !== 'object') return undefined;
  const rec = raw as Record<string, unknown>;
  for (const k of ID_KEYS) {
    const v = rec[k];
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  }
  return undefined;
}

/**
 * Parse each element with the caller's (minimal) schema. Invalid elements are
 * reported and skipped; the valid parsed ones are returned in order.
 */
export function parseRecords<T>(
  schema: ZodType<T>,
  records: readonly unknown[],
  opts: ParseRecordsOptions,
): T[] {
  const out: T[] = [];
  const idOf = opts.idOf ?? defaultIdOf;
  const offset = opts.indexOffset ?? 0;
  records.forEach((raw, i) => {
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      out.push(parsed.data);
      return;
    }
    let id: string | undefined;
    try {
      id = idOf(raw);
    } catch {
      id = undefined;
    }
    opts.report?.record({
      resource: opts.resource,
      index: offset + i,
      ...(id !== undefined && { id }),
      issues: parsed.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.') || '(root)',
        message: issue.message,
      })),
    });
  });
  return out;
}
