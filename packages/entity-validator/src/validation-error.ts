import { type ErrorObject } from 'ajv';

/** Stands for "no single property": the error concerns the entity as a whole. */
export const unknownPropertySymbol = Symbol('_unknown_');

/** One data-model violation, in the shape the JupiterOne SDK prints (`schemaId:property:message`). */
export interface EntityValidationError {
  schemaId: string | null;
  property: string | typeof unknownPropertySymbol;
  message: string;
  /** The JSON-schema keyword that failed: required, type, pattern, format, enum, minLength ... */
  validation: string;
}

export function isEntityValidationError(value: unknown): value is EntityValidationError {
  return (
    typeof value === 'object' &&
    value !== null &&
    'property' in value &&
    'message' in value &&
    'validation' in value
  );
}

/** The top-level entity property an ajv error points at ("/macAddresses/0" -> "macAddresses"). */
function topLevelProperty(instancePath: string): string | undefined {
  const [, first] = instancePath.split('/');
  return first ? first.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
}

export function fromAjvError(schemaId: string, error: ErrorObject): EntityValidationError {
  if (error.keyword === 'required') {
    const missing: unknown = error.params.missingProperty;
    const property = typeof missing === 'string' ? missing : unknownPropertySymbol;
    return {
      schemaId,
      property,
      message: error.message ?? `must have required property '${String(property)}'`,
      validation: error.keyword,
    };
  }
  return {
    schemaId,
    property: topLevelProperty(error.instancePath) ?? unknownPropertySymbol,
    message: error.message ?? 'invalid value',
    validation: error.keyword,
  };
}
