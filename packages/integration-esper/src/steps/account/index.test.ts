import {
  IntegrationProviderAuthenticationError,
  IntegrationProviderAuthorizationError,
} from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { expectedGraph } from '../../../test/expected';
import { executeStep, SMALL_FLEET, withSimulator } from '../../../test/harness';
import { Steps } from '../constants';
import { fetchAccount } from '.';

describe('fetch-account', () => {
  it('ingests the enterprise as esper_account, without its secrets', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const result = await executeStep(Steps.ACCOUNT, sim.config);
      expect(result.collectedEntities).toHaveLength(1);
      expect(result.collectedEntities[0]).toMatchObject({
        _key: expectedGraph(sim.fleet).account,
        name: sim.fleet.enterprise.name,
        vendor: 'Esper',
        enterpriseId: sim.enterpriseId,
        domain: sim.domain,
        shortCode: sim.fleet.enterprise.shortCode,
        emmState: 'ENROLLED',
      });
      const json = JSON.stringify(result.collectedEntities);
      for (const secret of sim.fleet.secrets()) expect(json).not.toContain(secret);
      expect(sim.server.stats().byRoute.enterprise?.count).toBe(1);
    });
  });

  it('authenticates with OAuth2 client credentials', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: sim.oauthConfig });
      await fetchAccount(context);
      expect(context.jobState.collectedEntities.map((e) => e._key)).toEqual([
        expectedGraph(sim.fleet).account,
      ]);
      expect(sim.tokensIssued()).toBe(1);
    });
  });

  it('fails with an authentication error on a rejected key', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const context = createMockStepExecutionContext({
        instanceConfig: { ...sim.config, accessToken: 'wrong-key' },
      });
      const error = await fetchAccount(context).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
      expect(String((error as Error).message)).not.toContain('wrong-key');
    });
  });

  it('fails with an authorization error when the key may not read the enterprise', async () => {
    await withSimulator({ ...SMALL_FLEET, deny: ['enterprise'] }, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: sim.config });
      await expect(fetchAccount(context)).rejects.toBeInstanceOf(
        IntegrationProviderAuthorizationError,
      );
    });
  });
});
