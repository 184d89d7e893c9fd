import { type Entity } from '@jupiterone/integration-sdk-core';
import { buildEntity, type EntityArgs } from './entity';
import { type MdmUser } from './model';
import { cleanString, firstString, normalizeEmail, toWebLink } from './text';

function splitFullName(name: string | null): { firstName: string | null; lastName: string | null } {
  if (name === null || name.includes('@')) return { firstName: null, lastName: null };
  const parts = name.split(/\s+/);
  if (parts.length < 2) return { firstName: null, lastName: null };
  return { firstName: parts[0] ?? null, lastName: parts.slice(1).join(' ') };
}

/**
 * MdmUser -> J1 `User`. `email`, `username` and `shortLoginId` are arrays (or null) as the data model
 * requires; `shortLoginId` is the username, or the part before "@" when the login is an email address.
 * First/last names fall back to splitting a "First Last" display name.
 */
export function createUserEntity(args: EntityArgs & { user: MdmUser }): Entity {
  const { user } = args;
  const email = normalizeEmail(user.email);
  const username = cleanString(user.username);
  const login = username ?? email ?? null;
  const shortLoginId = login === null ? null : (login.split('@')[0] ?? login);
  const fullName = cleanString(user.name);
  const split = splitFullName(fullName);
  const firstName =
    cleanString(user.firstName) ?? (cleanString(user.lastName) ? null : split.firstName);
  const lastName =
    cleanString(user.lastName) ?? (cleanString(user.firstName) ? null : split.lastName);
  const joined = [firstName, lastName].filter((p) => p !== null).join(' ');
  const name = firstString(fullName, joined, username, email, user.id) ?? args._key;
  return buildEntity('User', args, {
    id: String(user.id),
    name,
    displayName: name,
    firstName,
    lastName,
    email: email ? [email] : null,
    username: username ? [username] : null,
    shortLoginId: shortLoginId ? [shortLoginId] : null,
    active: typeof user.active === 'boolean' ? user.active : undefined,
    webLink: toWebLink(user.webLink),
  });
}
