import {
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationValidationError,
} from '@jupiterone/integration-sdk-core';
import { createMockExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it, vi } from 'vitest';
import { SMALL_FLEET, withSimulator } from '../test/harness';
import type { IntegrationConfig } from './config';
import { validateInvocation } from './validate';

const validate = (instanceConfig: IntegrationConfig) =>
  validateInvocation(createMockExecutionContext<IntegrationConfig>({ instanceConfig }));

describe('validateInvocation', () => {
  it('accepts a working API key with one probe of the enterprise (no optional source on)', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const context = createMockExecutionContext<IntegrationConfig>({ instanceConfig: sim.config });
      context.instance.disabledSources = [
        { ingestionSourceId: 'users' },
        { ingestionSourceId: 'installed-apps' },
      ];
      await expect(validateInvocation(context)).resolves.toBeUndefined();
      expect(sim.server.stats().total).toBe(1);
      expect(sim.server.stats().byRoute.enterprise?.count).toBe(1);
    });
  });

  it('probes each enabled optional source once (limit=1) and warns once with both fixes', async () => {
    await withSimulator({ ...SMALL_FLEET, deny: ['users', 'device-apps'] }, async (sim) => {
      const context = createMockExecutionContext<IntegrationConfig>({ instanceConfig: sim.config });
      const events: string[] = [];
      vi.spyOn(context.logger, 'publishWarnEvent').mockImplementation((e) => {
        events.push(e.description);
      });
      await expect(validateInvocation(context)).resolves.toBeUndefined();
      const stats = sim.server.stats();
      expect(stats.byRoute.enterprise?.count).toBe(1);
      expect(stats.byRoute.users?.count).toBe(1);
      expect(stats.byRoute['device-apps']?.count).toBe(1);
      expect(events).toHaveLength(1);
      const [warning] = events;
      expect(warning).toContain('2 enabled ingestion source(s) will be partial');
      expect(warning).toContain('switch off the "users" ingestion source');
      expect(warning).toContain('switch off the "installed-apps" ingestion source');
      expect(warning).toContain('grant "read users');
      expect(warning).not.toContain(sim.token);
    });
  });

  it('warns about nothing when the enabled sources are readable', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const context = createMockExecutionContext<IntegrationConfig>({ instanceConfig: sim.config });
      const warn = vi.spyOn(context.logger, 'publishWarnEvent');
      await expect(validateInvocation(context)).resolves.toBeUndefined();
      expect(sim.server.stats().byRoute.users?.count).toBe(1);
      expect(warn).not.toHaveBeenCalled();
    });
  });

  it('accepts working OAuth2 client credentials', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      await expect(validate(sim.oauthConfig)).resolves.toBeUndefined();
      expect(sim.tokensIssued()).toBe(1);
    });
  });

  it('names a missing field without calling the API', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const { accessToken: _omit, ...noToken } = sim.config;
      const error = await validate(noToken).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IntegrationValidationError);
      expect((error as Error).message).toMatch(
        /^Invalid Esper configuration: accessToken \(ACCESS_TOKEN\) is required/,
      );
      expect(sim.server.stats().total).toBe(0);
    });
  });

  it('rejects both authentication methods at once', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      await expect(validate({ ...sim.config, ...sim.oauthConfig })).rejects.toThrow(
        /exactly one authentication method/,
      );
    });
  });

  it('reports a rejected key (401) as an authentication error, without the key', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const error = await validate({ ...sim.config, accessToken: 'not-the-key-42' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
      expect((error as Error).message).toContain('check accessToken (ACCESS_TOKEN)');
      expect(
        JSON.stringify({ m: (error as Error).message, c: String((error as Error).cause) }),
      ).not.toContain('not-the-key-42');
    });
  });

  it('reports a rejected client secret (token endpoint 401) as an authentication error', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const error = await validate({ ...sim.oauthConfig, clientSecret: 'wrong-secret-77' }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(IntegrationProviderAuthenticationError);
      expect((error as Error).message).toContain(
        'check clientId/clientSecret (CLIENT_ID/CLIENT_SECRET)',
      );
      expect((error as Error).message).not.toContain('ACCESS_TOKEN');
      expect((error as Error).message).not.toContain('wrong-secret-77');
    });
  });

  it('names enterpriseId when the enterprise does not exist (404)', async () => {
    await withSimulator(SMALL_FLEET, async (sim) => {
      const error = await validate({
        ...sim.config,
        enterpriseId: '00000000-0000-4000-8000-000000000000',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IntegrationValidationError);
      expect((error as Error).message).toMatch(/enterpriseId .* was not found/);
    });
  });

  it('does not call a server error bad credentials', async () => {
    await withSimulator(
      { ...SMALL_FLEET, faults: [{ kind: 'status', status: 500, route: 'enterprise' }] },
      async (sim) => {
        const error = await validate(sim.config).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(IntegrationProviderAPIError);
        expect(error).not.toBeInstanceOf(IntegrationProviderAuthenticationError);
      },
    );
  });
});
