import { stepData } from '@mdm-graph/mdm-core/steps';
import type { KandjiDevice, KandjiLicensing } from '../client';
import { Steps } from './constants';

/** A profile installed on a device, as devices/{id}/details or prism/installed_profiles report it. */
export interface InstalledProfileRef {
  uuid: string | null;
  identifier: string | null;
}

/**
 * What the steps hand on (mdm-core typed step data), by the step that sets it: typed once here
 * instead of `jobState.getData<T>(key)` casts at every reader. `find()` is undefined when the
 * producer did not run or failed first (the readers then carry on with what they have, and the
 * J1 runtime marks them partial as dependents of a failed step); `get()` throws naming it.
 */
export const StepDataOf = {
  /** settings/licensing (for the device-list completeness check). */
  LICENSING: stepData<KandjiLicensing>('kandji:licensing', { producerStep: Steps.ACCOUNT }),
  /** Every listed device (for details, apps, users, blueprints, profiles). */
  DEVICE_LIST: stepData<KandjiDevice[]>('kandji:device-list', {
    producerStep: Steps.DEVICE_LIST,
    what: 'The Kandji device list',
  }),
  /** Per-device details mode: the profiles installed on each device. */
  DEVICE_INSTALLED_PROFILES: stepData<Map<string, InstalledProfileRef[]>>(
    'kandji:device-installed-profiles',
    { producerStep: Steps.DEVICES },
  ),
  /** Per-device details returned 403 (already warned). */
  DEVICE_DETAILS_DENIED: stepData<boolean>('kandji:device-details-denied', {
    producerStep: Steps.DEVICES,
  }),
  /** Profile id and mdm_identifier -> kandji_profile key. */
  PROFILE_KEYS_BY_IDENTIFIER: stepData<Map<string, string>>('kandji:profile-keys-by-identifier', {
    producerStep: Steps.CUSTOM_PROFILES,
  }),
  /** Finding keys by the kandji_app key of the detected software (for the app links). */
  FINDINGS_BY_APP_KEY: stepData<Map<string, string[]>>('kandji:findings-by-app-key', {
    producerStep: Steps.VULNERABILITIES,
  }),
} as const;
