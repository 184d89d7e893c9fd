import {
  createMappedRelationship,
  generateRelationshipType,
  RelationshipClass,
  RelationshipDirection,
  type Entity,
  type Relationship,
} from '@jupiterone/integration-sdk-core';
import { normalizeEmail } from './text';

/** The `_type` J1 uses for people (from HR/IdP integrations or created by the mapper). */
export const EMPLOYEE_ENTITY_TYPE = 'employee';

export interface UserEmployeeRelationshipOptions {
  /** Default IS: the vendor user *is* that person. HAS fits "console account of" semantics. */
  relationshipClass?: RelationshipClass;
  /**
   * Default false: when no Person with that email exists yet, the J1 mapper creates the `employee` Person.
   * That is how J1 accounts without an HR/IdP integration get their people, and an MDM's device owner is a
   * real person whose devices should be findable ("find Person that owns Device"). Pass true for vendor users
   * that may not be people (shared or service logins) so they never invent Person entities.
   */
  skipTargetCreation?: boolean;
}

/** The `_type` of the mapped relationship, for step metadata: e.g. "kandji_user_is_employee". */
export function userEmployeeRelationshipType(
  userType: string,
  relationshipClass: RelationshipClass = RelationshipClass.IS,
): string {
  return generateRelationshipType(relationshipClass, userType, EMPLOYEE_ENTITY_TYPE);
}

/**
 * Mapped relationship vendor User -IS-> Person (`_type` employee), matched by `_class` + `email`, so it joins
 * whatever Person the account has for that address, whichever integration made it. No usable email -> undefined.
 */
export function createUserEmployeeRelationship(
  user: Entity,
  email: string | null | undefined,
  opts: UserEmployeeRelationshipOptions = {},
): Relationship | undefined {
  const address = normalizeEmail(email);
  if (!address) return undefined;
  const relationshipClass = opts.relationshipClass ?? RelationshipClass.IS;
  const names: Record<string, string> = {};
  // Names help the mapper when it creates the Person; only copied when the user entity has them.
  for (const prop of ['firstName', 'lastName', 'displayName'] as const) {
    const value = user[prop];
    if (typeof value === 'string' && value.trim() !== '') names[prop] = value;
  }
  return createMappedRelationship({
    _class: relationshipClass,
    _type: userEmployeeRelationshipType(user._type, relationshipClass),
    _mapping: {
      relationshipDirection: RelationshipDirection.FORWARD,
      sourceEntityKey: user._key,
      targetFilterKeys: [['_class', 'email']],
      targetEntity: { _class: 'Person', _type: EMPLOYEE_ENTITY_TYPE, email: address, ...names },
      skipTargetCreation: opts.skipTargetCreation ?? false,
    },
  });
}
