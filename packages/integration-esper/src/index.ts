import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { withCollectionHealth } from '@mdm-graph/mdm-core';
import { type IntegrationConfig, instanceConfigFields, validateInvocation } from './config';
import { closeEsperPools } from './session';
import { ingestionConfig } from './sources';
import { Entities, IngestionSources, Steps } from './steps/constants';
import { accountSteps } from './steps/account';
import { integrationSteps } from './steps';

const collectionConfig: IntegrationInvocationConfig<IntegrationConfig> = {
  instanceConfigFields,
  validateInvocation,
  integrationSteps,
  // The run is over: close the tenant's shared connection pool.
  afterExecution: closeEsperPools,
  ingestionConfig,
};

/** The steps above, plus record-collection-health: esper_account with this run's collection health. */
export const invocationConfig = withCollectionHealth(collectionConfig, {
  accountStepId: Steps.ACCOUNT,
  accountEntity: Entities.ACCOUNT,
  stepId: Steps.COLLECTION_HEALTH,
  // Part of the core: it writes esper_account (read by fetch-account) and sends no request.
  ingestionSourceId: IngestionSources.DEVICES,
  authorization: accountSteps[0]?.authorization,
});

export type { IntegrationConfig, EsperConfig } from './config';
export { loadConfig, parseConfig } from './config';
export { SOURCE_PERMISSIONS, type EsperIngestionSource } from './sources';
export {
  Entities,
  Relationships,
  MappedRelationships,
  Steps,
  IngestionSources,
} from './steps/constants';
