import type { KandjiDeviceDetails, PrismDeviceInformation } from '../../client';

/**
 * Device facts not in the device list, from either source. Both sources map onto this
 * one shape so Prism and per-device runs produce identical entities.
 */
export interface DeviceDetail {
  hostname: string | null;
  macAddress: string | null;
  modelIdentifier: string | null;
  supervised: boolean | null;
  filevaultEnabled: boolean | null;
  filevaultRecoveryKeyEscrowed: boolean | null;
  activationLockEnabled: boolean | null;
}

const text = (v: string | null | undefined): string | null =>
  v && v.trim() !== '' ? v.trim() : null;

/** devices/{id}/details: sections may be `{}`; filevault_enabled is null on iOS. */
export function detailFromDetails(d: KandjiDeviceDetails): DeviceDetail {
  return {
    hostname: text(d.network?.local_hostname),
    macAddress: text(d.network?.mac_address),
    modelIdentifier: text(d.hardware_overview?.model_identifier),
    supervised: d.mdm?.supervised ?? null,
    filevaultEnabled: d.filevault?.filevault_enabled ?? null,
    filevaultRecoveryKeyEscrowed: d.filevault?.filevault_prk_escrowed ?? null,
    activationLockEnabled: d.activation_lock?.device_activation_lock_enabled ?? null,
  };
}

/** prism/device_information row. */
export function detailFromPrism(r: PrismDeviceInformation): DeviceDetail {
  return {
    hostname: text(r.local_hostname) ?? text(r.host_name),
    macAddress: text(r.mac_address),
    modelIdentifier: text(r.model_identifier) ?? text(r.model_id),
    supervised: r.supervised,
    filevaultEnabled: r.filevault_enabled,
    filevaultRecoveryKeyEscrowed: r.filevault_prk_escrowed,
    activationLockEnabled: r.device_activation_lock_enabled,
  };
}
