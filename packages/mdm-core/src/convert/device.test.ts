// Brings the SDK's matcher typings (toMatchGraphObjectSchema ...); vitest.setup registers them at runtime.
import type {} from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { createDeviceEntity } from './device';
import { type MdmDevice } from './model';

function macbook(overrides: Partial<MdmDevice> = {}): MdmDevice {
  return {
    id: '6f1d4c8e-0d8b-4c39-9d5e-1c1f6c1d2a11',
    name: "Ada's MacBook Pro",
    category: 'laptop',
    make: 'Apple',
    model: 'MacBook Pro (14-inch, 2021)',
    serial: 'C02G1234MD6T',
    osType: 'darwin',
    osName: 'macOS',
    osVersion: '14.5',
    osDetails: 'macOS 14.5 (23F79)',
    platform: 'Mac',
    hostname: 'Adas-MacBook-Pro.local',
    macAddresses: ['3C-22-FB-12-34-56', 'junk', '3c:22:fb:12:34:56'],
    deviceIds: ['00008103-000A1B2C3D4E001E', '', null, 'C02G1234MD6T'],
    ipAddresses: ['10.1.2.3', '198.51.100.20'],
    lastSeenOn: '2022-06-24 14:20:19.961496+00:00',
    createdOn: 1_640_995_200,
    webLink: 'https://acme.kandji.io/devices/6f1d4c8e-0d8b-4c39-9d5e-1c1f6c1d2a11',
    ...overrides,
  };
}

const args = { _type: 'acme_device', _key: 'acme_device:6f1d4c8e' };

describe('createDeviceEntity', () => {
  it('produces a valid Device with normalized values', () => {
    const entity = createDeviceEntity({
      ...args,
      device: macbook(),
      properties: { blueprintName: 'Default' },
    });
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).toEqual({
      _key: 'acme_device:6f1d4c8e',
      _type: 'acme_device',
      _class: ['Device'],
      _rawData: [],
      id: '6f1d4c8e-0d8b-4c39-9d5e-1c1f6c1d2a11',
      name: "Ada's MacBook Pro",
      displayName: "Ada's MacBook Pro",
      category: 'laptop',
      make: 'Apple',
      model: 'MacBook Pro (14-inch, 2021)',
      serial: 'C02G1234MD6T',
      osType: 'darwin',
      osName: 'macOS',
      osVersion: '14.5',
      osDetails: 'macOS 14.5 (23F79)',
      platform: 'Mac',
      deviceId: ['00008103-000A1B2C3D4E001E', 'C02G1234MD6T'],
      hostname: 'adas-macbook-pro',
      fqdn: null,
      ipv4Addresses: ['10.1.2.3', '198.51.100.20'],
      ipv6Addresses: null,
      publicIpAddresses: ['198.51.100.20'],
      privateIpAddresses: ['10.1.2.3'],
      macAddresses: ['3c:22:fb:12:34:56'],
      lastSeenOn: Date.UTC(2022, 5, 24, 14, 20, 19, 961),
      createdOn: 1_640_995_200_000,
      webLink: 'https://acme.kandji.io/devices/6f1d4c8e-0d8b-4c39-9d5e-1c1f6c1d2a11',
      blueprintName: 'Default',
    });
  });

  it('fills every required Device property with null when the vendor knows nothing', () => {
    const entity = createDeviceEntity({ ...args, device: { id: '17', name: '' } });
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    for (const prop of [
      'category',
      'make',
      'model',
      'serial',
      'osName',
      'osDetails',
      'osVersion',
      'osType',
      'deviceId',
      'hostname',
      'fqdn',
      'ipv4Addresses',
      'ipv6Addresses',
      'publicIpAddresses',
      'privateIpAddresses',
      'macAddresses',
      'lastSeenOn',
    ]) {
      expect(entity[prop], prop).toBeNull();
    }
    expect(entity.name).toBe('17');
    expect(entity.createdOn).toBeUndefined();
  });

  it('takes the FQDN a vendor reports as hostname into fqdn, and its first label as hostname', () => {
    const entity = createDeviceEntity({
      ...args,
      device: macbook({ hostname: 'mac-01.corp.example.com', fqdn: ['bad fqdn'] }),
    });
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity.hostname).toBe('mac-01');
    expect(entity.fqdn).toEqual(['mac-01.corp.example.com']);
  });

  it('nulls an osType outside the data-model enum instead of failing the entity', () => {
    const device = { ...macbook(), osType: 'macOS' } as unknown as MdmDevice;
    const entity = createDeviceEntity({ ...args, device });
    expect(entity.osType).toBeNull();
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
  });

  it('drops an unusable webLink and falls back to serial for a nameless device', () => {
    const entity = createDeviceEntity({
      ...args,
      device: macbook({ name: '  ', webLink: 'javascript:alert(1)' }),
    });
    expect(entity.name).toBe('C02G1234MD6T');
    expect(entity.webLink).toBeUndefined();
  });

  it('stores the caller-redacted raw record as _rawData default and pads a short _key', () => {
    const raw = { device_id: '17', enrollment_token: '[REDACTED]' };
    const entity = createDeviceEntity({
      _type: 'acme_device',
      _key: 'd:17',
      device: macbook(),
      rawData: raw,
    });
    expect(entity._key).toBe('d:17______');
    expect(entity._rawData).toEqual([{ name: 'default', rawData: raw }]);
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
  });

  it('lets normalized fields win over extra properties of the same name', () => {
    const entity = createDeviceEntity({
      ...args,
      device: macbook(),
      properties: { serial: 'OTHER', assetTag: ['A-1'] },
    });
    expect(entity.serial).toBe('C02G1234MD6T');
    expect(entity.assetTag).toEqual(['A-1']);
  });

  it('is validated by the SDK against the data model (an invalid extra value throws)', () => {
    expect(() =>
      createDeviceEntity({ ...args, device: macbook(), properties: { status: 'shiny' } }),
    ).toThrow(/Entity fails to validate as class 'Device'[\s\S]*status/);
  });
});
