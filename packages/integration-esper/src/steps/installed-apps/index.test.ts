import { IntegrationWarnEventName } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it, vi } from 'vitest';
import { expectedGraph, sorted } from '../../../test/expected';
import { executeStep, keysOf, runSteps, SMALL_FLEET, withSimulator } from '../../../test/harness';
import type { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../constants';

describe('fetch-installed-apps', () => {
  it('links every device to its installed apps, with the version, creating apps not in the catalog', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      const result = await executeStep(Steps.INSTALLED_APPS, sim.config);
      expect(keysOf(result.collectedEntities, Entities.APPLICATION._type)).toEqual(
        sorted(expected.uncatalogedApplications),
      );
      const rels = result.collectedRelationships.filter(
        (r) => r._type === Relationships.DEVICE_HAS_APPLICATION._type,
      );
      expect(rels.map((r) => r._key).sort()).toEqual(sorted(expected.deviceHasApplication));
      for (const r of rels) expect(r.version).toBe(expected.installedVersions.get(r._key));
      expect(
        keysOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_APPLICATION._type),
      ).toEqual(
        sorted(expected.uncatalogedApplications.map((k) => `${expected.account}|has|${k}`)),
      );
      // 9 apps per device, 4 per page: 3 pages for each of the 14 devices.
      expect(sim.server.stats().byRoute['device-apps']?.count).toBe(14 * 3);
    });
  });

  it('skips and counts malformed installed-app records', async () => {
    await withSimulator({ ...SMALL_FLEET, malformed: { deviceApps: 3 } }, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      expect(expected.skipped.deviceApps).toBe(3);
      const result = await executeStep(Steps.INSTALLED_APPS, sim.config);
      expect(
        keysOf(result.collectedRelationships, Relationships.DEVICE_HAS_APPLICATION._type),
      ).toEqual(sorted(expected.deviceHasApplication));
    });
  });

  it('stops asking and warns when the key may not read installed apps (403)', async () => {
    await withSimulator({ ...SMALL_FLEET, devices: 60, deny: ['device-apps'] }, async (sim) => {
      const context = createMockStepExecutionContext<IntegrationConfig>({
        instanceConfig: sim.config,
      });
      const warn = vi.spyOn(context.logger, 'publishWarnEvent');
      await runSteps(sim.config, {
        context,
        steps: [
          Steps.ACCOUNT,
          Steps.APPLICATIONS,
          Steps.DEVICE_GROUPS,
          Steps.DEVICES,
          Steps.INSTALLED_APPS,
        ],
      });
      expect(warn).toHaveBeenCalledWith(
        expect.objectContaining({
          name: IntegrationWarnEventName.MissingPermission,
          description: expect.stringMatching(/Installed apps of 60 of 60 devices.*HTTP 403/),
        }),
      );
      expect(
        keysOf(context.jobState.collectedRelationships, Relationships.DEVICE_HAS_APPLICATION._type),
      ).toEqual([]);
      expect(keysOf(context.jobState.collectedEntities, Entities.DEVICE._type)).toHaveLength(60);
      // Gave up after the first denials instead of asking for all 60 devices.
      expect(sim.server.stats().byRoute['device-apps']?.count).toBeLessThan(60);
    });
  });

  it('skips a device deleted after the device list was read (404)', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const context = createMockStepExecutionContext<IntegrationConfig>({
        instanceConfig: sim.config,
      });
      await runSteps(sim.config, {
        context,
        steps: [Steps.ACCOUNT, Steps.APPLICATIONS, Steps.DEVICE_GROUPS, Steps.DEVICES],
      });
      const removed = sim.fleet.devices.splice(0, 1)[0];
      await runSteps(sim.config, { context, steps: [Steps.INSTALLED_APPS] });
      const expected = expectedGraph(sim.fleet);
      expect(
        keysOf(context.jobState.collectedRelationships, Relationships.DEVICE_HAS_APPLICATION._type),
      ).toEqual(sorted(expected.deviceHasApplication));
      expect(removed).toBeDefined();
    });
  });
});
