import { describe, expect, it } from 'vitest';
import { UserSchema } from '../../client';
import {
  accountKindOf,
  createEsperUserEmployeeRelationship,
  createEsperUserEntity,
} from './converter';

describe('createEsperUserEntity', () => {
  it('is a valid User', () => {
    const entity = createEsperUserEntity(
      UserSchema.parse({
        id: 8,
        username: 'ada.lovelace',
        email: 'Ada.Lovelace@acme.example',
        first_name: 'Ada',
        last_name: 'Lovelace',
        full_name: 'Ada Lovelace',
        is_active: true,
        is_superuser: false,
        profile: { role: 'Enterprise Admin', groups: [] },
        last_login: '2024-05-01T10:00:00Z',
      }),
    );
    expect(entity).toMatchGraphObjectSchema({ _class: ['User'] });
    expect(entity).toMatchObject({
      _key: 'esper_user:8',
      name: 'Ada Lovelace',
      username: ['ada.lovelace'],
      firstName: 'Ada',
      lastName: 'Lovelace',
      active: true,
      role: 'Enterprise Admin',
      admin: true,
      lastLogin: Date.parse('2024-05-01T10:00:00Z'),
    });
    expect(entity.email).toEqual(['ada.lovelace@acme.example']);
  });

  it('names a user without names by username', () => {
    const entity = createEsperUserEntity(UserSchema.parse({ id: '9', username: 'kiosk' }));
    expect(entity).toMatchGraphObjectSchema({ _class: ['User'] });
    expect(entity).toMatchObject({ name: 'kiosk', admin: false, firstName: null, lastName: null });
  });
});

describe('accountKindOf', () => {
  it.each([
    [{ email: 'ada.lovelace@acme.example', is_active: true }, 'person'],
    [{ email: 'Grace.Hopper@acme.example', is_active: null }, 'person'],
    [{ email: 'ada.lovelace@acme.example', is_active: false }, 'inactive-person'],
    [{ email: 'api-sync@acme.example', is_active: true }, 'service'],
    [{ email: 'svc_mdm@acme.example', is_active: true }, 'service'],
    [{ email: 'no-reply@acme.example', is_active: true }, 'service'],
    [{ email: 'it.support@acme.example', is_active: true }, 'service'],
    [{ email: 'kiosk-bot@acme.example', is_active: true }, 'service'],
    [{ email: 'admin@acme.example', is_active: false }, 'service'],
    [{ email: '', is_active: true }, 'no-email'],
    [{ email: null, is_active: true }, 'no-email'],
    [{ email: 'not-an-address', is_active: true }, 'no-email'],
  ] as const)('%o -> %s', (user, kind) => {
    expect(accountKindOf(user)).toBe(kind);
  });

  it('does not mistake names that merely contain a role word for service accounts', () => {
    expect(accountKindOf({ email: 'britta.opsahl@acme.example' })).toBe('person');
    expect(accountKindOf({ email: 'tessa.botha@acme.example' })).toBe('person');
  });
});

describe('createEsperUserEmployeeRelationship', () => {
  const user = (over: Record<string, unknown>) =>
    UserSchema.parse({ id: 3, email: 'ada.lovelace@acme.example', is_active: true, ...over });
  const relFor = (over: Record<string, unknown>) => {
    const u = user(over);
    return createEsperUserEmployeeRelationship(createEsperUserEntity(u), u);
  };

  it('maps a person, creating the Person when J1 has none', () => {
    expect(relFor({})?._mapping).toMatchObject({
      targetEntity: { _class: 'Person', email: 'ada.lovelace@acme.example' },
      skipTargetCreation: false,
    });
  });

  it('maps a deactivated person only to an existing Person', () => {
    expect(relFor({ is_active: false })?._mapping).toMatchObject({ skipTargetCreation: true });
  });

  it('never maps a service account or an account without email', () => {
    expect(relFor({ email: 'api-sync@acme.example' })).toBeUndefined();
    expect(relFor({ email: null })).toBeUndefined();
  });
});
