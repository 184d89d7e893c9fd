/** Vendor-shaped views of one simulated device: details, Prism rows. Pure functions of the fleet. */
import type { KandjiFleet } from './fleet';
import type { SimApp, SimDevice, SimDeviceFacts } from './types';

const yes = (b: boolean) => (b ? 'Yes' : 'No');
const title = (b: boolean) => (b ? 'True' : 'False');

/** GET devices/{id}/details. Booleans are strings where Kandji sends strings; sections vary by platform. */
export function deviceDetails(fleet: KandjiFleet, index: number): Record<string, unknown> {
  const d = fleet.devices[index] as SimDevice;
  const f = fleet.facts[index] as SimDeviceFacts;
  const mac = d.platform === 'Mac';
  const profiles = f.customProfileIds.map((id) => {
    const p = fleet.customProfiles.find((c) => c.id === id);
    return {
      name: p?.name ?? '',
      uuid: id,
      verified: 'verified',
      identifier: p?.mdm_identifier ?? '',
      organization: 'Kandji',
      payload_types: ['com.apple.ManagedClient.preferences'],
      install_date: d.first_enrollment,
    };
  });
  // The MDM enrollment profile itself is installed too, and is not a custom profile.
  profiles.push({
    name: 'MDM Profile',
    uuid: `mdm-${d.device_id}`,
    verified: 'verified',
    identifier: 'com.kandji.profile.mdmprofile',
    organization: 'Kandji',
    payload_types: ['com.apple.mdm'],
    install_date: d.first_enrollment,
  });
  const details: Record<string, unknown> = {
    general: {
      device_id: d.device_id,
      device_name: d.device_name,
      last_enrollment: d.last_enrollment,
      first_enrollment: d.first_enrollment,
      model: d.model,
      platform: d.platform,
      os_version: d.os_version,
      system_version: `${mac ? 'macOS' : 'iOS'} ${d.os_version} (${f.osBuild})`,
      asset_tag: d.asset_tag,
      assigned_user: d.user,
      blueprint_name: d.blueprint_name,
      blueprint_uuid: d.blueprint_id,
    },
    mdm: {
      mdm_enabled: 'True',
      supervised: title(f.supervised),
      install_date: d.first_enrollment,
      last_check_in: d.last_check_in,
      mdm_enabled_user: [],
    },
    // As in Kandji's Apple TV example: unsupported, the user lock null, the device lock false.
    activation_lock: {
      bypass_code_failed: false,
      user_activation_lock_enabled: f.userActivationLockEnabled,
      device_activation_lock_enabled: f.activationLockEnabled ?? false,
      activation_lock_allowed_while_supervised: f.activationLockEnabled === null ? null : true,
      activation_lock_supported: f.activationLockEnabled !== null,
    },
    // As in Kandji's iPad example: FileVault null, but the escrow flag `false` (not applicable).
    filevault: {
      filevault_enabled: mac ? f.filevaultEnabled : null,
      filevault_recoverykey_type: f.filevaultKeyType ?? '',
      filevault_prk_escrowed: mac ? f.filevaultPrkEscrowed : false,
      filevault_next_rotation: '',
      filevault_regen_required: false,
    },
    // Booleans here in Kandji's iPad example (unlike mdm and kandji_agent).
    automated_device_enrollment: { auto_enroll_eligible: true, auto_enrolled: true },
    kandji_agent: mac
      ? {
          agent_installed: 'True',
          install_date: d.first_enrollment,
          last_check_in: d.last_check_in,
          agent_version: d.agent_version,
        }
      : {},
    hardware_overview: {
      model_name: d.model,
      model_identifier: f.modelIdentifier,
      udid: f.udid,
      serial_number: d.serial_number,
    },
    volumes: mac
      ? [
          {
            name: 'Macintosh HD',
            format: 'APFS',
            percent_used: '41%',
            capacity: '494.38 GB',
            available: '290.1 GB',
            encrypted: yes(f.filevaultEnabled === true),
          },
        ]
      : [],
    network: {
      local_hostname: f.hostname,
      mac_address: f.macAddress,
      ip_address: f.ipAddress,
      public_ip: f.publicIp,
    },
    recovery_information: mac
      ? { recovery_lock_enabled: false, firmware_password_exist: false }
      : {},
    users: mac
      ? {
          regular_users: [
            { username: 'admin', uid: '501', path: '/Users/admin', admin: 'Yes', name: 'Admin' },
          ],
          system_users: [],
        }
      : {},
    installed_profiles: profiles,
    apple_business_manager: {},
    security_information: { remote_desktop_enabled: f.remoteDesktopEnabled },
    tags: d.tags,
  };
  // Apple TV reports no lost mode section at all.
  if (d.platform !== 'AppleTV') details.lost_mode = {};
  return details;
}

/**
 * The device context columns every Prism row starts with. Rows extend it with Object.assign, not a
 * spread: spreading it into a literal with more fields cost ~12 KB and ~20 us per row (the
 * bench's simulator spent as much CPU as the collection it serves); same fields, same order.
 */
function prismContext(d: SimDevice, f: SimDeviceFacts): Record<string, unknown> {
  const user = d.user === '' ? undefined : d.user;
  return {
    device_id: d.device_id,
    device__name: d.device_name,
    device__family: d.platform,
    // Numeric legacy user ids here, not the users directory UUIDs.
    device__user_id: f.legacyUserId,
    device__user_name: user?.name ?? null,
    device__user_email: user?.email ?? null,
    blueprint_id: d.blueprint_id,
    blueprint_name: d.blueprint_name,
    serial_number: d.serial_number,
    asset_tag: d.asset_tag,
    // Every published Prism example has `tags: null`; their shape there is unknown.
    tags: null,
    model_id: f.modelIdentifier,
    created_at: d.first_enrollment,
    updated_at: d.last_check_in,
    last_collected_at: d.last_check_in,
  };
}

export function prismDeviceInformationRow(
  fleet: KandjiFleet,
  index: number,
): Record<string, unknown> {
  const d = fleet.devices[index] as SimDevice;
  const f = fleet.facts[index] as SimDeviceFacts;
  return Object.assign(prismContext(d, f), {
    model: d.model,
    model_name: d.model,
    model_identifier: f.modelIdentifier,
    host_name: f.hostname,
    local_hostname: f.hostname,
    apple_silicon: d.platform === 'Mac',
    os_version: d.os_version,
    os_build: f.osBuild,
    marketing_name: d.model,
    first_enrollment_date: d.first_enrollment,
    last_enrollment_date: d.last_enrollment,
    agent_version: d.agent_version,
    agent_installed: d.agent_installed,
    mdm_enabled: d.mdm_enabled,
    last_checkin: d.last_check_in,
    lost_mode_status: d.lost_mode_status,
  });
}

/** Only Macs report the macOS posture categories (FileVault, firewall, Gatekeeper, startup). */
function macFacts(
  fleet: KandjiFleet,
  index: number,
): { d: SimDevice; f: SimDeviceFacts } | undefined {
  const d = fleet.devices[index] as SimDevice;
  return d.platform === 'Mac' ? { d, f: fleet.facts[index] as SimDeviceFacts } : undefined;
}

/** prism/filevault: the columns of Kandji's published example. */
export function prismFilevaultRow(
  fleet: KandjiFleet,
  index: number,
): Record<string, unknown> | undefined {
  const m = macFacts(fleet, index);
  if (!m) return undefined;
  return Object.assign(prismContext(m.d, m.f), {
    status: m.f.filevaultEnabled,
    key_type: m.f.filevaultKeyType,
    key_escrowed: m.f.filevaultPrkEscrowed,
    regeneration_needed: false,
    scheduled_key_rotation: null,
  });
}

/** prism/application_firewall: the columns of Kandji's published example. */
export function prismApplicationFirewallRow(
  fleet: KandjiFleet,
  index: number,
): Record<string, unknown> | undefined {
  const m = macFacts(fleet, index);
  if (!m) return undefined;
  return Object.assign(prismContext(m.d, m.f), {
    status: m.f.firewallEnabled,
    block_all_incoming: false,
    logging: true,
    logging_option: 'throttled',
    stealth_mode: m.f.firewallEnabled === true,
    allow_signed_applications: true,
  });
}

/** prism/gatekeeper_and_xprotect: the columns of Kandji's published example. */
export function prismGatekeeperRow(
  fleet: KandjiFleet,
  index: number,
): Record<string, unknown> | undefined {
  const m = macFacts(fleet, index);
  if (!m) return undefined;
  return Object.assign(prismContext(m.d, m.f), {
    gatekeeper_status: m.f.gatekeeperEnabled,
    trusted_developers: true,
    gatekeeper_version: '8.0',
    xprotect_version: '5283',
    malware_removal_tool_version: '1.93',
  });
}

/** prism/startup_settings: the columns of Kandji's published example. */
export function prismStartupSettingsRow(
  fleet: KandjiFleet,
  index: number,
): Record<string, unknown> | undefined {
  const m = macFacts(fleet, index);
  if (!m) return undefined;
  return Object.assign(prismContext(m.d, m.f), {
    sip: m.f.sipEnabled,
    ssv: m.f.sipEnabled,
    bootstrap_token_escrowed: m.f.bootstrapTokenEscrowed,
    secure_boot_level: m.f.secureBootLevel,
    external_boot_level: 'allowed',
  });
}

/**
 * prism/activation_lock, as Kandji publishes it: a device_information row. Its real
 * activation-lock columns are unknown, and the simulator does not invent them.
 */
export function prismActivationLockRow(fleet: KandjiFleet, index: number): Record<string, unknown> {
  return prismDeviceInformationRow(fleet, index);
}

export function prismAppRow(
  fleet: KandjiFleet,
  index: number,
  app: SimApp,
): Record<string, unknown> {
  const d = fleet.devices[index] as SimDevice;
  const f = fleet.facts[index] as SimDeviceFacts;
  return Object.assign(prismContext(d, f), {
    count: 1,
    path: app.path,
    obtained_from: app.source,
    bundle_size: app.bundle_size,
    bundle_id: app.bundle_id,
    name: app.app_name,
    short_version: app.version,
    version: app.version,
    signature: app.signature,
    app_store_vendable: app.app_store_vendable,
    device_based_vpp: app.device_based_vpp,
    has_update_available: false,
    bundle_name: app.app_name,
    bundle_display_name: app.app_name,
  });
}

export function prismInstalledProfileRow(
  fleet: KandjiFleet,
  index: number,
  profileId: string,
): Record<string, unknown> {
  const d = fleet.devices[index] as SimDevice;
  const f = fleet.facts[index] as SimDeviceFacts;
  const p = fleet.customProfiles.find((c) => c.id === profileId);
  return Object.assign(prismContext(d, f), {
    profile_display_name: p?.name ?? '',
    payload_identifier: p?.mdm_identifier ?? '',
    payload_uuid: profileId,
    encrypted: false,
    managed: true,
    organization: 'Kandji',
    removable: false,
    signed: true,
    profile_data: [
      {
        type: 'com.apple.ManagedClient.preferences',
        uuid: profileId,
        version: 1,
        identifier: p?.mdm_identifier ?? '',
        display_name: p?.name ?? '',
        organization: 'Kandji',
      },
    ],
  });
}
