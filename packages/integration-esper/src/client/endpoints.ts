/** The `{name}` placeholders of a path template. */
type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/**
 * One Esper endpoint: its path template relative to the API base
 * (`https://{tenant}-api.esper.cloud/api`) and what the API key must be allowed to do to read it
 * (Esper has no per-key scopes: the role of the user who created the key decides). The steps
 * name both in their errors and in their J1 `authorization` metadata.
 */
export interface EsperEndpoint<T extends string = string> {
  /** e.g. `enterprise/{enterprise_id}/device/{device_id}/app/` */
  readonly template: T;
  /** e.g. `read installed apps on devices` */
  readonly permission: string;
  /** The path with every placeholder filled in (URI-encoded). */
  path(params: Record<Placeholders<T>, string>): string;
}

export function esperEndpoint<const T extends string>(template: T, permission: string) {
  return {
    template,
    permission,
    path: (params: Record<Placeholders<T>, string>) =>
      template.replace(/\{(\w+)\}/g, (_, name: string) =>
        encodeURIComponent((params as Record<string, string>)[name] ?? ''),
      ),
  } satisfies EsperEndpoint<T>;
}

/**
 * What the API key must be allowed to do, per endpoint. Esper has no per-key scopes: the role of
 * the user who created the key (Esper Console > API Key Management) decides.
 */
export const Permissions = {
  ENTERPRISE: 'read the enterprise (any API key of the enterprise)',
  APPLICATIONS: 'read applications',
  DEVICE_GROUPS: 'read device groups',
  DEVICES: 'read devices',
  DEVICE_APPS: 'read installed apps on devices',
  USERS: 'read users (an API key of an Enterprise Admin)',
} as const;

/**
 * Every Esper endpoint this integration reads, once: path template (relative to the API base
 * `https://{tenant}-api.esper.cloud/api`) and the permission it needs. Schemas, page strategies
 * and the functions that read them are in v1.ts and v2.ts. Source:
 * ../shared/reference/esper-api.md (repository-relative: the shared/ folder beside this
 * repository). The v2 routes need what their v1 counterparts need.
 */
export const Endpoints = {
  /** GET: the enterprise (getEnterprise; validateInvocation's probe). */
  enterprise: esperEndpoint('enterprise/{enterprise_id}/', Permissions.ENTERPRISE),
  /** GET: the application catalog (listApplications; DRF envelope, `next` URLs). */
  applications: esperEndpoint('enterprise/{enterprise_id}/application/', Permissions.APPLICATIONS),
  /** GET: device groups (listDeviceGroups; DRF envelope, `next` URLs). */
  deviceGroups: esperEndpoint('enterprise/{enterprise_id}/devicegroup/', Permissions.DEVICE_GROUPS),
  /** GET: every Android device (listDevices; DRF envelope, pages computed from `count`). */
  devices: esperEndpoint('enterprise/{enterprise_id}/device/', Permissions.DEVICES),
  /** GET: one device, only asked whether it still exists (deviceExists). */
  device: esperEndpoint('enterprise/{enterprise_id}/device/{device_id}/', Permissions.DEVICES),
  /**
   * GET: the apps installed on one Android device (listDeviceApps; DRF envelope, `next` URLs).
   * Esper has no tenant-wide listing: one call per device.
   */
  deviceApps: esperEndpoint(
    'enterprise/{enterprise_id}/device/{device_id}/app/',
    Permissions.DEVICE_APPS,
  ),
  /**
   * GET: the user directory (listUsers, with USER_FILTERS; DRF envelope, `next` URLs). Not in
   * Esper's public spec; a key of a non-admin user may not read it.
   */
  users: esperEndpoint('user/', Permissions.USERS),
  /**
   * GET: every device of every platform (listDevicesV2; `content` envelope, pages from `count`).
   */
  v2Devices: esperEndpoint('v2/devices/', Permissions.DEVICES),
  /** GET: one device, only asked whether it still exists (deviceExistsV2). */
  v2Device: esperEndpoint('v2/devices/{device_id}/', Permissions.DEVICES),
  /** GET: ids of one device's installed apps (listDeviceAppsV2; `content` envelope, by `count`). */
  v2DeviceApps: esperEndpoint('v2/devices/{device_id}/device-apps/', Permissions.DEVICE_APPS),
  /** GET: names one installed (non-VPP) app (getTenantApp). */
  tenantApp: esperEndpoint('v2/tenant-apps/{app_id}/', Permissions.DEVICE_APPS),
  /** GET `?app_id=`: names one installed VPP app (getItunesApp). */
  itunesApps: esperEndpoint('v2/itunesapps/', Permissions.DEVICE_APPS),
} as const;
export type EndpointName = keyof typeof Endpoints;
