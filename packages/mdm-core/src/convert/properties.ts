type Primitive = string | number | boolean;
export type EntityPropertyValue = Primitive | Primitive[] | null;

// The data model's GraphObject `propertyNames` pattern: snake_case names fail validation.
const PROPERTY_NAME = /^(_|tag\.)?[A-Za-z0-9. -]+$/;
// Set by the converters themselves; callers cannot override them through `properties`.
const RESERVED = new Set(['_key', '_type', '_class', '_rawData']);

function isPrimitive(v: unknown): v is Primitive {
  return (
    typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))
  );
}

/** Thrown for a converter call that can never produce a valid entity (a code bug, not bad vendor data). */
export class EntityPropertyError extends TypeError {
  constructor(
    readonly property: string,
    message: string,
  ) {
    super(`entity property "${property}": ${message}`);
    this.name = 'EntityPropertyError';
  }
}

/**
 * Checks the extra vendor properties a converter caller passes: names must satisfy the data model, values must
 * be primitives or arrays of primitives (what the J1 persister stores). Undefined values, non-finite numbers
 * and null/undefined array items are dropped.
 */
export function sanitizeProperties(
  properties: Record<string, unknown> | undefined,
): Record<string, EntityPropertyValue> {
  const out: Record<string, EntityPropertyValue> = {};
  if (!properties) return out;
  for (const name of Object.keys(properties)) {
    const value = properties[name];
    if (RESERVED.has(name)) throw new EntityPropertyError(name, 'is set by the converter');
    if (!PROPERTY_NAME.test(name)) {
      throw new EntityPropertyError(
        name,
        'name must be camelCase letters/digits (data model propertyNames)',
      );
    }
    if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) continue;
    if (value === null || isPrimitive(value)) {
      out[name] = value;
    } else if (Array.isArray(value)) {
      const items = value.filter((item) => item !== null && item !== undefined);
      if (!items.every(isPrimitive)) {
        throw new EntityPropertyError(name, 'arrays may only hold strings, numbers or booleans');
      }
      out[name] = items;
    } else {
      throw new EntityPropertyError(
        name,
        `must be a primitive or an array of primitives, got ${typeof value}`,
      );
    }
  }
  return out;
}
