import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import type { IntegrationConfig } from '../../config';
import { expectedGraph, listedUser, sorted } from '../../../test/expected';
import { keysOf, runSteps, SMALL_FLEET, withSimulator } from '../../../test/harness';
import { Entities, IngestionSources, Relationships, Steps } from '../constants';

/** The link step after the devices only (fetch-users never runs): what it adds itself. */
async function linkOnly(config: IntegrationConfig) {
  const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: config });
  await runSteps(config, { context, steps: [Steps.ACCOUNT, Steps.DEVICE_GROUPS, Steps.DEVICES] });
  const before = new Set(context.jobState.collectedEntities.map((e) => e._key));
  const beforeRels = new Set(context.jobState.collectedRelationships.map((r) => r._key));
  await runSteps(config, { context, steps: [Steps.USER_DEVICE_RELATIONSHIPS] });
  return {
    collectedEntities: context.jobState.collectedEntities.filter((e) => !before.has(e._key)),
    collectedRelationships: context.jobState.collectedRelationships.filter(
      (r) => !beforeRels.has(r._key),
    ),
  };
}

describe('build-user-device-relationships', () => {
  it('links each device to the user its `user` URL names, matching the directory', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      // fetch-users is not a dependency: the step reads the directory itself (once per run).
      const result = await linkOnly(sim.config);
      expect(sim.server.stats().byRoute.users?.count).toBe(
        Math.ceil(sim.fleet.users.filter(listedUser).length / 4),
      );
      expect(keysOf(result.collectedEntities, Entities.USER._type)).toEqual(
        sorted(expected.deviceOnlyUsers),
      );
      expect(keysOf(result.collectedRelationships, Relationships.USER_HAS_DEVICE._type)).toEqual(
        sorted(expected.userHasDevice),
      );
      expect(expected.userHasDevice.length).toBeGreaterThan(0);
    });
  });

  it('creates users missing from the directory with their id only (no invented name or email)', async () => {
    await withSimulator({ ...SMALL_FLEET, malformed: { users: 4 } }, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      expect(expected.deviceOnlyUsers.length).toBeGreaterThan(0);
      const result = await linkOnly(sim.config);
      expect(keysOf(result.collectedRelationships, Relationships.USER_HAS_DEVICE._type)).toEqual(
        sorted(expected.userHasDevice),
      );
      const created = result.collectedEntities.filter((e) => e._type === Entities.USER._type);
      expect(created.map((e) => e._key).sort()).toEqual(sorted(expected.deviceOnlyUsers));
      for (const user of created) {
        expect(user).toMatchGraphObjectSchema({ _class: ['User'] });
        expect(user).toMatchObject({
          email: null,
          username: null,
          firstName: null,
          lastName: null,
          inDirectory: false,
        });
        expect(user.displayName).toBe(`Esper user ${String(user.id)}`);
      }
    });
  });

  it('with the users source off: no users request, every link, every user by its id', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      const context = createMockStepExecutionContext<IntegrationConfig>({
        instanceConfig: sim.config,
      });
      context.instance.disabledSources = [{ ingestionSourceId: IngestionSources.USERS }];
      await runSteps(sim.config, {
        context,
        steps: [Steps.ACCOUNT, Steps.DEVICE_GROUPS, Steps.DEVICES, Steps.USER_DEVICE_RELATIONSHIPS],
      });
      expect(sim.server.stats().byRoute.users?.count ?? 0).toBe(0);
      expect(keysOf(context.jobState.collectedEntities, Entities.USER._type)).toEqual(
        sorted(expected.deviceUsers),
      );
      expect(
        keysOf(context.jobState.collectedRelationships, Relationships.USER_HAS_DEVICE._type),
      ).toEqual(sorted(expected.userHasDevice));
    });
  });
});
