import { IntegrationError, type JobState } from '@jupiterone/integration-sdk-core';

/** A prerequisite step did not leave the data this step needs (it failed, or was disabled). */
export class StepDataMissingError extends IntegrationError {
  constructor(
    readonly key: string,
    readonly producerStep: string,
    opts: { code?: string; what?: string } = {},
  ) {
    super({
      code: opts.code ?? 'STEP_DATA_MISSING',
      message: `${opts.what ?? `Step data "${key}"`} is missing: the ${producerStep} step did not complete`,
    });
    this.name = 'StepDataMissingError';
  }
}

export function isStepDataMissingError(err: unknown): err is StepDataMissingError {
  return err instanceof StepDataMissingError;
}

/** Typed data one step leaves for the steps that depend on it (jobState.setData under one key). */
export interface StepData<T> {
  readonly key: string;
  /** The step id that sets it (named in the error when it is missing). */
  readonly producerStep: string;
  set(jobState: Pick<JobState, 'setData'>, value: T): Promise<void>;
  /** The value; throws StepDataMissingError naming the producer step when it never ran. */
  get(jobState: Pick<JobState, 'getData'>): Promise<T>;
  /** The value, or undefined when the producer step did not run (optional prerequisites). */
  find(jobState: Pick<JobState, 'getData'>): Promise<T | undefined>;
}

export interface StepDataOptions {
  /** The step id that sets the data. */
  producerStep: string;
  /** How the error names the data, e.g. "The kandji_account entity" (default `Step data "<key>"`). */
  what?: string;
  /** IntegrationError code (default STEP_DATA_MISSING), e.g. "ESPER_ACCOUNT_MISSING". */
  code?: string;
}

/**
 * Declares typed step data once (steps/constants.ts or next to the producer step), instead of
 * `jobState.getData<T>(key)` casts at every reader:
 *
 *   export const AccountData = stepData<Entity>('ACCOUNT_ENTITY', { producerStep: Steps.ACCOUNT });
 *   await AccountData.set(jobState, account);   // in the account step
 *   const account = await AccountData.get(jobState); // in a step that dependsOn it
 */
export function stepData<T>(key: string, opts: StepDataOptions): StepData<T> {
  return {
    key,
    producerStep: opts.producerStep,
    async set(jobState, value) {
      await jobState.setData(key, value);
    },
    async get(jobState) {
      const value = await jobState.getData<T>(key);
      if (value === undefined || value === null)
        throw new StepDataMissingError(key, opts.producerStep, opts);
      return value;
    },
    async find(jobState) {
      return (await jobState.getData<T>(key)) ?? undefined;
    },
  };
}
