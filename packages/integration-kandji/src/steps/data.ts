import type { JobState } from '@jupiterone/integration-sdk-core';
import type { KandjiDevice, KandjiLicensing } from '../client';

/**
 * Data one step hands to the steps that depend on it, typed at the one place it is declared
 * (instead of `jobState.getData<T>(key)` casts at every reader).
 */
export interface StepData<T> {
  readonly key: string;
  set(jobState: JobState, value: T): Promise<void>;
  /** Undefined when the producing step did not set it (it failed first, or was switched off). */
  find(jobState: JobState): Promise<T | undefined>;
}

function stepData<T>(key: string): StepData<T> {
  return {
    key,
    set: (jobState, value) => jobState.setData(key, value),
    find: (jobState) => jobState.getData<T>(key),
  };
}

/** A profile installed on a device, as devices/{id}/details or prism/installed_profiles report it. */
export interface InstalledProfileRef {
  uuid: string | null;
  identifier: string | null;
}

/** What the steps hand on, by the step that sets it. */
export const StepDataOf = {
  /** fetch-account: settings/licensing (for the device-list completeness check). */
  LICENSING: stepData<KandjiLicensing>('kandji:licensing'),
  /** fetch-device-list: every listed device (for details, apps, users, blueprints, profiles). */
  DEVICE_LIST: stepData<KandjiDevice[]>('kandji:device-list'),
  /** fetch-devices (per-device details): the profiles installed on each device. */
  DEVICE_INSTALLED_PROFILES: stepData<Map<string, InstalledProfileRef[]>>(
    'kandji:device-installed-profiles',
  ),
  /** fetch-devices: per-device details returned 403 (already warned). */
  DEVICE_DETAILS_DENIED: stepData<boolean>('kandji:device-details-denied'),
  /** fetch-custom-profiles: profile id and mdm_identifier -> kandji_profile key. */
  PROFILE_KEYS_BY_IDENTIFIER: stepData<Map<string, string>>('kandji:profile-keys-by-identifier'),
} as const;
