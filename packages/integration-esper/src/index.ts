import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { type IntegrationConfig, instanceConfigFields, validateInvocation } from './config';
import { closeEsperPools } from './session';
import { IngestionSources } from './steps/constants';
import { integrationSteps } from './steps';

export const invocationConfig: IntegrationInvocationConfig<IntegrationConfig> = {
  instanceConfigFields,
  validateInvocation,
  integrationSteps,
  // The run is over: close the tenant's shared connection pool.
  afterExecution: closeEsperPools,
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

export type { IntegrationConfig, EsperConfig } from './config';
export { loadConfig, parseConfig } from './config';
export {
  Entities,
  Relationships,
  MappedRelationships,
  Steps,
  IngestionSources,
} from './steps/constants';
