import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import type { KandjiIntegrationConfig } from '../config';
import { accountSteps } from './account';
import { appSteps } from './apps';
import { blueprintSteps } from './blueprints';
import { customProfileSteps } from './custom-profiles';
import { deviceListSteps } from './device-list';
import { deviceUserSteps } from './device-users';
import { deviceSteps } from './devices';
import { installedProfileSteps } from './installed-profiles';
import { threatSteps } from './threats';
import { userSteps } from './users';
import { vulnerabilitySteps } from './vulnerabilities';

/** Every step of the integration (record-collection-health is added in src/index.ts). */
export const integrationSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  ...accountSteps,
  ...deviceListSteps,
  ...deviceSteps,
  ...appSteps,
  ...userSteps,
  ...deviceUserSteps,
  ...blueprintSteps,
  ...customProfileSteps,
  ...installedProfileSteps,
  ...vulnerabilitySteps,
  ...threatSteps,
];

/** The account step's authorization, repeated by record-collection-health (it writes kandji_account). */
export const accountAuthorization = accountSteps[0]?.authorization;
