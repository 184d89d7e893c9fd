import { createIntegrationEntity, type StepEntityMetadata } from '@jupiterone/integration-sdk-core';
import { toMatchDataModelSchema } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';

// The SDK packages resolve `@jupiterone/integration-sdk-entity-validator` to this workspace package
// (pnpm override); these tests exercise it through their public helpers, with validation on.

function device(overrides: Record<string, unknown>) {
  return createIntegrationEntity({
    entityData: {
      source: {},
      assign: {
        _key: 'acme-device:1',
        _type: 'acme_device',
        _class: ['Device'],
        name: 'mac-01',
        category: 'laptop',
        make: 'Apple',
        model: 'MacBookPro18,1',
        serial: 'C02ABC123',
        osName: 'macOS',
        osDetails: 'macOS 14.5',
        osVersion: '14.5',
        osType: 'darwin',
        deviceId: ['UDID-1'],
        hostname: 'mac-01',
        fqdn: null,
        ipv4Addresses: null,
        ipv6Addresses: null,
        publicIpAddresses: null,
        privateIpAddresses: null,
        macAddresses: ['aa:bb:cc:dd:ee:ff'],
        lastSeenOn: 1_718_000_000_000,
        ...overrides,
      },
    },
  });
}

describe('through @jupiterone/integration-sdk-core createIntegrationEntity', () => {
  it('runs with schema validation enabled in this test run', () => {
    expect(process.env.ENABLE_GRAPH_OBJECT_SCHEMA_VALIDATION).toBe('true');
  });

  it('creates a valid Device', () => {
    const entity = device({});
    expect(entity.displayName).toBe('mac-01');
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
  });

  it('throws for a Device with deviceId as a string, naming the property', () => {
    expect(() => device({ deviceId: 'UDID-1' })).toThrow(
      /Entity fails to validate as class 'Device'[\s\S]*deviceId/,
    );
  });

  it('throws for an Account without vendor', () => {
    expect(() =>
      createIntegrationEntity({
        entityData: {
          source: {},
          assign: { _key: 'acme:account', _type: 'acme_account', _class: 'Account', name: 'Acme' },
        },
      }),
    ).toThrow(/vendor/);
  });

  it('throws for an unknown class', () => {
    expect(() =>
      createIntegrationEntity({
        entityData: {
          source: {},
          assign: { _key: 'acme:gadget:1', _type: 'acme_gadget', _class: 'Gadget', name: 'g' },
        },
      }),
    ).toThrow(/Gadget/);
  });
});

describe('through @jupiterone/integration-sdk-testing matchers', () => {
  it('toMatchGraphObjectSchema passes valid and fails invalid entities', () => {
    const valid = device({});
    expect(valid).toMatchGraphObjectSchema({ _class: ['Device'], _type: 'acme_device' });
    expect({ ...valid, macAddresses: ['AA:BB:CC:DD:EE:FF'] }).not.toMatchGraphObjectSchema({
      _class: ['Device'],
    });
  });

  it('toMatchDataModelSchema validates through getValidatorSync().addSchemas()', () => {
    const metadata: StepEntityMetadata = {
      resourceName: 'Device',
      _type: 'acme_device',
      _class: ['Device'],
      schema: { $id: '#acme_device_step', properties: {} },
    } as StepEntityMetadata;
    const valid = device({});
    expect(toMatchDataModelSchema([valid], metadata).pass).toBe(true);
    const invalid = { ...valid, osType: 'macOS' };
    const result = toMatchDataModelSchema([invalid], metadata);
    expect(result.pass).toBe(false);
    expect(result.message()).toContain('#Device:osType:must be equal to one of the allowed values');
    // A second assertion re-adds the same step schema: must not throw "schema already exists".
    expect(toMatchDataModelSchema([valid], metadata).pass).toBe(true);
  });
});
