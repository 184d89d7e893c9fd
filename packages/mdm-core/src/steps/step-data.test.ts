import { IntegrationError } from '@jupiterone/integration-sdk-core';
import { createMockJobState } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { isStepDataMissingError, StepDataMissingError, stepData } from './step-data';

interface Account {
  _key: string;
  name: string;
}

describe('stepData', () => {
  it('passes a typed value from the producer step to its dependents', async () => {
    const jobState = createMockJobState();
    const AccountData = stepData<Account>('ACCOUNT_ENTITY', { producerStep: 'fetch-account' });
    await AccountData.set(jobState, { _key: 'acme', name: 'Acme' });
    const account: Account = await AccountData.get(jobState);
    expect(account.name).toBe('Acme');
    expect(await AccountData.find(jobState)).toEqual({ _key: 'acme', name: 'Acme' });
  });

  it('get throws a typed IntegrationError naming the prerequisite step; find returns undefined', async () => {
    const jobState = createMockJobState();
    const AccountData = stepData<Account>('ACCOUNT_ENTITY', {
      producerStep: 'fetch-account',
      what: 'The esper_account entity',
      code: 'ESPER_ACCOUNT_MISSING',
    });
    const err = await AccountData.get(jobState).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IntegrationError);
    expect(err).toBeInstanceOf(StepDataMissingError);
    expect(isStepDataMissingError(err)).toBe(true);
    expect((err as StepDataMissingError).code).toBe('ESPER_ACCOUNT_MISSING');
    expect((err as Error).message).toBe(
      'The esper_account entity is missing: the fetch-account step did not complete',
    );
    expect(await AccountData.find(jobState)).toBeUndefined();
  });

  it('defaults: code STEP_DATA_MISSING, the key named', async () => {
    const Devices = stepData<string[]>('DEVICE_IDS', { producerStep: 'fetch-devices' });
    const err = (await Devices.get(createMockJobState()).catch(
      (e: unknown) => e,
    )) as StepDataMissingError;
    expect(err.code).toBe('STEP_DATA_MISSING');
    expect(err.message).toBe(
      'Step data "DEVICE_IDS" is missing: the fetch-devices step did not complete',
    );
    expect(err.producerStep).toBe('fetch-devices');
  });

  it('falsy values that were set are values, not missing', async () => {
    const jobState = createMockJobState();
    const Count = stepData<number>('COUNT', { producerStep: 'count' });
    await Count.set(jobState, 0);
    expect(await Count.get(jobState)).toBe(0);
  });
});
