import { describe, expect, it } from 'vitest';
import { expectedGraph, sorted } from '../../../test/expected';
import { executeStep, keysOf, SMALL_FLEET, withSimulator } from '../../../test/harness';
import { Relationships, Steps } from '../constants';

describe('build-user-device-relationships', () => {
  it('links each device to the user its `user` URL names', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      const result = await executeStep(Steps.USER_DEVICE_RELATIONSHIPS, sim.config);
      expect(result.collectedEntities).toEqual([]);
      expect(keysOf(result.collectedRelationships, Relationships.USER_HAS_DEVICE._type)).toEqual(
        sorted(expected.userHasDevice),
      );
      expect(expected.userHasDevice.length).toBeGreaterThan(0);
    });
  });

  it('skips devices whose user was not ingested', async () => {
    await withSimulator({ ...SMALL_FLEET, malformed: { users: 4 } }, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      const result = await executeStep(Steps.USER_DEVICE_RELATIONSHIPS, sim.config);
      expect(keysOf(result.collectedRelationships, Relationships.USER_HAS_DEVICE._type)).toEqual(
        sorted(expected.userHasDevice),
      );
    });
  });
});
