import type { Entity } from '@jupiterone/integration-sdk-core';
import { createDeviceEntity, entityKey, toEpochMs } from '@mdm-graph/mdm-core';
import { type EsperDevice, idFromUrl } from '../../client';
import { Entities, EsperDeviceState } from '../constants';
import { groupIdFromUrl } from '../device-groups/converter';

export function deviceKey(deviceId: string): string {
  return entityKey(Entities.DEVICE._type, deviceId);
}

/**
 * DeviceStateEnum as words (api.esper.io AndroidDevice; esper-cli enums.py).
 * 110-190 are the blueprint/template steps of provisioning.
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

export function createEsperDeviceEntity(device: EsperDevice): Entity {
  const sw = device.softwareInfo ?? undefined;
  const hw = device.hardwareInfo ?? undefined;
  const net = device.networkInfo ?? undefined;
  const imeis = [present(net?.imei1), present(net?.imei2)].filter(
    (v): v is string => v !== undefined,
  );
  const name = present(device.device_name) ?? device.id;
  const androidVersion = present(sw?.androidVersion);
  const patch = present(sw?.securityPatchLevel);
  const state = device.state ?? device.status;
  return createDeviceEntity({
    _type: Entities.DEVICE._type,
    _key: deviceKey(device.id),
    device: {
      id: device.id,
      name,
      displayName: present(device.alias_name) ?? name,
      category: 'mobile',
      make: present(hw?.brand) ?? present(hw?.manufacturer),
      model: present(hw?.model),
      serial: present(hw?.serialNumber),
      osType: 'android',
      osName: 'Android',
      osVersion: androidVersion,
      osDetails: androidVersion
        ? `Android ${androidVersion}${patch ? ` (security patch ${patch})` : ''}`
        : undefined,
      platform: 'android',
      macAddresses: [net?.wifiMacAddress, net?.ethernetMacAddress],
      deviceIds: imeis,
      createdOn: device.created_on,
      updatedOn: device.updated_on,
    },
    properties: {
      deviceName: present(device.device_name),
      alias: present(device.alias_name),
      state: deviceStateName(state),
      stateCode: state,
      active: device.is_active,
      manufacturer: present(hw?.manufacturer),
      brand: present(hw?.brand),
      imei: imeis,
      wifiMacAddress: present(net?.wifiMacAddress),
      ethernetMacAddress: present(net?.ethernetMacAddress),
      securityPatchLevel: patch,
      androidBuildNumber: present(sw?.androidBuildNumber),
      apiLevel: device.api_level,
      policyName: device.policy_name,
      gms: device.is_gms,
      tags: device.tags ?? undefined,
      timezone: device.timezone_string,
      provisionedOn: toEpochMs(device.provisioned_on),
      groupIds: (device.groups ?? []).flatMap((url) => groupIdFromUrl(url) ?? []),
      userId: userIdOf(device),
    },
    rawData: device,
  });
}

/** Integer id of the device's user (`…/api/user/{int}/`). */
export function userIdOf(device: Pick<EsperDevice, 'user'>): string | undefined {
  return idFromUrl(device.user, 'user');
}
