import { z } from 'zod';
import { parseLooseBoolean } from '../convert/boolean';

// Lenient zod field helpers for vendor records: read what the vendors send (ids as strings or
// numbers, booleans as "Yes"/"1", nested blocks that may be missing or malformed) without
// failing the whole record over a field the graph can do without. One set of names for every
// integration (Kandji had idString/optString/looseBool/section..., Esper str/optStr/optBool/block...).

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** An id sent as a string or a number (Kandji user.id was an int in 2022, a UUID now), as a string. */
export const idString = z.union([z.string(), z.number()]).transform(String);

/** A string or number field, as a string; null/undefined when absent. */
export const optionalString = idString.nullish();

/** A number, or an integer sent as a string ("42"); null/undefined when absent. Anything else fails the record. */
export const optionalNumber = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number),
  ])
  .nullish();

/** A number or numeric string; anything else (or absent) reads as null, never failing the record. */
export const looseNumber = z
  .unknown()
  .optional()
  .transform((v): number | null => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return null;
  });

/** A JSON boolean; null/undefined when absent. Anything else fails the record. */
export const optionalBoolean = z.boolean().nullish();

/** true, "True", "Yes", "1", 1... (see parseLooseBoolean); anything unreadable is null, never failing the record. */
export const looseBoolean = z
  .unknown()
  .optional()
  .transform((v) => parseLooseBoolean(v) ?? null);

/**
 * A nested object that may be `{}`, missing or (defensively) not an object at all: a non-object
 * reads as undefined; an object is checked against `shape` (a bad field fails the record).
 */
export function section<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess((v) => (isPlainObject(v) ? v : undefined), z.object(shape).optional());
}

/** A nested block that is dropped (undefined) when malformed, instead of failing the whole record. */
export function lenientSection<T extends z.ZodRawShape>(shape: T) {
  return z.object(shape).nullish().catch(undefined);
}

/** An array whose elements are checked one by one; a non-array (null, missing, an object) reads as []. */
export function looseArray<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(item));
}

/** A list of strings whose elements may be numbers (kept, as strings) or null (dropped); a non-array reads as []. */
export const stringList = looseArray(z.unknown()).transform((a) =>
  a.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String),
);

/** The id of a raw record (before validation) for skip reports and de-duplication: `raw[key]` as a string. */
export function rawId(raw: unknown, key = 'id'): string | undefined {
  const id = isPlainObject(raw) ? raw[key] : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/** The helpers under one name: `const { idString, looseBoolean } = fields;`. */
export const fields = Object.freeze({
  idString,
  optionalString,
  optionalNumber,
  looseNumber,
  optionalBoolean,
  looseBoolean,
  section,
  lenientSection,
  looseArray,
  stringList,
  rawId,
});
