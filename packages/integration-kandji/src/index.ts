import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { withCollectionHealth } from '@mdm-graph/mdm-core';
import { closeKandjiPools } from './client';
import { instanceConfigFields, type KandjiIntegrationConfig } from './config';
import { ingestionConfig, IngestionSources } from './sources';
import { accountAuthorization, integrationSteps } from './steps';
import { Entities, Steps } from './steps/constants';
import { validateInvocation } from './validate';

const collectionConfig: IntegrationInvocationConfig<KandjiIntegrationConfig> = {
  instanceConfigFields,
  // Steps run side by side: they share only the tenant's budget (one rate limiter, one
  // connection pool and in-flight limit per tenant), so a step waiting on the network leaves
  // the CPU to another. Memory stays bounded because every large listing streams (Prism pages
  // come in order through a window of a few pages; no category is held whole); the cap keeps
  // the number of streams, and so their buffers, small.
  stepConcurrency: 4,
  validateInvocation,
  ingestionConfig,
  // The run is over: close the tenant's shared connection pool.
  afterExecution: closeKandjiPools,
  integrationSteps,
};

/** The steps above, plus record-collection-health: kandji_account with this run's collection health. */
export const invocationConfig = withCollectionHealth(collectionConfig, {
  accountStepId: Steps.ACCOUNT,
  accountEntity: Entities.ACCOUNT,
  stepId: Steps.COLLECTION_HEALTH,
  // Part of the core: it writes kandji_account (read by fetch-account) and sends no request.
  ingestionSourceId: IngestionSources.DEVICES,
  authorization: accountAuthorization,
});

export { instanceConfigFields, validateInvocation };
export { IngestionSources, SOURCE_PERMISSIONS, type KandjiIngestionSource } from './sources';
export {
  parseApiUrl,
  parseConfig,
  type ConfigResult,
  type KandjiIntegrationConfig,
  type KandjiApiLocation,
} from './config';
export {
  Steps,
  Entities,
  Relationships,
  MappedRelationships,
  Permissions,
} from './steps/constants';
