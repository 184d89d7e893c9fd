// Brings the SDK's matcher typings (toMatchGraphObjectSchema ...); vitest.setup registers them at runtime.
import type {} from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { createAccountEntity, createConfigurationEntity, createGroupEntity } from './basic';

describe('createAccountEntity', () => {
  it('produces a valid Account with vendor', () => {
    const entity = createAccountEntity({
      _type: 'acme_account',
      _key: 'acme_account:acme',
      name: 'acme',
      displayName: 'Acme Corp (Kandji)',
      vendor: 'Kandji',
      properties: { region: 'us' },
    });
    expect(entity).toMatchGraphObjectSchema({ _class: ['Account'] });
    expect(entity).toEqual({
      _key: 'acme_account:acme',
      _type: 'acme_account',
      _class: ['Account'],
      _rawData: [],
      name: 'acme',
      displayName: 'Acme Corp (Kandji)',
      vendor: 'Kandji',
      region: 'us',
    });
  });

  it('refuses an Account without vendor', () => {
    expect(() =>
      createAccountEntity({
        _type: 'acme_account',
        _key: 'acme_account:acme',
        name: 'a',
        vendor: ' ',
      }),
    ).toThrow(/vendor/);
  });
});

describe('createGroupEntity / createConfigurationEntity', () => {
  it('produce valid Group and Configuration entities', () => {
    const group = createGroupEntity({
      _type: 'acme_group',
      _key: 'acme_group:9',
      name: 'Engineering',
      description: '  Laptops of engineers ',
      properties: { path: 'Company/Engineering', deviceCount: 12 },
    });
    expect(group).toMatchGraphObjectSchema({ _class: ['Group'] });
    expect(group).toMatchObject({
      name: 'Engineering',
      displayName: 'Engineering',
      description: 'Laptops of engineers',
      path: 'Company/Engineering',
      deviceCount: 12,
    });

    const profile = createConfigurationEntity({
      _type: 'acme_profile',
      _key: 'acme_profile:wifi',
      name: 'Wi-Fi',
      displayName: 'Office Wi-Fi',
    });
    expect(profile).toMatchGraphObjectSchema({ _class: ['Configuration'] });
    expect(profile).toMatchObject({
      name: 'Wi-Fi',
      displayName: 'Office Wi-Fi',
      _class: ['Configuration'],
    });
  });
});
