import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
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

describe('fetch-custom-profiles', () => {
  it('ingests every page of custom profiles (page numbers, not next fed back as a page)', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const { collectedEntities } = await executeStep(Steps.CUSTOM_PROFILES, configFor(sim));
      const { customProfiles } = sim.fleet;
      expect(keysOf(collectedEntities, 'kandji_profile')).toEqual(
        customProfiles.map((p) => `kandji_profile:${p.id}`).sort(),
      );
      expect(sim.server.stats().byRoute['custom-profiles']?.count).toBe(
        Math.ceil(customProfiles.length / 3),
      );
      const entities = byKey(collectedEntities);
      for (const p of customProfiles) {
        const e = entities.get(`kandji_profile:${p.id}`);
        expect(e).toMatchGraphObjectSchema({ _class: ['Configuration'] });
        expect(e).toMatchObject({
          name: p.name,
          active: p.active,
          mdmIdentifier: p.mdm_identifier,
          runsOnMac: p.runs_on_mac,
          runsOnTv: p.runs_on_tv,
        });
        expect(JSON.stringify(e)).not.toContain('<plist');
      }
    });
  });

  it('skips bad records and warns without the Library items permission', async () => {
    await withSimulator({ ...SMALL_FLEET, badRecords: { customProfiles: 1 } }, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      await runAllSteps(configFor(sim), { context, steps: [Steps.CUSTOM_PROFILES] });
      expect(keysOf(context.jobState.collectedEntities, 'kandji_profile')).toHaveLength(
        sim.fleet.customProfiles.length,
      );
      expect(logs.warnEvents()).toEqual([expect.stringContaining('1 custom profile')]);
    });
    await withSimulator({ ...SMALL_FLEET, deniedPermissions: ['libraryItems'] }, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      const failures = new Map<string, Error>();
      await runAllSteps(configFor(sim), { context, failures });
      // Only the denied step fails (kandji_profile partial; installed profiles depend on it).
      expect([...failures.keys()]).toEqual([Steps.CUSTOM_PROFILES]);
      expect(failures.get(Steps.CUSTOM_PROFILES)).toBeInstanceOf(
        IntegrationProviderAuthorizationError,
      );
      expect(failures.get(Steps.CUSTOM_PROFILES)?.message).toContain(
        '"Library items (custom profiles)"',
      );
      expect(keysOf(context.jobState.collectedEntities, 'kandji_device')).toHaveLength(
        sim.fleet.devices.length,
      );
      expect(keysOf(context.jobState.collectedEntities, 'kandji_profile')).toEqual([]);
      expect(
        keysOf(context.jobState.collectedRelationships, 'kandji_device_assigned_profile'),
      ).toEqual([]);
      expect(logs.warnEvents()).toEqual([
        expect.stringContaining('"Library items (custom profiles)" permission'),
      ]);
      // Without profiles there is nothing to match: no installed-profile requests.
      const prism = sim.prismRequests();
      expect(prism.installed_profiles).toBeUndefined();
      expect(prism.device_information).toBe(Math.ceil(sim.fleet.devices.length / 4));
      expect(prism.apps).toBe(Math.ceil((sim.fleet.devices.length * 5) / 4));
    });
  });
});
