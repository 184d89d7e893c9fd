/**
 * Contract tests: every published Kandji example of every endpoint the client reads (see
 * fixtures/vendor-examples/README.md) is read through the client's page strategy and schema
 * (served by undici's MockAgent) and converted to entities that validate against the
 * JupiterOne data model. Known faults of the published examples are named in the test names.
 */
import {
  bearerAuth,
  CompletenessTracker,
  HttpClient,
  paginate,
  ValidationReport,
  type PageStrategy,
} from '@mdm-graph/mdm-core';
import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import type { ZodType } from 'zod';
import {
  blueprintSchema,
  blueprintsPages,
  customProfileSchema,
  customProfilesPages,
  deviceAppSchema,
  deviceAppsResponseSchema,
  deviceDetailsSchema,
  deviceSchema,
  devicesPages,
  licensingSchema,
  prismActivationLockSchema,
  prismAppSchema,
  prismApplicationFirewallSchema,
  prismCountSchema,
  prismDeviceInformationSchema,
  prismFilevaultSchema,
  prismGatekeeperSchema,
  prismInstalledProfileSchema,
  prismPages,
  prismStartupSettingsSchema,
  userSchema,
  usersPages,
  type KandjiDevice,
} from '../src/client';
import { loadConfig } from '../src/config';
import { createAccount } from '../src/steps/account/converter';
import {
  appIdentity,
  createApp,
  createDeviceAppRelationship,
  fromDeviceApp,
  fromPrismApp,
} from '../src/steps/apps/converter';
import { createBlueprint } from '../src/steps/blueprints/converter';
import {
  createDeviceProfileRelationship,
  createProfile,
} from '../src/steps/custom-profiles/converter';
import { createDevice, deviceKey } from '../src/steps/devices/converter';
import {
  detailFromDetails,
  detailFromPrismDeviceInformation,
  detailFromPrismFilevault,
  detailFromPrismFirewall,
  detailFromPrismGatekeeper,
  detailFromPrismStartupSettings,
  type DeviceDetailPart,
} from '../src/steps/devices/detail';
import { createDirectoryUser } from '../src/steps/users/converter';
import { exampleBodies, loadVendorExamples } from './vendor-examples';

const ORIGIN = 'https://accuhive.api.kandji.io';
const location = loadConfig({ apiUrl: ORIGIN, accessToken: 't' }).apiUrl;
const agents: MockAgent[] = [];

afterEach(async () => {
  await Promise.all(agents.splice(0).map((a) => a.close()));
});

/**
 * Reads `body` through the client's page strategy and schema: the first request gets the
 * published body, any further page request `then` (an empty page). Every record must parse.
 */
async function readPublished<T>(
  strategy: PageStrategy,
  schema: ZodType<T>,
  body: unknown,
  then: unknown,
): Promise<{ records: T[]; requests: string[] }> {
  const agent = new MockAgent();
  agent.disableNetConnect();
  agents.push(agent);
  const requests: string[] = [];
  agent
    .get(ORIGIN)
    .intercept({ path: () => true, method: 'GET' })
    .reply((opts) => {
      requests.push(String(opts.path));
      return {
        statusCode: 200,
        data: JSON.stringify(requests.length === 1 ? body : then),
        responseOptions: { headers: { 'content-type': 'application/json' } },
      };
    })
    .persist();
  const http = new HttpClient({
    baseUrl: `${ORIGIN}/api/v1`,
    auth: bearerAuth('t'),
    dispatcher: agent,
    retry: { maxRetries: 0 },
  });
  const report = new ValidationReport();
  const records: T[] = [];
  // A published example is one page of a longer list: its `total` (Prism) counts the whole
  // tenant list, so the completeness guard is given a tracker of its own and not asked.
  const completeness = new CompletenessTracker();
  for await (const r of paginate(http, strategy, {
    resource: 'record',
    schema,
    report,
    completeness,
  }))
    records.push(r);
  expect(report.entries(), 'records that failed the schema').toEqual([]);
  return { records, requests };
}

function rowsOf(body: unknown): unknown[] {
  return (body as { data: unknown[] }).data;
}

/** A device list item for a Prism row (its context columns), to convert a row into a device. */
function deviceFromPrismRow(row: Record<string, unknown>): KandjiDevice {
  return deviceSchema.parse({
    device_id: row.device_id,
    device_name: row.device__name,
    platform: row.device__family,
    serial_number: row.serial_number,
    model: row.model ?? null,
  });
}

function expectValidDevice(device: KandjiDevice, detail: DeviceDetailPart | undefined) {
  const entity = createDevice(device, detail, location);
  expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
  return entity;
}

const PRISM_END = { offset: 0, limit: 300, total: 0, cursor: null, data: [] };

describe('Kandji published examples: devices', () => {
  it.each(exampleBodies('device-information-list-devices'))(
    'GET devices "$name" parses and converts to valid Device entities',
    async ({ body }) => {
      // One example is a single device object (a serial-number query), the others arrays.
      const list = Array.isArray(body) ? body : [body];
      const { records, requests } = await readPublished(devicesPages(), deviceSchema, list, []);
      expect(records).toHaveLength(list.length);
      // A short first page is confirmed with one more request (offset past it).
      expect(requests).toHaveLength(2);
      for (const d of records) {
        const e = expectValidDevice(d, undefined);
        expect(e).toMatchObject({ _key: deviceKey(d.device_id), platform: d.platform });
      }
    },
  );

  it.each(exampleBodies('device-information-get-device'))(
    'GET devices/{id} "$name" parses and converts to a valid Device',
    ({ body }) => {
      const device = deviceSchema.parse(body);
      const e = expectValidDevice(device, undefined);
      // The iPad example's last_check_in is "": no lastSeenOn rather than a wrong one.
      if ((body as { last_check_in: string }).last_check_in === '')
        expect(e).toMatchObject({ lastSeenOn: null });
    },
  );

  it.each(exampleBodies('device-information-get-device-details'))(
    'GET devices/{id}/details "$name" parses (the Mac body is published with `...`) and converts to a valid Device',
    ({ body }) => {
      const details = deviceDetailsSchema.parse(body);
      const general = (body as { general: Record<string, unknown> }).general;
      const device = deviceSchema.parse({
        device_id: general.device_id,
        device_name: general.device_name,
        platform: general.platform,
        model: general.model,
      });
      const e = expectValidDevice(device, detailFromDetails(details));
      const mac = general.platform === 'Mac';
      if (mac) {
        // Kandji's Mac example: FileVault off, supervised "True", remote desktop on.
        expect(e).toMatchObject({
          encrypted: false,
          filevaultEnabled: false,
          filevaultRecoveryKeyEscrowed: false,
          supervised: true,
          remoteDesktopEnabled: true,
          activationLockEnabled: false,
          macAddresses: ['fc:e2:6c:27:1b:e4'],
        });
      } else {
        // Not applicable off the Mac: absent, though details say `filevault_prk_escrowed: false`.
        for (const p of ['encrypted', 'filevaultEnabled', 'filevaultRecoveryKeyEscrowed'])
          expect(e).not.toHaveProperty(p);
        expect(e).not.toHaveProperty('remoteDesktopEnabled');
      }
      if (general.platform === 'AppleTV') {
        // activation_lock_supported: false, and no `supervised` in mdm.
        expect(e).not.toHaveProperty('activationLockEnabled');
        expect(e).not.toHaveProperty('supervised');
      }
      expect(details.installed_profiles.every((p) => typeof p.uuid === 'string')).toBe(true);
    },
  );

  it.each(exampleBodies('device-information-get-device-apps'))(
    'GET devices/{id}/apps "$name" parses and converts to valid Application entities',
    ({ body }) => {
      const response = deviceAppsResponseSchema.parse(body);
      expect(response.apps.length).toBeGreaterThan(0);
      for (const raw of response.apps) {
        const install = fromDeviceApp(response.device_id ?? 'd', deviceAppSchema.parse(raw));
        const identity = appIdentity(install);
        expect(identity).toBeDefined();
        expect(createApp(identity!)).toMatchGraphObjectSchema({ _class: ['Application'] });
        const rel = createDeviceAppRelationship(
          deviceKey(install.deviceId),
          identity!._key,
          install,
        );
        expect(rel).toMatchDirectRelationshipSchema({});
        // Kandji publishes `"version": "No value"` (Contacts): that is no version.
        if ((raw as { version?: string }).version === 'No value') {
          expect(install.version).toBeNull();
          expect(rel.version).toBeUndefined();
        }
      }
    },
  );

  it('the published app list contains the "No value" version the client must not ingest', () => {
    const versions = exampleBodies('device-information-get-device-apps').flatMap(({ body }) =>
      (body as { apps: { version: string }[] }).apps.map((a) => a.version),
    );
    expect(versions).toContain('No value');
  });
});

describe('Kandji published examples: Prism', () => {
  it.each(exampleBodies('prism-device-information'))(
    'prism/device_information "$name" parses and converts to valid Device entities',
    async ({ body }) => {
      const { records } = await readPublished(
        prismPages('prism/device_information'),
        prismDeviceInformationSchema,
        body,
        PRISM_END,
      );
      expect(records).toHaveLength(rowsOf(body).length);
      rowsOf(body).forEach((row, i) => {
        const r = row as Record<string, unknown>;
        const e = expectValidDevice(
          deviceFromPrismRow(r),
          detailFromPrismDeviceInformation(records[i]!),
        );
        // device_information has no posture column: nothing read from it.
        expect(e).not.toHaveProperty('filevaultEnabled');
        expect(e).not.toHaveProperty('supervised');
        expect(e).toMatchObject({ macAddresses: null });
      });
    },
  );

  it.each(exampleBodies('prism-applications'))(
    'prism/apps "$name" parses and converts to valid Application entities',
    async ({ body }) => {
      const { records } = await readPublished(
        prismPages('prism/apps'),
        prismAppSchema,
        body,
        PRISM_END,
      );
      expect(records).toHaveLength(rowsOf(body).length);
      for (const row of records) {
        const identity = appIdentity(fromPrismApp(row));
        expect(createApp(identity!)).toMatchGraphObjectSchema({ _class: ['Application'] });
      }
    },
  );

  it.each(exampleBodies('prism-installed-profiles'))(
    'prism/installed_profiles "$name" parses into device ASSIGNED profile relationships',
    async ({ body }) => {
      const { records } = await readPublished(
        prismPages('prism/installed_profiles'),
        prismInstalledProfileSchema,
        body,
        PRISM_END,
      );
      expect(records.length).toBeGreaterThan(0);
      for (const row of records) {
        expect(row.payload_uuid).toEqual(expect.any(String));
        expect(
          createDeviceProfileRelationship(
            deviceKey(row.device_id),
            `kandji_profile:${row.payload_uuid}`,
          ),
        ).toMatchDirectRelationshipSchema({});
      }
    },
  );

  const posture: {
    file: string;
    category: string;
    schema: ZodType<{ device_id: string }>;
    toDetail: (row: never) => DeviceDetailPart;
    expected: Record<string, unknown>;
  }[] = [
    {
      file: 'prism-filevault',
      category: 'prism/filevault',
      schema: prismFilevaultSchema,
      toDetail: detailFromPrismFilevault,
      expected: { encrypted: false, filevaultEnabled: false, filevaultRecoveryKeyEscrowed: false },
    },
    {
      file: 'prism-application-firewall',
      category: 'prism/application_firewall',
      schema: prismApplicationFirewallSchema,
      toDetail: detailFromPrismFirewall,
      expected: { firewallEnabled: false },
    },
    {
      file: 'prism-gatekeeper-and-xprotect',
      category: 'prism/gatekeeper_and_xprotect',
      schema: prismGatekeeperSchema,
      toDetail: detailFromPrismGatekeeper,
      expected: { gatekeeperEnabled: true },
    },
    {
      file: 'prism-startup-settings',
      category: 'prism/startup_settings',
      schema: prismStartupSettingsSchema,
      toDetail: detailFromPrismStartupSettings,
      expected: { sipEnabled: true, secureBootLevel: 'full', bootstrapTokenEscrowed: true },
    },
  ];
  describe.each(posture)('$category', ({ file, category, schema, toDetail, expected }) => {
    it.each(exampleBodies(file))(
      `${category} "$name" parses and converts to a valid Device with its posture`,
      async ({ body }) => {
        const { records } = await readPublished(prismPages(category), schema, body, PRISM_END);
        expect(records).toHaveLength(rowsOf(body).length);
        const row = rowsOf(body)[0] as Record<string, unknown>;
        const e = expectValidDevice(deviceFromPrismRow(row), toDetail(records[0] as never));
        expect(e).toMatchObject(expected);
      },
    );
  });

  it.each(exampleBodies('prism-activation-lock'))(
    'prism/activation_lock "$name" is a known-wrong example (a copy of a device_information row): it parses, carries no activation-lock column, and nothing is read from it',
    async ({ body }) => {
      const { records } = await readPublished(
        prismPages('prism/activation_lock'),
        prismActivationLockSchema,
        body,
        PRISM_END,
      );
      expect(records.length).toBeGreaterThan(0);
      for (const row of records) {
        expect(row.columns).toEqual([]);
        expect(row.device_activation_lock_enabled).toBeNull();
      }
      // The copy: every row also is a device_information row.
      for (const row of rowsOf(body)) {
        expect(row).toHaveProperty('os_build');
        expect(prismDeviceInformationSchema.safeParse(row).success).toBe(true);
      }
    },
  );

  it.each(exampleBodies('prism-desktop-and-screensaver'))(
    'prism/desktop_and_screensaver "$name" is a known-wrong example (a copy of a device_information row; not read by the client)',
    ({ body }) => {
      const info = new Set(
        exampleBodies('prism-device-information').flatMap(({ body: b }) =>
          rowsOf(b).flatMap((r) => Object.keys(r as object)),
        ),
      );
      for (const row of rowsOf(body))
        for (const key of Object.keys(row as object)) expect(info, key).toContain(key);
    },
  );

  it.each(exampleBodies('prism-count'))('prism/count "$name" parses', ({ body }) => {
    expect(prismCountSchema.parse(body)).toEqual({ count: 82, approximate: false });
  });

  it('every Prism example uses the envelope the client pages ({offset, limit, total, data[]}, cursor null or absent)', () => {
    for (const file of [
      'prism-device-information',
      'prism-applications',
      'prism-installed-profiles',
      'prism-filevault',
      'prism-application-firewall',
      'prism-gatekeeper-and-xprotect',
      'prism-startup-settings',
      'prism-activation-lock',
    ]) {
      for (const { name, body } of exampleBodies(file)) {
        expect(body, `${file} ${name}`).toMatchObject({
          limit: expect.any(Number),
          data: expect.any(Array),
        });
        expect([null, undefined]).toContain((body as { cursor?: unknown }).cursor);
      }
    }
  });
});

describe('Kandji published examples: directory and account', () => {
  it.each(exampleBodies('users-list-users'))(
    'GET users "$name" parses, follows the published cursor on our host, and converts to valid User entities',
    async ({ body }) => {
      const { records, requests } = await readPublished(usersPages(), userSchema, body, {
        next: null,
        previous: null,
        results: [],
      });
      expect(records).toHaveLength((body as { results: unknown[] }).results.length);
      // The published `next` is on accuhive.kandji.io (no `.api.`): only its cursor is used.
      expect(requests[1]).toBe('/api/v1/users?cursor=cD0yOTE0Mw%3D%3D');
      for (const u of records)
        expect(createDirectoryUser(u)).toMatchGraphObjectSchema({ _class: ['User'] });
    },
  );

  it.each(exampleBodies('blueprints-list-blueprints'))(
    'GET blueprints "$name" parses and converts to valid Configuration entities',
    async ({ body }) => {
      const { records } = await readPublished(blueprintsPages(), blueprintSchema, body, {});
      expect(records).toHaveLength(2);
      for (const b of records)
        expect(createBlueprint(b, location)).toMatchGraphObjectSchema({
          _class: ['Configuration'],
        });
    },
  );

  it.each(exampleBodies('library-items-custom-profiles-list-custom-profiles'))(
    'GET library/custom-profiles "$name" parses and converts to valid Configuration entities',
    async ({ body }) => {
      const { records, requests } = await readPublished(
        customProfilesPages(),
        customProfileSchema,
        body,
        {},
      );
      expect(records).toHaveLength(2);
      expect(requests).toEqual(['/api/v1/library/custom-profiles?page=1']);
      for (const p of records)
        expect(createProfile(p)).toMatchGraphObjectSchema({ _class: ['Configuration'] });
    },
  );

  it.each(exampleBodies('settings-licensing'))(
    'GET settings/licensing "$name" parses and converts to a valid Account',
    ({ body }) => {
      const account = createAccount(location, licensingSchema.parse(body));
      expect(account).toMatchGraphObjectSchema({ _class: ['Account'] });
      expect(account).toMatchObject({ computersCount: 8, macosCount: 7, planType: 'single_limit' });
    },
  );

  it('every copied example file is read by a test here', () => {
    const files = [
      'device-information-list-devices',
      'device-information-get-device',
      'device-information-get-device-details',
      'device-information-get-device-apps',
      'prism-device-information',
      'prism-applications',
      'prism-installed-profiles',
      'prism-filevault',
      'prism-application-firewall',
      'prism-gatekeeper-and-xprotect',
      'prism-startup-settings',
      'prism-activation-lock',
      'prism-desktop-and-screensaver',
      'prism-count',
      'users-list-users',
      'blueprints-list-blueprints',
      'library-items-custom-profiles-list-custom-profiles',
      'settings-licensing',
    ];
    for (const f of files) expect(loadVendorExamples(f).examples.length, f).toBeGreaterThan(0);
  });
});
