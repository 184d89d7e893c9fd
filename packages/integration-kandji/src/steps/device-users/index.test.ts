import { describe, expect, it } from 'vitest';
import { expectedDeviceUserKeys, expectedUserKeys } from '../../../test/expected';
import {
  configFor,
  executeStep,
  keysOf,
  runAllSteps,
  SMALL_FLEET,
  withSimulator,
} from '../../../test/harness';
import { Steps } from '../constants';

describe('build-device-user-relationships', () => {
  it('links each device to its assigned user, creating users missing from the directory', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const { collectedEntities, collectedRelationships } = await executeStep(
        Steps.DEVICE_USERS,
        configFor(sim),
      );
      expect(keysOf(collectedRelationships, 'kandji_device_has_user')).toEqual(
        expectedDeviceUserKeys(sim.fleet),
      );
      // Only the orphans (not in the directory) are created by this step.
      const orphans = [...new Set(sim.fleet.orphanUsers.map((u) => `kandji_user:${u.id}`))].sort();
      expect(keysOf(collectedEntities, 'kandji_user')).toEqual(orphans);
      expect(orphans.length).toBeGreaterThan(0);
      for (const e of collectedEntities) expect(e).toMatchGraphObjectSchema({ _class: ['User'] });
      const mapped = collectedRelationships.filter((r) => r._type === 'kandji_user_is_employee');
      expect(mapped).toHaveLength(orphans.length);
    });
  });

  it('matches 2022-era integer user ids to directory users by email', async () => {
    await withSimulator({ ...SMALL_FLEET, legacyUserIds: true }, async (sim) => {
      const context = await runAllSteps(configFor(sim));
      const directoryKeys = new Set(sim.fleet.users.map((u) => `kandji_user:${u.id}`));
      const links = context.jobState.collectedRelationships.filter(
        (r) => r._type === 'kandji_device_has_user',
      );
      const withDirectoryEmail = sim.fleet.devices.filter(
        (d) =>
          d.user !== '' &&
          d.user.email &&
          sim.fleet.users.some((u) => u.email === (d.user === '' ? '' : d.user.email)),
      );
      expect(links.filter((r) => directoryKeys.has(String(r._toEntityKey)))).toHaveLength(
        withDirectoryEmail.length,
      );
      expect(keysOf(context.jobState.collectedEntities, 'kandji_user').length).toBeLessThan(
        expectedUserKeys(sim.fleet).length,
      );
    });
  });
});
