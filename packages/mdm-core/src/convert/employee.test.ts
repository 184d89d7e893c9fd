// Brings the SDK's matcher typings (toMatchGraphObjectSchema ...); vitest.setup registers them at runtime.
import type {} from '@jupiterone/integration-sdk-testing';
import { RelationshipClass } from '@jupiterone/integration-sdk-core';
import { describe, expect, it } from 'vitest';
import { createUserEmployeeRelationship, userEmployeeRelationshipType } from './employee';
import { createUserEntity } from './user';

const user = createUserEntity({
  _type: 'acme_user',
  _key: 'acme_user:5a0f',
  user: { id: '5a0f', name: 'Ada Lovelace', email: 'ada@example.com' },
});

describe('createUserEmployeeRelationship', () => {
  it('maps the user to the Person with that email', () => {
    const rel = createUserEmployeeRelationship(user, ' Ada@Example.com ');
    expect(rel).toEqual({
      _class: 'IS',
      _type: 'acme_user_is_employee',
      _key: 'acme_user:5a0f|is|FORWARD:_class=Person:email=ada@example.com',
      displayName: 'IS',
      _mapping: {
        relationshipDirection: 'FORWARD',
        sourceEntityKey: 'acme_user:5a0f',
        targetFilterKeys: [['_class', 'email']],
        targetEntity: {
          _class: 'Person',
          _type: 'employee',
          email: 'ada@example.com',
          firstName: 'Ada',
          lastName: 'Lovelace',
          displayName: 'Ada Lovelace',
        },
        skipTargetCreation: false,
      },
    });
    expect(rel?._type).toBe(userEmployeeRelationshipType('acme_user'));
  });

  it('is found by the SDK matcher against a matching Person', () => {
    const rel = createUserEmployeeRelationship(user, 'ada@example.com');
    expect([rel]).toTargetEntities([
      { _class: 'Person', _type: 'employee', _key: 'person:ada', email: 'ada@example.com' },
    ]);
  });

  it('honours relationship class and skipTargetCreation options', () => {
    const rel = createUserEmployeeRelationship(user, 'ada@example.com', {
      relationshipClass: RelationshipClass.HAS,
      skipTargetCreation: true,
    });
    expect(rel?._class).toBe('HAS');
    expect(rel?._type).toBe('acme_user_has_employee');
    expect(rel?._mapping).toMatchObject({ skipTargetCreation: true });
  });

  it.each([undefined, null, '', 'no-at-sign', 'two words@example.com'])(
    'returns undefined for email %s',
    (email) => {
      expect(createUserEmployeeRelationship(user, email)).toBeUndefined();
    },
  );
});
