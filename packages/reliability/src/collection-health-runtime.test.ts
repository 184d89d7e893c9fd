import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  createIntegrationEntity,
  IntegrationProviderAuthorizationError,
  type IntegrationInvocationConfig,
  type IntegrationStep,
} from '@jupiterone/integration-sdk-core';
import { deferAccountEntity, withCollectionHealth } from '@mdm-graph/mdm-core';
import { describe, expect, it } from 'vitest';
import { collect } from './collect';

const entity = (type: string, key: string, cls = 'Record') =>
  createIntegrationEntity({
    entityData: {
      source: {},
      assign: { _key: key, _type: type, _class: cls, name: key, displayName: key, vendor: 'Fake' },
    },
  });

function fake(o: { disable?: string; denyUsers?: boolean }): IntegrationInvocationConfig {
  const step = (
    id: string,
    type: string,
    dependsOn: string[],
    run?: (ctx: Parameters<IntegrationStep['executionHandler']>[0]) => Promise<void>,
  ): IntegrationStep => ({
    id,
    name: id,
    entities: [{ resourceName: type, _type: type, _class: 'Record' }],
    relationships: [],
    dependsOn,
    executionHandler: async (ctx) => {
      await ctx.jobState.addEntity(entity(type, `${type}-0001`));
      await run?.(ctx);
    },
  });
  const steps: IntegrationStep[] = [
    {
      id: 'account',
      name: 'account',
      entities: [{ resourceName: 'Account', _type: 'fake_account', _class: 'Account' }],
      relationships: [],
      executionHandler: (ctx) =>
        deferAccountEntity(ctx, entity('fake_account', 'fake-account-1', 'Account')),
    },
    step('devices', 'fake_device', ['account']),
    step('apps', 'fake_app', ['devices']),
    step('app-links', 'fake_app_link', ['apps']),
    step('users', 'fake_user', ['account'], async () => {
      if (o.denyUsers)
        throw new IntegrationProviderAuthorizationError({
          endpoint: 'GET users',
          status: 403,
          statusText: 'Forbidden',
        });
    }),
  ];
  return withCollectionHealth(
    {
      instanceConfigFields: {},
      integrationSteps: steps,
      getStepStartStates: () =>
        Object.fromEntries(steps.map((s) => [s.id, { disabled: s.id === o.disable }])),
    } as IntegrationInvocationConfig,
    {
      accountStepId: 'account',
      accountEntity: { resourceName: 'Account', _type: 'fake_account', _class: 'Account' },
    },
  );
}

function accountOf(dir: string): Record<string, unknown> | undefined {
  const found: Record<string, unknown>[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json'))
        for (const e of (
          JSON.parse(readFileSync(p, 'utf8')) as { entities?: Record<string, unknown>[] }
        ).entities ?? [])
          if (e._type === 'fake_account') found.push(e);
    }
  };
  walk(join(dir, '.j1-integration', 'graph'));
  expect(found.length).toBeLessThanOrEqual(1);
  return found[0];
}

describe('collection health through the runner and the SDK runtime', () => {
  it('a disabled step (and what depends on it) does not keep the account from being written', async () => {
    const run = await collect({
      invocationConfig: fake({ disable: 'apps' }),
      integration: 'kandji',
      env: {},
      label: 'health-disabled',
    });
    try {
      expect(run.result.ok).toBe(true);
      const account = accountOf(run.projectDir);
      expect(account).toMatchObject({
        lastCollectionComplete: true,
        lastCollectionCompleteTypes: ['fake_account', 'fake_device', 'fake_user'],
        lastCollectionPartialTypes: [],
      });
      const health = run.summary?.integrationStepResults.find(
        (s) => s.id === 'record-collection-health',
      );
      expect(health?.status).toBe('success');
    } finally {
      run.dispose();
    }
  });

  it('a failed step: account still written, its types partial with the reason', async () => {
    const run = await collect({
      invocationConfig: fake({ denyUsers: true }),
      integration: 'kandji',
      env: {},
      label: 'health-denied',
    });
    try {
      expect(run.result.ok).toBe(false);
      expect(accountOf(run.projectDir)).toMatchObject({
        lastCollectionComplete: false,
        lastCollectionPartialTypes: ['fake_user'],
        lastCollectionPartialReasons: ['fake_user: permission'],
      });
      // JupiterOne keeps the account type too for that run (the health step depends on the failed one).
      expect(run.summary?.metadata.partialDatasets.types).toEqual(
        expect.arrayContaining(['fake_user', 'fake_account']),
      );
    } finally {
      run.dispose();
    }
  });
});
