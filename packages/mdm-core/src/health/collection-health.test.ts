import {
  IntegrationError,
  IntegrationProviderAPIError,
  IntegrationProviderAuthorizationError,
  type IntegrationExecutionContext,
  type IntegrationInvocationConfig,
  type IntegrationStep,
} from '@jupiterone/integration-sdk-core';
import { describe, expect, it } from 'vitest';
import { ListIncompleteError } from '../paginate/completeness';
import { partialReasonOf, summarizeHealth, withCollectionHealth } from './collection-health';

const entity = (t: string) => ({ resourceName: t, _type: t, _class: ['Record'] });
const step = (id: string, types: string[], dependsOn?: string[], ingestionSourceId?: string) =>
  ({
    id,
    name: id,
    entities: types.map(entity),
    relationships: [],
    dependsOn,
    ingestionSourceId,
    executionHandler: async () => undefined,
  }) as IntegrationStep;

const STEPS = [
  step('account', []),
  step('device-list', [], ['account']),
  step('devices', ['x_device'], ['account', 'device-list']),
  step('apps', ['x_app'], ['device-list'], 'apps'),
  step('app-details', ['x_app_detail'], ['apps']),
  step('users', ['x_user'], ['account'], 'users'),
];

describe('partialReasonOf', () => {
  it('tells permission, completeness and other errors apart', () => {
    const opts = { endpoint: 'GET x', status: 403, statusText: 'Forbidden' };
    expect(partialReasonOf(new IntegrationProviderAuthorizationError(opts))).toBe('permission');
    expect(
      partialReasonOf(
        new ListIncompleteError([
          {
            resource: 'd',
            endpoint: 'GET d',
            announced: 9,
            source: 'count',
            received: 1,
            tolerance: 0,
          },
        ]),
      ),
    ).toBe('completeness');
    expect(partialReasonOf(new IntegrationProviderAPIError({ ...opts, status: 500 }))).toBe(
      'error',
    );
    expect(partialReasonOf(new IntegrationError({ code: 'X', message: 'x' }))).toBe('error');
    expect(partialReasonOf(new TypeError('boom'))).toBe('error');
  });
});

describe('summarizeHealth', () => {
  it('marks the types of failed steps and of steps depending on them partial, with the root reason', () => {
    const outcomes = new Map([
      ['account', { ok: true }],
      ['device-list', { ok: false, reason: 'completeness' as const }],
      ['devices', { ok: true }],
      ['users', { ok: false, reason: 'permission' as const }],
    ]);
    expect(summarizeHealth(STEPS, outcomes, new Map([['account', ['x_account']]]))).toEqual({
      lastCollectionComplete: false,
      lastCollectionCompleteTypes: ['x_account'],
      lastCollectionPartialTypes: ['x_device', 'x_user'],
      lastCollectionPartialReasons: ['x_device: completeness', 'x_user: permission'],
    });
  });

  it('a run where every step succeeded is complete; steps that did not run are not listed', () => {
    const outcomes = new Map(STEPS.slice(0, 3).map((s) => [s.id, { ok: true }]));
    expect(summarizeHealth(STEPS, outcomes)).toEqual({
      lastCollectionComplete: true,
      lastCollectionCompleteTypes: ['x_device'],
      lastCollectionPartialTypes: [],
      lastCollectionPartialReasons: [],
    });
  });
});

describe('withCollectionHealth', () => {
  const config = withCollectionHealth(
    { instanceConfigFields: {}, integrationSteps: STEPS } as IntegrationInvocationConfig,
    { accountStepId: 'account', accountEntity: entity('x_account') },
  );
  const health = () => config.integrationSteps.find((s) => s.id === 'record-collection-health');
  const context = (disabledSources: string[], startedOn: number) =>
    ({
      instance: {
        id: 'i1',
        disabledSources: disabledSources.map((ingestionSourceId) => ({ ingestionSourceId })),
      },
      executionHistory: { current: { startedOn } },
      logger: {},
    }) as unknown as IntegrationExecutionContext;

  it('adds a last step declaring the account, depending on every step', () => {
    expect(health()).toMatchObject({
      entities: [entity('x_account')],
      dependsOn: STEPS.map((s) => s.id),
    });
    expect(config.integrationSteps.map((s) => s.id)).toEqual([
      ...STEPS.map((s) => s.id),
      'record-collection-health',
    ]);
  });

  it('prunes in place, so a runner that copied the steps sees it', async () => {
    const copy = { ...config, integrationSteps: config.integrationSteps.map((s) => ({ ...s })) };
    const copied = copy.integrationSteps.find((s) => s.id === 'record-collection-health');
    await copy.getStepStartStates?.(context(['users'], 3));
    expect(copied?.dependsOn).toEqual(['account', 'device-list', 'devices', 'apps', 'app-details']);
    await copy.getStepStartStates?.(context([], 4));
    expect(copied?.dependsOn).toEqual(STEPS.map((s) => s.id));
  });

  it('drops disabled steps and their dependents from its dependencies when the run starts', async () => {
    const states = await config.getStepStartStates?.(context(['apps'], 1));
    expect(Object.keys(states ?? {})).toEqual([
      ...STEPS.map((s) => s.id),
      'record-collection-health',
    ]);
    expect(health()?.dependsOn).toEqual(['account', 'device-list', 'devices', 'users']);
    await config.getStepStartStates?.(context([], 2));
    expect(health()?.dependsOn).toEqual(STEPS.map((s) => s.id));
  });
});
