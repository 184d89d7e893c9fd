import { describe, expect, it } from 'vitest';
import { DeviceSchema } from '../../client';
import { V2DeviceSchema } from '../../client';
import {
  createEsperDeviceEntity,
  createEsperV2DeviceEntity,
  deviceStateName,
  platformOf,
  userIdOf,
} from './converter';

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

const SECRETS = {
  fcm: 'FCM-abcdef0123456789',
  mqtt: 'devices/mqtt-topic-0042/',
  wifi: 'WIFI-PASSWORD-hunter2',
  push: 'PUSHTOKEN-0123456789abcdef',
  magic: 'PUSHMAGIC-0123-4567',
  deviceToken: 'DEVICETOKEN-fedcba9876543210',
  channel: 'https://wns2-by3p.notify.windows.com/w/?token=CHANNEL-0123456789',
};

function rawV2(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000001',
    name: 'ESR-ABC-0001',
    alias: '',
    os: 'Android',
    platform: 'ANDROID',
    state: 1,
    serial: 'S123456789',
    os_version: '14',
    tenant_id: EID,
    group_id: G2,
    tags: [],
    last_seen: '2026-02-14T20:20:51.895213Z',
    created_at: '2023-01-02T03:04:05.678901Z',
    updated_at: '2024-02-03T04:05:06Z',
    managed_by: 'BLUEPRINT',
    hardware_info: {
      brand: 'samsung',
      model: 'SM-M146B',
      manufacturer: 'samsung',
      serial: 'S123456789',
    },
    software_info: {
      os_version: '14',
      security_patch_level: '2025-01-01',
      esper_agent_info: { version_name: '9.3.2803', version_code: '93280300' },
    },
    network_info: { wifi_mac_address: 'bc:f7:30:92:ea:2a', imei1: '357718895129084' },
    memory_info: { total_internal_storage: '137438', total_ram: '5472' },
    dpc_version: 'v9.3.2803',
    fcm_id: SECRETS.fcm,
    mqtt_topic: SECRETS.mqtt,
    policy: { wifi: { password: SECRETS.wifi } },
    ...overrides,
  };
}

const apple = (os: string, model: string) =>
  rawV2({
    id: 'b1b2c3d4-0000-4000-8000-00000000000a',
    name: 'APL-0001',
    platform: 'APPLE',
    os,
    os_version: '17.5.1',
    udid: '00008110-001A2B3C4D5E6F70',
    is_supervised: true,
    hardware_info: { brand: 'Apple', model, manufacturer: 'Apple Inc.', serial: 'C02XK0AAJG5J' },
    network_info: { wifi_mac_address: 'AA:BB:CC:00:11:22', ethernet_mac_address: '' },
    tokens: {
      push_magic: SECRETS.magic,
      push_token: SECRETS.push,
      device_token: SECRETS.deviceToken,
    },
    fcm_id: undefined,
    mqtt_topic: undefined,
    dpc_version: undefined,
  });

function expectNoSecrets(entity: unknown): void {
  const json = JSON.stringify(entity);
  for (const secret of Object.values(SECRETS)) expect(json).not.toContain(secret);
}

describe('_rawData whitelist', () => {
  it('keeps no FCM id, MQTT topic or saved Wi-Fi network of a v1 device', () => {
    const entity = createEsperDeviceEntity(
      DeviceSchema.parse(
        rawDevice({
          fcm_id: SECRETS.fcm,
          mqtt_id: 'mqtt-0042',
          iot_mqtt_base_topic: SECRETS.mqtt,
          wifi_access_points: [{ ssid: 'corp', password: SECRETS.wifi }],
        }),
      ),
    );
    expectNoSecrets(entity);
    const raw = entity._rawData?.[0]?.rawData as Record<string, unknown>;
    for (const field of ['fcm_id', 'mqtt_id', 'iot_mqtt_base_topic', 'wifi_access_points']) {
      expect(raw).not.toHaveProperty(field);
    }
    expect(raw).toMatchObject({
      id: 'a1b2c3d4-0000-4000-8000-000000000001',
      device_name: 'ESR-ABC-0001',
    });
  });

  it('keeps no push token, push magic, device token or Windows channel URI of a v2 device', () => {
    expectNoSecrets(createEsperV2DeviceEntity(V2DeviceSchema.parse(apple('iOS', 'iPhone14,5'))));
    expectNoSecrets(
      createEsperV2DeviceEntity(
        V2DeviceSchema.parse(
          rawV2({
            platform: 'WINDOWS',
            os: 'Windows',
            windows_config: { channel_uri: SECRETS.channel },
          }),
        ),
      ),
    );
  });
});

describe('an Android device in v1 and v2', () => {
  it('is one entity: v1 groups, user and lockdown, v2 last check-in', () => {
    const entity = createEsperDeviceEntity(
      DeviceSchema.parse(rawDevice({ lockdown_state: 0 })),
      V2DeviceSchema.parse(rawV2()),
    );
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).toMatchObject({
      _key: 'esper_device:a1b2c3d4-0000-4000-8000-000000000001',
      osType: 'android',
      platform: 'android',
      esperPlatform: 'ANDROID',
      lastSeenOn: Date.parse('2026-02-14T20:20:51.895Z'),
      // v1 values win where v1 has them
      model: 'TC52',
      serial: 'S123456789',
      groupIds: [G1, G2],
      userId: '8',
      lockdownState: '0',
      agentVersion: '9.3.2803',
      dpcVersion: 'v9.3.2803',
    });
    expect(entity._rawData?.map((r) => r.name)).toEqual(['default', 'v2']);
    expectNoSecrets(entity);
  });

  it('takes what v1 left empty from v2', () => {
    const entity = createEsperDeviceEntity(
      DeviceSchema.parse(rawDevice({ hardwareInfo: null, networkInfo: null })),
      V2DeviceSchema.parse(rawV2()),
    );
    expect(entity).toMatchObject({
      make: 'samsung',
      model: 'SM-M146B',
      serial: 'S123456789',
      macAddresses: ['bc:f7:30:92:ea:2a'],
      deviceId: ['357718895129084'],
    });
  });
});

describe('createEsperV2DeviceEntity', () => {
  it.each([
    ['iOS', 'iPhone14,5', 'ios', 'iOS', 'mobile'],
    ['iPadOS', 'iPad13,18', 'ios', 'iPadOS', 'mobile'],
    ['IOS', 'iPad13,18', 'ios', 'iPadOS', 'mobile'],
    ['macOS', 'MacBookPro18,3', 'darwin', 'macOS', 'laptop'],
    ['MACOS', 'Mac14,3', 'darwin', 'macOS', 'desktop'],
  ])('Apple %s %s -> %s %s %s', (os, model, osType, osName, category) => {
    const entity = createEsperV2DeviceEntity(V2DeviceSchema.parse(apple(os, model)));
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).toMatchObject({
      osType,
      osName,
      category,
      platform: osType,
      esperPlatform: 'APPLE',
      make: 'Apple',
      model,
      serial: 'C02XK0AAJG5J',
      supervised: true,
      udid: '00008110-001A2B3C4D5E6F70',
      macAddresses: ['aa:bb:cc:00:11:22'],
      groupIds: [G2],
      lastSeenOn: Date.parse('2026-02-14T20:20:51.895Z'),
      osVersion: '17.5.1',
    });
    expect(entity.deviceId).toContain('00008110-001A2B3C4D5E6F70');
  });

  it('leaves osType null for an Apple device whose os it cannot read', () => {
    const entity = createEsperV2DeviceEntity(V2DeviceSchema.parse(apple('visionOS-ish', 'X1')));
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity.osType).toBeNull();
    expect(entity.platform).toBeUndefined();
  });

  it.each([
    ['WINDOWS', 'windows', 'Windows'],
    ['LINUX', 'linux', 'Linux'],
  ])('%s -> %s', (platform, osType, osName) => {
    const entity = createEsperV2DeviceEntity(
      V2DeviceSchema.parse(
        rawV2({ platform, os: osName, fcm_id: undefined, dpc_version: undefined }),
      ),
    );
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).toMatchObject({ osType, osName, platform: osType, category: 'endpoint' });
    // Apple-only and Android-only notions are absent, not false.
    expect(entity).not.toHaveProperty('supervised');
    expect(entity).not.toHaveProperty('dpcVersion');
  });

  it('reads a record without platform whose os is Android as Android (so v1 can merge into it)', () => {
    const v2 = V2DeviceSchema.parse(rawV2({ platform: null, os: 'Android' }));
    expect(platformOf(v2)).toBe('ANDROID');
    expect(
      platformOf(V2DeviceSchema.parse(rawV2({ platform: null, os: 'Plan 9' }))),
    ).toBeUndefined();
  });

  it('keeps a device with null info blocks and no group', () => {
    const entity = createEsperV2DeviceEntity(
      V2DeviceSchema.parse(
        rawV2({
          hardware_info: null,
          network_info: null,
          software_info: null,
          group_id: null,
          serial: '',
        }),
      ),
    );
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).toMatchObject({
      make: null,
      model: null,
      serial: null,
      macAddresses: null,
      groupIds: [],
    });
  });
});

describe('userIdOf', () => {
  it('reads the integer id from the user URL', () => {
    expect(userIdOf({ user: 'https://x-api.esper.cloud/api/user/42/' })).toBe('42');
    expect(userIdOf({ user: '/api/user/7' })).toBe('7');
    expect(userIdOf({ user: null })).toBeUndefined();
  });
});
