import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { expectedApps } from '../../../test/expected';
import {
  byKey,
  captureLogs,
  configFor,
  keysOf,
  runAllSteps,
  SMALL_FLEET,
  withSimulator,
} from '../../../test/harness';
import { Entities, Relationships, Steps } from '../constants';

const APP_STEPS = [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES, Steps.APPS];

describe('fetch-apps', () => {
  it('creates one app per distinct application and device HAS app with version and path (Prism)', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      // fetch-apps runs beside fetch-devices (both need only the list), so the device keys its
      // relationships point at come from fetch-devices: run both, check the apps step's objects.
      const context = await runAllSteps(configFor(sim), { steps: APP_STEPS });
      const collectedEntities = context.jobState.collectedEntities.filter(
        (e) => e._type === Entities.APP._type,
      );
      const collectedRelationships = context.jobState.collectedRelationships.filter(
        (r) => r._type === Relationships.DEVICE_HAS_APP._type,
      );
      for (const r of collectedRelationships) {
        expect(r).toMatchDirectRelationshipSchema({});
        expect(
          context.jobState.hasKey(r._fromEntityKey as string) &&
            context.jobState.hasKey(r._toEntityKey as string),
        ).toBe(true);
      }
      const expected = expectedApps(sim.fleet);
      expect(keysOf(collectedEntities, Entities.APP._type)).toEqual(expected.appKeys);
      expect(keysOf(collectedRelationships, Relationships.DEVICE_HAS_APP._type)).toEqual(
        expected.relationshipKeys,
      );
      // The quirky bundle ids of the catalog are present and stayed distinct.
      expect(
        expected.appKeys.filter((k) => k.startsWith('kandji_app:name:')).length,
      ).toBeGreaterThanOrEqual(2);
      expect([...expected.relationships.values()].some((p) => p.version === undefined)).toBe(true);
      const relationships = byKey(collectedRelationships);
      for (const [key, props] of expected.relationships) {
        const r = relationships.get(key);
        expect(r).toMatchObject({ _class: 'HAS' });
        // Kandji's "No value" version is no version.
        if (props.version) expect(r).toMatchObject({ version: props.version });
        else expect(r?.version).toBeUndefined();
        if (props.path) expect(r).toMatchObject({ path: props.path });
        else expect(r).not.toHaveProperty('path');
      }
      for (const app of collectedEntities)
        expect(app).toMatchGraphObjectSchema({ _class: ['Application'] });
      // ~rows/300 requests: 14 devices x 5 apps / 4 per page = 18 pages.
      expect(sim.server.stats().byRoute['device-apps']).toBeUndefined();
    });
  });

  it('keeps several versions of one app on one device apart', async () => {
    await withSimulator({ ...SMALL_FLEET, devices: 30, seed: 'dupes' }, async (sim) => {
      const context = await runAllSteps(configFor(sim, { pageSize: 300 }), { steps: APP_STEPS });
      const rels = context.jobState.collectedRelationships.filter(
        (r) => r._type === 'kandji_device_has_app',
      );
      const pairs = new Map<string, number>();
      for (const r of rels)
        pairs.set(
          `${r._fromEntityKey}>${r._toEntityKey}`,
          (pairs.get(`${r._fromEntityKey}>${r._toEntityKey}`) ?? 0) + 1,
        );
      expect([...pairs.values()].some((n) => n >= 2)).toBe(true);
      expect(rels).toHaveLength(expectedApps(sim.fleet).relationshipKeys.length);
    });
  });

  it('falls back to per-device apps without Prism and produces the same graph', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const prism = await runAllSteps(configFor(sim), { steps: APP_STEPS });
      sim.server.resetStats();
      sim.setDeniedPermissions(['prism']);
      const context = await runAllSteps(configFor(sim), { steps: APP_STEPS });
      const pick = (c: typeof context, type: string) =>
        [...c.jobState.collectedEntities, ...c.jobState.collectedRelationships]
          .filter((o) => o._type === type)
          .sort((a, b) => a._key.localeCompare(b._key));
      expect(pick(context, 'kandji_app')).toEqual(pick(prism, 'kandji_app'));
      expect(pick(context, 'kandji_device_has_app')).toEqual(pick(prism, 'kandji_device_has_app'));
      expect(sim.server.stats().byRoute['device-apps']?.count).toBe(sim.fleet.devices.length);
    });
  });

  it('skips and counts bad app records in both modes', async () => {
    for (const deniedPermissions of [[], ['prism' as const]]) {
      await withSimulator(
        { ...SMALL_FLEET, badRecords: { apps: 2 }, deniedPermissions },
        async (sim) => {
          const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
          const logs = captureLogs(context);
          await runAllSteps(configFor(sim), { steps: APP_STEPS, context });
          expect(keysOf(context.jobState.collectedRelationships, 'kandji_device_has_app')).toEqual(
            expectedApps(sim.fleet).relationshipKeys,
          );
          expect(logs.warnEvents()).toContainEqual(
            expect.stringContaining('Skipped 2 Kandji record(s)'),
          );
          expect(logs.text()).not.toContain('Broken app');
        },
      );
    }
  });

  it('without Prism and Application list: one warning, devices kept, then the apps step fails (its types partial)', async () => {
    await withSimulator(
      { ...SMALL_FLEET, deniedPermissions: ['prism', 'applicationList'] },
      async (sim) => {
        const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
        const logs = captureLogs(context);
        const failures = new Map<string, Error>();
        await runAllSteps(configFor(sim), { steps: APP_STEPS, context, failures });
        expect([...failures.keys()]).toEqual([Steps.APPS]);
        expect(failures.get(Steps.APPS)).toBeInstanceOf(IntegrationProviderAuthorizationError);
        expect(failures.get(Steps.APPS)?.message).toContain('"Application list"');
        // The Prism 403 is a fallback, not a warning; the Application list 403 warns once.
        expect(logs.warnEvents()).toEqual([
          expect.stringContaining('"Application list" permission'),
        ]);
        expect(keysOf(context.jobState.collectedEntities, 'kandji_app')).toEqual([]);
        expect(keysOf(context.jobState.collectedEntities, 'kandji_device')).toHaveLength(
          sim.fleet.devices.length,
        );
        expect(logs.warnEvents()).toContainEqual(
          expect.stringContaining('"Application list" permission'),
        );
      },
    );
  });
});
