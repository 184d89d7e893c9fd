import {
  type IntegrationError,
  IntegrationProviderAPIError,
  IntegrationProviderAuthorizationError,
  IntegrationWarnEventName,
} from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it, vi } from 'vitest';
import { expectedGraph, sorted } from '../../../test/expected';
import { executeStep, keysOf, runSteps, SMALL_FLEET, withSimulator } from '../../../test/harness';
import type { IntegrationConfig } from '../../config';
import { Entities, Relationships, Steps } from '../constants';
import { fetchInstalledApps } from '.';

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

  /** The steps installed apps depend on, then installed apps; its error, if any. */
  async function runInstalledApps(config: IntegrationConfig) {
    const context = createMockStepExecutionContext<IntegrationConfig>({ instanceConfig: config });
    await runSteps(config, {
      context,
      steps: [Steps.ACCOUNT, Steps.APPLICATIONS, Steps.DEVICE_GROUPS, Steps.DEVICES],
    });
    const event = vi.spyOn(context.logger, 'publishWarnEvent');
    const error = await fetchInstalledApps(context).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    const installed = context.jobState.collectedRelationships.filter(
      (r) => r._type === Relationships.DEVICE_HAS_APPLICATION._type,
    );
    return { context, event, error, installed };
  }

  it('stops asking when the key may not read installed apps (403) and fails the step naming the permission', async () => {
    await withSimulator({ ...SMALL_FLEET, devices: 60, deny: ['device-apps'] }, async (sim) => {
      const { context, event, error, installed } = await runInstalledApps(sim.config);
      expect(error).toBeInstanceOf(IntegrationProviderAuthorizationError);
      expect((error as IntegrationError).fatal).toBeFalsy();
      expect(error?.message).toMatch(
        /403 Forbidden \(requires permission: read installed apps on devices\).*Installed apps of 60 of 60 devices were not ingested/,
      );
      expect(event).toHaveBeenCalledTimes(1);
      expect(event).toHaveBeenCalledWith(
        expect.objectContaining({
          name: IntegrationWarnEventName.MissingPermission,
          description: expect.stringMatching(/Installed apps of 60 of 60 devices.*HTTP 403/),
        }),
      );
      expect(installed).toEqual([]);
      expect(keysOf(context.jobState.collectedEntities, Entities.DEVICE._type)).toHaveLength(60);
      // Gave up after the first denials instead of asking for all 60 devices.
      expect(sim.server.stats().byRoute['device-apps']?.count).toBeLessThan(60);
    });
  });

  it('ingests the readable devices when only some are refused (403), then fails the step', async () => {
    await withSimulator(
      { ...SMALL_FLEET, faults: [{ kind: 'status', status: 403, route: 'device-apps', times: 2 }] },
      async (sim) => {
        const expected = expectedGraph(sim.fleet);
        const { error, installed } = await runInstalledApps(sim.config);
        expect(error).toBeInstanceOf(IntegrationProviderAuthorizationError);
        expect(error?.message).toContain('Installed apps of 2 of 14 devices were not ingested');
        const devicesWithApps = new Set(installed.map((r) => r._fromEntityKey));
        expect(devicesWithApps.size).toBe(12);
        for (const r of installed) expect(expected.deviceHasApplication).toContain(r._key);
        expect(installed).toHaveLength(
          expected.deviceHasApplication.filter((k) => devicesWithApps.has(k.split('|')[0] ?? ''))
            .length,
        );
      },
    );
  });

  it('fails the step when installed apps answer 404 for devices that exist (endpoint unavailable)', async () => {
    await withSimulator({ ...SMALL_FLEET, devices: 60, missing: ['device-apps'] }, async (sim) => {
      const { event, error, installed } = await runInstalledApps(sim.config);
      expect(error).toBeInstanceOf(IntegrationProviderAPIError);
      expect(error).not.toBeInstanceOf(IntegrationProviderAuthorizationError);
      expect(error?.message).toMatch(/404 Not Found: Installed apps of 60 of 60 devices/);
      expect(event).toHaveBeenCalledWith(
        expect.objectContaining({ name: IntegrationWarnEventName.IncompleteData }),
      );
      expect(installed).toEqual([]);
      // Each 404 was checked against the device itself, and asking stopped early.
      const stats = sim.server.stats().byRoute;
      expect(stats.device?.count).toBe(stats['device-apps']?.count);
      expect(stats['device-apps']?.count).toBeLessThan(60);
    });
  });

  it('skips a device deleted after the device list was read (404), and the step succeeds', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const context = createMockStepExecutionContext<IntegrationConfig>({
        instanceConfig: sim.config,
      });
      await runSteps(sim.config, {
        context,
        steps: [Steps.ACCOUNT, Steps.APPLICATIONS, Steps.DEVICE_GROUPS, Steps.DEVICES],
      });
      const removed = sim.fleet.devices.splice(0, 1)[0];
      expect(removed).toBeDefined();
      const event = vi.spyOn(context.logger, 'publishWarnEvent');
      await expect(fetchInstalledApps(context)).resolves.toBeUndefined();
      const expected = expectedGraph(sim.fleet);
      expect(
        keysOf(context.jobState.collectedRelationships, Relationships.DEVICE_HAS_APPLICATION._type),
      ).toEqual(sorted(expected.deviceHasApplication));
      expect(event).not.toHaveBeenCalled();
      // The one 404 was confirmed as a deleted device by one extra call.
      expect(sim.server.stats().byRoute.device?.count).toBe(1);
    });
  });

  it('a 404 whose device check fails is a failure: the other devices are ingested, then the step fails', async () => {
    await withSimulator(
      {
        ...SMALL_FLEET,
        faults: [
          { kind: 'status', status: 404, route: 'device-apps', times: 1 },
          { kind: 'status', status: 400, route: 'device' },
        ],
      },
      async (sim) => {
        const { event, error, installed } = await runInstalledApps(sim.config);
        expect(error).toBeInstanceOf(IntegrationProviderAPIError);
        expect(error).not.toBeInstanceOf(IntegrationProviderAuthorizationError);
        expect(error?.message).toContain('400');
        // Not partial data (nothing refused or absent): no permission warning.
        expect(event).not.toHaveBeenCalled();
        expect(sim.server.stats().byRoute.device?.count).toBe(1);
        expect(new Set(installed.map((r) => r._fromEntityKey)).size).toBe(13);
      },
    );
  });
});
