import {
  createDirectRelationship,
  createIntegrationEntity,
  createMappedRelationship,
  type IntegrationInvocationConfig,
  RelationshipClass,
  RelationshipDirection,
} from '@jupiterone/integration-sdk-core';
import { describe, expect, it } from 'vitest';
import { captureLogs, createStepTestKit, keysOf, withStartedSimulator } from './index';

const account = (id: string) =>
  createIntegrationEntity({
    entityData: {
      source: {},
      assign: {
        _key: `acme_account:${id}`,
        _type: 'acme_account',
        _class: ['Account'],
        name: id,
        vendor: 'Acme',
      },
    },
  });

/** One account step and one step mapping the account to an employee; `targetType` is what it emits. */
function invocation(targetType: string): IntegrationInvocationConfig {
  return {
    integrationSteps: [
      {
        id: 'fetch-account',
        name: 'Fetch Account',
        entities: [{ resourceName: 'Account', _type: 'acme_account', _class: ['Account'] }],
        relationships: [],
        executionHandler: async ({ jobState }) => {
          await jobState.addEntity(account('a-0001'));
        },
      },
      {
        id: 'map-owner',
        name: 'Map Owner',
        dependsOn: ['fetch-account'],
        entities: [],
        relationships: [],
        mappedRelationships: [
          {
            _type: 'acme_account_is_employee',
            sourceType: 'acme_account',
            _class: RelationshipClass.IS,
            targetType: 'employee',
            direction: RelationshipDirection.FORWARD,
          },
        ],
        executionHandler: async ({ jobState }) => {
          await jobState.addRelationship(
            createMappedRelationship({
              _class: RelationshipClass.IS,
              _type: 'acme_account_is_employee',
              _mapping: {
                relationshipDirection: RelationshipDirection.FORWARD,
                sourceEntityKey: 'acme_account:a-0001',
                targetFilterKeys: [['_type', 'email']],
                targetEntity: { _type: targetType, _class: 'Person', email: 'ada@example.com' },
              },
            }),
          );
        },
      },
    ],
  };
}

describe('createStepTestKit', () => {
  it('executeStep accepts a step whose output matches its metadata', async () => {
    const kit = createStepTestKit(invocation('employee'));
    const result = await kit.executeStep('fetch-account', {});
    expect(keysOf(result.collectedEntities, 'acme_account')).toEqual(['acme_account:a-0001']);
    await expect(kit.executeStep('map-owner', {})).resolves.toBeDefined();
  });

  it('executeStep fails a mapped relationship whose target type differs from the declared one', async () => {
    const kit = createStepTestKit(invocation('user'));
    await expect(kit.executeStep('map-owner', {})).rejects.toThrow(/employee/);
  });

  it('runSteps runs every step in dependency order on one context', async () => {
    const kit = createStepTestKit(invocation('employee'));
    const context = await kit.runSteps({});
    expect(context.jobState.collectedEntities.map((e) => e._key)).toEqual(['acme_account:a-0001']);
    expect(context.jobState.collectedRelationships.map((r) => r._type)).toEqual([
      'acme_account_is_employee',
    ]);
    const relOnly = createDirectRelationship({
      _class: RelationshipClass.HAS,
      from: account('a'),
      to: account('b'),
    });
    expect(keysOf([relOnly], relOnly._type)).toHaveLength(1);
  });
});

describe('withStartedSimulator', () => {
  it('closes the simulator when the body throws', async () => {
    let closed = 0;
    const start = async (n: number) => ({ n, close: async () => void (closed += 1) });
    await expect(
      withStartedSimulator(start, 3, async (sim) => {
        expect(sim.n).toBe(3);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(closed).toBe(1);
  });
});

describe('captureLogs', () => {
  it('collects every log call, errors by name and message', () => {
    const logger = {
      info: (..._args: unknown[]) => undefined,
      warn: (..._args: unknown[]) => undefined,
      error: (..._args: unknown[]) => undefined,
    };
    const logs = captureLogs({ logger } as unknown as Parameters<typeof captureLogs>[0]);
    logger.info({ devices: 3 }, 'collected');
    logger.error(new TypeError('bad record'));
    expect(logs()).toContain('collected');
    expect(logs()).toContain('TypeError: bad record');
  });
});

describe('runSteps failures and warning events', () => {
  it('records a failing step and runs the rest when failures is given', async () => {
    const config = invocation('employee');
    config.integrationSteps[0]!.executionHandler = () => Promise.reject(new Error('denied'));
    const kit = createStepTestKit(config);
    await expect(kit.runSteps({})).rejects.toThrow('denied');
    const failures = new Map<string, Error>();
    const context = await kit.runSteps({}, { failures });
    expect([...failures.keys()]).toEqual(['fetch-account']);
    expect(context.jobState.collectedRelationships).toHaveLength(1);
  });

  it('captureLogs lists the published warning events', () => {
    const logger = {
      warn: (..._args: unknown[]) => undefined,
      publishWarnEvent: (..._args: unknown[]) => undefined,
    };
    const logs = captureLogs({ logger } as unknown as Parameters<typeof captureLogs>[0]);
    logger.publishWarnEvent({ name: 'warn_missing_permission', description: 'grant Users' });
    expect(logs.warnEvents()).toEqual(['grant Users']);
    expect(logs.text()).toBe(logs());
  });
});
