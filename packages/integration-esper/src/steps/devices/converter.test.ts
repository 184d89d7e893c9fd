import { describe, expect, it } from 'vitest';
import { DeviceSchema } from '../../client';
import { createEsperDeviceEntity, deviceStateName, userIdOf } from './converter';

const EID = '3f2a7d9e-1b4c-4e8f-9a6b-0c1d2e3f4a5b';
const G1 = '11111111-2222-4333-8444-555555555555';
const G2 = '66666666-7777-4888-9999-000000000000';

function rawDevice(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    device_name: 'ESR-ABC-0001',
    alias_name: 'Scanner 1',
    state: 60,
    status: 60,
    api_level: 30,
    softwareInfo: {
      androidVersion: '11',
      securityPatchLevel: '2024-05-01',
      androidBuildNumber: 'TC52.ABC',
    },
    hardwareInfo: {
      brand: 'Zebra',
      manufacturer: 'Zebra Technologies',
      model: 'TC52',
      serialNumber: 'S123456789',
    },
    networkInfo: {
      imei1: '356938035643809',
      imei2: '',
      wifiMacAddress: 'AA:BB:CC:DD:EE:FF',
      ethernetMacAddress: null,
    },
    provisioned_on: '2023-01-02T03:04:05.678901Z',
    created_on: '2023-01-02T03:04:05.678901Z',
    updated_on: '2024-02-03T04:05:06Z',
    is_active: true,
    is_gms: true,
    user: 'https://acme-api.esper.cloud/api/user/8/',
    groups: [
      `https://acme-api.esper.cloud/api/enterprise/${EID}/devicegroup/${G1}/`,
      // A proxy base with a different prefix: the id is still the segment after devicegroup/.
      `https://gw.example/esper/v1/api/enterprise/${EID}/devicegroup/${G2}/`,
    ],
    tags: ['warehouse'],
    wifi_access_points: [{ ssid: 'corp' }],
    ...overrides,
  };
}

describe('deviceStateName', () => {
  it.each([
    [1, 'Online'],
    [60, 'Offline'],
    [20, 'Disabled'],
    [30, 'Provisioning'],
    [50, 'Provisioning'],
    [70, 'Wipe in progress'],
    [90, 'Onboarding failed'],
    [150, 'Applying blueprint'],
    [200, 'Registered'],
    [999, 'Unknown (999)'],
  ])('%i -> %s', (code, word) => {
    expect(deviceStateName(code)).toBe(word);
  });
});

describe('createEsperDeviceEntity', () => {
  it('maps a full device onto a valid Device', () => {
    const entity = createEsperDeviceEntity(DeviceSchema.parse(rawDevice()));
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).toMatchObject({
      _key: 'esper_device:a1b2c3d4-0000-4000-8000-000000000001',
      _type: 'esper_device',
      name: 'ESR-ABC-0001',
      displayName: 'Scanner 1',
      category: 'mobile',
      make: 'Zebra',
      manufacturer: 'Zebra Technologies',
      model: 'TC52',
      serial: 'S123456789',
      osType: 'android',
      osName: 'Android',
      osVersion: '11',
      osDetails: 'Android 11 (security patch 2024-05-01)',
      securityPatchLevel: '2024-05-01',
      deviceId: ['356938035643809'],
      imei: ['356938035643809'],
      macAddresses: ['aa:bb:cc:dd:ee:ff'],
      state: 'Offline',
      stateCode: 60,
      provisionedOn: Date.parse('2023-01-02T03:04:05.678Z'),
      updatedOn: Date.parse('2024-02-03T04:05:06Z'),
      groupIds: [G1, G2],
      userId: '8',
      hostname: null,
      lastSeenOn: null,
    });
  });

  it('keeps a device whose info blocks are null or malformed', () => {
    const entity = createEsperDeviceEntity(
      DeviceSchema.parse(
        rawDevice({
          softwareInfo: null,
          hardwareInfo: 'garbage',
          networkInfo: undefined,
          groups: null,
          user: null,
          state: 40,
        }),
      ),
    );
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).toMatchObject({
      make: null,
      model: null,
      serial: null,
      osVersion: null,
      macAddresses: null,
      deviceId: null,
      state: 'Provisioning',
      groupIds: [],
    });
    expect(entity.userId).toBeUndefined();
  });

  it('rejects a device without an id at the schema', () => {
    expect(DeviceSchema.safeParse(rawDevice({ id: null })).success).toBe(false);
  });
});

describe('userIdOf', () => {
  it('reads the integer id from the user URL', () => {
    expect(userIdOf({ user: 'https://x-api.esper.cloud/api/user/42/' })).toBe('42');
    expect(userIdOf({ user: '/api/user/7' })).toBe('7');
    expect(userIdOf({ user: null })).toBeUndefined();
  });
});
