import { type Entity } from '@jupiterone/integration-sdk-core';
import { buildEntity, type EntityArgs } from './entity';
import { cleanString, firstString } from './text';

function nameOf(name: string, args: EntityArgs): string {
  return firstString(name) ?? args._key;
}

/** A device group, blueprint, tag ... -> J1 `Group`. */
export function createGroupEntity(
  args: EntityArgs & { name: string; displayName?: string; description?: string | null },
): Entity {
  const name = nameOf(args.name, args);
  return buildEntity('Group', args, {
    name,
    displayName: firstString(args.displayName, name),
    description: cleanString(args.description) ?? undefined,
  });
}

/** A profile, policy or blueprint as configuration -> J1 `Configuration`. */
export function createConfigurationEntity(
  args: EntityArgs & { name: string; displayName?: string },
): Entity {
  const name = nameOf(args.name, args);
  return buildEntity('Configuration', args, {
    name,
    displayName: firstString(args.displayName, name),
  });
}

/** The MDM tenant -> J1 `Account`; `vendor` is the vendor's full name (e.g. "Kandji", "Esper"). */
export function createAccountEntity(
  args: EntityArgs & { name: string; vendor: string; displayName?: string },
): Entity {
  const name = nameOf(args.name, args);
  const vendor = firstString(args.vendor);
  if (!vendor) throw new TypeError('createAccountEntity: vendor is required by the data model');
  return buildEntity('Account', args, {
    name,
    displayName: firstString(args.displayName, name),
    vendor,
  });
}
