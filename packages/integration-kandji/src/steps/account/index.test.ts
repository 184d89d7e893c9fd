import { IntegrationProviderAPIError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import {
  captureLogs,
  configFor,
  executeStep,
  SMALL_FLEET,
  withSimulator,
} from '../../../test/harness';
import { Entities, Steps } from '../constants';
import { fetchAccount } from '.';

describe('fetch-account', () => {
  it('creates the tenant account with licensing counts', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const { collectedEntities } = await executeStep(Steps.ACCOUNT, configFor(sim));
      const host = new URL(sim.url).host;
      const c = sim.fleet.licensing.counts;
      expect(collectedEntities).toHaveLength(1);
      expect(collectedEntities[0]).toMatchGraphObjectSchema({ _class: ['Account'] });
      expect(collectedEntities[0]).toMatchObject({
        _key: `kandji_account:${host}`,
        _type: Entities.ACCOUNT._type,
        name: host,
        vendor: 'Kandji',
        computersCount: c.computers_count,
        macosCount: c.macos_count,
        iosCount: c.ios_count,
        ipadosCount: c.ipados_count,
        tvosCount: c.tvos_count,
        planType: sim.fleet.licensing.limits.plan_type,
        maxDevices: sim.fleet.licensing.limits.max_devices,
        overLicenseLimit: false,
      });
    });
  });

  it('still creates the account without the Licensing permission, with a warning naming it, and succeeds (no key is lost)', async () => {
    await withSimulator({ ...SMALL_FLEET, deniedPermissions: ['licensing'] }, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      await expect(fetchAccount(context)).resolves.toBeUndefined();
      const [account] = context.jobState.collectedEntities;
      expect(account).toMatchObject({ _type: 'kandji_account', vendor: 'Kandji' });
      expect(account).not.toHaveProperty('computersCount');
      expect(logs.warnEvents()).toEqual([expect.stringContaining('"Licensing" permission')]);
      expect(logs.text()).not.toContain(sim.token);
    });
  });

  it('creates the account before failing on a licensing server error', async () => {
    await withSimulator(
      { ...SMALL_FLEET, faults: [{ kind: 'status', status: 500, route: 'licensing' }] },
      async (sim) => {
        const context = createMockStepExecutionContext({
          instanceConfig: configFor(sim, { maxRetries: 0 }),
        });
        const error = await fetchAccount(context).then(
          () => undefined,
          (err: unknown) => err,
        );
        expect(error).toBeInstanceOf(IntegrationProviderAPIError);
        expect(error).toMatchObject({ status: 500 });
        expect(context.jobState.collectedEntities.map((e) => e._type)).toEqual(['kandji_account']);
      },
    );
  });
});
