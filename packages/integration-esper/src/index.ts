import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { type IntegrationConfig, instanceConfigFields, validateInvocation } from './config';
import { closeEsperPools } from './session';
import { ingestionConfig } from './sources';
import { integrationSteps } from './steps';

export const invocationConfig: IntegrationInvocationConfig<IntegrationConfig> = {
  instanceConfigFields,
  validateInvocation,
  integrationSteps,
  // The run is over: close the tenant's shared connection pool.
  afterExecution: closeEsperPools,
  ingestionConfig,
};

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
