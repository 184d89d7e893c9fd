import type {
  KandjiDeviceDetails,
  PrismActivationLock,
  PrismApplicationFirewall,
  PrismDeviceInformation,
  PrismFilevault,
  PrismGatekeeper,
  PrismStartupSettings,
} from '../../client';

/**
 * Device facts not in the device list, from any source: Prism device_information and the
 * posture categories, or devices/{id}/details. Every source maps onto this one shape (null =
 * not reported), so Prism and per-device runs produce the same properties where both can.
 */
export interface DeviceDetail {
  hostname: string | null;
  macAddress: string | null;
  modelIdentifier: string | null;
  /** Last check-in, for devices whose list item has none (Kandji's iPad example: `""`). */
  lastCheckIn: string | null;
  supervised: boolean | null;
  filevaultEnabled: boolean | null;
  filevaultRecoveryKeyEscrowed: boolean | null;
  filevaultRecoveryKeyType: string | null;
  firewallEnabled: boolean | null;
  gatekeeperEnabled: boolean | null;
  sipEnabled: boolean | null;
  secureBootLevel: string | null;
  bootstrapTokenEscrowed: boolean | null;
  deviceActivationLockEnabled: boolean | null;
  userActivationLockEnabled: boolean | null;
  /** false: the device cannot have activation lock (e.g. Apple TV); the lock properties are then absent. */
  activationLockSupported: boolean | null;
  remoteDesktopEnabled: boolean | null;
}

export type DeviceDetailPart = Partial<DeviceDetail>;

/** Properties only Prism categories report (devices/{id}/details has no such section). */
export const PRISM_ONLY_PROPERTIES = [
  'firewallEnabled',
  'gatekeeperEnabled',
  'sipEnabled',
  'secureBootLevel',
  'bootstrapTokenEscrowed',
] as const;

/** Properties no Prism category reports: Prism mode reads them from devices/{id}/details. */
export const DETAILS_ONLY_PROPERTIES = [
  'supervised',
  'macAddresses',
  'remoteDesktopEnabled',
] as const;

/** Activation-lock properties (Prism when prism/activation_lock carries them, else details). */
export const ACTIVATION_LOCK_PROPERTIES = [
  'activationLockEnabled',
  'deviceActivationLockEnabled',
  'userActivationLockEnabled',
] as const;

const text = (v: string | null | undefined): string | null =>
  v && v.trim() !== '' ? v.trim() : null;

/** devices/{id}/details: sections may be `{}`; filevault_enabled is null on iOS. */
export function detailFromDetails(d: KandjiDeviceDetails): DeviceDetailPart {
  return {
    hostname: text(d.network?.local_hostname),
    macAddress: text(d.network?.mac_address),
    modelIdentifier: text(d.hardware_overview?.model_identifier),
    lastCheckIn: text(d.mdm?.last_check_in),
    supervised: d.mdm?.supervised ?? null,
    filevaultEnabled: d.filevault?.filevault_enabled ?? null,
    filevaultRecoveryKeyEscrowed: d.filevault?.filevault_prk_escrowed ?? null,
    filevaultRecoveryKeyType: text(d.filevault?.filevault_recoverykey_type),
    deviceActivationLockEnabled: d.activation_lock?.device_activation_lock_enabled ?? null,
    userActivationLockEnabled: d.activation_lock?.user_activation_lock_enabled ?? null,
    activationLockSupported: d.activation_lock?.activation_lock_supported ?? null,
    remoteDesktopEnabled: d.security_information?.remote_desktop_enabled ?? null,
  };
}

/** prism/device_information row: identity only (it has no posture column). */
export function detailFromPrismDeviceInformation(r: PrismDeviceInformation): DeviceDetailPart {
  return {
    hostname: text(r.local_hostname) ?? text(r.host_name),
    modelIdentifier: text(r.model_identifier) ?? text(r.model_id),
    lastCheckIn: text(r.last_checkin),
  };
}

export function detailFromPrismFilevault(r: PrismFilevault): DeviceDetailPart {
  return {
    filevaultEnabled: r.status,
    filevaultRecoveryKeyEscrowed: r.key_escrowed,
    filevaultRecoveryKeyType: text(r.key_type),
  };
}

export function detailFromPrismFirewall(r: PrismApplicationFirewall): DeviceDetailPart {
  return { firewallEnabled: r.status };
}

export function detailFromPrismGatekeeper(r: PrismGatekeeper): DeviceDetailPart {
  return { gatekeeperEnabled: r.gatekeeper_status };
}

export function detailFromPrismStartupSettings(r: PrismStartupSettings): DeviceDetailPart {
  return {
    sipEnabled: r.sip,
    secureBootLevel: text(r.secure_boot_level),
    bootstrapTokenEscrowed: r.bootstrap_token_escrowed,
  };
}

/** prism/activation_lock row that carries activation-lock columns (see PRISM_ACTIVATION_LOCK_COLUMNS). */
export function detailFromPrismActivationLock(r: PrismActivationLock): DeviceDetailPart {
  return {
    deviceActivationLockEnabled: r.device_activation_lock_enabled,
    userActivationLockEnabled: r.user_activation_lock_enabled,
    activationLockSupported: r.activation_lock_supported,
  };
}

/** `into` plus every non-null value of `from` that `into` lacks (the first source wins). */
export function mergeDetail(into: DeviceDetailPart, from: DeviceDetailPart): DeviceDetailPart {
  const out: Record<string, unknown> = { ...into };
  for (const [key, value] of Object.entries(from)) {
    if (value === null || value === undefined) continue;
    if (out[key] === null || out[key] === undefined) out[key] = value;
  }
  return out as DeviceDetailPart;
}

/**
 * Activation lock is on when the device-based or the user-based (Find My) lock is on; off
 * only when both are known to be off.
 */
export function activationLockEnabled(detail: DeviceDetailPart): boolean | null {
  const device = detail.deviceActivationLockEnabled ?? null;
  const user = detail.userActivationLockEnabled ?? null;
  if (device === true || user === true) return true;
  if (device === false && user === false) return false;
  return null;
}
