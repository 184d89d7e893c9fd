import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { expectedBlueprintAssignments } from '../../../test/expected';
import {
  byKey,
  captureLogs,
  configFor,
  executeStep,
  keysOf,
  runAllSteps,
  SMALL_FLEET,
  withSimulator,
} from '../../../test/harness';
import { Steps } from '../constants';

describe('fetch-blueprints', () => {
  it('ingests blueprints across DRF pages (absolute next pinned to our host) and device ASSIGNED blueprint', async () => {
    // next URLs name another host: the client must keep using the configured one.
    await withSimulator(
      { ...SMALL_FLEET, publicBaseUrl: 'https://elsewhere.example' },
      async (sim) => {
        const { collectedEntities, collectedRelationships } = await executeStep(
          Steps.BLUEPRINTS,
          configFor(sim, { pageSize: 3 }),
        );
        const { blueprints } = sim.fleet;
        expect(keysOf(collectedEntities, 'kandji_blueprint')).toEqual(
          blueprints.map((b) => `kandji_blueprint:${b.id}`).sort(),
        );
        expect(sim.server.stats().byRoute.blueprints?.count).toBe(3);
        const entities = byKey(collectedEntities);
        for (const b of blueprints) {
          const e = entities.get(`kandji_blueprint:${b.id}`);
          expect(e).toMatchGraphObjectSchema({ _class: ['Configuration'] });
          expect(e).toMatchObject({
            name: b.name,
            blueprintType: b.type,
            computersCount: b.computers_count,
            enrollmentCodeActive: b.enrollment_code.is_active,
          });
          expect(JSON.stringify(e)).not.toContain(b.enrollment_code.code);
        }
        expect(keysOf(collectedRelationships, 'kandji_device_assigned_blueprint')).toEqual(
          expectedBlueprintAssignments(sim.fleet),
        );
      },
    );
  });

  it('without the Blueprints permission: one warning naming it, then only this step fails (its types partial)', async () => {
    await withSimulator(
      { ...SMALL_FLEET, deniedPermissions: ['blueprints'], badRecords: { blueprints: 1 } },
      async (sim) => {
        const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
        const logs = captureLogs(context);
        const failures = new Map<string, Error>();
        await runAllSteps(configFor(sim), {
          context,
          failures,
          steps: [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES, Steps.BLUEPRINTS],
        });
        expect([...failures.keys()]).toEqual([Steps.BLUEPRINTS]);
        expect(failures.get(Steps.BLUEPRINTS)).toBeInstanceOf(
          IntegrationProviderAuthorizationError,
        );
        expect(failures.get(Steps.BLUEPRINTS)?.message).toContain('"Blueprints"');
        expect(keysOf(context.jobState.collectedEntities, 'kandji_blueprint')).toEqual([]);
        expect(keysOf(context.jobState.collectedEntities, 'kandji_device')).toHaveLength(
          sim.fleet.devices.length,
        );
        expect(logs.warnEvents()).toEqual([expect.stringContaining('"Blueprints" permission')]);
      },
    );
  });

  it('skips and counts bad blueprint records', async () => {
    await withSimulator({ ...SMALL_FLEET, badRecords: { blueprints: 1 } }, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      await runAllSteps(configFor(sim), {
        context,
        steps: [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES, Steps.BLUEPRINTS],
      });
      expect(keysOf(context.jobState.collectedEntities, 'kandji_blueprint')).toHaveLength(
        sim.fleet.blueprints.length,
      );
      expect(logs.warnEvents()).toEqual([expect.stringContaining('1 blueprint')]);
    });
  });
});
