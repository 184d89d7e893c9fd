import { describe, expect, it } from 'vitest';
import { expectedGraph, sorted } from '../../../test/expected';
import { executeStep, keysOf, SMALL_FLEET, withSimulator } from '../../../test/harness';
import { Entities, Relationships, Steps } from '../constants';

describe('fetch-device-groups', () => {
  it('ingests every group with its nesting', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      const result = await executeStep(Steps.DEVICE_GROUPS, sim.config);
      expect(keysOf(result.collectedEntities, Entities.DEVICE_GROUP._type)).toEqual(
        sorted(expected.groups),
      );
      expect(
        keysOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_DEVICE_GROUP._type),
      ).toEqual(sorted(expected.accountHasGroup));
      expect(
        keysOf(result.collectedRelationships, Relationships.DEVICE_GROUP_HAS_DEVICE_GROUP._type),
      ).toEqual(sorted(expected.groupHasGroup));
      expect(expected.groupHasGroup.length).toBeGreaterThan(0);
      expect(sim.server.stats().byRoute['device-groups']?.count).toBeGreaterThanOrEqual(3);
      for (const g of sim.fleet.groups) {
        expect(result.collectedEntities.find((e) => e.id === g.id)).toMatchObject({
          path: g.path,
          deviceCount: g.deviceCount,
          childrenCount: g.childrenCount,
          ...(g.parentId ? { parentId: g.parentId } : {}),
        });
      }
    });
  });

  it('drops nesting to a malformed parent, keeps the child', async () => {
    await withSimulator({ ...SMALL_FLEET, malformed: { groups: 3 } }, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      const result = await executeStep(Steps.DEVICE_GROUPS, sim.config);
      expect(keysOf(result.collectedEntities, Entities.DEVICE_GROUP._type)).toEqual(
        sorted(expected.groups),
      );
      expect(
        keysOf(result.collectedRelationships, Relationships.DEVICE_GROUP_HAS_DEVICE_GROUP._type),
      ).toEqual(sorted(expected.groupHasGroup));
    });
  });
});
