import { createIntegrationEntity, type Entity } from '@jupiterone/integration-sdk-core';
import { padKey } from './key';
import { sanitizeProperties } from './properties';

/** What every converter accepts besides its own record. */
export interface EntityArgs {
  _type: string;
  _key: string;
  /** Extra vendor properties: camelCase names, primitives or arrays of primitives; undefined is dropped. */
  properties?: Record<string, unknown>;
  /** The vendor record, already redacted by the caller, stored as `_rawData` "default". */
  rawData?: object;
}

/**
 * The one place entities are made: `createIntegrationEntity` (so the SDK validates against the data model
 * when ENABLE_GRAPH_OBJECT_SCHEMA_VALIDATION is set), `_key` padded to the data model's minimum, undefined
 * values dropped. `source` stays empty on purpose: the SDK would otherwise copy every schema-known field of
 * the raw vendor record onto the entity, unnormalized.
 */
export function buildEntity(
  _class: string,
  args: EntityArgs,
  modelProperties: Record<string, unknown>,
): Entity {
  // Built in place, never spread: spreading an object made property by property and adding
  // more made V8 allocate several KB per entity (part of it transient hidden classes in the old
  // generation). Same properties in the same order: extras, model fields, then the ids.
  const assign: Record<string, unknown> = sanitizeProperties(args.properties);
  for (const name of Object.keys(modelProperties)) {
    const value = modelProperties[name];
    // Normalized model fields win over caller extras of the same name.
    if (value !== undefined) assign[name] = value;
  }
  assign._key = padKey(args._key);
  assign._type = args._type;
  assign._class = [_class];
  if (args.rawData) assign._rawData = [{ name: 'default', rawData: args.rawData }];
  return createIntegrationEntity({ entityData: { source: {}, assign: assign as Entity } });
}
