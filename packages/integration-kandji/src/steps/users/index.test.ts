import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { expectedDeviceUserKeys, expectedUserKeys } from '../../../test/expected';
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
import { Entities, Steps } from '../constants';

describe('fetch-users', () => {
  it('ingests the user directory across cursor pages and maps users to employees by email', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const { collectedEntities, collectedRelationships } = await executeStep(
        Steps.USERS,
        configFor(sim),
      );
      const { users } = sim.fleet;
      expect(keysOf(collectedEntities, Entities.USER._type)).toEqual(
        users.map((u) => `kandji_user:${u.id}`).sort(),
      );
      expect(sim.server.stats().byRoute.users?.count).toBe(Math.ceil(users.length / 3));
      const entities = byKey(collectedEntities);
      for (const u of users) {
        const e = entities.get(`kandji_user:${u.id}`);
        expect(e).toMatchGraphObjectSchema({ _class: ['User'] });
        expect(e).toMatchObject({
          name: u.name,
          email: u.email ? [u.email] : null,
          archived: u.archived,
          department: u.department,
          legacyUserId: u.deprecated_user_id,
        });
      }
      const mapped = collectedRelationships.filter((r) => r._type === 'kandji_user_is_employee');
      expect(
        mapped
          .map(
            (r) =>
              (r._mapping as unknown as { targetEntity: { email: string } }).targetEntity.email,
          )
          .sort(),
      ).toEqual(
        users
          .filter((u) => u.email)
          .map((u) => u.email)
          .sort(),
      );
    });
  });

  it('follows the cursor even when `next` points at a host without .api.', async () => {
    await withSimulator(
      { ...SMALL_FLEET, usersNextOrigin: 'http://tenant.kandji.invalid' },
      async (sim) => {
        const { collectedEntities } = await executeStep(Steps.USERS, configFor(sim));
        expect(keysOf(collectedEntities, Entities.USER._type)).toHaveLength(sim.fleet.users.length);
      },
    );
  });

  it('without the Users permission: one warning, device users still ingested, then the step fails so kandji_user is partial', async () => {
    await withSimulator({ ...SMALL_FLEET, deniedPermissions: ['users'] }, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      const failures = new Map<string, Error>();
      await runAllSteps(configFor(sim), {
        context,
        failures,
        steps: [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES, Steps.USERS, Steps.DEVICE_USERS],
      });
      expect([...failures.keys()]).toEqual([Steps.USERS]);
      const error = failures.get(Steps.USERS);
      expect(error).toBeInstanceOf(IntegrationProviderAuthorizationError);
      expect(error?.message).toContain('"Users"');
      expect(error?.message).toContain('GET users');
      expect(error?.message).toContain('switch off the "users" ingestion source');
      // The dependent step ran: assigned users are created from the device list.
      expect(keysOf(context.jobState.collectedEntities, 'kandji_user')).toEqual(
        expectedUserKeys(sim.fleet, { directory: false }),
      );
      expect(keysOf(context.jobState.collectedRelationships, 'kandji_device_has_user')).toEqual(
        expectedDeviceUserKeys(sim.fleet),
      );
      expect(logs.warnEvents()).toEqual([expect.stringContaining('"Users" permission')]);
    });
  });

  it('skips and counts bad user records', async () => {
    await withSimulator({ ...SMALL_FLEET, badRecords: { users: 2 } }, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      await runAllSteps(configFor(sim), { context, steps: [Steps.USERS] });
      expect(keysOf(context.jobState.collectedEntities, 'kandji_user')).toHaveLength(
        sim.fleet.users.length,
      );
      expect(logs.warnEvents()).toEqual([
        expect.stringMatching(/Skipped 2 Kandji record\(s\).*: 2 user\./),
      ]);
    });
  });
});
