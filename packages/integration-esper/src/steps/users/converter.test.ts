import { describe, expect, it } from 'vitest';
import { UserSchema } from '../../client';
import { createEsperUserEntity } from './converter';

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
