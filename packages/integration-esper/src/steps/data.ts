import type { Entity } from '@jupiterone/integration-sdk-core';
import { stepData } from '@mdm-graph/mdm-core/steps';
import { Entities, Steps } from './constants';

/**
 * What the steps hand on (mdm-core typed step data), by the step that sets it: typed once here
 * instead of `jobState.getData<T>(key)` casts at every reader (the same name and home as
 * Kandji's). `get()` throws naming the step that did not complete ("The esper_account entity is
 * missing: the fetch-account step did not complete", code ESPER_ACCOUNT_MISSING).
 */
export const StepDataOf = {
  /** esper_account, set by fetch-account for the steps that link to it. */
  ACCOUNT: stepData<Entity>('ACCOUNT_ENTITY', {
    producerStep: Steps.ACCOUNT,
    what: `The ${Entities.ACCOUNT._type} entity`,
    code: 'ESPER_ACCOUNT_MISSING',
  }),
} as const;
