export {
  EntityValidator,
  type EntityValidatorOptions,
  type SkippedSchema,
  type ValidateEntityOptions,
  type ValidateEntityResult,
} from './validator';
export {
  unknownPropertySymbol,
  isEntityValidationError,
  type EntityValidationError,
} from './validation-error';
export {
  getValidator,
  getValidatorSync,
  setSchemaSingleton,
  getSchema,
  type SchemaSingleton,
  type SchemaObjectMap,
} from './singleton';
