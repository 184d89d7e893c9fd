import type { SimRequest, SimResponse, SimRoute } from '@mdm-graph/mdm-core/sim';
import { type DrfOptions, drfPage } from './drf';
import type { EsperFleet } from './fleet';
import {
  renderApplication,
  renderDevice,
  renderDeviceApp,
  renderEnterprise,
  renderEnterpriseV1,
  renderGroup,
  renderDeviceAppV2,
  renderDeviceV2,
  renderItunesApp,
  renderTenantApp,
  renderUser,
} from './render';
import { v2Page } from './v2';

/** Route names: stats keys, fault targets and `deny`/`missing` targets. */
export const RouteNames = {
  ENTERPRISE: 'enterprise',
  ENTERPRISE_V1: 'enterprise-v1',
  TOKEN_INFO: 'token-info',
  APPLICATIONS: 'applications',
  DEVICE_GROUPS: 'device-groups',
  DEVICE_GROUP: 'device-group',
  DEVICES: 'devices',
  DEVICE: 'device',
  DEVICE_APPS: 'device-apps',
  USERS: 'users',
  USER: 'user',
  V2_DEVICES: 'v2-devices',
  V2_DEVICE: 'v2-device',
  V2_DEVICE_APPS: 'v2-device-apps',
  V2_TENANT_APP: 'v2-tenant-app',
  V2_ITUNES_APPS: 'v2-itunes-apps',
  TOKEN: 'oauth-token',
} as const;
export type RouteName = (typeof RouteNames)[keyof typeof RouteNames];

/** Every /api/v2/ route: answered 404 together when the tenant has no v2. */
export const V2_ROUTES: readonly RouteName[] = [
  RouteNames.V2_DEVICES,
  RouteNames.V2_DEVICE,
  RouteNames.V2_DEVICE_APPS,
  RouteNames.V2_TENANT_APP,
  RouteNames.V2_ITUNES_APPS,
];

export interface RouteOptions extends DrfOptions {
  /** v2 list maximum `limit` (esper-cli spec: 1000). */
  v2MaxPageSize: number;
  /** Routes answering 403 (a key without that permission). */
  deny?: readonly RouteName[];
  /** Routes answering 404 (not available on this tenant). */
  missing?: readonly RouteName[];
}

const notFound = (): SimResponse => ({ status: 404, json: { detail: 'Not found.' } });
const forbidden = (): SimResponse => ({
  status: 403,
  json: { detail: 'You do not have permission to perform this action.' },
});

/** Public API base as clients see it, e.g. http://127.0.0.1:PORT/api */
const apiBase = (req: SimRequest) => `${req.baseUrl}/api`;

/**
 * Esper v1 read routes as pure functions of the request and the fleet.
 * Enterprise-scoped routes answer 404 for any other enterprise id.
 */
export function esperRoutes(fleet: EsperFleet, o: RouteOptions): SimRoute[] {
  const eid = fleet.enterprise.id;
  const guard =
    (name: RouteName, handler: (req: SimRequest) => SimResponse) =>
    (req: SimRequest): SimResponse => {
      if (o.deny?.includes(name)) return forbidden();
      if (o.missing?.includes(name)) return notFound();
      if (req.params.eid !== undefined && req.params.eid.toLowerCase() !== eid) return notFound();
      return handler(req);
    };
  /** The v1 device API is Android-only. */
  const v1Devices = () => fleet.devices.filter((d) => d.platform === 'ANDROID' && !d.hiddenFromV1);
  const v2 = {
    maxPageSize: o.v2MaxPageSize,
    oversizedLimit: o.oversizedLimit,
    cutShort: o.cutShort,
  };
  const route = (
    name: RouteName,
    path: string,
    handler: (req: SimRequest) => SimResponse,
  ): SimRoute => ({
    method: 'GET',
    path,
    name,
    handler: guard(name, handler),
  });

  return [
    route(RouteNames.ENTERPRISE, '/api/enterprise/:eid/', (req) => ({
      json: renderEnterprise(apiBase(req), fleet),
    })),
    route(RouteNames.ENTERPRISE_V1, '/api/v1/enterprise/:eid/', () => ({
      json: renderEnterpriseV1(fleet),
    })),
    route(RouteNames.TOKEN_INFO, '/api/v1/token-info/', () => ({
      json: { id: 1, enterprise: eid, scope: ['read'], expires_on: '2099-01-01T00:00:00Z' },
    })),
    route(RouteNames.APPLICATIONS, '/api/enterprise/:eid/application/', (req) =>
      drfPage(req, fleet.applications, (a) => renderApplication(apiBase(req), fleet, a), o),
    ),
    route(RouteNames.DEVICE_GROUPS, '/api/enterprise/:eid/devicegroup/', (req) => {
      const name = req.query.get('name');
      const groups = name ? fleet.groups.filter((g) => g.name === name) : fleet.groups;
      return drfPage(req, groups, (g) => renderGroup(apiBase(req), fleet, g), o);
    }),
    route(RouteNames.DEVICE_GROUP, '/api/enterprise/:eid/devicegroup/:gid/', (req) => {
      const g = fleet.groups.find((x) => x.id === req.params.gid);
      return g ? { json: renderGroup(apiBase(req), fleet, g) } : notFound();
    }),
    route(RouteNames.DEVICES, '/api/enterprise/:eid/device/', (req) => {
      const state = req.query.get('state');
      const devices = state ? v1Devices().filter((d) => String(d.state) === state) : v1Devices();
      return drfPage(req, devices, (d) => renderDevice(apiBase(req), fleet, d), o);
    }),
    route(RouteNames.DEVICE, '/api/enterprise/:eid/device/:did/', (req) => {
      const d = v1Devices().find((x) => x.id === req.params.did);
      return d ? { json: renderDevice(apiBase(req), fleet, d) } : notFound();
    }),
    route(RouteNames.DEVICE_APPS, '/api/enterprise/:eid/device/:did/app/', (req) => {
      const did = req.params.did ?? '';
      // A device deleted between the list and this call is a 404, as for any unknown device.
      if (!v1Devices().some((d) => d.id === did)) return notFound();
      return drfPage(req, fleet.deviceApps(did), (a) => renderDeviceApp(did, a), o);
    }),
    route(RouteNames.USERS, '/api/user/', (req) => {
      // The filters Esper's own tool sends; without one, those accounts are listed too.
      const q = (name: string) => req.query.get(name);
      const users = fleet.users.filter(
        (u) =>
          !(u.kind === 'device-role' && q('exclude_enterprise_device_role') === 'true') &&
          !(u.kind === 'google-role' && q('exclude_google_roles') === 'true') &&
          !(u.kind === 'no-authn' && q('authn_user_id_null') === 'false'),
      );
      return drfPage(req, users, (u) => renderUser(fleet, u), o);
    }),
    route(RouteNames.V2_DEVICES, '/api/v2/devices/', (req) => {
      const platforms = req.query.get('platform')?.toUpperCase().split(',');
      const devices = platforms
        ? fleet.devices.filter((d) => platforms.includes(d.platform))
        : fleet.devices;
      return v2Page(req, devices, (d) => renderDeviceV2(fleet, d), v2);
    }),
    route(RouteNames.V2_DEVICE, '/api/v2/devices/:did/', (req) => {
      const d = fleet.devices.find((x) => x.id === req.params.did);
      return d ? { json: { content: renderDeviceV2(fleet, d) } } : notFound();
    }),
    route(RouteNames.V2_DEVICE_APPS, '/api/v2/devices/:did/device-apps/', (req) => {
      const did = req.params.did ?? '';
      const d = fleet.devices.find((x) => x.id === did);
      if (!d) return notFound();
      // Seen live for an Android device: an empty collection as `results: null`.
      if (d.platform !== 'APPLE') {
        return { json: { content: { count: 0, next: null, prev: null, results: null } } };
      }
      return v2Page(req, fleet.deviceApps(did), (a) => renderDeviceAppV2(did, a), v2);
    }),
    route(RouteNames.V2_TENANT_APP, '/api/v2/tenant-apps/:aid/', (req) => {
      const a = fleet.appleApps.find((x) => x.id === req.params.aid && x.kind === 'TENANT_IOS');
      return a ? { json: { content: renderTenantApp(fleet, a) } } : notFound();
    }),
    route(RouteNames.V2_ITUNES_APPS, '/api/v2/itunesapps/', (req) => {
      const appId = req.query.get('app_id');
      const apps = fleet.appleApps.filter((a) => a.kind === 'VPP' && (!appId || a.id === appId));
      return v2Page(req, apps, renderItunesApp, v2);
    }),
    route(RouteNames.USER, '/api/user/:uid/', (req) => {
      const u = fleet.users.find((x) => String(x.id) === req.params.uid);
      return u ? { json: renderUser(fleet, u) } : notFound();
    }),
  ];
}
