import type { Entity, Relationship } from '@jupiterone/integration-sdk-core';
import {
  createUserEmployeeRelationship,
  createUserEntity,
  entityKey,
  normalizeEmail,
  toEpochMs,
} from '@mdm-graph/mdm-core';
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

/**
 * Words that make a mailbox a role, shared or machine account rather than a person's:
 * `api-sync@`, `svc_mdm@`, `no-reply@`, `it.support@`, `kiosk-bot@` ...
 */
const NON_PERSON_WORDS = new Set([
  'noreply',
  'donotreply',
  'api',
  'apikey',
  'service',
  'services',
  'svc',
  'bot',
  'robot',
  'automation',
  'integration',
  'integrations',
  'system',
  'sysadmin',
  'root',
  'admin',
  'administrator',
  'mdm',
  'esper',
  'kiosk',
  'device',
  'devices',
  'scanner',
  'support',
  'helpdesk',
  'it',
  'itops',
  'ops',
  'info',
  'team',
  'shared',
  'test',
  'demo',
]);

export type AccountKind = 'person' | 'inactive-person' | 'service' | 'no-email';

/**
 * Whether an Esper account is a person's, decided from what the API gives:
 * - no plausible email address -> 'no-email' (nothing to match a Person on);
 * - an email whose local part is a role or machine word -> 'service';
 * - `is_active: false` (deactivated or archived) -> 'inactive-person';
 * - otherwise 'person'.
 */
export function accountKindOf(user: Pick<EsperUser, 'email' | 'is_active'>): AccountKind {
  const email = normalizeEmail(user.email);
  if (!email) return 'no-email';
  const local = email.slice(0, email.indexOf('@'));
  const words = local.split(/[._+-]+/).filter(Boolean);
  if (
    NON_PERSON_WORDS.has(local.replace(/[._+-]/g, '')) ||
    words.some((w) => NON_PERSON_WORDS.has(w))
  )
    return 'service';
  return user.is_active === false ? 'inactive-person' : 'person';
}

/**
 * esper_user IS employee (Person), only for people: a person's active account may create
 * the Person; a deactivated one links to a Person that already exists but never creates
 * one; service accounts and accounts without an email get no Person link at all.
 */
export function createEsperUserEmployeeRelationship(
  entity: Entity,
  user: EsperUser,
): Relationship | undefined {
  const kind = accountKindOf(user);
  if (kind === 'service' || kind === 'no-email') return undefined;
  return createUserEmployeeRelationship(entity, user.email, {
    skipTargetCreation: kind === 'inactive-person',
  });
}
