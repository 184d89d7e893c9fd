import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createIntegrationEntity,
  createDirectRelationship,
  IntegrationProviderAPIError,
  IntegrationProviderAuthenticationError,
  IntegrationValidationError,
  RelationshipClass,
  type IntegrationInvocationConfig,
} from '@jupiterone/integration-sdk-core';
import type { ProgressEvent } from './progress';
import { runCollection } from './run';

const SECRET = 'canary-token-5f1d2c';

function fakeIntegration(
  opts: { failSecondStep?: boolean; badEntity?: boolean } = {},
): IntegrationInvocationConfig {
  return {
    instanceConfigFields: {
      accessToken: { type: 'string', mask: true },
      tenantName: { type: 'string' },
    },
    validateInvocation: (ctx) => {
      if (ctx.instance.config.tenantName === 'bad')
        throw new IntegrationValidationError('tenantName is malformed');
      ctx.logger.info({ config: ctx.instance.config }, 'validated');
    },
    integrationSteps: [
      {
        id: 'fetch-account',
        name: 'Fetch Account',
        entities: [{ resourceName: 'Account', _type: 'fake_account', _class: 'Account' }],
        relationships: [],
        executionHandler: async ({ jobState, instance }) => {
          await jobState.addEntity(
            createIntegrationEntity({
              entityData: {
                source: {},
                assign: {
                  _key: 'fake-account-1',
                  _type: 'fake_account',
                  _class: 'Account',
                  name: String(instance.config.tenantName),
                  displayName: 'Fake',
                  vendor: opts.badEntity ? (42 as unknown as string) : 'Fake',
                },
              },
            }),
          );
        },
      },
      {
        id: 'fetch-devices',
        name: 'Fetch Devices',
        entities: [{ resourceName: 'Device', _type: 'fake_group', _class: 'Group' }],
        relationships: [
          {
            _type: 'fake_account_has_group',
            _class: RelationshipClass.HAS,
            sourceType: 'fake_account',
            targetType: 'fake_group',
          },
        ],
        dependsOn: ['fetch-account'],
        executionHandler: async ({ jobState, logger }) => {
          const account = (await jobState.findEntity('fake-account-1'))!;
          for (let i = 0; i < 3; i++) {
            const group = await jobState.addEntity(
              createIntegrationEntity({
                entityData: {
                  source: {},
                  assign: {
                    _key: `fake-group-${i}`,
                    _type: 'fake_group',
                    _class: 'Group',
                    name: `g${i}`,
                    displayName: `g${i}`,
                  },
                },
              }),
            );
            await jobState.addRelationship(
              createDirectRelationship({ _class: RelationshipClass.HAS, from: account, to: group }),
            );
          }
          logger.warn('three groups and a warning');
          if (opts.failSecondStep)
            throw new IntegrationProviderAPIError({
              endpoint: 'https://x/groups',
              status: 503,
              statusText: 'Service Unavailable',
            });
        },
      },
    ],
  } as IntegrationInvocationConfig;
}

function project(env: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'j1-runner-'));
  writeFileSync(
    join(dir, '.env'),
    Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join('\n'),
  );
  return dir;
}

describe('runCollection', () => {
  it('collects, writes the graph where the J1 CLI does, and summarizes it by _type', async () => {
    const dir = project({ ACCESS_TOKEN: SECRET, TENANT_NAME: 'acme' });
    const events: ProgressEvent[] = [];
    const result = await runCollection({
      invocationConfig: fakeIntegration(),
      integration: 'fake',
      projectDir: dir,
      env: {},
      reporter: { emit: (e) => events.push(e), close() {} },
    });
    expect(result.ok).toBe(true);
    expect(result.exitCode).toBe(0);
    expect(result.graph.entities).toEqual({ fake_account: 1, fake_group: 3 });
    expect(result.graph.relationships).toEqual({ fake_account_has_group: 3 });
    expect(result.graph.edges).toEqual([
      {
        fromType: 'fake_account',
        relClass: 'HAS',
        toType: 'fake_group',
        relType: 'fake_account_has_group',
        count: 3,
      },
    ]);
    expect(existsSync(join(dir, '.j1-integration', 'summary.json'))).toBe(true);
    expect(result.steps.map((s) => [s.id, s.status, s.counts.entities])).toEqual([
      ['fetch-account', 'success', 1],
      ['fetch-devices', 'success', 3],
    ]);
    expect(
      events.filter((e) => e.kind === 'step-end').map((e) => (e as { stepId: string }).stepId),
    ).toEqual(['fetch-account', 'fetch-devices']);
    expect(events.some((e) => e.kind === 'log' && e.msg === 'three groups and a warning')).toBe(
      true,
    );
    // The masked field is never written: not in the log, not in the graph.
    expect(readFileSync(result.logFile, 'utf8')).not.toContain(SECRET);
    // Even logged under a key the J1 serializers do not know, the masked value is scrubbed.
    expect(readFileSync(result.logFile, 'utf8')).toContain(
      '"config":{"accessToken":"[REDACTED]","tenantName":"acme"}',
    );
  });

  it('fails (exit 1) when any step fails, although the J1 runtime itself would exit 0', async () => {
    const dir = project({ ACCESS_TOKEN: SECRET, TENANT_NAME: 'acme' });
    const result = await runCollection({
      invocationConfig: fakeIntegration({ failSecondStep: true }),
      integration: 'fake',
      projectDir: dir,
      env: {},
    });
    expect(result.ok).toBe(false);
    expect(result.exitCode).toBe(1);
    expect(result.failedSteps).toEqual(['fetch-devices']);
    expect(result.partialDatasets.types).toContain('fake_group');
  });

  it('ends a run only when every step has ended, also after a fatal step error', async () => {
    // The J1 runtime rejects at a fatal error (an authentication failure) without waiting for
    // the steps running beside it; a late write would land in the next run's directory.
    const dir = project({ ACCESS_TOKEN: SECRET, TENANT_NAME: 'acme' });
    let slowStepEnded = false;
    const base = fakeIntegration();
    const result = await runCollection({
      invocationConfig: {
        ...base,
        integrationSteps: [
          {
            id: 'fetch-fatal',
            name: 'Fatal',
            entities: [],
            relationships: [],
            executionHandler: () => {
              throw new IntegrationProviderAuthenticationError({
                endpoint: 'https://example.invalid/api',
                status: 401,
                statusText: 'Unauthorized',
              });
            },
          },
          {
            id: 'fetch-slow',
            name: 'Slow',
            entities: [],
            relationships: [],
            executionHandler: async () => {
              await new Promise((resolve) => setTimeout(resolve, 200));
              slowStepEnded = true;
            },
          },
        ],
      },
      integration: 'fake',
      projectDir: dir,
      env: {},
    });
    expect(result.ok).toBe(false);
    expect(slowStepEnded).toBe(true);
  });

  it('fails when an entity does not validate against the data model', async () => {
    const dir = project({ ACCESS_TOKEN: SECRET, TENANT_NAME: 'acme' });
    const result = await runCollection({
      invocationConfig: fakeIntegration({ badEntity: true }),
      integration: 'fake',
      projectDir: dir,
      env: {},
    });
    expect(result.ok).toBe(false);
    expect(result.failedSteps).toContain('fetch-account');
  });

  it('names the missing field and its environment variable', async () => {
    const dir = project({ TENANT_NAME: 'acme' });
    const result = await runCollection({
      invocationConfig: fakeIntegration(),
      integration: 'fake',
      projectDir: dir,
      env: {},
    });
    expect(result.exitCode).toBe(1);
    expect(result.validationError).toBe(
      'Missing required config: accessToken (ACCESS_TOKEN). Set it in the environment or in .env.',
    );
  });

  it('stops with the validation error of validateInvocation', async () => {
    const dir = project({ ACCESS_TOKEN: SECRET, TENANT_NAME: 'bad' });
    const result = await runCollection({
      invocationConfig: fakeIntegration(),
      integration: 'fake',
      projectDir: dir,
      env: {},
    });
    expect(result.exitCode).toBe(1);
    expect(result.validationError).toContain('tenantName is malformed');
    expect(result.steps).toEqual([]);
  });

  it('lets the explicit environment win over .env', async () => {
    const dir = project({ ACCESS_TOKEN: SECRET, TENANT_NAME: 'bad' });
    const result = await runCollection({
      invocationConfig: fakeIntegration(),
      integration: 'fake',
      projectDir: dir,
      env: { TENANT_NAME: 'acme' },
    });
    expect(result.ok).toBe(true);
  });
});
