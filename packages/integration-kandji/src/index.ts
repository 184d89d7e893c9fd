import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { closeKandjiPools } from './api';
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
  // One step at a time. All steps share one tenant budget (50 requests/s, 10,000/h), so
  // running them side by side buys little; it doubled the allocation rate instead (the
  // 240,000-row prism/apps stream beside 20,000 device entities being built and validated),
  // and V8 grew the heap to match: 20,000 devices peaked at 466 MB RSS, ~360-380 MB serial,
  // and the rate-bound run got faster (31 s -> 28-29 s). Latency-bound small tenants pay a
  // little (1,000 devices at 50 ms: Prism 9.9 s -> 12.1 s, per-device 50.2 s -> 53.0 s).
  stepConcurrency: 1,
  validateInvocation,
  // The run is over: close the tenant's shared connection pool.
  afterExecution: closeKandjiPools,
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
export {
  Steps,
  Entities,
  Relationships,
  MappedRelationships,
  Permissions,
} from './steps/constants';
