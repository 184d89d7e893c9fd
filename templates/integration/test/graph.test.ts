import {
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
} from '@jupiterone/integration-sdk-core';
import {
  createMockExecutionContext,
  createMockStepExecutionContext,
} from '@jupiterone/integration-sdk-testing';
import { captureLogs } from '@mdm-graph/testing';
import { describe, expect, it } from 'vitest';
import { type IntegrationConfig } from '../src';
import { Entities, Relationships, Steps } from '../src/steps/constants';
import { validateInvocation } from '../src/validate';
import { executeStep, runSteps, SMALL_FLEET, withSimulator } from './harness';

describe('collection against the simulator', () => {
  it('ingests the account and every device across pages, each linked to the account', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const result = await executeStep(Steps.DEVICES, sim.config);
      const devices = result.collectedEntities.filter((e) => e._type === Entities.DEVICE._type);
      expect(devices.map((d) => d.id).sort()).toEqual(sim.devices.map((d) => d.id).sort());
      expect(
        result.collectedRelationships.filter(
          (r) => r._type === Relationships.ACCOUNT_HAS_DEVICE._type,
        ),
      ).toHaveLength(sim.devices.length);
      // 10 devices at 4 per page: 3 list pages, one detail each, one account.
      expect(sim.server.stats().byRoute.devices?.count).toBe(3);
      expect(sim.server.stats().byRoute.device?.count).toBe(10);
      for (const d of sim.devices) {
        const entity = devices.find((e) => e.id === d.id);
        expect(entity?.encrypted).toBe(d.encrypted);
      }
    });
  });

  it('skips a device removed between the list and its detail, and keeps the rest', async () => {
    await withSimulator({ ...SMALL_FLEET, removedDevices: 2 }, async (sim) => {
      const result = await executeStep(Steps.DEVICES, sim.config);
      const devices = result.collectedEntities.filter((e) => e._type === Entities.DEVICE._type);
      expect(devices).toHaveLength(sim.devices.length - 2);
      expect(devices.map((d) => d.id)).not.toContain(sim.devices[0]!.id);
    });
  });

  it('without the device-details permission: every device from the list, one warning, then the step fails (partial)', async () => {
    await withSimulator({ ...SMALL_FLEET, forbidDeviceDetails: true }, async (sim) => {
      const context = createMockStepExecutionContext<IntegrationConfig>({
        instanceConfig: sim.config,
      });
      const logs = captureLogs(context);
      const failures = new Map<string, Error>();
      await runSteps(sim.config, { context, failures });
      const devices = context.jobState.collectedEntities.filter(
        (e) => e._type === Entities.DEVICE._type,
      );
      expect(devices.map((d) => d.id).sort()).toEqual(sim.devices.map((d) => d.id).sort());
      // Not read: absent, never a guessed false.
      expect(devices.every((d) => d.encrypted === undefined)).toBe(true);
      const err = failures.get(Steps.DEVICES);
      expect(err).toBeInstanceOf(IntegrationProviderAuthorizationError);
      expect(err?.message).toContain('"Read device details"');
      expect(failures.has(Steps.ACCOUNT)).toBe(false);
      expect(logs.warnEvents()).toEqual([
        expect.stringContaining('lacks the "Read device details" permission'),
      ]);
      // The fan-out stopped at the first refusal instead of asking for every device.
      expect(sim.server.stats().byRoute.device?.count).toBeLessThan(sim.devices.length);
      expect(logs.text()).not.toContain(sim.token);
    });
  });

  it('validateInvocation reports a rejected token as an authentication error naming the setting', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const context = createMockExecutionContext<IntegrationConfig>({
        instanceConfig: { ...sim.config, accessToken: 'wrong-token' },
      });
      const err = await validateInvocation(context).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(IntegrationProviderAuthenticationError);
      expect(String((err as Error).message)).toContain('ACCESS_TOKEN');
      expect(String((err as Error).message)).not.toContain('wrong-token');
    });
  });

  it('validateInvocation names an invalid field without calling the API', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const context = createMockExecutionContext<IntegrationConfig>({
        instanceConfig: { ...sim.config, apiUrl: 'ftp://nowhere' },
      });
      await expect(validateInvocation(context)).rejects.toThrow(/apiUrl \(API_URL\)/);
      expect(sim.server.stats().total).toBe(0);
    });
  });
});
