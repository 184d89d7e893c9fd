import {
  applicationsEndpoint,
  deviceAppsEndpoint,
  deviceEndpoint,
  deviceGroupsEndpoint,
  devicesEndpoint,
  enterpriseEndpoint,
  usersEndpoint,
} from './v1';
import {
  itunesAppsEndpoint,
  tenantAppEndpoint,
  v2DeviceAppsEndpoint,
  v2DeviceEndpoint,
  v2DevicesEndpoint,
} from './v2';

/**
 * The Esper client: every endpoint the integration reads, declared once in `v1.ts` / `v2.ts`
 * (path template, permission, schema, page strategy), and how a client is built (`create.ts`).
 * Nothing here imports the steps.
 */

/** Every endpoint by name: its path template and the permission the API key needs. */
export const Endpoints = {
  enterprise: enterpriseEndpoint,
  applications: applicationsEndpoint,
  deviceGroups: deviceGroupsEndpoint,
  devices: devicesEndpoint,
  device: deviceEndpoint,
  deviceApps: deviceAppsEndpoint,
  users: usersEndpoint,
  v2Devices: v2DevicesEndpoint,
  v2Device: v2DeviceEndpoint,
  v2DeviceApps: v2DeviceAppsEndpoint,
  tenantApp: tenantAppEndpoint,
  itunesApps: itunesAppsEndpoint,
} as const;
export type EndpointName = keyof typeof Endpoints;

export type { EsperEndpoint } from './endpoint';
export { block, idFromUrl, idOf, optBool, optNum, optStr, str } from './fields';
export {
  closeEsperPools,
  createEsperClient,
  credentialFieldOf,
  type EsperClientOptions,
  pageSizeOf,
  withEsperClient,
} from './create';
export {
  type ByCountOptions,
  type CountedPage,
  DrfEnvelope,
  type PageRetry,
  paginateByCount,
  V2Envelope,
} from './paginate-by-count';
export {
  ApplicationSchema,
  DeviceAppSchema,
  DeviceGroupSchema,
  DeviceSchema,
  EnterpriseSchema,
  type EsperApplication,
  type EsperDevice,
  type EsperDeviceApp,
  type EsperDeviceGroup,
  type EsperEnterprise,
  type EsperUser,
  deviceExists,
  getEnterprise,
  listApplications,
  listDeviceApps,
  listDeviceGroups,
  listDevices,
  listUsers,
  USER_FILTERS,
  UserSchema,
} from './v1';
export {
  deviceExistsV2,
  type EsperV2Device,
  type EsperV2DeviceApp,
  type EsperV2ItunesApp,
  type EsperV2TenantApp,
  getItunesApp,
  getTenantApp,
  listDeviceAppsV2,
  listDevicesV2,
  V2DeviceAppSchema,
  V2DeviceSchema,
  V2ItunesAppSchema,
  V2TenantAppSchema,
} from './v2';
