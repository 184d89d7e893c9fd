import { toHostnameLabel } from '@mdm-graph/mdm-core';
import { describe, expect, it } from 'vitest';
import { expectedDeviceKeys } from '../../../test/expected';
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
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { Entities, Relationships, Steps } from '../constants';

const DEVICE_STEPS = [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES];

describe('fetch-devices', () => {
  it('creates every listed device with details from Prism, and account HAS device', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const { collectedEntities, collectedRelationships } = await executeStep(
        Steps.DEVICES,
        configFor(sim),
      );
      const { fleet } = sim;
      expect(keysOf(collectedEntities, Entities.DEVICE._type)).toEqual(expectedDeviceKeys(fleet));
      const entities = byKey(collectedEntities);
      fleet.devices.forEach((d, i) => {
        const f = fleet.facts[i]!;
        const e = entities.get(`kandji_device:${d.device_id}`);
        expect(e).toMatchGraphObjectSchema({ _class: ['Device'] });
        expect(e).toMatchObject({
          name: d.device_name,
          serial: d.serial_number,
          model: d.model,
          osVersion: d.os_version,
          platform: d.platform,
          hostname: toHostnameLabel(f.hostname),
          macAddresses: [f.macAddress.toLowerCase()],
          lastSeenOn: Date.parse(d.last_check_in),
          supervised: f.supervised,
          activationLockEnabled: f.activationLockEnabled,
          modelIdentifier: f.modelIdentifier,
          agentInstalled: d.agent_installed,
          blueprintId: d.blueprint_id,
        });
        if (f.filevaultEnabled === null) expect(e).not.toHaveProperty('filevaultEnabled');
        else
          expect(e).toMatchObject({
            filevaultEnabled: f.filevaultEnabled,
            encrypted: f.filevaultEnabled,
          });
      });
      const account = `kandji_account:${new URL(sim.url).host}`;
      expect(keysOf(collectedRelationships, Relationships.ACCOUNT_HAS_DEVICE._type)).toEqual(
        expectedDeviceKeys(fleet)
          .map((k) => `${account}|has|${k}`)
          .sort(),
      );
      // Prism: one request per page of device_information, no per-device calls.
      expect(sim.server.stats().byRoute['device-details']).toBeUndefined();
    });
  });

  it('falls back to per-device details without Prism and produces the same devices', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const prism = await runAllSteps(configFor(sim), { steps: DEVICE_STEPS });
      sim.server.resetStats();
      sim.setDeniedPermissions(['prism']);
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      await runAllSteps(configFor(sim), { steps: DEVICE_STEPS, context });
      expect(
        context.jobState.collectedEntities
          .filter((e) => e._type === 'kandji_device')
          .sort((a, b) => a._key.localeCompare(b._key)),
      ).toEqual(
        prism.jobState.collectedEntities
          .filter((e) => e._type === 'kandji_device')
          .sort((a, b) => a._key.localeCompare(b._key)),
      );
      expect(sim.server.stats().byRoute['device-details']?.count).toBe(sim.fleet.devices.length);
      // One log line about the fallback.
      expect(logs.text().match(/falling back to per-device/g)).toHaveLength(1);
    });
  });

  it('skips devices removed between the list and their details (404) with a log line', async () => {
    await withSimulator(
      { ...SMALL_FLEET, deniedPermissions: ['prism'], removedAfterList: 2 },
      async (sim) => {
        const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
        const logs = captureLogs(context);
        await runAllSteps(configFor(sim), { steps: DEVICE_STEPS, context });
        expect(keysOf(context.jobState.collectedEntities, 'kandji_device')).toEqual(
          expectedDeviceKeys(sim.fleet, { skipRemoved: true }),
        );
        expect(logs.text().match(/removed from Kandji after it was listed/g)).toHaveLength(2);
      },
    );
  });

  it('ingests list-only devices with a warning when neither Prism nor Device details is allowed', async () => {
    await withSimulator(
      { ...SMALL_FLEET, deniedPermissions: ['prism', 'deviceDetails'] },
      async (sim) => {
        const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
        const logs = captureLogs(context);
        await runAllSteps(configFor(sim), { steps: DEVICE_STEPS, context });
        const devices = context.jobState.collectedEntities.filter(
          (e) => e._type === 'kandji_device',
        );
        expect(devices).toHaveLength(sim.fleet.devices.length);
        for (const d of devices) {
          expect(d).toMatchGraphObjectSchema({ _class: ['Device'] });
          expect(d).toMatchObject({ hostname: null, macAddresses: null });
          expect(d).not.toHaveProperty('supervised');
        }
        expect(logs.warnEvents()).toEqual([expect.stringContaining('"Device details" permission')]);
      },
    );
  });
});
