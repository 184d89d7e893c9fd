import {
  createDirectRelationship,
  RelationshipClass,
  type Entity,
  type Relationship,
} from '@jupiterone/integration-sdk-core';
import { createConfigurationEntity, entityKey, toEpochMs } from '@mdm-graph/mdm-core';
import type { KandjiCustomProfile } from '../../client';
import { Entities } from '../constants';

export function profileKey(id: string): string {
  return entityKey(Entities.PROFILE._type, id);
}

/** A custom profile -> kandji_profile. The plist payload (`profile`) is large and never stored. */
export function createProfile(profile: KandjiCustomProfile): Entity {
  return createConfigurationEntity({
    _type: Entities.PROFILE._type,
    _key: profileKey(profile.id),
    name: profile.name || profile.id,
    properties: {
      id: profile.id,
      active: profile.active ?? undefined,
      mdmIdentifier: profile.mdm_identifier || undefined,
      runsOnMac: profile.runs_on_mac ?? undefined,
      runsOnIphone: profile.runs_on_iphone ?? undefined,
      runsOnIpad: profile.runs_on_ipad ?? undefined,
      runsOnTv: profile.runs_on_tv ?? undefined,
      runsOnVision: profile.runs_on_vision ?? undefined,
      createdOn: toEpochMs(profile.created_at),
      updatedOn: toEpochMs(profile.updated_at),
    },
  });
}

export function createDeviceProfileRelationship(
  deviceKey: string,
  profileKeyValue: string,
): Relationship {
  return createDirectRelationship({
    _class: RelationshipClass.ASSIGNED,
    fromKey: deviceKey,
    fromType: Entities.DEVICE._type,
    toKey: profileKeyValue,
    toType: Entities.PROFILE._type,
  });
}
