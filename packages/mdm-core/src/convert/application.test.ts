// Brings the SDK's matcher typings (toMatchGraphObjectSchema ...); vitest.setup registers them at runtime.
import type {} from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { createApplicationEntity } from './application';

describe('createApplicationEntity', () => {
  it('produces a valid Application', () => {
    const entity = createApplicationEntity({
      _type: 'acme_app',
      _key: 'acme_app:com.tinyspeck.slackmacgap',
      app: {
        id: '412',
        name: 'Slack',
        version: ' 4.38.125 ',
        vendor: 'Slack Technologies',
        packageName: 'com.tinyspeck.slackmacgap',
      },
    });
    expect(entity).toMatchGraphObjectSchema({ _class: ['Application'] });
    expect(entity).toEqual({
      _key: 'acme_app:com.tinyspeck.slackmacgap',
      _type: 'acme_app',
      _class: ['Application'],
      _rawData: [],
      id: '412',
      name: 'Slack',
      displayName: 'Slack',
      version: '4.38.125',
      vendor: 'Slack Technologies',
      packageName: 'com.tinyspeck.slackmacgap',
    });
  });

  it('falls back to the package name for a nameless app and omits unknown values', () => {
    const entity = createApplicationEntity({
      _type: 'acme_app',
      _key: 'acme_app:1',
      app: { id: '1', name: '', packageName: 'io.shoonya.shoonyadpc', version: null },
    });
    expect(entity).toMatchGraphObjectSchema({ _class: ['Application'] });
    expect(entity.name).toBe('io.shoonya.shoonyadpc');
    expect('version' in entity).toBe(false);
  });
});
