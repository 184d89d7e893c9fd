import { entitySchemas } from '@jupiterone/data-model';
import { type AnySchemaObject } from 'ajv';
import { EntityValidator } from './validator';

export interface SchemaSingleton {
  validatorInstance: EntityValidator | undefined;
  schemaStore: AnySchemaObject[];
}

/** Schemas by class name, e.g. `{ Device: {...} }`. */
export type SchemaObjectMap = Record<string, AnySchemaObject>;

function bundledSchemas(): SchemaObjectMap {
  return entitySchemas as unknown as SchemaObjectMap;
}

let singleton: SchemaSingleton = { validatorInstance: undefined, schemaStore: [] };

function build(schemas: SchemaObjectMap | undefined): EntityValidator {
  const schemaStore = Object.values(schemas ?? bundledSchemas());
  singleton = { schemaStore, validatorInstance: new EntityValidator({ schemas: schemaStore }) };
  return singleton.validatorInstance as EntityValidator;
}

/**
 * The shared validator over the data-model class schemas. The real package first tries to download the
 * schemas from the JupiterOne API; this stand-in never reaches the network and uses the schemas bundled
 * with `@jupiterone/data-model`, unless a loader is passed.
 */
export function getValidatorSync(
  loadSchemas: () => SchemaObjectMap | undefined = bundledSchemas,
): EntityValidator {
  return singleton.validatorInstance ?? build(loadSchemas());
}

export async function getValidator(
  loadSchemas: () => Promise<SchemaObjectMap | undefined> = async () => bundledSchemas(),
): Promise<EntityValidator> {
  return singleton.validatorInstance ?? build(await loadSchemas());
}

export function setSchemaSingleton(values: SchemaSingleton): void {
  singleton = values;
}

export function getSchema(schemaId: string): AnySchemaObject | undefined {
  return singleton.schemaStore.find((s) => s.$id === schemaId);
}
