import {
  type IntegrationError,
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
  IntegrationWarnEventName,
} from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it, vi } from 'vitest';
import { expectedGraph, sorted } from '../../../test/expected';
import { executeStep, keysOf, runSteps, SMALL_FLEET, withSimulator } from '../../../test/harness';
import type { IntegrationConfig } from '../../config';
import { Entities, MappedRelationships, Relationships, Steps } from '../constants';
import { buildUserDeviceRelationships } from '../user-devices';
import { fetchUsers } from '.';

describe('fetch-users', () => {
  it('ingests users, HAS-linked to the account and mapped to employees by email', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      const result = await executeStep(Steps.USERS, sim.config);
      expect(keysOf(result.collectedEntities, Entities.USER._type)).toEqual(
        sorted(expected.directoryUsers),
      );
      expect(keysOf(result.collectedRelationships, Relationships.ACCOUNT_HAS_USER._type)).toEqual(
        sorted(expected.accountHasUser),
      );
      const mapped = result.collectedRelationships.filter(
        (r) => r._type === MappedRelationships.USER_IS_EMPLOYEE._type,
      );
      expect(
        mapped
          .map((r) =>
            String((r._mapping as { targetEntity: Record<string, unknown> }).targetEntity.email),
          )
          .sort(),
      ).toEqual(sorted(expected.userEmails));
      for (const r of mapped)
        expect(r).toMatchObject({
          _class: 'IS',
          _mapping: { targetFilterKeys: [['_class', 'email']] },
        });
      expect(sim.server.stats().byRoute.users?.count).toBeGreaterThanOrEqual(3);
    });
  });

  it("reads with Esper's own filters and links only people to a Person", async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      const result = await executeStep(Steps.USERS, sim.config);
      const users = result.collectedEntities.filter((e) => e._type === Entities.USER._type);
      // Device-role, Google-role and login-less accounts are filtered out by the server,
      // which the simulator does only when the integration sends Esper's filters.
      for (const kind of ['device-role', 'google-role', 'no-authn'] as const) {
        const hidden = sim.fleet.users.filter((u) => u.kind === kind);
        expect(hidden.length).toBeGreaterThan(0);
        for (const u of hidden) expect(users.map((e) => e.id)).not.toContain(String(u.id));
      }
      // Service accounts and accounts without an email are users, but never a Person.
      const mapped = result.collectedRelationships.filter(
        (r) => r._type === MappedRelationships.USER_IS_EMPLOYEE._type,
      );
      const mappedFrom = new Set(
        mapped.map((r) => (r._mapping as { sourceEntityKey: string }).sourceEntityKey),
      );
      for (const kind of ['service', 'no-email'] as const) {
        const accounts = sim.fleet.users.filter((u) => u.kind === kind);
        expect(accounts.length).toBeGreaterThan(0);
        for (const u of accounts) {
          const entity = users.find((e) => e.id === String(u.id));
          expect(entity, `${kind} account is a user`).toBeDefined();
          expect(mappedFrom.has(entity?._key ?? '')).toBe(false);
        }
      }
      // Deactivated people link to a Person that exists, never create one.
      expect(expected.inactiveUserEmails.length).toBeGreaterThan(0);
      for (const r of mapped) {
        const mapping = r._mapping as unknown as {
          skipTargetCreation: boolean;
          targetEntity: { email: string };
        };
        expect(mapping.skipTargetCreation).toBe(
          expected.inactiveUserEmails.includes(mapping.targetEntity.email),
        );
      }
    });
  });

  for (const [mode, status, errorClass, eventName] of [
    [
      'deny',
      403,
      IntegrationProviderAuthorizationError,
      IntegrationWarnEventName.MissingPermission,
    ],
    ['missing', 404, IntegrationProviderAPIError, IntegrationWarnEventName.IncompleteData],
  ] as const) {
    it(`skips users on ${status}, then fails the step (types partial) naming what is missing`, async () => {
      await withSimulator({ ...SMALL_FLEET, [mode]: ['users'] }, async (sim) => {
        const context = createMockStepExecutionContext<IntegrationConfig>({
          instanceConfig: sim.config,
        });
        const event = vi.spyOn(context.logger, 'publishWarnEvent');
        const warn = vi.spyOn(context.logger, 'warn');
        await runSteps(sim.config, {
          context,
          steps: [Steps.ACCOUNT, Steps.DEVICE_GROUPS, Steps.DEVICES],
        });
        const error = await fetchUsers(context).catch((e: unknown) => e);
        // Non-fatal: the SDK fails this step only and marks its declared types partial.
        expect(error).toBeInstanceOf(errorClass);
        expect((error as IntegrationError).fatal).toBeFalsy();
        expect((error as Error).message).toContain(`${sim.url}/user/`);
        expect((error as Error).message).toMatch(
          new RegExp(`${status}.*Esper users.*were not ingested`),
        );
        if (status === 403) {
          expect((error as Error).message).toContain('read users');
          expect((error as Error).message).toContain('switch off the "users" ingestion source');
        }
        expect((error as Error).cause).toBeInstanceOf(Error);
        // One warning (mdm-core's partial-data recorder, as for every vendor): one event and the
        // same sentence logged once, when the refusal is recorded.
        expect(event).toHaveBeenCalledTimes(1);
        expect(event).toHaveBeenCalledWith(
          expect.objectContaining({
            name: eventName,
            description: expect.stringMatching(new RegExp(`Esper users.*HTTP ${status}`)),
          }),
        );
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warn.mock.calls[0]?.[1]).toBe(event.mock.calls[0]?.[0].description);

        // The links do not need the directory: every one is there, each user by its id.
        await buildUserDeviceRelationships(context);
        const expected = expectedGraph(sim.fleet);
        expect(keysOf(context.jobState.collectedEntities, Entities.USER._type)).toEqual(
          sorted(expected.deviceUsers),
        );
        expect(keysOf(context.jobState.collectedEntities, Entities.DEVICE._type)).toEqual(
          sorted(expected.devices),
        );
        expect(
          keysOf(context.jobState.collectedRelationships, Relationships.USER_HAS_DEVICE._type),
        ).toEqual(sorted(expected.userHasDevice));
      });
    });
  }

  it('keeps the users read before a 403 on a later page, then fails the step', async () => {
    await withSimulator(
      // The second users request (page 2 of 3) is refused.
      {
        ...SMALL_FLEET,
        faults: [{ kind: 'status', status: 403, route: 'users', everyN: 2, times: 1 }],
      },
      async (sim) => {
        const context = createMockStepExecutionContext<IntegrationConfig>({
          instanceConfig: sim.config,
        });
        await runSteps(sim.config, { context, steps: [Steps.ACCOUNT] });
        await expect(fetchUsers(context)).rejects.toBeInstanceOf(
          IntegrationProviderAuthorizationError,
        );
        const expected = expectedGraph(sim.fleet);
        const users = keysOf(context.jobState.collectedEntities, Entities.USER._type);
        expect(users).toHaveLength(4);
        for (const key of users) expect(expected.directoryUsers).toContain(key);
        expect(
          keysOf(context.jobState.collectedRelationships, Relationships.ACCOUNT_HAS_USER._type),
        ).toHaveLength(4);
      },
    );
  });

  it('names accessToken when the API rejects the key mid-run (401)', async () => {
    await withSimulator(
      { ...SMALL_FLEET, faults: [{ kind: 'status', status: 401, route: 'users' }] },
      async (sim) => {
        const context = createMockStepExecutionContext<IntegrationConfig>({
          instanceConfig: sim.config,
        });
        await runSteps(sim.config, { context, steps: [Steps.ACCOUNT] });
        const error = await fetchUsers(context).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
        expect((error as Error).message).toContain('check accessToken (ACCESS_TOKEN)');
        expect((error as Error).message).not.toContain(sim.token);
      },
    );
  });

  it('names the client credentials when a 401 survives OAuth2 re-authentication', async () => {
    await withSimulator(
      { ...SMALL_FLEET, faults: [{ kind: 'status', status: 401, route: 'users' }] },
      async (sim) => {
        const context = createMockStepExecutionContext<IntegrationConfig>({
          instanceConfig: sim.oauthConfig,
        });
        await runSteps(sim.oauthConfig, { context, steps: [Steps.ACCOUNT] });
        const issued = sim.tokensIssued();
        const error = await fetchUsers(context).catch((e: unknown) => e);
        expect(sim.tokensIssued(), 'a fresh token was tried first').toBeGreaterThan(issued);
        expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
        expect((error as Error).message).toContain(
          'check clientId/clientSecret (CLIENT_ID/CLIENT_SECRET)',
        );
        expect((error as Error).message).not.toContain(sim.oauth.clientSecret);
      },
    );
  });
});
