import {
  createDirectRelationship,
  RelationshipClass,
  type Entity,
  type Relationship,
} from '@jupiterone/integration-sdk-core';
import { createConfigurationEntity, entityKey } from '@mdm-graph/mdm-core';
import type { KandjiBlueprint } from '../../client';
import type { KandjiApiLocation } from '../../config';
import { Entities } from '../constants';

export function blueprintKey(id: string): string {
  return entityKey(Entities.BLUEPRINT._type, id);
}

/** A blueprint -> kandji_blueprint. The enrollment code itself is never stored (it enrolls devices). */
export function createBlueprint(blueprint: KandjiBlueprint, location: KandjiApiLocation): Entity {
  return createConfigurationEntity({
    _type: Entities.BLUEPRINT._type,
    _key: blueprintKey(blueprint.id),
    name: blueprint.name || blueprint.id,
    properties: {
      id: blueprint.id,
      description: blueprint.description || undefined,
      blueprintType: blueprint.type || undefined,
      color: blueprint.color || undefined,
      computersCount: blueprint.computers_count ?? undefined,
      enrollmentCodeActive: blueprint.enrollment_code?.is_active ?? undefined,
      webLink: `${location.webUrl}/blueprints/${encodeURIComponent(blueprint.id)}`,
    },
  });
}

export function createDeviceBlueprintRelationship(
  deviceKey: string,
  blueprintKeyValue: string,
): Relationship {
  return createDirectRelationship({
    _class: RelationshipClass.ASSIGNED,
    fromKey: deviceKey,
    fromType: Entities.DEVICE._type,
    toKey: blueprintKeyValue,
    toType: Entities.BLUEPRINT._type,
  });
}
