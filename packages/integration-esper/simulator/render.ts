import type {
  EsperFleet,
  SimAppleApp,
  SimApplication,
  SimDevice,
  SimDeviceApp,
  SimGroup,
  SimUser,
} from './fleet';

/** Renders fleet records as Esper v1 JSON; `api` is the public API base, e.g. http://127.0.0.1:PORT/api */
export function enterpriseUrl(api: string, fleet: EsperFleet): string {
  return `${api}/enterprise/${fleet.enterprise.id}/`;
}
export function groupUrl(api: string, fleet: EsperFleet, groupId: string): string {
  return `${api}/enterprise/${fleet.enterprise.id}/devicegroup/${groupId}/`;
}
export function userUrl(api: string, userId: number): string {
  return `${api}/user/${userId}/`;
}

export function renderEnterprise(api: string, fleet: EsperFleet): Record<string, unknown> {
  const e = fleet.enterprise;
  return {
    id: e.id,
    url: enterpriseUrl(api, fleet),
    name: e.name,
    display_name: e.name,
    short_code: e.shortCode,
    mdm_service: 1,
    details: {
      id: 1,
      registered_name: `${e.name} Inc.`,
      registered_address: '1 Harbour Road',
      location: 'Seattle',
      zipcode: '98101',
      contact_person: 'IT Operations',
      contact_number: '+1 555 0100',
      contact_email: `it@${fleet.domain}.example`,
      created_on: e.createdOn,
      updated_on: e.createdOn,
      is_active: true,
    },
    created_on: e.createdOn,
    updated_on: e.createdOn,
    is_active: true,
    emm: {
      id: 1,
      google_enterprise_id: e.googleEnterpriseId,
      name: e.name,
      state: e.emmState,
      callback_url: `${api}/emm/callback/`,
      signup_url: e.secrets.signupUrl,
      completion_token: e.secrets.completionToken,
      enterprise_token: e.secrets.enterpriseToken,
      is_active: true,
      created_on: e.createdOn,
      updated_on: e.createdOn,
      enterprise: enterpriseUrl(api, fleet),
    },
  };
}

export function renderEnterpriseV1(fleet: EsperFleet): Record<string, unknown> {
  const e = fleet.enterprise;
  return {
    id: e.id,
    name: e.name,
    short_code: e.shortCode,
    registered_name: `${e.name} Inc.`,
    contact_email: `it@${fleet.domain}.example`,
    emm: { google_enterprise_id: e.googleEnterpriseId },
    created_on: e.createdOn,
    updated_on: e.createdOn,
  };
}

export function renderApplication(
  api: string,
  fleet: EsperFleet,
  a: SimApplication,
): Record<string, unknown> {
  return {
    id: a.malformed ? null : a.id,
    versions: a.versions.map((v) => ({
      id: v.id,
      version_code: v.versionCode,
      build_number: v.buildNumber,
      hash_string: v.id.replace(/-/g, ''),
      // Signed, expiring link in the real API.
      download_url: `https://esper-apps.example/${a.packageName}/${v.buildNumber}.apk?X-Amz-Signature=${v.id}`,
      icon_url: null,
      min_sdk_version: '24',
      target_sdk_version: '33',
      release_name: v.releaseName,
      release_comments: null,
    })),
    application_name: a.name,
    package_name: a.packageName,
    developer: a.developer,
    category: a.category,
    content_rating: 'Everyone',
    compatibility: null,
    created_on: a.createdOn,
    updated_on: a.updatedOn,
    is_active: a.isActive,
    is_hidden: a.isHidden,
    auto_update_app: false,
    enterprise: enterpriseUrl(api, fleet),
  };
}

export function renderGroup(api: string, fleet: EsperFleet, g: SimGroup): Record<string, unknown> {
  return {
    id: g.malformed ? null : g.id,
    name: g.name,
    description: g.description,
    thumbnail: null,
    created_on: g.createdOn,
    updated_on: g.createdOn,
    enterprise: enterpriseUrl(api, fleet),
    parent: g.parentId ? groupUrl(api, fleet, g.parentId) : null,
    device_count: g.deviceCount,
    path: g.path,
    children_count: g.childrenCount,
    blueprint: null,
  };
}

export function renderDevice(
  api: string,
  fleet: EsperFleet,
  d: SimDevice,
): Record<string, unknown> {
  const eid = fleet.enterprise.id;
  return {
    id: d.malformed ? null : d.id,
    url: `${api}/enterprise/${eid}/device/${d.id}/`,
    device_name: d.name,
    alias_name: d.alias,
    policy_name: 'Default Policy',
    status: d.state,
    state: d.state,
    current_command: null,
    suid: d.id.replace(/-/g, '').slice(0, 16),
    fcm_id: d.secrets.fcmId ?? null,
    mqtt_id: null,
    iot_mqtt_base_topic: `devices/${d.id}/`,
    api_level: d.apiLevel,
    template_name: 'Default Template',
    softwareInfo: d.hasInfo
      ? {
          androidVersion: d.androidVersion,
          securityPatchLevel: d.securityPatch,
          androidBuildNumber: d.buildNumber,
          androidBuildTime: null,
          bootloaderVersion: 'unknown',
          deviceKernelVersion: '4.19.157',
          supportedAbi: 'arm64-v8a',
        }
      : null,
    hardwareInfo: d.hasInfo
      ? {
          brand: d.brand,
          model: d.model,
          manufacturer: d.manufacturer,
          serialNumber: d.serial,
          hardware: 'qcom',
          deviceBasebandVersion: null,
        }
      : null,
    networkInfo: d.hasInfo
      ? {
          imei1: d.imei1 ?? '',
          imei2: d.imei2 ?? '',
          wifiMacAddress: d.wifiMac,
          ethernetMacAddress: d.ethernetMac,
        }
      : null,
    memoryInfo: d.hasInfo
      ? { totalRam: 3_875_000, totalInternalStorage: 32, internalStorageBinaryPrefix: 'GB' }
      : null,
    provisioned_on: d.provisionedOn,
    created_on: d.createdOn,
    updated_on: d.updatedOn,
    is_active: d.state !== 20,
    is_gms: d.isGms,
    esper_client: null,
    enterprise: enterpriseUrl(api, fleet),
    policy: `${api}/enterprise/${eid}/policy/1/`,
    user: d.userId !== null ? userUrl(api, d.userId) : null,
    groups: d.groupIds.map((gid) => groupUrl(api, fleet, gid)),
    tags: d.tags,
    use_mqtt: true,
    device_type: 'real',
    current_app_mode: 0,
    lockdown_state: 0,
    timezone_string: 'America/Los_Angeles',
    // Saved Wi-Fi networks; their item fields are not published, so the simulator lists none.
    wifi_access_points: [],
    emm_device: null,
  };
}

export function renderDeviceApp(deviceId: string, a: SimDeviceApp): Record<string, unknown> {
  return {
    id: a.id,
    app_name: a.appName,
    package_name: a.malformed ? null : a.packageName,
    version_code: a.versionCode,
    version_name: a.versionName,
    whitelisted: a.appType !== 'USER',
    is_data_clearable: true,
    is_uninstallable: a.appType === 'USER',
    product_id: null,
    permissions: [],
    app_type: a.appType,
    created_on: '2024-01-01T00:00:00.000000Z',
    updated_on: '2024-01-01T00:00:00.000000Z',
    is_active: true,
    device: deviceId,
  };
}

export function renderUser(fleet: EsperFleet, u: SimUser): Record<string, unknown> {
  return {
    id: u.malformed ? null : u.id,
    username: u.username,
    email: u.email,
    first_name: u.firstName,
    last_name: u.lastName,
    full_name: `${u.firstName} ${u.lastName}`,
    is_active: u.isActive,
    is_staff: u.isStaff,
    is_superuser: u.isSuperuser,
    emm: null,
    has_emm: false,
    profile: {
      role: u.role,
      authz_role_id: null,
      groups: [],
      enterprise: fleet.enterprise.id,
      created_on: '2022-01-01T00:00:00.000000Z',
      updated_on: '2022-01-01T00:00:00.000000Z',
    },
    last_login: u.lastLogin,
    token: u.token,
  };
}

/** A v2 device (/api/v2/devices/): only fields of the live type records or the reference. */
export function renderDeviceV2(fleet: EsperFleet, d: SimDevice): Record<string, unknown> {
  const android = d.platform === 'ANDROID';
  return {
    id: d.malformed ? null : d.id,
    name: d.name,
    alias: d.alias ?? '',
    os: d.os,
    platform: d.platform,
    state: d.state,
    serial: d.hasInfo ? d.serial : '',
    os_version: d.osVersion,
    tenant_id: fleet.enterprise.id,
    group_id: d.groupIds[0] ?? null,
    tags: [],
    provisioned_on: d.provisionedOn,
    last_seen: d.lastSeen,
    created_at: d.createdOn,
    updated_at: d.updatedOn,
    managed_by: 'BLUEPRINT',
    hardware_info: d.hasInfo
      ? { brand: d.brand, model: d.model, manufacturer: d.manufacturer, serial: d.serial }
      : null,
    software_info: d.hasInfo
      ? {
          os_version: d.osVersion,
          ...(android && { security_patch_level: d.securityPatch }),
          esper_agent_info: { version_name: '9.3.2803', version_code: '93280300' },
        }
      : null,
    network_info: d.hasInfo
      ? {
          ...(d.imei1 !== null && { imei1: d.imei1 }),
          ...(d.imei2 !== null && { imei2: d.imei2 }),
          wifi_mac_address: d.wifiMac.toLowerCase(),
          ...(d.ethernetMac !== null && { ethernet_mac_address: d.ethernetMac.toLowerCase() }),
        }
      : null,
    memory_info: d.hasInfo ? { total_ram: '5472', total_internal_storage: '137438' } : null,
    ...(android && {
      fcm_id: d.secrets.fcmId,
      mqtt_topic: `devices/${d.id}/`,
      is_gms: d.isGms,
      dpc_version: 'v9.3.2803',
    }),
    ...(d.platform === 'APPLE' && {
      udid: d.udid,
      is_supervised: d.isSupervised,
      tokens: {
        push_magic: d.secrets.pushMagic,
        push_token: d.secrets.pushToken,
        device_token: d.secrets.deviceToken,
      },
    }),
    ...(d.platform === 'WINDOWS' && { windows_config: { channel_uri: d.secrets.channelUri } }),
  };
}

/** An item of /api/v2/devices/{id}/device-apps/: ids only. */
export function renderDeviceAppV2(deviceId: string, a: SimDeviceApp): Record<string, unknown> {
  return {
    id: a.id,
    device_id: deviceId,
    app_id: a.malformed ? null : a.appId,
    app_type: a.appType,
    app_version_id: a.appVersionId,
    created_at: '2024-01-01T00:00:00.000000Z',
    updated_at: '2024-01-01T00:00:00.000000Z',
  };
}

/** /api/v2/tenant-apps/{id}/ content (the live record has no display name). */
export function renderTenantApp(fleet: EsperFleet, a: SimAppleApp): Record<string, unknown> {
  return {
    id: a.id,
    package_name: a.bundleId,
    platform: 'APPLE',
    tenant_id: fleet.enterprise.id,
    created_at: '2024-01-01T00:00:00.000000Z',
    created_by: 'admin',
    updated_at: '2024-01-01T00:00:00.000000Z',
    updated_by: 'admin',
  };
}

/** An item of /api/v2/itunesapps/?app_id= (VPP apps). */
export function renderItunesApp(a: SimAppleApp): Record<string, unknown> {
  return { bundle_id: a.bundleId, apple_app_version: a.version, app_name: a.name };
}
