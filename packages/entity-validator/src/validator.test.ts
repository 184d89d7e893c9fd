import { IntegrationSchema, entitySchemas } from '@jupiterone/data-model';
import { describe, expect, it } from 'vitest';
import { EntityValidator } from './validator';
import { unknownPropertySymbol } from './validation-error';

const validator = new EntityValidator({ schemas: Object.values(entitySchemas) });

const account = {
  _key: 'acme:account',
  _type: 'acme_account',
  _class: ['Account'],
  name: 'Acme',
  displayName: 'Acme',
  vendor: 'Acme Inc.',
};

const device = {
  _key: 'acme-device:1',
  _type: 'acme_device',
  _class: ['Device'],
  name: 'mac-01',
  displayName: 'mac-01',
  category: 'laptop',
  make: 'Apple',
  model: 'MacBookPro18,1',
  serial: 'C02ABC123',
  osName: 'macOS',
  osDetails: 'macOS 14.5',
  osVersion: '14.5',
  osType: 'darwin',
  deviceId: ['00008103-000A1B2C3D4E'],
  hostname: 'mac-01',
  fqdn: null,
  ipv4Addresses: ['10.0.0.5'],
  ipv6Addresses: null,
  publicIpAddresses: null,
  privateIpAddresses: ['10.0.0.5'],
  macAddresses: ['aa:bb:cc:dd:ee:ff'],
  lastSeenOn: 1_718_000_000_000,
};

const user = {
  _key: 'acme-user:42',
  _type: 'acme_user',
  _class: ['User'],
  name: 'Ada Lovelace',
  displayName: 'Ada Lovelace',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: ['ada@example.com'],
  username: ['ada'],
  shortLoginId: ['ada'],
};

/** What the data model's own ajv instance says, used as the oracle. */
function dataModelAccepts(entity: { _class: string[] }): boolean {
  return entity._class.every((c) => IntegrationSchema.validate(`#${c}`, entity) === true);
}

type Case = [string, { _class: string[] } & Record<string, unknown>];
const cases: Case[] = [
  ['valid account', account],
  ['account without vendor', { ...account, vendor: undefined }],
  ['valid device', device],
  ['device with deviceId string', { ...device, deviceId: 'UDID-1' }],
  ['device with uppercase MAC', { ...device, macAddresses: ['AA:BB:CC:DD:EE:FF'] }],
  ['device with dash MAC', { ...device, macAddresses: ['aa-bb-cc-dd-ee-ff'] }],
  ['device with osType outside enum', { ...device, osType: 'macos' }],
  ['device with osType null', { ...device, osType: null }],
  ['device with FQDN as hostname', { ...device, hostname: 'mac-01.corp.example.com' }],
  ['device with lastSeenOn ISO string', { ...device, lastSeenOn: '2024-06-10T00:00:00Z' }],
  ['device without serial', { ...device, serial: undefined }],
  ['device with invalid ipv4', { ...device, ipv4Addresses: ['10.0.0.300'] }],
  ['valid user', user],
  ['user with email string', { ...user, email: 'ada@example.com' }],
  ['user with invalid email', { ...user, email: ['not-an-email'] }],
  ['user without firstName', { ...user, firstName: undefined }],
  ['short _key', { ...account, _key: 'acme:1' }],
  ['snake_case property name', { ...account, mdm_enabled: true }],
];

function withoutUndefined(entity: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(entity).filter(([, v]) => v !== undefined));
}

describe('EntityValidator over the bundled data-model schemas', () => {
  it.each(cases)('agrees with the data model on %s', (_label, entity) => {
    const clean = withoutUndefined(entity) as { _class: string[] };
    expect(validator.validateEntity(clean).isValid).toBe(dataModelAccepts(clean));
  });

  it('accepts valid Account, Device and User entities', () => {
    for (const entity of [account, device, user]) {
      expect(validator.validateEntity(entity)).toEqual({
        isValid: true,
        errors: null,
        skippedSchemas: [{ schemaId: `#${entity._type}`, reason: 'not-found', type: 'type' }],
      });
    }
  });

  it('names the missing vendor of an Account', () => {
    const { vendor: _vendor, ...noVendor } = account;
    const result = validator.validateEntity(noVendor);
    expect(result.isValid).toBe(false);
    expect(result.errors).toEqual([
      {
        schemaId: '#Account',
        property: 'vendor',
        message: "must have required property 'vendor'",
        validation: 'required',
      },
    ]);
  });

  it('rejects deviceId as a string and accepts it as an array', () => {
    const bad = validator.validateEntity({ ...device, deviceId: 'UDID-1' });
    expect(bad.isValid).toBe(false);
    expect(bad.errors?.map((e) => e.property)).toContain('deviceId');
    expect(validator.validateEntity({ ...device, deviceId: ['UDID-1', 'IMEI-2'] }).isValid).toBe(
      true,
    );
    expect(validator.validateEntity({ ...device, deviceId: null }).isValid).toBe(true);
  });

  it('rejects uppercase MAC addresses (the model wants lowercase colon form)', () => {
    const result = validator.validateEntity({ ...device, macAddresses: ['AA:BB:CC:DD:EE:FF'] });
    expect(result.isValid).toBe(false);
    expect(result.errors?.every((e) => e.property === 'macAddresses')).toBe(true);
  });

  it('enforces the osType enum', () => {
    expect(validator.validateEntity({ ...device, osType: 'ios' }).isValid).toBe(true);
    const result = validator.validateEntity({ ...device, osType: 'iPadOS' });
    expect(result.isValid).toBe(false);
    expect(result.errors?.map((e) => e.property)).toContain('osType');
  });

  it('reports every missing required Device property at once', () => {
    const result = validator.validateEntity({ ...account, _class: ['Device'], vendor: undefined });
    const missing = (result.errors ?? [])
      .filter((e) => e.validation === 'required')
      .map((e) => e.property);
    expect(missing).toEqual(
      expect.arrayContaining([
        'category',
        'make',
        'model',
        'serial',
        'deviceId',
        'macAddresses',
        'lastSeenOn',
      ]),
    );
  });

  it('requires User email, username and shortLoginId as arrays', () => {
    const result = validator.validateEntity({ ...user, email: 'ada@example.com', username: 'ada' });
    expect(result.isValid).toBe(false);
    expect(new Set(result.errors?.map((e) => e.property))).toEqual(new Set(['email', 'username']));
  });

  it('rejects a _key shorter than 10 characters', () => {
    const result = validator.validateEntity({ ...account, _key: 'acme:1' });
    expect(result.errors).toEqual([
      expect.objectContaining({ schemaId: '#Account', property: '_key', validation: 'minLength' }),
    ]);
  });

  it('validates every class of a multi-class entity', () => {
    const result = validator.validateEntity({ ...device, _class: ['Device', 'Account'] });
    expect(result.errors?.map((e) => `${e.schemaId}:${String(e.property)}`)).toEqual([
      '#Account:vendor',
    ]);
  });

  it('reports an unknown class as a skipped schema, which core turns into an error', () => {
    const result = validator.validateEntity({ ...account, _class: ['Gadget'] });
    expect(result.isValid).toBe(true);
    expect(result.skippedSchemas).toContainEqual({
      schemaId: '#Gadget',
      reason: 'not-found',
      type: 'class',
    });
  });

  it('returns structural errors instead of throwing for non-entities', () => {
    expect(validator.validateEntity(null).errors).toEqual([
      expect.objectContaining({ property: '_type', validation: 'required' }),
    ]);
    expect(validator.validateEntity({ _type: 'acme_thing', _class: 7 }).errors).toEqual([
      expect.objectContaining({ property: '_class', validation: 'required' }),
    ]);
  });

  it('prefers a loaded _type schema and skips the class schemas', () => {
    const typed = new EntityValidator({ schemas: Object.values(entitySchemas) }).addSchemas([
      { $id: '#acme_account', type: 'object', required: ['plan'] },
    ]);
    const result = typed.validateEntity(account);
    expect(result).toEqual({
      isValid: false,
      errors: [expect.objectContaining({ schemaId: '#acme_account', property: 'plan' })],
      skippedSchemas: [{ schemaId: '#Account', reason: 'type-already-validated', type: 'class' }],
    });
    const forced = typed.validateEntity(
      { ...account, vendor: undefined, plan: 'pro' },
      {
        forceClassValidationWithValidatedType: true,
      },
    );
    expect(forced.errors?.map((e) => e.property)).toEqual(['vendor']);
  });

  it('replaces a schema re-added under the same $id and ignores schemas without one', () => {
    const v = new EntityValidator({ schemas: Object.values(entitySchemas) });
    v.addSchemas({ $id: '#acme_account', type: 'object', required: ['plan'] });
    v.addSchemas([
      { $id: '#acme_account', type: 'object' },
      { type: 'object', required: ['x'] },
    ]);
    expect(v.validateEntity(account).isValid).toBe(true);
  });

  it('maps errors without a property to the unknown symbol', () => {
    const v = new EntityValidator({
      schemas: [{ $id: '#Thing', type: 'object', minProperties: 10 }],
    });
    const result = v.validateEntity({ _type: 'acme_thing', _class: 'Thing' });
    expect(result.errors?.[0]?.property).toBe(unknownPropertySymbol);
  });
});
