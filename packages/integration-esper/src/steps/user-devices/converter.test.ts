import { describe, expect, it } from 'vitest';
import { userKey } from '../users/converter';
import { createDeviceUser } from './converter';

describe('createDeviceUser', () => {
  it('is a valid User keyed like the directory user, with its id and no invented name or email', () => {
    const entity = createDeviceUser('42');
    expect(entity).toMatchGraphObjectSchema({ _class: ['User'] });
    expect(entity._key).toBe(userKey('42'));
    expect(entity).toMatchObject({
      _type: 'esper_user',
      id: '42',
      name: 'Esper user 42',
      displayName: 'Esper user 42',
      inDirectory: false,
    });
    // Nothing known is nothing said: no email, no first or last name.
    for (const field of ['email', 'firstName', 'lastName', 'username']) {
      expect(entity[field] ?? undefined, field).toBeUndefined();
    }
  });
});
