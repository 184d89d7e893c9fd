import { describe, expect, it } from 'vitest';
import {
  deviceDetailsSchema,
  deviceSchema,
  prismActivationLockSchema,
  prismApplicationFirewallSchema,
  prismDeviceInformationSchema,
  prismFilevaultSchema,
  prismGatekeeperSchema,
  prismStartupSettingsSchema,
} from '../../client';
import { loadConfig } from '../../config';
import { createDevice } from './converter';
import {
  detailFromDetails,
  detailFromPrismActivationLock,
  detailFromPrismDeviceInformation,
  detailFromPrismFilevault,
  detailFromPrismFirewall,
  detailFromPrismGatekeeper,
  detailFromPrismStartupSettings,
  mergeDetail,
  type DeviceDetailPart,
} from './detail';

const location = loadConfig({ apiUrl: 'acme.api.kandji.io', accessToken: 't' }).apiUrl;

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
      filevaultRecoveryKeyEscrowed: true,
      agentVersion: '4.3.1',
      assetTag: ['AT-1001'],
      userEmails: ['alice@example.com'],
      webLink: `https://acme.kandji.io/devices/${listItem.device_id}`,
    });
  });

  it('gives the same posture from Prism categories (plus details-only fields) as from details alone', () => {
    const details = detailFromDetails(
      deviceDetailsSchema.parse({
        mdm: { supervised: 'True' },
        activation_lock: {
          device_activation_lock_enabled: false,
          user_activation_lock_enabled: true,
          activation_lock_supported: true,
        },
        filevault: {
          filevault_enabled: true,
          filevault_prk_escrowed: false,
          filevault_recoverykey_type: 'personal',
        },
        hardware_overview: { model_identifier: 'Mac14,9' },
        network: { local_hostname: 'alices-mbp', mac_address: 'aa:bb:cc:dd:ee:ff' },
        security_information: { remote_desktop_enabled: true },
      }),
    );
    const id = listItem.device_id;
    let prism: DeviceDetailPart = detailFromPrismDeviceInformation(
      prismDeviceInformationSchema.parse({
        device_id: id,
        local_hostname: 'alices-mbp',
        model_id: 'Mac14,9',
      }),
    );
    for (const part of [
      detailFromPrismFilevault(
        prismFilevaultSchema.parse({
          device_id: id,
          status: true,
          key_escrowed: false,
          key_type: 'personal',
        }),
      ),
      detailFromPrismFirewall(
        prismApplicationFirewallSchema.parse({ device_id: id, status: true }),
      ),
      detailFromPrismGatekeeper(
        prismGatekeeperSchema.parse({ device_id: id, gatekeeper_status: false }),
      ),
      detailFromPrismStartupSettings(
        prismStartupSettingsSchema.parse({
          device_id: id,
          sip: true,
          secure_boot_level: 'full',
          bootstrap_token_escrowed: true,
        }),
      ),
    ])
      prism = mergeDetail(prism, part);
    // What no Prism category has comes from details; Prism wins where both report.
    const merged = mergeDetail(prism, { ...details, filevaultEnabled: false });
    const fromPrism = createDevice(device, merged, location);
    const fromDetails = createDevice(device, details, location);
    expect(fromPrism).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(fromPrism).toMatchObject({
      encrypted: true,
      filevaultEnabled: true,
      filevaultRecoveryKeyEscrowed: false,
      filevaultRecoveryKeyType: 'personal',
      firewallEnabled: true,
      gatekeeperEnabled: false,
      sipEnabled: true,
      secureBootLevel: 'full',
      bootstrapTokenEscrowed: true,
      supervised: true,
      macAddresses: ['aa:bb:cc:dd:ee:ff'],
      remoteDesktopEnabled: true,
      // The user-based (Find My) lock is on: activation lock is on, both kept.
      activationLockEnabled: true,
      deviceActivationLockEnabled: false,
      userActivationLockEnabled: true,
    });
    const prismOnly = [
      'firewallEnabled',
      'gatekeeperEnabled',
      'sipEnabled',
      'secureBootLevel',
      'bootstrapTokenEscrowed',
    ];
    const withoutPrismOnly = Object.fromEntries(
      Object.entries(fromPrism).filter(([k]) => !prismOnly.includes(k)),
    );
    expect(fromDetails).toEqual(withoutPrismOnly);
  });

  it('reads activation lock from Prism rows that carry its columns', () => {
    const row = prismActivationLockSchema.parse({
      device_id: 'd-1',
      device_activation_lock_enabled: 'True',
    });
    expect(row.columns).toEqual(['device_activation_lock_enabled']);
    const entity = createDevice(device, detailFromPrismActivationLock(row), location);
    expect(entity).toMatchObject({
      activationLockEnabled: true,
      deviceActivationLockEnabled: true,
    });
    expect(entity).not.toHaveProperty('userActivationLockEnabled');
    // Device lock off, user lock unknown: not known to be off.
    const off = prismActivationLockSchema.parse({
      device_id: 'd-1',
      device_activation_lock_enabled: false,
    });
    const offEntity = createDevice(device, detailFromPrismActivationLock(off), location);
    expect(offEntity).toMatchObject({ deviceActivationLockEnabled: false });
    expect(offEntity).not.toHaveProperty('activationLockEnabled');
    // A device_information copy (Kandji's published example) carries none.
    expect(prismActivationLockSchema.parse({ device_id: 'd-1', model: 'Mac' }).columns).toEqual([]);
  });

  it('leaves out what does not apply to the platform instead of saying false', () => {
    const phone = deviceSchema.parse({
      ...listItem,
      platform: 'iPhone',
      model: 'iPhone 15 Pro',
      user: '',
    });
    // Kandji's iPad example: FileVault null, escrow `false`, remote desktop null.
    const iosDetails = detailFromDetails(
      deviceDetailsSchema.parse({
        mdm: { supervised: 'False' },
        activation_lock: {
          device_activation_lock_enabled: false,
          user_activation_lock_enabled: false,
          activation_lock_supported: true,
        },
        filevault: { filevault_enabled: null, filevault_prk_escrowed: false },
        network: { local_hostname: '', mac_address: 'aa:bb:cc:dd:ee:ff' },
        security_information: { remote_desktop_enabled: null },
      }),
    );
    const a = createDevice(phone, iosDetails, location);
    expect(a).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(a).toMatchObject({
      osType: 'ios',
      category: 'mobile',
      hostname: null,
      supervised: false,
      activationLockEnabled: false,
    });
    for (const p of [
      'encrypted',
      'filevaultEnabled',
      'filevaultRecoveryKeyEscrowed',
      'firewallEnabled',
      'remoteDesktopEnabled',
      'userEmails',
    ])
      expect(a).not.toHaveProperty(p);
    // Even a (wrong) Mac-only value reported for an iPhone stays out.
    expect(
      createDevice(phone, { firewallEnabled: false, sipEnabled: true }, location),
    ).not.toHaveProperty('firewallEnabled');
    // Kandji's Apple TV example: activation lock unsupported, device lock `false`.
    const tv = createDevice(
      deviceSchema.parse({ ...listItem, platform: 'AppleTV', model: 'Apple TV 4K' }),
      detailFromDetails(
        deviceDetailsSchema.parse({
          activation_lock: {
            device_activation_lock_enabled: false,
            user_activation_lock_enabled: null,
            activation_lock_supported: false,
          },
        }),
      ),
      location,
    );
    expect(tv).not.toHaveProperty('activationLockEnabled');
    expect(tv).not.toHaveProperty('deviceActivationLockEnabled');
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

  it('takes lastSeenOn from Prism or details when the list item has none', () => {
    // Kandji's published iPad (GET devices/{id}) has `last_check_in: ""`.
    const ipad = deviceSchema.parse({ ...listItem, platform: 'iPad', last_check_in: '' });
    expect(createDevice(ipad, undefined, location)).toMatchObject({ lastSeenOn: null });
    const prism = detailFromPrismDeviceInformation(
      prismDeviceInformationSchema.parse({
        device_id: listItem.device_id,
        last_checkin: '2023-12-01T23:38:54.367429+00:00',
      }),
    );
    expect(createDevice(ipad, prism, location)).toMatchObject({
      lastSeenOn: Date.parse('2023-12-01T23:38:54.367Z'),
    });
    const details = detailFromDetails(
      deviceDetailsSchema.parse({ mdm: { last_check_in: '2024-07-23 03:01:21.466190+00:00' } }),
    );
    expect(createDevice(ipad, details, location)).toMatchObject({
      lastSeenOn: Date.parse('2024-07-23T03:01:21.466Z'),
    });
    // The list's own value wins.
    expect(createDevice(device, prism, location)).toMatchObject({
      lastSeenOn: Date.parse(listItem.last_check_in),
    });
  });
});
