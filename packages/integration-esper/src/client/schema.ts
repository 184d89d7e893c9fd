import { z } from 'zod';

/**
 * Lenient field helpers for Esper's response schemas: only the fields we read, `.nullish()` for
 * vendor fields, ids and numbers as strings or numbers depending on the endpoint.
 */

/** Vendor ids and numbers come as strings or numbers depending on the endpoint. */
export const str = z.union([z.string(), z.number()]).transform(String);
export const optStr = str.nullish();
export const optNum = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .nullish();
export const optBool = z.boolean().nullish();
/** A nested info block that is malformed is dropped, not the whole record. */
export const block = <T extends z.ZodRawShape>(shape: T) =>
  z.object(shape).nullish().catch(undefined);
export const idOf = (raw: unknown): string | undefined => {
  const id = typeof raw === 'object' && raw !== null && 'id' in raw ? raw.id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
};

/**
 * Id after `segment/` in an Esper resource URL, whatever the base URL:
 * `https://x-api.esper.cloud/api/enterprise/{eid}/devicegroup/{id}/` -> `{id}`.
 */
export function idFromUrl(url: string | null | undefined, segment: string): string | undefined {
  if (!url) return undefined;
  let pathname: string;
  try {
    pathname = new URL(url, 'https://placeholder.invalid').pathname;
  } catch {
    return undefined;
  }
  const parts = pathname.split('/').filter((p) => p !== '');
  const at = parts.lastIndexOf(segment);
  const id = at >= 0 ? parts[at + 1] : undefined;
  return id ? decodeURIComponent(id) : undefined;
}
