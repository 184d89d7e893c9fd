import type { Entity } from '@jupiterone/integration-sdk-core';
import { createUserEntity, entityKey, toEpochMs } from '@mdm-graph/mdm-core';
import type { EsperUser } from '../../client';
import { Entities } from '../constants';

export function userKey(userId: string): string {
  return entityKey(Entities.USER._type, userId);
}

export function createEsperUserEntity(user: EsperUser): Entity {
  const full =
    user.full_name?.trim() || [user.first_name, user.last_name].filter(Boolean).join(' ').trim();
  return createUserEntity({
    _type: Entities.USER._type,
    _key: userKey(user.id),
    user: {
      id: user.id,
      name: full || user.username || user.email || user.id,
      email: user.email,
      username: user.username,
      firstName: user.first_name,
      lastName: user.last_name,
      active: user.is_active,
    },
    properties: {
      role: user.profile?.role,
      // Django superusers and the Enterprise Admin role administer the tenant.
      admin: user.is_superuser === true || user.profile?.role === 'Enterprise Admin',
      superuser: user.is_superuser,
      staff: user.is_staff,
      lastLogin: toEpochMs(user.last_login),
    },
    rawData: user,
  });
}
