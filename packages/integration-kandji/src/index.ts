import type { IntegrationInvocationConfig } from '@jupiterone/integration-sdk-core';
import { withCollectionHealth } from '@mdm-graph/mdm-core';
import { instanceConfigFields, type KandjiIntegrationConfig } from './config';
import { accountSteps } from './steps/account';
import { appSteps } from './steps/apps';
import { blueprintSteps } from './steps/blueprints';
import { customProfileSteps } from './steps/custom-profiles';
import { deviceListSteps } from './steps/device-list';
import { deviceUserSteps } from './steps/device-users';
import { deviceSteps } from './steps/devices';
import { ingestionConfig, IngestionSources } from './sources';
import { installedProfileSteps } from './steps/installed-profiles';
import { threatSteps } from './steps/threats';
import { userSteps } from './steps/users';
import { Entities, Steps } from './steps/constants';
import { vulnerabilitySteps } from './steps/vulnerabilities';
import { validateInvocation } from './validate';

const collectionConfig: IntegrationInvocationConfig<KandjiIntegrationConfig> = {
  instanceConfigFields,
  // One step at a time. All steps share one tenant budget (50 requests/s, 10,000/h), so
  // running them side by side buys little; it doubled the allocation rate instead (the
  // 240,000-row prism/apps stream beside 20,000 device entities being built and validated),
  // and V8 grew the heap to match: 20,000 devices peaked at 466 MB RSS, ~360-380 MB serial,
  // and the rate-bound run got faster (31 s -> 28-29 s). Latency-bound small tenants pay a
  // little (1,000 devices at 50 ms: Prism 9.9 s -> 12.1 s, per-device 50.2 s -> 53.0 s).
  stepConcurrency: 1,
  validateInvocation,
  ingestionConfig,
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
    ...vulnerabilitySteps,
    ...threatSteps,
  ],
};

/** The steps above, plus record-collection-health: kandji_account with this run's collection health. */
export const invocationConfig = withCollectionHealth(collectionConfig, {
  accountStepId: Steps.ACCOUNT,
  accountEntity: Entities.ACCOUNT,
  stepId: Steps.COLLECTION_HEALTH,
  // Part of the core: it writes kandji_account (read by fetch-account) and sends no request.
  ingestionSourceId: IngestionSources.DEVICES,
  authorization: accountSteps[0]?.authorization,
});

export { instanceConfigFields, validateInvocation };
export { IngestionSources, SOURCE_PERMISSIONS, type KandjiIngestionSource } from './sources';
export { parseApiUrl, type KandjiIntegrationConfig, type KandjiApiLocation } from './config';
export {
  Steps,
  Entities,
  Relationships,
  MappedRelationships,
  Permissions,
} from './steps/constants';
