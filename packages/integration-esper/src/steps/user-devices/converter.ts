import type { Entity } from '@jupiterone/integration-sdk-core';
import { createUserEntity } from '@mdm-graph/mdm-core';
import { Entities } from '../constants';
import { userKey } from '../users/converter';

/** A user known only from a device's `user` URL: its id, and no invented name or email. */
export function createDeviceUser(userId: string): Entity {
  const entity = createUserEntity({
    _type: Entities.USER._type,
    _key: userKey(userId),
    user: { id: userId },
    properties: { inDirectory: false },
  });
  // A label, set after conversion so it is never split into first and last names.
  entity.name = entity.displayName = `Esper user ${userId}`;
  return entity;
}
