import { describe, expect, it } from 'vitest';
import { expectedProfileAssignments } from '../../../test/expected';
import { configFor, executeStep, keysOf, runAllSteps, SMALL_FLEET, withSimulator } from '../../../test/harness';
import { Steps } from '../constants';

describe('fetch-installed-profiles', () => {
  it('links devices to their installed custom profiles from Prism (not the MDM profile)', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const { collectedRelationships } = await executeStep(Steps.INSTALLED_PROFILES, configFor(sim));
      const expected = expectedProfileAssignments(sim.fleet);
      expect(expected.length).toBeGreaterThan(0);
      expect(keysOf(collectedRelationships, 'kandji_device_assigned_profile')).toEqual(expected);
    });
  });

  it('uses the details read by fetch-devices in per-device mode (no extra requests)', async () => {
    await withSimulator({ ...SMALL_FLEET, deniedPermissions: ['prism'] }, async (sim) => {
      const context = await runAllSteps(configFor(sim));
      expect(keysOf(context.jobState.collectedRelationships, 'kandji_device_assigned_profile')).toEqual(expectedProfileAssignments(sim.fleet));
      expect(sim.server.stats().byRoute['device-details']?.count).toBe(sim.fleet.devices.length);
    });
  });
});
