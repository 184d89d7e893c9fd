import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createIntegrationEntity,
  IntegrationProviderAPIError,
  IntegrationProviderAuthorizationError,
  IntegrationValidationError,
  type IntegrationInvocationConfig,
  type IntegrationStep,
} from '@jupiterone/integration-sdk-core';
import { formatRunSummary } from './format';
import { runCollection } from './run';
import { disabledSourcesFromEnv } from './sources';

const ingestionConfig = {
  core: { title: 'Core', cannotBeDisabled: true },
  extra: { title: 'Extra' },
  premium: { title: 'Premium', defaultsToDisabled: true },
};

type Failure = 'authorization' | 'api' | undefined;

function entityStep(id: string, source: string, fail?: Failure, dependsOn?: string[]) {
  const type = `fake_${id.replace(/-/g, '_')}`;
  return {
    id,
    name: id,
    entities: [{ resourceName: id, _type: type, _class: 'Group' }],
    relationships: [],
    dependsOn,
    ingestionSourceId: source,
    executionHandler: async ({ jobState }) => {
      await jobState.addEntity(
        createIntegrationEntity({
          entityData: {
            source: {},
            assign: { _key: `${type}:1`, _type: type, _class: 'Group', name: id, displayName: id },
          },
        }),
      );
      if (fail === 'authorization')
        throw new IntegrationProviderAuthorizationError({
          endpoint: `GET ${id}`,
          status: 403,
          statusText: `Forbidden (requires permission "Read ${id}"; or switch off the "${source}" ingestion source)`,
        });
      if (fail === 'api')
        throw new IntegrationProviderAPIError({
          endpoint: `GET ${id}`,
          status: 503,
          statusText: 'Service Unavailable',
        });
    },
  } as IntegrationStep;
}

function fake(o: { extra?: Failure; core?: Failure; preflight?: boolean } = {}) {
  return {
    instanceConfigFields: { tenantName: { type: 'string' } },
    ingestionConfig,
    validateInvocation: (ctx) => {
      if (o.preflight)
        ctx.logger.warn(
          { preflight: true },
          'Permission preflight: 1 enabled ingestion source(s) will be partial. "extra": ...',
        );
    },
    integrationSteps: [
      entityStep('fetch-core', 'core', o.core),
      entityStep('fetch-extra', 'extra', o.extra),
      entityStep('build-extra-links', 'extra', undefined, ['fetch-extra']),
      entityStep('fetch-premium', 'premium'),
    ],
  } as IntegrationInvocationConfig;
}

const run = (config: IntegrationInvocationConfig, env: Record<string, string> = {}) =>
  runCollection({
    invocationConfig: config,
    integration: 'fake',
    projectDir: mkdtempSync(join(tmpdir(), 'j1-runner-sources-')),
    env: { TENANT_NAME: 'acme', ...env },
  });

describe('disabledSourcesFromEnv', () => {
  const ids = (env: Record<string, string>) =>
    disabledSourcesFromEnv(ingestionConfig, env).map((s) => s.ingestionSourceId);

  it('starts from the defaults a new JupiterOne instance has', () => {
    expect(ids({})).toEqual(['premium']);
  });

  it('reads DISABLED_INGESTION_SOURCES (comma list, spaces ignored) and ENABLED_INGESTION_SOURCES', () => {
    expect(ids({ DISABLED_INGESTION_SOURCES: ' extra , ' })).toEqual(['extra', 'premium']);
    expect(ids({ ENABLED_INGESTION_SOURCES: 'premium' })).toEqual([]);
    expect(ids({ ENABLED_INGESTION_SOURCES: 'all', DISABLED_INGESTION_SOURCES: 'extra' })).toEqual([
      'extra',
    ]);
  });

  it('rejects unknown ids, locked sources and contradictions, naming the variable', () => {
    const err = (env: Record<string, string>) => {
      try {
        ids(env);
      } catch (e) {
        return e;
      }
      return undefined;
    };
    expect(err({ DISABLED_INGESTION_SOURCES: 'extras' })).toBeInstanceOf(
      IntegrationValidationError,
    );
    expect(String(err({ DISABLED_INGESTION_SOURCES: 'extras' }))).toMatch(
      /DISABLED_INGESTION_SOURCES names unknown ingestion source\(s\) extras; known: core, extra, premium/,
    );
    expect(String(err({ ENABLED_INGESTION_SOURCES: 'nope' }))).toContain(
      'ENABLED_INGESTION_SOURCES',
    );
    expect(String(err({ DISABLED_INGESTION_SOURCES: 'core' }))).toContain('cannot be disabled');
    expect(
      String(err({ DISABLED_INGESTION_SOURCES: 'extra', ENABLED_INGESTION_SOURCES: 'extra' })),
    ).toContain('in both');
  });
});

describe('runCollection with ingestion sources and permission failures', () => {
  it('a switched-off source: its steps and their dependents are DISABLED and the run exits 0', async () => {
    const result = await run(fake({ extra: 'authorization' }), {
      DISABLED_INGESTION_SOURCES: 'extra',
    });
    expect(result.exitCode).toBe(0);
    expect(result.disabledSources).toEqual(['extra', 'premium']);
    expect(Object.fromEntries(result.steps.map((s) => [s.id, s.status]))).toEqual({
      'fetch-core': 'success',
      'fetch-extra': 'disabled',
      'build-extra-links': 'disabled',
      'fetch-premium': 'disabled',
    });
    expect(formatRunSummary(result)).toContain('ingestion sources off: extra, premium');
  });

  it('exits 2 when steps failed only for lack of permission, and repeats the preflight warning', async () => {
    const result = await run(fake({ extra: 'authorization', preflight: true }));
    expect(result.ok).toBe(false);
    expect(result.permissionPartial).toBe(true);
    expect(result.exitCode).toBe(2);
    expect(result.failedSteps).toEqual(['fetch-extra', 'build-extra-links']);
    expect(result.preflight).toMatch(/^Permission preflight: 1 enabled ingestion source/);
    const summary = formatRunSummary(result);
    expect(summary).toContain('collection completed, some data partial for lack of permission');
    expect(summary).toContain('(exit code 2)');
    expect(summary).toContain('Permission preflight: 1 enabled');
    expect(summary).toContain('switch off the "extra" ingestion source');
  });

  it('exits 1 when any failure is not about permission', async () => {
    const result = await run(fake({ extra: 'authorization', core: 'api' }));
    expect(result.permissionPartial).toBe(false);
    expect(result.exitCode).toBe(1);
    expect(formatRunSummary(result)).toContain('collection FAILED');
  });

  it('exits 1 on an invalid ingestion-source variable, before any step', async () => {
    const result = await run(fake(), { DISABLED_INGESTION_SOURCES: 'core' });
    expect(result.exitCode).toBe(1);
    expect(result.validationError).toContain('cannot be disabled');
    expect(result.steps).toEqual([]);
  });
});
