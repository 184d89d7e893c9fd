import { describe, expect, it } from 'vitest';
import {
  ApplicationSchema,
  DeviceAppSchema,
  DeviceGroupSchema,
  DeviceSchema,
  EnterpriseSchema,
  UserSchema,
  V2DeviceAppSchema,
  V2DeviceSchema,
  V2ItunesAppSchema,
  V2TenantAppSchema,
  V2Envelope,
} from '../src/client';
import { createEsperAccountEntity } from '../src/steps/account/converter';
import {
  createCatalogApplicationEntity,
  createUncatalogedApplicationEntity,
} from '../src/steps/applications/converter';
import { createDeviceGroupEntity } from '../src/steps/device-groups/converter';
import { createEsperDeviceEntity, createEsperV2DeviceEntity } from '../src/steps/devices/converter';
import { installedAppProperties } from '../src/steps/installed-apps/converter';
import { createEsperUserEntity } from '../src/steps/users/converter';
import { testConfig } from './config';
import { example, liveShape, mergeShapes, referenceShape, sample, type Shape } from './shapes';

/**
 * Contract tests on what Esper publishes (test/fixtures/vendor-examples/esper): every shape
 * parses with the client's schema, converts to entities valid against the J1 data model,
 * and no secret-bearing field (generated as "SECRET-<path>") reaches an entity or _rawData.
 */

const CONFIG = testConfig({
  domain: 'acme',
  enterpriseId: '3f2a7d9e-1b4c-4e8f-9a6b-0c1d2e3f4a5b',
  accessToken: 'contract-test-token',
});

function expectNoSecret(value: unknown): void {
  expect(JSON.stringify(value)).not.toContain('SECRET-');
}

const PLATFORMS = [
  ['ANDROID', 'Android', 'android'],
  ['APPLE', 'iOS', 'ios'],
  ['APPLE', 'iPadOS', 'ios'],
  ['APPLE', 'macOS', 'darwin'],
  ['WINDOWS', 'Windows', 'windows'],
  ['LINUX', 'Linux', 'linux'],
] as const;

/** The published v2 device shape, plus the per-platform fields the reference names. */
function v2Device(shape: Shape, platform: string, os: string): Record<string, unknown> {
  const extra: Shape =
    platform === 'APPLE'
      ? { udid: 'str', is_supervised: 'bool', tokens: referenceV2Tokens() }
      : platform === 'WINDOWS'
        ? { windows_config: { channel_uri: 'str' } }
        : {};
  const device = sample(mergeShapes(shape, extra)) as Record<string, unknown>;
  return { ...device, platform, os };
}
const referenceV2Tokens = (): Shape =>
  (referenceShape('v2-device') as Record<string, Shape>).tokens as Shape;

describe('contract: v2 device list (esper-cli live record)', () => {
  const body = sample(liveShape('v2-devices-list'));

  it('the envelope parses (content{count, next, prev, results})', () => {
    const page = V2Envelope.parse(body);
    expect(page.count).toBe(1);
    expect(page.results).toHaveLength(1);
  });

  const item = (liveShape('v2-devices-list') as { content: { results: Shape[] } }).content
    .results[0] as Shape;
  it.each(PLATFORMS)(
    'a %s (%s) item parses and converts to a valid Device',
    (platform, os, osType) => {
      const raw = v2Device(item, platform, os);
      const parsed = V2DeviceSchema.safeParse(raw);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      if (!parsed.success) return;
      const entity = createEsperV2DeviceEntity(parsed.data);
      expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
      expect(entity).toMatchObject({ osType, esperPlatform: platform });
      expect(entity.lastSeenOn).toBe(Date.parse('2026-02-14T20:20:51.895Z'));
      expectNoSecret(entity);
    },
  );
});

describe('contract: v2 device get (esper-cli live record)', () => {
  const body = sample(liveShape('v2-devices-get')) as { content: Record<string, unknown> };

  it('content parses and converts to a valid Device, alone and merged into a v1 Android device', () => {
    const parsed = V2DeviceSchema.safeParse({ ...body.content, platform: 'ANDROID' });
    expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
    if (!parsed.success) return;
    const alone = createEsperV2DeviceEntity(parsed.data);
    expect(alone).toMatchGraphObjectSchema({ _class: ['Device'] });
    expectNoSecret(alone);
    const v1 = DeviceSchema.parse({
      ...(sample(referenceShape('device-v1')) as object),
      id: parsed.data.id,
    });
    const merged = createEsperDeviceEntity(v1, parsed.data);
    expect(merged).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(merged.lastSeenOn).toBe(Date.parse('2026-02-14T20:20:51.895Z'));
    expectNoSecret(merged);
  });
});

describe('contract: v2 device-apps of an Android device (results: null, count 0; the record was corrected by its author)', () => {
  it('parses as an empty page', () => {
    // "int" is sampled as 1: the point is that `results: null` reads as no records.
    expect(V2Envelope.parse(sample(liveShape('v2-device-apps-android-device')))).toEqual({
      count: 1,
      results: [],
    });
  });

  it('a reference device-apps item (ids only) parses', () => {
    const parsed = V2DeviceAppSchema.safeParse(sample(referenceShape('v2-device-app')));
    expect(parsed.success).toBe(true);
  });
});

describe('contract: v2 tenant apps (esper-cli live record)', () => {
  const shape = liveShape('v2-tenant-apps-list') as { content: { results: Shape[] } };

  it('the list envelope parses (next present, prev null)', () => {
    const page = V2Envelope.parse(sample(shape));
    expect(page.results).toHaveLength(1);
  });

  it('an app, as the content of /v2/tenant-apps/{id}/, gives the bundle id that names an installed app', () => {
    const content = sample(shape.content.results[0] as Shape);
    const app = V2TenantAppSchema.parse({ content }).content;
    expect(app.package_name).toBe('package_name-value');
    const entity = createUncatalogedApplicationEntity({
      package_name: app.package_name ?? '',
      app_name: app.package_name,
      app_type: 'TENANT_IOS',
    });
    expect(entity).toMatchGraphObjectSchema({ _class: ['Application'] });
  });

  it('a reference iTunes app (VPP) parses', () => {
    expect(V2ItunesAppSchema.safeParse(sample(referenceShape('v2-itunes-app'))).success).toBe(true);
  });
});

describe('contract: v2 device object of a third-party ITSM doc (trimmed by its author, ids elided as "...")', () => {
  it('parses and converts with its real values', () => {
    const parsed = V2DeviceSchema.parse(example('v2-device-object.itsm-doc-excerpt.json'));
    const entity = createEsperV2DeviceEntity(parsed);
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity).toMatchObject({
      name: 'ACME-KSK-247',
      osType: 'android',
      osVersion: '14',
      serial: 'RZCW80EFNDB',
      make: 'samsung',
      model: 'SM-M146B',
      macAddresses: ['bc:f7:30:92:ea:2a'],
      deviceId: ['357718895129084'],
      lastSeenOn: Date.parse('2026-02-14T20:20:51.895Z'),
      state: 'Online',
      dpcVersion: 'v9.3.2803',
    });
  });
});

describe('contract: v1 shapes of the reference (esper-api.md "Object fields")', () => {
  it('enterprise -> a valid Account, without the emm secrets', () => {
    const parsed = EnterpriseSchema.parse(sample(referenceShape('enterprise')));
    const entity = createEsperAccountEntity(parsed, CONFIG);
    expect(entity).toMatchGraphObjectSchema({ _class: ['Account'] });
    expectNoSecret(entity);
  });

  it('application -> a valid Application', () => {
    const entity = createCatalogApplicationEntity(
      ApplicationSchema.parse(sample(referenceShape('application'))),
    );
    expect(entity).toMatchGraphObjectSchema({ _class: ['Application'] });
  });

  it('device group -> a valid Group', () => {
    const entity = createDeviceGroupEntity(
      DeviceGroupSchema.parse(sample(referenceShape('device-group'))),
    );
    expect(entity).toMatchGraphObjectSchema({ _class: ['Group'] });
  });

  it('device -> a valid Device, without FCM id, MQTT ids or Wi-Fi access points', () => {
    const raw = sample(referenceShape('device-v1')) as Record<string, unknown>;
    const entity = createEsperDeviceEntity(
      DeviceSchema.parse({
        ...raw,
        wifi_access_points: [{ ssid: 'corp', password: 'SECRET-wifi' }],
      }),
    );
    expect(entity).toMatchGraphObjectSchema({ _class: ['Device'] });
    expect(entity.groupIds).toHaveLength(1);
    expect(entity.userId).toBe('8');
    expectNoSecret(entity);
  });

  it('installed app -> a valid Application and link properties', () => {
    const app = DeviceAppSchema.parse(sample(referenceShape('device-app-v1')));
    expect(createUncatalogedApplicationEntity(app)).toMatchGraphObjectSchema({
      _class: ['Application'],
    });
    expect(installedAppProperties(app)).toMatchObject({ packageName: 'package_name-value' });
  });

  it('user -> a valid User, without its token', () => {
    const entity = createEsperUserEntity(UserSchema.parse(sample(referenceShape('user'))));
    expect(entity).toMatchGraphObjectSchema({ _class: ['User'] });
    expectNoSecret(entity);
  });
});
