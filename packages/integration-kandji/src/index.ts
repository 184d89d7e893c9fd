import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { instanceConfigFields, type KandjiIntegrationConfig } from './config';
import { accountSteps } from './steps/account';
import { appSteps } from './steps/apps';
import { blueprintSteps } from './steps/blueprints';
import { customProfileSteps } from './steps/custom-profiles';
import { deviceListSteps } from './steps/device-list';
import { deviceUserSteps } from './steps/device-users';
import { deviceSteps } from './steps/devices';
import { installedProfileSteps } from './steps/installed-profiles';
import { userSteps } from './steps/users';
import { validateInvocation } from './validate';

export const invocationConfig: IntegrationInvocationConfig<KandjiIntegrationConfig> = {
  instanceConfigFields,
  validateInvocation,
  integrationSteps: [
    ...accountSteps,
    ...deviceListSteps,
    ...deviceSteps,
    ...appSteps,
    ...userSteps,
    ...deviceUserSteps,
    ...blueprintSteps,
    ...customProfileSteps,
    ...installedProfileSteps,
  ],
};

export { instanceConfigFields, validateInvocation };
export { parseApiUrl, type KandjiIntegrationConfig, type KandjiApiLocation } from './config';
export { Steps, Entities, Relationships, MappedRelationships, Permissions } from './steps/constants';
