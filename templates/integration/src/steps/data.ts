import type { Entity } from '@jupiterone/integration-sdk-core';
import { stepData } from '@mdm-graph/mdm-core/steps';
import { Entities, Steps } from './constants';

/**
 * What the steps hand on (mdm-core typed step data), by the step that sets it: typed once here
 * instead of `jobState.getData<T>(key)` casts at every reader. `get()` throws naming the step
 * that did not complete; `find()` is undefined then. Same name and home in every integration.
 */
export const StepDataOf = {
  /** The account entity, set by the account step for the steps that link to it. */
  ACCOUNT: stepData<Entity>('ACCOUNT_ENTITY', {
    producerStep: Steps.ACCOUNT,
    what: `The ${Entities.ACCOUNT._type} entity`,
    code: '__VENDOR___ACCOUNT_MISSING',
  }),
} as const;
