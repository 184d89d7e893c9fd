/**
 * Lenient zod field helpers for Kandji responses: only the fields we read, read defensively
 * (the same vendor field arrives as a string, a number, "True" or `{}` across endpoints and
 * API generations). Used by every endpoint schema of this client.
 */
import { parseLooseBoolean } from '@mdm-graph/mdm-core';
import { z } from 'zod';

/** Kandji mixes strings and numbers for ids (user.id was an int in 2022, a UUID now). */
export const idString = z.union([z.string(), z.number()]).transform(String);

/** An optional string that may arrive as a number. */
export const optString = z.union([z.string(), z.number()]).transform(String).nullish();

/** Booleans arrive as true, "True", "Yes", "1"... (details, Prism, app fields). */
export const looseBool = z
  .unknown()
  .optional()
  .transform((v) => parseLooseBoolean(v) ?? null);

/** Scores arrive as numbers in every example; a numeric string is read too, anything else is null. */
export const looseNumber = z
  .unknown()
  .optional()
  .transform((v): number | null => {
    if (typeof v === 'number') return Number.isFinite(v) ? v : null;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    return null;
  });

/** A nested object (details section) that may be `{}`, missing or (defensively) not an object at all. */
export function section<T extends z.ZodRawShape>(shape: T) {
  return z.preprocess(
    (v) => (v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined),
    z.object(shape).optional(),
  );
}

/** Arrays whose elements are read one by one: a non-array becomes empty. */
export function looseArray<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (Array.isArray(v) ? v : []), z.array(item));
}

/** String arrays where elements may be null or numbers; a non-array becomes empty. */
export const stringList = looseArray(z.unknown()).transform((a) =>
  a.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map(String),
);

export function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
