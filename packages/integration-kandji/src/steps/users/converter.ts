import type { Entity, Relationship } from '@jupiterone/integration-sdk-core';
import {
  createUserEmployeeRelationship,
  createUserEntity,
  entityKey,
  toEpochMs,
} from '@mdm-graph/mdm-core';
import type { KandjiDevice, KandjiUser } from '../../client';
import { Entities } from '../constants';

export function userKey(id: string): string {
  return entityKey(Entities.USER._type, id);
}

/** A user of the `users` directory -> kandji_user. */
export function createDirectoryUser(user: KandjiUser): Entity {
  return createUserEntity({
    _type: Entities.USER._type,
    _key: userKey(user.id),
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      active: user.active === null ? null : user.active && user.archived !== true,
    },
    properties: {
      archived: user.archived ?? undefined,
      department: user.department || undefined,
      jobTitle: user.job_title || undefined,
      legacyUserId: user.deprecated_user_id ?? undefined,
      deviceCount: user.device_count ?? undefined,
      directoryIntegration: user.integration?.type || undefined,
      directoryIntegrationName: user.integration?.name || undefined,
      createdOn: toEpochMs(user.created_at),
      updatedOn: toEpochMs(user.updated_at),
    },
  });
}

type AssignedUser = NonNullable<KandjiDevice['user']>;

/** The assigned user of a device (`user` object of the device list) when the directory lacks it. */
export function createAssignedUser(user: AssignedUser & { id: string }): Entity {
  return createUserEntity({
    _type: Entities.USER._type,
    _key: userKey(user.id),
    user: { id: user.id, name: user.name, email: user.email },
    properties: { archived: user.is_archived ?? undefined },
  });
}

/** kandji_user IS the employee (Person) with the same email. */
export function createEmployeeRelationship(
  user: Entity,
  email: string | null | undefined,
): Relationship | undefined {
  return createUserEmployeeRelationship(user, email);
}
