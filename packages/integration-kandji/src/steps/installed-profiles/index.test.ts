import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { expectedProfileAssignments } from '../../../test/expected';
import {
  captureLogs,
  configFor,
  executeStep,
  keysOf,
  runAllSteps,
  SMALL_FLEET,
  withSimulator,
} from '../../../test/harness';
import { Steps } from '../constants';

describe('fetch-installed-profiles', () => {
  it('links devices to their installed custom profiles from Prism (not the MDM profile)', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const { collectedRelationships } = await executeStep(
        Steps.INSTALLED_PROFILES,
        configFor(sim),
      );
      const expected = expectedProfileAssignments(sim.fleet);
      expect(expected.length).toBeGreaterThan(0);
      expect(keysOf(collectedRelationships, 'kandji_device_assigned_profile')).toEqual(expected);
    });
  });

  it('uses the details read by fetch-devices in per-device mode (no extra requests)', async () => {
    await withSimulator({ ...SMALL_FLEET, deniedPermissions: ['prism'] }, async (sim) => {
      const context = await runAllSteps(configFor(sim));
      expect(
        keysOf(context.jobState.collectedRelationships, 'kandji_device_assigned_profile'),
      ).toEqual(expectedProfileAssignments(sim.fleet));
      expect(sim.server.stats().byRoute['device-details']?.count).toBe(sim.fleet.devices.length);
    });
  });

  it('without Prism and Device details: fetch-devices warns once and succeeds, this step fails (its type partial) without repeating the 403s', async () => {
    await withSimulator(
      { ...SMALL_FLEET, deniedPermissions: ['prism', 'deviceDetails'] },
      async (sim) => {
        const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
        const logs = captureLogs(context);
        const failures = new Map<string, Error>();
        await runAllSteps(configFor(sim), { context, failures });
        expect([...failures.keys()]).toEqual([Steps.INSTALLED_PROFILES]);
        const error = failures.get(Steps.INSTALLED_PROFILES);
        expect(error).toBeInstanceOf(IntegrationProviderAuthorizationError);
        expect(error?.message).toContain('"Device details"');
        expect(
          keysOf(context.jobState.collectedRelationships, 'kandji_device_assigned_profile'),
        ).toEqual([]);
        expect(keysOf(context.jobState.collectedEntities, 'kandji_device')).toHaveLength(
          sim.fleet.devices.length,
        );
        expect(logs.warnEvents()).toEqual([expect.stringContaining('"Device details" permission')]);
        // fetch-devices stopped at the first 403s (8 in flight); this step sent none.
        expect(sim.server.stats().byRoute['device-details']?.count).toBeLessThanOrEqual(8);
      },
    );
  });

  it('fails with the permission when it must read details itself and is denied', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      // fetch-devices read Prism; then the token loses Prism and Device details.
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      await runAllSteps(configFor(sim), {
        context,
        steps: [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES, Steps.CUSTOM_PROFILES],
      });
      sim.setDeniedPermissions(['prism', 'deviceDetails']);
      const failures = new Map<string, Error>();
      await runAllSteps(configFor(sim), { context, failures, steps: [Steps.INSTALLED_PROFILES] });
      expect(failures.get(Steps.INSTALLED_PROFILES)).toBeInstanceOf(
        IntegrationProviderAuthorizationError,
      );
      expect(logs.warnEvents()).toEqual([expect.stringContaining('"Device details" permission')]);
    });
  });
});
