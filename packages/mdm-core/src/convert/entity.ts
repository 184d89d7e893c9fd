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
  const extra = sanitizeProperties(args.properties);
  const assign: Record<string, unknown> = { ...extra };
  for (const [name, value] of Object.entries(modelProperties)) {
    // Normalized model fields win over caller extras of the same name.
    if (value !== undefined) assign[name] = value;
  }
  return createIntegrationEntity({
    entityData: {
      source: {},
      assign: {
        ...assign,
        _key: padKey(args._key),
        _type: args._type,
        _class: [_class],
        ...(args.rawData ? { _rawData: [{ name: 'default', rawData: args.rawData }] } : {}),
      } as Entity,
    },
  });
}
