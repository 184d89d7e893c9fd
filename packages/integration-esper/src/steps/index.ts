import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import type { IntegrationConfig } from '../config';
import { accountSteps } from './account';
import { applicationSteps } from './applications';
import { deviceGroupSteps } from './device-groups';
import { deviceSteps } from './devices';
import { installedAppSteps } from './installed-apps';
import { userDeviceSteps } from './user-devices';
import { userSteps } from './users';

export const integrationSteps: IntegrationStep<IntegrationConfig>[] = [
  ...accountSteps,
  ...applicationSteps,
  ...deviceGroupSteps,
  ...deviceSteps,
  ...userSteps,
  ...userDeviceSteps,
  ...installedAppSteps,
];
