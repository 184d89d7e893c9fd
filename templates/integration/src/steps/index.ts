import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import type { IntegrationConfig } from '../config';
import { accountSteps } from './account';
import { deviceSteps } from './devices';

export const integrationSteps: IntegrationStep<IntegrationConfig>[] = [
  ...accountSteps,
  ...deviceSteps,
];
