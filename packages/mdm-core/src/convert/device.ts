import { type Entity } from '@jupiterone/integration-sdk-core';
import { buildEntity, type EntityArgs } from './entity';
import { toFqdn, toHostnameLabel } from './hostname';
import { splitIpAddresses } from './ip';
import { normalizeMacAddresses } from './mac';
import { type MdmDevice } from './model';
import { asOsType } from './os-type';
import { cleanString, firstString, stringArrayOrNull, toWebLink } from './text';
import { toEpochMs } from './time';

function fqdnsOf(device: MdmDevice): string[] | null {
  const candidates = Array.isArray(device.fqdn) ? device.fqdn : [device.fqdn];
  // A hostname reported as "mac-01.corp.example.com" is both the label and an FQDN.
  const names = [...candidates, device.hostname]
    .map(toFqdn)
    .filter((n): n is string => n !== undefined);
  return names.length > 0 ? [...new Set(names)] : null;
}

/**
 * MdmDevice -> J1 `Device`. Every property the data model requires is present, null when unknown:
 * `deviceId` and the address properties as arrays, MACs lowercase colon-separated, `hostname` one DNS
 * label, `lastSeenOn` epoch ms.
 */
export function createDeviceEntity(args: EntityArgs & { device: MdmDevice }): Entity {
  const { device } = args;
  const name = firstString(device.name, device.displayName, device.serial, device.id) ?? args._key;
  return buildEntity('Device', args, {
    id: String(device.id),
    name,
    displayName: firstString(device.displayName, name),
    category: cleanString(device.category),
    make: cleanString(device.make),
    model: cleanString(device.model),
    serial: cleanString(device.serial),
    osType: asOsType(device.osType),
    osName: cleanString(device.osName),
    osVersion: cleanString(device.osVersion),
    osDetails: cleanString(device.osDetails),
    platform: cleanString(device.platform) ?? undefined,
    deviceId: stringArrayOrNull(device.deviceIds),
    hostname: toHostnameLabel(device.hostname),
    fqdn: fqdnsOf(device),
    ...splitIpAddresses(device.ipAddresses),
    macAddresses: normalizeMacAddresses(device.macAddresses),
    lastSeenOn: toEpochMs(device.lastSeenOn) ?? null,
    createdOn: toEpochMs(device.createdOn),
    updatedOn: toEpochMs(device.updatedOn),
    webLink: toWebLink(device.webLink),
  });
}
