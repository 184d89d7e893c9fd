import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { withCollectionHealth } from '@mdm-graph/mdm-core';
import { closeEsperPools } from './client';
import { type IntegrationConfig, instanceConfigFields } from './config';
import { ingestionConfig } from './sources';
import { integrationSteps } from './steps';
import { accountSteps } from './steps/account';
import { Entities, IngestionSources, Steps } from './steps/constants';
import { validateInvocation } from './validate';

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

export type { ConfigResult, EsperConfig, IntegrationConfig } from './config';
export { parseConfig } from './config';
export { type EsperIngestionSource, SOURCE_PERMISSIONS } from './sources';
export {
  Entities,
  IngestionSources,
  MappedRelationships,
  Relationships,
  Steps,
} from './steps/constants';
