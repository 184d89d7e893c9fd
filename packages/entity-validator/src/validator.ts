import Ajv, { type AnySchema, type AnySchemaObject } from 'ajv';
import { registerFormats } from '@jupiterone/data-model';
import {
  fromAjvError,
  type EntityValidationError,
  unknownPropertySymbol,
} from './validation-error';

export interface SkippedSchema {
  schemaId: string;
  /** not-found: no schema with that id is loaded; type-already-validated: a `_type` schema was used instead. */
  reason: 'not-found' | 'type-already-validated';
  type: 'type' | 'class';
}

export interface ValidateEntityResult {
  isValid: boolean;
  errors: EntityValidationError[] | null;
  skippedSchemas: SkippedSchema[] | null;
}

export interface ValidateEntityOptions {
  /** Also validate the class schemas when a `_type` schema matched (by default the type schema is trusted alone). */
  forceClassValidationWithValidatedType?: boolean;
}

export interface EntityValidatorOptions {
  schemas?: AnySchema[];
}

type SchemaTarget = { schemaId: string; type: 'type' | 'class' };

function schemaIdOf(schema: AnySchema): string | undefined {
  if (typeof schema !== 'object') return undefined;
  const id = (schema as AnySchemaObject).$id;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}

function structuralError(property: '_type' | '_class', message: string): EntityValidationError {
  return { schemaId: null, property, message, validation: 'required' };
}

/**
 * Validates JupiterOne entities against data-model JSON schemas, looked up by `#<_type>` first and then
 * `#<_class>` for each class, the way `@jupiterone/integration-sdk-core` and `-testing` 17 expect.
 */
export class EntityValidator {
  private readonly ajv: Ajv;

  constructor({ schemas }: EntityValidatorOptions = {}) {
    // strictSchema off: data-model schemas carry UI keywords (examples, exclude, deprecated ...).
    // allErrors: report every violation of an entity at once, not just the first.
    this.ajv = new Ajv({ strictSchema: false, allErrors: true });
    // The data model's own formats (ip, ipCidr, asn + ajv-formats: email, uri, date-time ...), so an entity
    // passes here exactly when it passes the data model's IntegrationSchema.
    registerFormats(this.ajv);
    if (schemas) this.addSchemas(schemas);
  }

  /**
   * Adds schemas by their `$id`. Re-adding an id replaces the earlier schema (the testing matchers add a step's
   * schema on every assertion); a schema without `$id` can never be looked up and is ignored.
   */
  addSchemas(schemas: AnySchema | AnySchema[]): this {
    for (const schema of Array.isArray(schemas) ? schemas : [schemas]) {
      const id = schemaIdOf(schema);
      if (!id) continue;
      if (this.ajv.getSchema(id)) this.ajv.removeSchema(id);
      this.ajv.addSchema(schema);
    }
    return this;
  }

  hasSchema(schemaId: string): boolean {
    return this.ajv.getSchema(schemaId) !== undefined;
  }

  validateEntity(entity: unknown, options: ValidateEntityOptions = {}): ValidateEntityResult {
    const errors: EntityValidationError[] = [];
    const skipped: SkippedSchema[] = [];
    const targets = this.targetsOf(entity, errors);

    for (let i = 0; i < targets.length; i++) {
      const { schemaId, type } = targets[i] as SchemaTarget;
      let validate;
      try {
        validate = this.ajv.getSchema(schemaId);
      } catch (err) {
        // A schema that fails to compile (e.g. an unresolvable $ref) is an error, not a crash of the caller.
        errors.push({
          schemaId,
          property: unknownPropertySymbol,
          message: err instanceof Error ? err.message : String(err),
          validation: 'schema',
        });
        continue;
      }
      if (!validate) {
        skipped.push({ schemaId, reason: 'not-found', type });
        continue;
      }
      if (!validate(entity)) {
        errors.push(...(validate.errors ?? []).map((e) => fromAjvError(schemaId, e)));
      }
      if (type === 'type' && !options.forceClassValidationWithValidatedType) {
        // A `_type` schema (as served by J1) already includes its classes' properties.
        for (const rest of targets.slice(i + 1)) {
          skipped.push({ ...rest, reason: 'type-already-validated' });
        }
        break;
      }
    }

    return {
      isValid: errors.length === 0,
      errors: errors.length > 0 ? errors : null,
      skippedSchemas: skipped.length > 0 ? skipped : null,
    };
  }

  private targetsOf(entity: unknown, errors: EntityValidationError[]): SchemaTarget[] {
    if (typeof entity !== 'object' || entity === null) {
      errors.push(structuralError('_type', 'entity must be an object'));
      return [];
    }
    const { _type, _class } = entity as { _type?: unknown; _class?: unknown };
    if (typeof _type !== 'string') {
      errors.push(structuralError('_type', 'entity must have a string "_type" property'));
      return [];
    }
    const classes = typeof _class === 'string' ? [_class] : _class;
    if (!Array.isArray(classes) || !classes.every((c): c is string => typeof c === 'string')) {
      errors.push(
        structuralError('_class', 'entity must have a "_class" string or array of strings'),
      );
      return [];
    }
    return [
      { schemaId: `#${_type}`, type: 'type' },
      ...classes.map((c): SchemaTarget => ({ schemaId: `#${c}`, type: 'class' })),
    ];
  }
}
