import type { Entity } from '@jupiterone/integration-sdk-core';
import {
  createDeviceEntity,
  entityKey,
  type OsType,
  toEpochMs,
  toOsType,
} from '@mdm-graph/mdm-core';
import type { EsperDevice, EsperV2Device } from '../../client';
import { Entities, EsperDeviceState } from '../constants';
import { idFromUrl } from '../urls';
import { groupIdFromUrl } from '../device-groups/converter';

export function deviceKey(deviceId: string): string {
  return entityKey(Entities.DEVICE._type, deviceId);
}

/**
 * DeviceStateEnum as words (api.esper.io AndroidDevice; esper-cli enums.py).
 * 110-190 are the blueprint/template steps of provisioning. Apple, Windows and Linux
 * devices use a subset (0, 1, 20, 70, 80, 90, 100, 200) with the same meanings.
 */
export function deviceStateName(state: number | null | undefined): string | undefined {
  if (state === null || state === undefined) return undefined;
  const known = (EsperDeviceState as Record<number, string | undefined>)[state];
  if (known) return known;
  if (state >= 110 && state <= 190) return 'Applying blueprint';
  return `Unknown (${state})`;
}

/** Esper sends "" for absent IMEIs and MACs. */
const present = (v: string | null | undefined): string | undefined =>
  v && v.trim() !== '' ? v.trim() : undefined;

/** Esper v2 `platform` values (esper-cli spec: ANDROID, APPLE, LINUX, WINDOWS). */
export const EsperPlatform = {
  ANDROID: 'ANDROID',
  APPLE: 'APPLE',
  WINDOWS: 'WINDOWS',
  LINUX: 'LINUX',
} as const;

/** Esper's platform; a record without one whose `os` says Android is an Android device. */
export function platformOf(device: Pick<EsperV2Device, 'platform' | 'os'>): string | undefined {
  const platform = present(device.platform)?.toUpperCase();
  if (platform) return platform;
  return toOsType(device.os) === 'android' ? EsperPlatform.ANDROID : undefined;
}

interface OsFacts {
  osType: OsType | null;
  osName?: string;
  category: string;
}

/**
 * osType / osName / category of a v2 device. Apple's `os` tells iOS, iPadOS and macOS apart
 * (its exact spelling is not published: read case-insensitively); an Apple device whose `os`
 * is unknown keeps osType null rather than a guess.
 */
export function osFactsOf(device: EsperV2Device): OsFacts {
  const os = present(device.os);
  switch (platformOf(device)) {
    case EsperPlatform.ANDROID:
      return { osType: 'android', osName: 'Android', category: 'mobile' };
    case EsperPlatform.WINDOWS:
      return { osType: 'windows', osName: 'Windows', category: 'endpoint' };
    case EsperPlatform.LINUX:
      return { osType: 'linux', osName: 'Linux', category: 'endpoint' };
    case EsperPlatform.APPLE: {
      const osType = toOsType(os);
      const model = present(device.hardware_info?.model) ?? '';
      if (osType === 'darwin') {
        return {
          osType,
          osName: 'macOS',
          category: /macbook/i.test(model) ? 'laptop' : 'desktop',
        };
      }
      if (osType === 'ios') {
        const ipad = /ipad/i.test(os ?? '') || /^ipad/i.test(model);
        return { osType, osName: ipad ? 'iPadOS' : 'iOS', category: 'mobile' };
      }
      return { osType: null, osName: os, category: 'mobile' };
    }
    default: {
      const osType = toOsType(os);
      return { osType, osName: os, category: 'endpoint' };
    }
  }
}

/** J1 `platform` (darwin, linux, windows, android, ios, other) from osType. */
function j1Platform(osType: OsType | null): string | undefined {
  return osType === null ? undefined : osType;
}

/** Group ids of a device: v1 `groups[]` URLs and the v2 `group_id` (the same UUIDs). */
export function groupIdsOf(device?: EsperDevice, v2?: EsperV2Device): string[] {
  const ids = new Set<string>();
  for (const url of device?.groups ?? []) {
    const id = groupIdFromUrl(url);
    if (id) ids.add(id);
  }
  const v2Group = present(v2?.group_id);
  if (v2Group) ids.add(v2Group);
  return [...ids];
}

/** Properties only v2 carries, for every platform. */
function v2Properties(v2: EsperV2Device): Record<string, unknown> {
  const platform = platformOf(v2);
  return {
    esperPlatform: platform,
    managedBy: present(v2.managed_by),
    agentVersion: present(v2.software_info?.esper_agent_info?.version_name),
    osBuildNumber: present(v2.software_info?.os_build_number),
    blueprintId: present(v2.blueprint_info?.current_blueprint_id),
    // Supervision is an Apple notion: absent (not false) on other platforms.
    supervised: platform === EsperPlatform.APPLE ? (v2.is_supervised ?? undefined) : undefined,
    dpcVersion: platform === EsperPlatform.ANDROID ? present(v2.dpc_version) : undefined,
  };
}

/**
 * An Android device from the v1 list, merged with its v2 record when there is one (the
 * UUID is the same): v1 has the groups, the user and lockdown; v2 adds `last_seen` and
 * fills what v1 left empty.
 */
export function createEsperDeviceEntity(device: EsperDevice, v2?: EsperV2Device): Entity {
  const sw = device.softwareInfo ?? undefined;
  const hw = device.hardwareInfo ?? undefined;
  const net = device.networkInfo ?? undefined;
  const v2hw = v2?.hardware_info ?? undefined;
  const v2net = v2?.network_info ?? undefined;
  const imeis = [
    ...new Set(
      [
        present(net?.imei1),
        present(net?.imei2),
        present(v2net?.imei1),
        present(v2net?.imei2),
      ].filter((v): v is string => v !== undefined),
    ),
  ];
  const name = present(device.device_name) ?? present(v2?.name) ?? device.id;
  const androidVersion =
    present(sw?.androidVersion) ??
    present(v2?.os_version) ??
    present(v2?.software_info?.os_version);
  const patch = present(sw?.securityPatchLevel) ?? present(v2?.software_info?.security_patch_level);
  const state = device.state ?? device.status ?? v2?.state;
  const wifiMac = present(net?.wifiMacAddress) ?? present(v2net?.wifi_mac_address);
  const ethernetMac = present(net?.ethernetMacAddress) ?? present(v2net?.ethernet_mac_address);
  const entity = createDeviceEntity({
    _type: Entities.DEVICE._type,
    _key: deviceKey(device.id),
    device: {
      id: device.id,
      name,
      displayName: present(device.alias_name) ?? present(v2?.alias) ?? name,
      category: 'mobile',
      make:
        present(hw?.brand) ??
        present(hw?.manufacturer) ??
        present(v2hw?.brand) ??
        present(v2hw?.manufacturer),
      model: present(hw?.model) ?? present(v2hw?.model),
      serial: present(hw?.serialNumber) ?? present(v2hw?.serial) ?? present(v2?.serial),
      osType: 'android',
      osName: 'Android',
      osVersion: androidVersion,
      osDetails: androidVersion
        ? `Android ${androidVersion}${patch ? ` (security patch ${patch})` : ''}`
        : undefined,
      platform: 'android',
      macAddresses: [wifiMac, ethernetMac],
      deviceIds: imeis,
      lastSeenOn: v2?.last_seen,
      createdOn: device.created_on ?? v2?.created_at,
      updatedOn: device.updated_on ?? v2?.updated_at,
    },
    properties: {
      // The v1 list is Android-only, so a device without a v2 record is Android too.
      esperPlatform: EsperPlatform.ANDROID,
      ...(v2 ? v2Properties(v2) : {}),
      deviceName: present(device.device_name),
      alias: present(device.alias_name) ?? present(v2?.alias),
      state: deviceStateName(state),
      stateCode: state,
      active: device.is_active,
      manufacturer: present(hw?.manufacturer) ?? present(v2hw?.manufacturer),
      brand: present(hw?.brand) ?? present(v2hw?.brand),
      imei: imeis,
      wifiMacAddress: wifiMac,
      ethernetMacAddress: ethernetMac,
      securityPatchLevel: patch,
      androidBuildNumber: present(sw?.androidBuildNumber),
      apiLevel: device.api_level,
      policyName: device.policy_name,
      gms: device.is_gms ?? v2?.is_gms,
      tags: device.tags ?? undefined,
      timezone: device.timezone_string,
      lockdownState: device.lockdown_state,
      appMode: device.current_app_mode,
      provisionedOn: toEpochMs(device.provisioned_on ?? v2?.provisioned_on),
      groupIds: groupIdsOf(device, v2),
      userId: userIdOf(device),
    },
    rawData: device,
  });
  if (v2) entity._rawData?.push({ name: 'v2', rawData: v2 });
  return entity;
}

/**
 * A device known only to the v2 list: every Apple, Windows and Linux device, and an
 * Android device the v1 list did not return (enrolled between the two reads).
 */
export function createEsperV2DeviceEntity(v2: EsperV2Device): Entity {
  const hw = v2.hardware_info ?? undefined;
  const net = v2.network_info ?? undefined;
  const sw = v2.software_info ?? undefined;
  const facts = osFactsOf(v2);
  const imeis = [present(net?.imei1), present(net?.imei2)].filter(
    (v): v is string => v !== undefined,
  );
  const udid = present(v2.udid);
  const name = present(v2.name) ?? v2.id;
  const osVersion = present(v2.os_version) ?? present(sw?.os_version);
  const patch = present(sw?.security_patch_level);
  const wifiMac = present(net?.wifi_mac_address);
  const ethernetMac = present(net?.ethernet_mac_address);
  return createDeviceEntity({
    _type: Entities.DEVICE._type,
    _key: deviceKey(v2.id),
    device: {
      id: v2.id,
      name,
      displayName: present(v2.alias) ?? name,
      category: facts.category,
      make: present(hw?.brand) ?? present(hw?.manufacturer),
      model: present(hw?.model),
      serial: present(hw?.serial) ?? present(v2.serial),
      osType: facts.osType,
      osName: facts.osName,
      osVersion,
      osDetails:
        facts.osName && osVersion
          ? `${facts.osName} ${osVersion}${patch ? ` (security patch ${patch})` : ''}`
          : undefined,
      platform: j1Platform(facts.osType),
      macAddresses: [wifiMac, ethernetMac],
      deviceIds: [udid, ...imeis],
      lastSeenOn: v2.last_seen,
      createdOn: v2.created_at,
      updatedOn: v2.updated_at,
    },
    properties: {
      ...v2Properties(v2),
      deviceName: present(v2.name),
      alias: present(v2.alias),
      state: deviceStateName(v2.state),
      stateCode: v2.state,
      manufacturer: present(hw?.manufacturer),
      brand: present(hw?.brand),
      udid,
      imei: imeis,
      wifiMacAddress: wifiMac,
      ethernetMacAddress: ethernetMac,
      securityPatchLevel: patch,
      gms: v2.is_gms,
      provisionedOn: toEpochMs(v2.provisioned_on),
      groupIds: groupIdsOf(undefined, v2),
    },
    rawData: v2,
  });
}

/** Integer id of the device's user (`…/api/user/{int}/`). */
export function userIdOf(device: Pick<EsperDevice, 'user'>): string | undefined {
  return idFromUrl(device.user, 'user');
}
