import type { Entity } from '@jupiterone/integration-sdk-core';
import { createDeviceEntity, entityKey, toEpochMs, type OsType } from '@mdm-graph/mdm-core';
import type { KandjiDevice } from '../../client';
import type { KandjiApiLocation } from '../../config';
import { Entities } from '../constants';
import { activationLockEnabled, type DeviceDetailPart } from './detail';

export function deviceKey(deviceId: string): string {
  return entityKey(Entities.DEVICE._type, deviceId);
}

interface PlatformFacts {
  osType: OsType;
  osName: string;
  category: (model: string) => string;
}

/** Kandji `platform` values: Mac, iPhone, iPad, AppleTV. */
const PLATFORMS: Record<string, PlatformFacts> = {
  mac: {
    osType: 'darwin',
    osName: 'macOS',
    category: (model) => (/macbook/i.test(model) ? 'laptop' : 'desktop'),
  },
  iphone: { osType: 'ios', osName: 'iOS', category: () => 'mobile' },
  ipad: { osType: 'ios', osName: 'iPadOS', category: () => 'tablet' },
  appletv: { osType: 'other', osName: 'tvOS', category: () => 'tv' },
};

const nonEmpty = (v: string | null | undefined): string | null => (v && v.trim() !== '' ? v : null);

export function platformFacts(platform: string | null | undefined): PlatformFacts | undefined {
  return PLATFORMS[(platform ?? '').toLowerCase().replace(/\s+/g, '')];
}

/** The Kandji web app page of a device. */
export function deviceWebLink(location: KandjiApiLocation, deviceId: string): string {
  return `${location.webUrl}/devices/${encodeURIComponent(deviceId)}`;
}

/**
 * The posture properties of a device. A property that does not apply to the platform is
 * absent, not false: FileVault, firewall, Gatekeeper, SIP, secure boot, bootstrap token and
 * remote desktop exist on Macs only (details report `filevault_prk_escrowed: false` on iPads),
 * and activation lock is absent where Kandji says it is not supported (Apple TV).
 */
export function postureProperties(
  platform: string | null | undefined,
  detail: DeviceDetailPart | undefined,
): Record<string, boolean | string | undefined> {
  const d = detail ?? {};
  const os = platformFacts(platform)?.osType;
  // Unknown platform: keep what Kandji reported.
  const mac = os === undefined || os === 'darwin';
  const macOnly = <T>(v: T | null | undefined): T | undefined =>
    mac ? (v ?? undefined) : undefined;
  const lockApplies = d.activationLockSupported !== false;
  const lock = <T>(v: T | null | undefined): T | undefined =>
    lockApplies ? (v ?? undefined) : undefined;
  return {
    supervised: d.supervised ?? undefined,
    // The J1 Device property for disk encryption: FileVault on a Mac.
    encrypted: macOnly(d.filevaultEnabled),
    filevaultEnabled: macOnly(d.filevaultEnabled),
    filevaultRecoveryKeyEscrowed: macOnly(d.filevaultRecoveryKeyEscrowed),
    filevaultRecoveryKeyType: macOnly(d.filevaultRecoveryKeyType),
    firewallEnabled: macOnly(d.firewallEnabled),
    gatekeeperEnabled: macOnly(d.gatekeeperEnabled),
    sipEnabled: macOnly(d.sipEnabled),
    secureBootLevel: macOnly(d.secureBootLevel),
    bootstrapTokenEscrowed: macOnly(d.bootstrapTokenEscrowed),
    remoteDesktopEnabled: macOnly(d.remoteDesktopEnabled),
    activationLockEnabled: lock(activationLockEnabled(d)),
    deviceActivationLockEnabled: lock(d.deviceActivationLockEnabled),
    userActivationLockEnabled: lock(d.userActivationLockEnabled),
  };
}

/** A device list item plus its details (Prism rows and/or details call) -> kandji_device. */
export function createDevice(
  device: KandjiDevice,
  detail: DeviceDetailPart | undefined,
  location: KandjiApiLocation,
): Entity {
  const facts = platformFacts(device.platform);
  const model = device.model ?? null;
  const osVersion = device.os_version ?? null;
  const user = device.user;
  return createDeviceEntity({
    _type: Entities.DEVICE._type,
    _key: deviceKey(device.device_id),
    device: {
      id: device.device_id,
      name: device.device_name ?? device.serial_number ?? device.device_id,
      category: facts?.category(model ?? '') ?? 'endpoint',
      make: 'Apple',
      model,
      serial: device.serial_number,
      osType: facts?.osType ?? 'other',
      osName: facts?.osName ?? null,
      osVersion,
      osDetails: facts && osVersion ? `${facts.osName} ${osVersion}` : null,
      platform: device.platform,
      hostname: detail?.hostname,
      macAddresses: [detail?.macAddress],
      deviceIds: [device.device_id],
      // The list's check-in, else Prism's or the details' (the list can say "").
      lastSeenOn: nonEmpty(device.last_check_in) ?? detail?.lastCheckIn,
      createdOn: device.first_enrollment,
      webLink: deviceWebLink(location, device.device_id),
    },
    properties: {
      // The data model's Device.assetTag is an array.
      assetTag: device.asset_tag ? [device.asset_tag] : undefined,
      blueprintId: device.blueprint_id || undefined,
      blueprintName: device.blueprint_name || undefined,
      mdmEnabled: device.mdm_enabled ?? undefined,
      agentInstalled: device.agent_installed ?? undefined,
      agentVersion: device.agent_version || undefined,
      missing: device.is_missing ?? undefined,
      removed: device.is_removed ?? undefined,
      lostModeStatus: device.lost_mode_status || undefined,
      firstEnrollmentOn: toEpochMs(device.first_enrollment),
      lastEnrollmentOn: toEpochMs(device.last_enrollment),
      tags: device.tags.length > 0 ? device.tags : undefined,
      userId: user?.id ?? undefined,
      userEmails: user?.email ? [user.email.toLowerCase()] : undefined,
      modelIdentifier: detail?.modelIdentifier ?? undefined,
      ...postureProperties(device.platform, detail),
    },
  });
}
