import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { closeClients } from './client';
import { type IntegrationConfig, instanceConfigFields } from './config';
import { integrationSteps } from './steps';
import { validateInvocation } from './validate';

export const invocationConfig: IntegrationInvocationConfig<IntegrationConfig> = {
  instanceConfigFields,
  validateInvocation,
  integrationSteps,
  // Closes the tenant's shared connection pool when the run ends.
  afterExecution: closeClients,
};

export type { IntegrationConfig, __VendorPascal__Config } from './config';
export { parseConfig } from './config';
export { Entities, Relationships, Steps } from './steps/constants';
