/**
 * The Esper client: every endpoint the integration reads, declared once in `endpoints.ts` (path
 * template, permission) and read in `v1.ts` / `v2.ts` (schema, page strategy, typed results),
 * and the one way a client is built (`api.ts`). Nothing here imports the steps.
 */
export {
  type EndpointName,
  Endpoints,
  type EsperEndpoint,
  esperEndpoint,
  Permissions,
} from './endpoints';
export { esper } from './vendor';
export {
  closeEsperPools,
  createEsperClient,
  credentialFieldOf,
  type EsperClientOptions,
  pageSizeOf,
  withEsperClient,
} from './api';
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
  V2Envelope,
  V2ItunesAppSchema,
  V2TenantAppSchema,
} from './v2';
