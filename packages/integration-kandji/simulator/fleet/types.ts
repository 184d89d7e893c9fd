/** Vendor-shaped records of the simulated Kandji tenant (JSON as the API returns it). */

export type Platform = 'Mac' | 'iPhone' | 'iPad' | 'AppleTV';

export interface SimDeviceUser {
  email: string | null;
  name: string;
  id: string | number;
  is_archived: boolean;
}

/** An item of GET devices (and GET devices/{id}). */
export interface SimDevice {
  device_id: string;
  device_name: string;
  model: string;
  serial_number: string;
  platform: Platform;
  os_version: string;
  supplemental_build_version: string;
  supplemental_os_version_extra: string;
  last_check_in: string;
  user: SimDeviceUser | '';
  asset_tag: string;
  blueprint_id: string;
  blueprint_name: string;
  mdm_enabled: boolean;
  agent_installed: boolean;
  is_missing: boolean;
  is_removed: boolean;
  agent_version: string;
  first_enrollment: string;
  last_enrollment: string;
  lost_mode_status: string;
  tags: string[];
}

/** Facts about a device not in the list item, generated once and served by details and Prism. */
export interface SimDeviceFacts {
  index: number;
  modelIdentifier: string;
  hostname: string;
  macAddress: string;
  ipAddress: string;
  publicIp: string;
  udid: string;
  supervised: boolean;
  filevaultEnabled: boolean | null;
  filevaultPrkEscrowed: boolean | null;
  /** Device-based activation lock; null where unsupported (Apple TV). */
  activationLockEnabled: boolean | null;
  /** User-based (Find My) activation lock; null where unsupported (Apple TV). */
  userActivationLockEnabled: boolean | null;
  /** macOS-only posture (null on other platforms). */
  filevaultKeyType: string | null;
  firewallEnabled: boolean | null;
  gatekeeperEnabled: boolean | null;
  sipEnabled: boolean | null;
  secureBootLevel: string | null;
  bootstrapTokenEscrowed: boolean | null;
  remoteDesktopEnabled: boolean | null;
  osBuild: string;
  /** Custom profile ids installed on the device. */
  customProfileIds: string[];
  /** numeric-string legacy id of the assigned user (Prism device__user_id). */
  legacyUserId: string | null;
}

export interface SimApp {
  app_id: string;
  app_name: string;
  bundle_id: string;
  bundle_size: string;
  app_store_vendable: string;
  device_based_vpp: string;
  source: string;
  process: string;
  signature: string;
  creation_date: string;
  modification_date: string;
  path: string;
  version: string;
}

export interface SimUser {
  id: string;
  deprecated_user_id: string;
  email: string | null;
  name: string;
  active: boolean;
  archived: boolean;
  department: string;
  job_title: string;
  device_count: number;
  integration: { id: number; name: string; uuid: string; type: string };
  created_at: string;
  updated_at: string;
}

export interface SimBlueprint {
  id: string;
  name: string;
  icon: string;
  color: string;
  description: string;
  params: Record<string, { mute: boolean; daily: boolean; details?: unknown }>;
  computers_count: number;
  enrollment_code: { code: string; is_active: boolean };
  type: 'classic' | 'map';
}

export interface SimCustomProfile {
  id: string;
  name: string;
  active: boolean;
  profile: string;
  mdm_identifier: string;
  runs_on_mac: boolean;
  runs_on_iphone: boolean;
  runs_on_ipad: boolean;
  runs_on_tv: boolean;
  runs_on_vision: boolean;
  created_at: string;
  updated_at: string;
}

export interface SimLicensing {
  counts: {
    computers_count: number;
    ios_count: number;
    ipados_count: number;
    macos_count: number;
    tvos_count: number;
  };
  limits: {
    plan_type: string;
    max_devices: number;
    max_devices_per_platform: Record<string, number>;
  };
  tenantOverLicenseLimit: boolean;
}
