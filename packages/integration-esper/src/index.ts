import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { withCollectionHealth } from '@mdm-graph/mdm-core';
import { type IntegrationConfig, instanceConfigFields, validateInvocation } from './config';
import { Entities, IngestionSources, Steps } from './steps/constants';
import { integrationSteps } from './steps';

const collectionConfig: IntegrationInvocationConfig<IntegrationConfig> = {
  instanceConfigFields,
  validateInvocation,
  integrationSteps,
  ingestionConfig: {
    [IngestionSources.INSTALLED_APPS]: {
      title: 'Installed apps',
      description:
        'Apps installed on each device (one API call per device). Off: only the enterprise application catalog is ingested.',
    },
    [IngestionSources.USERS]: {
      title: 'Users',
      description: 'Esper console users, their devices and their mapping to employees.',
    },
  },
};

/** The steps above, plus record-collection-health: esper_account with this run's collection health. */
export const invocationConfig = withCollectionHealth(collectionConfig, {
  accountStepId: Steps.ACCOUNT,
  accountEntity: Entities.ACCOUNT,
  stepId: Steps.COLLECTION_HEALTH,
});

export type { IntegrationConfig, EsperConfig } from './config';
export { loadConfig, parseConfig } from './config';
export {
  Entities,
  Relationships,
  MappedRelationships,
  Steps,
  IngestionSources,
} from './steps/constants';
