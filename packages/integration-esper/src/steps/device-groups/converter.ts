import type { Entity } from '@jupiterone/integration-sdk-core';
import { createGroupEntity, entityKey, toEpochMs } from '@mdm-graph/mdm-core';
import type { EsperDeviceGroup } from '../../client';
import { Entities } from '../constants';
import { idFromUrl } from '../urls';

export function deviceGroupKey(groupId: string): string {
  return entityKey(Entities.DEVICE_GROUP._type, groupId);
}

/** Group id from a group URL (`…/devicegroup/{id}/`), whatever the base URL. */
export function groupIdFromUrl(url: string | null | undefined): string | undefined {
  return idFromUrl(url, 'devicegroup');
}

export function createDeviceGroupEntity(group: EsperDeviceGroup): Entity {
  const name = group.name ?? group.path ?? group.id;
  return createGroupEntity({
    _type: Entities.DEVICE_GROUP._type,
    _key: deviceGroupKey(group.id),
    name,
    displayName: group.path ?? name,
    description: group.description,
    properties: {
      id: group.id,
      path: group.path,
      parentId: groupIdFromUrl(group.parent),
      deviceCount: group.device_count,
      childrenCount: group.children_count,
      blueprintId: group.blueprint,
      createdOn: toEpochMs(group.created_on),
      updatedOn: toEpochMs(group.updated_on),
    },
    rawData: group,
  });
}
