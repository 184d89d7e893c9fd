import { IntegrationWarnEventName } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it, vi } from 'vitest';
import { expectedGraph, sorted } from '../../../test/expected';
import { executeStep, keysOf, runSteps, SMALL_FLEET, withSimulator } from '../../../test/harness';
import type { IntegrationConfig } from '../../config';
import { Entities, MappedRelationships, Relationships, Steps } from '../constants';

describe('fetch-users', () => {
  it('ingests users, HAS-linked to the account and mapped to employees by email', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const expected = expectedGraph(sim.fleet);
      const result = await executeStep(Steps.USERS, sim.config);
      expect(keysOf(result.collectedEntities, Entities.USER._type)).toEqual(sorted(expected.users));
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

  for (const [mode, status] of [
    ['deny', 403],
    ['missing', 404],
  ] as const) {
    it(`skips users with a warning on ${status}; the rest of the graph ingests`, async () => {
      await withSimulator({ ...SMALL_FLEET, [mode]: ['users'] }, async (sim) => {
        const context = createMockStepExecutionContext<IntegrationConfig>({
          instanceConfig: sim.config,
        });
        const warn = vi.spyOn(context.logger, 'publishWarnEvent');
        await runSteps(sim.config, {
          context,
          steps: [
            Steps.ACCOUNT,
            Steps.DEVICE_GROUPS,
            Steps.DEVICES,
            Steps.USERS,
            Steps.USER_DEVICE_RELATIONSHIPS,
          ],
        });
        expect(warn).toHaveBeenCalledWith(
          expect.objectContaining({
            name: IntegrationWarnEventName.MissingPermission,
            description: expect.stringMatching(new RegExp(`Esper users.*HTTP ${status}`)),
          }),
        );
        const expected = expectedGraph(sim.fleet);
        expect(keysOf(context.jobState.collectedEntities, Entities.USER._type)).toEqual([]);
        expect(keysOf(context.jobState.collectedEntities, Entities.DEVICE._type)).toEqual(
          sorted(expected.devices),
        );
        expect(
          keysOf(context.jobState.collectedRelationships, Relationships.USER_HAS_DEVICE._type),
        ).toEqual([]);
      });
    });
  }
});
