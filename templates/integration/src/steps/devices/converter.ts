import { type Entity } from '@jupiterone/integration-sdk-core';
import { createDeviceEntity, type MdmDevice, toOsType } from '@mdm-graph/mdm-core';
import type { __VendorPascal__Device, __VendorPascal__DeviceDetail } from '../../client';
import { Entities } from '../constants';

export function deviceKey(id: string): string {
  return `${Entities.DEVICE._type}:${id}`;
}

/** Vendor record (list item + optional detail) -> mdm-core's normalized device. */
export function toMdmDevice(
  device: __VendorPascal__Device,
  detail?: __VendorPascal__DeviceDetail,
): MdmDevice {
  return {
    id: device.id,
    name: device.name ?? device.serial_number ?? device.id,
    serial: device.serial_number,
    model: device.model,
    platform: device.platform,
    osType: toOsType(device.platform),
    osVersion: device.os_version,
    macAddresses: detail?.mac_addresses ?? [],
    deviceIds: [device.serial_number],
    lastSeenOn: device.last_check_in,
  };
}

export function createDevice(
  device: __VendorPascal__Device,
  detail?: __VendorPascal__DeviceDetail,
): Entity {
  return createDeviceEntity({
    _type: Entities.DEVICE._type,
    _key: deviceKey(device.id),
    device: toMdmDevice(device, detail),
    // Absent, not false, when the detail was not read.
    properties: { encrypted: detail?.encrypted ?? undefined },
  });
}
