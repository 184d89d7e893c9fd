import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveShape, mergeShapes, referenceShape, type Shape, unknownFields } from '../test/shapes';
import { type EsperSimulator, RouteNames, startEsperSimulator } from '.';

/**
 * The simulator invents nothing: for every Esper route it serves, the fields it emits are a
 * subset of the vendor's published shape for that endpoint (test/fixtures/vendor-examples/
 * esper: Esper's live type records) or, where none is published, of the reference's field
 * list for it (reference-fields.json, from shared/reference/esper-api.md).
 */

const v1List = (item: Shape): Shape => ({
  count: 'int',
  next: 'str',
  previous: 'str',
  results: [item],
});
const v2List = (item: Shape): Shape => ({
  content: { count: 'int', next: 'str', prev: 'str', previous: 'str', results: [item] },
});
const results = (name: string): Shape =>
  ((liveShape(name) as { content: { results: Shape[] } }).content.results[0] ?? {}) as Shape;

const v2Device = mergeShapes(
  results('v2-devices-list'),
  (liveShape('v2-devices-get') as { content: Shape }).content,
  referenceShape('v2-device'),
);

let sim: EsperSimulator;
beforeAll(async () => {
  sim = await startEsperSimulator({
    seed: 'fidelity',
    devices: 12,
    apple: 6,
    windows: 3,
    linux: 2,
    groups: 5,
    users: 6,
    appsPerDevice: 8,
    v2MaxPageSize: 1000,
  });
});
afterAll(async () => {
  await sim.close();
});

async function get(path: string): Promise<unknown> {
  const res = await fetch(`${sim.url}${path}`, {
    headers: { authorization: `Bearer ${sim.token}` },
  });
  expect(res.status, path).toBe(200);
  return res.json();
}

const eid = () => sim.enterpriseId;
const byPlatform = (platform: string) => {
  const d = sim.fleet.devices.find((x) => x.platform === platform);
  if (!d) throw new Error(`no ${platform} device`);
  return d;
};

const routes: [string, () => string, () => Shape][] = [
  [RouteNames.ENTERPRISE, () => `/enterprise/${eid()}/`, () => referenceShape('enterprise')],
  [
    RouteNames.ENTERPRISE_V1,
    () => `/v1/enterprise/${eid()}/`,
    () => referenceShape('enterprise-v1'),
  ],
  [RouteNames.TOKEN_INFO, () => '/v1/token-info/', () => referenceShape('token-info')],
  [
    RouteNames.APPLICATIONS,
    () => `/enterprise/${eid()}/application/?limit=250`,
    () => v1List(referenceShape('application')),
  ],
  [
    RouteNames.DEVICE_GROUPS,
    () => `/enterprise/${eid()}/devicegroup/?limit=250`,
    () => v1List(referenceShape('device-group')),
  ],
  [
    RouteNames.DEVICE_GROUP,
    () => `/enterprise/${eid()}/devicegroup/${sim.fleet.groups[1]?.id}/`,
    () => referenceShape('device-group'),
  ],
  [
    RouteNames.DEVICES,
    () => `/enterprise/${eid()}/device/?limit=250`,
    () => v1List(referenceShape('device-v1')),
  ],
  [
    RouteNames.DEVICE,
    () => `/enterprise/${eid()}/device/${byPlatform('ANDROID').id}/`,
    () => referenceShape('device-v1'),
  ],
  [
    RouteNames.DEVICE_APPS,
    () => `/enterprise/${eid()}/device/${byPlatform('ANDROID').id}/app/?limit=250`,
    () => v1List(referenceShape('device-app-v1')),
  ],
  [RouteNames.USERS, () => '/user/?limit=250', () => v1List(referenceShape('user'))],
  [RouteNames.USER, () => `/user/${sim.fleet.users[0]?.id}/`, () => referenceShape('user')],
  [RouteNames.V2_DEVICES, () => '/v2/devices/?limit=1000', () => v2List(v2Device)],
  ...(['ANDROID', 'APPLE', 'WINDOWS', 'LINUX'] as const).map(
    (p): [string, () => string, () => Shape] => [
      `${RouteNames.V2_DEVICE} (${p})`,
      () => `/v2/devices/${byPlatform(p).id}/`,
      () => ({ content: v2Device }),
    ],
  ),
  [
    `${RouteNames.V2_DEVICE_APPS} (APPLE)`,
    () => `/v2/devices/${byPlatform('APPLE').id}/device-apps/?limit=250`,
    () => v2List(referenceShape('v2-device-app')),
  ],
  [
    `${RouteNames.V2_DEVICE_APPS} (ANDROID)`,
    () => `/v2/devices/${byPlatform('ANDROID').id}/device-apps/`,
    () => liveShape('v2-device-apps-android-device'),
  ],
  [
    RouteNames.V2_TENANT_APP,
    () => `/v2/tenant-apps/${sim.fleet.appleApps.find((a) => a.kind === 'TENANT_IOS')?.id}/`,
    () => ({ content: results('v2-tenant-apps-list') }),
  ],
  [
    RouteNames.V2_ITUNES_APPS,
    () => `/v2/itunesapps/?app_id=${sim.fleet.appleApps.find((a) => a.kind === 'VPP')?.id}`,
    () => v2List(referenceShape('v2-itunes-app')),
  ],
];

describe('the Esper simulator emits only published fields', () => {
  it.each(routes)('%s', async (_name, path, shape) => {
    const body = await get(path());
    expect(unknownFields(body, shape())).toEqual([]);
  });

  it('covers every route it serves (except the OAuth2 token endpoint, a test double of ours)', () => {
    const tested = new Set(routes.map(([name]) => name.replace(/ \(.*\)$/, '')));
    const served = Object.values(RouteNames).filter((n) => n !== RouteNames.TOKEN);
    expect([...tested].sort()).toEqual([...served].sort());
  });

  it('detects an invented field (the check can fail)', () => {
    expect(
      unknownFields({ content: { results: [{ id: 'x', filevault: true }] } }, v2List(v2Device)),
    ).toEqual(['content.results[].filevault']);
  });
});
