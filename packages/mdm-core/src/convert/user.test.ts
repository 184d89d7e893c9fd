// Brings the SDK's matcher typings (toMatchGraphObjectSchema ...); vitest.setup registers them at runtime.
import type {} from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { type MdmUser } from './model';
import { createUserEntity } from './user';

const args = { _type: 'acme_user', _key: 'acme_user:5a0f' };

function ada(overrides: Partial<MdmUser> = {}): MdmUser {
  return { id: '5a0f', name: 'Ada Lovelace', email: 'Ada.Lovelace@Example.com', ...overrides };
}

describe('createUserEntity', () => {
  it('produces a valid User with array email/username/shortLoginId and split names', () => {
    const entity = createUserEntity({ ...args, user: ada({ active: true }) });
    expect(entity).toMatchGraphObjectSchema({ _class: ['User'] });
    expect(entity).toEqual({
      _key: 'acme_user:5a0f',
      _type: 'acme_user',
      _class: ['User'],
      _rawData: [],
      id: '5a0f',
      name: 'Ada Lovelace',
      displayName: 'Ada Lovelace',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: ['ada.lovelace@example.com'],
      username: null,
      shortLoginId: ['ada.lovelace'],
      active: true,
    });
  });

  it('prefers explicit names and the username for the login ids', () => {
    const entity = createUserEntity({
      ...args,
      user: ada({ username: 'alovelace', firstName: 'Augusta Ada', lastName: 'King' }),
    });
    expect(entity).toMatchGraphObjectSchema({ _class: ['User'] });
    expect(entity).toMatchObject({
      firstName: 'Augusta Ada',
      lastName: 'King',
      username: ['alovelace'],
      shortLoginId: ['alovelace'],
    });
  });

  it('keeps required properties present (null) when the vendor has only an id', () => {
    const entity = createUserEntity({ ...args, user: { id: '7' } });
    expect(entity).toMatchGraphObjectSchema({ _class: ['User'] });
    expect(entity).toMatchObject({
      name: '7',
      firstName: null,
      lastName: null,
      email: null,
      username: null,
      shortLoginId: null,
    });
  });

  it('drops an invalid email instead of failing validation', () => {
    const entity = createUserEntity({ ...args, user: ada({ email: 'not-an-email', name: 'Ada' }) });
    expect(entity).toMatchGraphObjectSchema({ _class: ['User'] });
    expect(entity.email).toBeNull();
    expect(entity.firstName).toBeNull();
  });
});
