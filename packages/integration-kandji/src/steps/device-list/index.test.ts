import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { captureLogs, configFor, SMALL_FLEET, withSimulator } from '../../../test/harness';
import { StepDataOf } from '../data';
import { fetchDeviceList } from '.';

describe('fetch-device-list', () => {
  it('reads every page (limit/offset bare arrays) without an extra empty request', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const context = createMockStepExecutionContext({
        instanceConfig: configFor(sim, { pageSize: 4 }),
      });
      await fetchDeviceList(context);
      const list = (await StepDataOf.DEVICE_LIST.find(context.jobState)) ?? [];
      expect(list.map((d) => d.device_id)).toEqual(sim.fleet.devices.map((d) => d.device_id));
      // 14 devices / 4 per page: 4 pages, the last one short, no 5th empty page.
      expect(sim.server.stats().byRoute.devices?.count).toBe(4);
      const assigned = sim.fleet.devices.find((d) => d.user !== '');
      const listed = list.find((d) => d.device_id === assigned?.device_id);
      expect(listed?.user?.id).toBe(
        assigned && assigned.user !== '' ? String(assigned.user.id) : undefined,
      );
      const unassigned = sim.fleet.devices.find((d) => d.user === '');
      expect(list.find((d) => d.device_id === unassigned?.device_id)?.user).toBeNull();
    });
  });

  it('reads past 300 devices (Kandji caps a page at 300)', async () => {
    await withSimulator(
      { seed: 'cap', devices: 305, appsPerDevice: 1, latencyMs: 0 },
      async (sim) => {
        const context = createMockStepExecutionContext({ instanceConfig: configFor(sim, {}) });
        await fetchDeviceList(context);
        const list = (await StepDataOf.DEVICE_LIST.find(context.jobState)) ?? [];
        expect(list).toHaveLength(305);
        expect(sim.server.stats().byRoute.devices?.count).toBe(2);
      },
    );
  });

  it('skips and counts records that fail the schema, keeping the rest', async () => {
    await withSimulator({ ...SMALL_FLEET, badRecords: { devices: 3 } }, async (sim) => {
      const context = createMockStepExecutionContext({
        instanceConfig: configFor(sim, { pageSize: 4 }),
      });
      const logs = captureLogs(context);
      await fetchDeviceList(context);
      const list = (await StepDataOf.DEVICE_LIST.find(context.jobState)) ?? [];
      expect(list).toHaveLength(sim.fleet.devices.length);
      expect(logs.warnEvents()).toEqual([expect.stringContaining('Skipped 3 Kandji record(s)')]);
      expect(logs.text()).not.toContain('Broken device');
    });
  });

  it('fails the step with an authorization error naming the permission when devices are denied', async () => {
    await withSimulator({ ...SMALL_FLEET, deniedPermissions: ['deviceList'] }, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const error = await fetchDeviceList(context).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(IntegrationProviderAuthorizationError);
      expect(error).toMatchObject({ status: 403 });
      expect(String((error as Error).message)).not.toContain(sim.token);
    });
  });
});
