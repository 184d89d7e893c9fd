import type { Entity, Relationship } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import type { IntegrationConfig } from '../src/config';
import { Entities, Relationships, Steps } from '../src/steps/constants';
import type { EsperSimulator } from '../simulator';
import { type ExpectedGraph, expectedGraph, sorted } from './expected';
import {
  captureLogs,
  type Ctx,
  keysOf,
  MULTI_OS_FLEET,
  runSteps,
  SMALL_FLEET,
  withSimulator,
} from './harness';

function assertExactGraph(context: Ctx, expected: ExpectedGraph): void {
  const { collectedEntities: entities, collectedRelationships: relationships } = context.jobState;
  expect(keysOf(entities, Entities.ACCOUNT._type)).toEqual([expected.account]);
  expect(keysOf(entities, Entities.APPLICATION._type)).toEqual(
    sorted([...expected.applications, ...expected.uncatalogedApplications]),
  );
  expect(keysOf(entities, Entities.DEVICE_GROUP._type)).toEqual(sorted(expected.groups));
  expect(keysOf(entities, Entities.DEVICE._type)).toEqual(sorted(expected.devices));
  expect(keysOf(entities, Entities.USER._type)).toEqual(sorted(expected.users));
  const rel = (type: string) => keysOf(relationships, type);
  expect(rel(Relationships.ACCOUNT_HAS_APPLICATION._type)).toEqual(
    sorted(expected.accountHasApplication),
  );
  expect(rel(Relationships.ACCOUNT_HAS_DEVICE_GROUP._type)).toEqual(
    sorted(expected.accountHasGroup),
  );
  expect(rel(Relationships.ACCOUNT_HAS_DEVICE._type)).toEqual(sorted(expected.accountHasDevice));
  expect(rel(Relationships.ACCOUNT_HAS_USER._type)).toEqual(sorted(expected.accountHasUser));
  expect(rel(Relationships.DEVICE_GROUP_HAS_DEVICE_GROUP._type)).toEqual(
    sorted(expected.groupHasGroup),
  );
  expect(rel(Relationships.DEVICE_GROUP_HAS_DEVICE._type)).toEqual(sorted(expected.groupHasDevice));
  expect(rel(Relationships.USER_HAS_DEVICE._type)).toEqual(sorted(expected.userHasDevice));
  expect(rel(Relationships.DEVICE_HAS_APPLICATION._type)).toEqual(
    sorted(expected.deviceHasApplication),
  );
  expect(rel('esper_user_is_employee')).toHaveLength(expected.userEmails.length);
}

function assertValidAgainstDataModel(entities: Entity[], relationships: Relationship[]): void {
  for (const meta of Object.values(Entities)) {
    const ofType = entities.filter((e) => e._type === meta._type);
    expect(ofType.length).toBeGreaterThan(0);
    expect(ofType).toMatchGraphObjectSchema({ _class: [...meta._class] });
  }
  expect(relationships.filter((r) => !r._mapping)).toMatchDirectRelationshipSchema({});
}

function assertNoSecrets(haystacks: string[], secrets: string[]): void {
  for (const haystack of haystacks) {
    for (const secret of secrets) expect(haystack).not.toContain(secret);
  }
}

function skippedCounts(logs: string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const match of logs.matchAll(/"skipped":\{([^}]*)\}/g)) {
    for (const [, resource, n] of (match[1] ?? '').matchAll(/"([^"]+)":(\d+)/g)) {
      counts[resource ?? ''] = (counts[resource ?? ''] ?? 0) + Number(n);
    }
  }
  return counts;
}

const freshContext = (sim: EsperSimulator, config: IntegrationConfig) => {
  const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: config });
  return { context, logs: captureLogs(context), sim };
};

describe('the whole Esper graph', () => {
  it('is exact, valid and secret-free with an API key, bad records skipped and counted', async () => {
    const malformed = { devices: 2, applications: 1, groups: 1, users: 1, deviceApps: 3 };
    await withSimulator({ ...SMALL_FLEET, malformed }, async (sim) => {
      const { context, logs } = freshContext(sim, sim.config);
      await runSteps(sim.config, { context });
      const expected = expectedGraph(sim.fleet);
      assertExactGraph(context, expected);
      assertValidAgainstDataModel(
        context.jobState.collectedEntities,
        context.jobState.collectedRelationships,
      );
      assertNoSecrets(
        [
          JSON.stringify(context.jobState.collectedEntities),
          JSON.stringify(context.jobState.collectedRelationships),
          logs(),
        ],
        [...sim.fleet.secrets(), sim.token],
      );
      expect(skippedCounts(logs())).toEqual({
        device: malformed.devices,
        'v2 device': expected.skipped.v2Devices,
        application: malformed.applications,
        'device group': malformed.groups,
        user: malformed.users,
        // Only apps of devices that were ingested are fetched.
        'installed app': expected.skipped.deviceApps,
      });
      expect(expected.skipped.deviceApps).toBeGreaterThan(0);
    });
  });

  it('collects an Android, Apple, Windows and Linux fleet: one entity per device, platform and last check-in on each', async () => {
    const malformed = { devices: 2, deviceApps: 4 };
    await withSimulator({ ...MULTI_OS_FLEET, malformed }, async (sim) => {
      const { context, logs } = freshContext(sim, sim.config);
      await runSteps(sim.config, { context });
      const expected = expectedGraph(sim.fleet);
      assertExactGraph(context, expected);
      assertValidAgainstDataModel(
        context.jobState.collectedEntities,
        context.jobState.collectedRelationships,
      );
      const devices = context.jobState.collectedEntities.filter(
        (e) => e._type === Entities.DEVICE._type,
      );
      const osTypes = new Set(devices.map((d) => d.osType));
      expect([...osTypes].sort()).toEqual(['android', 'darwin', 'ios', 'linux', 'windows']);
      for (const d of sim.fleet.devices.filter((x) => !x.malformed)) {
        const entity = devices.find((e) => e.id === d.id);
        expect(entity, d.id).toBeDefined();
        expect(entity).toMatchObject({
          esperPlatform: d.platform,
          lastSeenOn: Date.parse(d.lastSeen),
          name: d.name,
        });
        if (d.hasInfo) {
          expect(entity).toMatchObject({ serial: d.serial, model: d.model });
          expect(entity?.macAddresses).toContain(d.wifiMac.toLowerCase());
        }
      }
      // Secrets of every platform (FCM ids, Apple push tokens, Windows channel URIs, user
      // tokens, enterprise tokens) are nowhere: not in entities, _rawData, relationships or logs.
      const secrets = sim.fleet.secrets();
      expect(secrets.some((x) => x.startsWith('PUSHTOKEN-'))).toBe(true);
      expect(secrets.some((x) => x.includes('CHANNEL-'))).toBe(true);
      expect(secrets.some((x) => x.startsWith('FCM-'))).toBe(true);
      assertNoSecrets(
        [
          JSON.stringify(context.jobState.collectedEntities),
          JSON.stringify(context.jobState.collectedRelationships),
          logs(),
        ],
        [...secrets, sim.token],
      );
      // Apple apps: one lookup per distinct app, whatever the number of devices.
      const stats = sim.server.stats().byRoute;
      const apple = sim.fleet.appleApps;
      expect(stats['v2-tenant-app']?.count).toBe(
        apple.filter((a) => a.kind === 'TENANT_IOS').length,
      );
      expect(stats['v2-itunes-apps']?.count).toBe(apple.filter((a) => a.kind === 'VPP').length);
      expect(skippedCounts(logs())).toMatchObject({
        device: expected.skipped.devices,
        'v2 device': malformed.devices,
        'v2 installed app': expected.skipped.v2DeviceApps,
      });
    });
  });

  it('on a tenant without v2 (404) collects the Android devices, says so once and succeeds', async () => {
    await withSimulator({ ...MULTI_OS_FLEET, v2Absent: true }, async (sim) => {
      const { context, logs } = freshContext(sim, sim.config);
      await runSteps(sim.config, { context });
      const expected = expectedGraph(sim.fleet, { v2: false });
      assertExactGraph(context, expected);
      const devices = context.jobState.collectedEntities.filter(
        (e) => e._type === Entities.DEVICE._type,
      );
      expect(new Set(devices.map((d) => d.osType))).toEqual(new Set(['android']));
      for (const d of devices) expect(d.lastSeenOn).toBeNull();
      expect(logs().match(/v2 device API is not available/g)).toHaveLength(1);
      expect(sim.server.stats().byRoute['v2-devices']?.count).toBe(1);
    });
  });

  it('re-authenticates with OAuth2 when the access token expires mid-run', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const { context, logs } = freshContext(sim, sim.oauthConfig);
      await runSteps(sim.oauthConfig, {
        context,
        steps: [Steps.ACCOUNT, Steps.APPLICATIONS, Steps.DEVICE_GROUPS],
      });
      expect(sim.tokensIssued()).toBe(1);
      sim.revokeTokens();
      await runSteps(sim.oauthConfig, {
        context,
        steps: [Steps.DEVICES, Steps.USERS, Steps.USER_DEVICE_RELATIONSHIPS, Steps.INSTALLED_APPS],
      });
      expect(sim.tokensIssued()).toBe(2);
      expect(sim.server.stats().byStatus['401']).toBe(1);
      assertExactGraph(context, expectedGraph(sim.fleet));
      assertNoSecrets(
        [logs(), JSON.stringify(context.jobState.collectedEntities)],
        [sim.oauth.clientSecret, ...sim.fleet.secrets()],
      );
    });
  });

  it('rides out 429 bursts without rate-limit headers or Retry-After', async () => {
    const rateLimit = { windows: [{ name: 'burst', limit: 25, intervalMs: 1000 }] };
    await withSimulator({ ...SMALL_FLEET, rateLimit }, async (sim) => {
      const { context } = freshContext(sim, sim.config);
      await runSteps(sim.config, { context });
      expect(sim.server.stats().rateLimited).toBeGreaterThan(0);
      assertExactGraph(context, expectedGraph(sim.fleet));
    });
  });

  it('retries transient 5xx answers and resets', async () => {
    const faults = [
      { kind: 'status' as const, status: 503, route: 'device-apps', everyN: 5 },
      { kind: 'status' as const, status: 502, route: 'devices', times: 1 },
      { kind: 'reset' as const, route: 'applications', times: 1 },
    ];
    await withSimulator({ ...SMALL_FLEET, faults }, async (sim) => {
      const { context } = freshContext(sim, sim.config);
      await runSteps(sim.config, { context });
      expect(sim.server.stats().retries).toBeGreaterThan(0);
      assertExactGraph(context, expectedGraph(sim.fleet));
    });
  });
});
