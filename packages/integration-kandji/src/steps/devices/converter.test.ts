import { describe, expect, it } from 'vitest';
import { deviceDetailsSchema, deviceSchema, prismDeviceInformationSchema } from '../../client';
import { parseConfig } from '../../config';
import { createDevice } from './converter';
import { detailFromDetails, detailFromPrism } from './detail';

const location = parseConfig({ apiUrl: 'acme.api.kandji.io', accessToken: 't' }).apiUrl;

const listItem = {
  device_id: '5b1c2f7e-1111-4222-8333-944445555666',
  device_name: "Alice's MacBook Pro",
  model: 'MacBook Pro (14-inch, 2023)',
  serial_number: 'C02XYZ123ABC',
  platform: 'Mac',
  os_version: '14.4.1',
  last_check_in: '2024-06-10T08:00:00.000Z',
  user: { email: 'Alice@Example.com', name: 'Alice Anders', id: 'u-1', is_archived: false },
  asset_tag: 'AT-1001',
  blueprint_id: 'bp-1',
  blueprint_name: 'Standard Mac',
  mdm_enabled: true,
  agent_installed: true,
  is_missing: false,
  is_removed: false,
  agent_version: '4.3.1',
  first_enrollment: '2022-06-24 14:20:19.961496+00:00',
  last_enrollment: '2023-01-02 10:00:00.000001+00:00',
  lost_mode_status: '',
  tags: ['Engineering'],
};

describe('createDevice', () => {
  const device = deviceSchema.parse(listItem);

  it('maps a Mac with details onto a valid Device', () => {
    const details = deviceDetailsSchema.parse({
      mdm: { supervised: 'True', mdm_enabled: 'True' },
      activation_lock: { device_activation_lock_enabled: false },
      filevault: { filevault_enabled: true, filevault_prk_escrowed: true },
      hardware_overview: { model_identifier: 'Mac14,9' },
      network: { local_hostname: 'Alices-MacBook-Pro', mac_address: 'A0:99:9B:12:34:56' },
      installed_profiles: [{ uuid: 'p-1', identifier: 'com.kandji.profile.custom.p-1' }],
      lost_mode: {},
    });
    const entity = createDevice(device, detailFromDetails(details), location);
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).toMatchObject({
      _key: `kandji_device:${listItem.device_id}`,
      name: "Alice's MacBook Pro",
      category: 'laptop',
      make: 'Apple',
      osType: 'darwin',
      osName: 'macOS',
      osDetails: 'macOS 14.4.1',
      serial: 'C02XYZ123ABC',
      hostname: 'alices-macbook-pro',
      macAddresses: ['a0:99:9b:12:34:56'],
      deviceId: [listItem.device_id],
      lastSeenOn: Date.parse('2024-06-10T08:00:00.000Z'),
      firstEnrollmentOn: Date.parse('2022-06-24T14:20:19.961Z'),
      supervised: true,
      encrypted: true,
      filevaultEnabled: true,
      activationLockEnabled: false,
      agentVersion: '4.3.1',
      assetTag: ['AT-1001'],
      userEmails: ['alice@example.com'],
      webLink: `https://acme.kandji.io/devices/${listItem.device_id}`,
    });
  });

  it('gives the same entity from a Prism row as from details', () => {
    const details = deviceDetailsSchema.parse({
      mdm: { supervised: 'False' },
      activation_lock: { device_activation_lock_enabled: true },
      filevault: { filevault_enabled: null },
      hardware_overview: { model_identifier: 'iPhone16,1' },
      network: { local_hostname: '', mac_address: 'aa:bb:cc:dd:ee:ff' },
    });
    const prism = prismDeviceInformationSchema.parse({
      device_id: listItem.device_id,
      local_hostname: '',
      model_identifier: 'iPhone16,1',
      mac_address: 'aa:bb:cc:dd:ee:ff',
      supervised: false,
      filevault_enabled: null,
      device_activation_lock_enabled: true,
    });
    const phone = deviceSchema.parse({
      ...listItem,
      platform: 'iPhone',
      model: 'iPhone 15 Pro',
      user: '',
    });
    const a = createDevice(phone, detailFromDetails(details), location);
    const b = createDevice(phone, detailFromPrism(prism), location);
    expect(a).toEqual(b);
    expect(a).toMatchObject({
      osType: 'ios',
      category: 'mobile',
      hostname: null,
      supervised: false,
      activationLockEnabled: true,
    });
    expect(a).not.toHaveProperty('filevaultEnabled');
    expect(a).not.toHaveProperty('userEmails');
  });

  it('tolerates empty, missing and non-object details sections', () => {
    const details = deviceDetailsSchema.parse({ mdm: {}, filevault: [], network: null });
    const entity = createDevice(
      deviceSchema.parse({ ...listItem, platform: 'AppleTV', model: 'Apple TV 4K' }),
      detailFromDetails(details),
      location,
    );
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).toMatchObject({
      osType: 'other',
      osName: 'tvOS',
      category: 'tv',
      macAddresses: null,
    });
  });

  it('keeps a list-only device valid', () => {
    const entity = createDevice(deviceSchema.parse({ device_id: 'x-1' }), undefined, location);
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).toMatchObject({ name: 'x-1', make: 'Apple', osType: 'other' });
  });
});
