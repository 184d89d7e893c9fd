import {
  RelationshipClass,
  RelationshipDirection,
  type StepEntityMetadata,
  type StepMappedRelationshipMetadata,
  type StepRelationshipMetadata,
} from '@jupiterone/integration-sdk-core';

export const Steps = {
  ACCOUNT: 'fetch-account',
  APPLICATIONS: 'fetch-applications',
  DEVICE_GROUPS: 'fetch-device-groups',
  DEVICES: 'fetch-devices',
  USERS: 'fetch-users',
  INSTALLED_APPS: 'fetch-installed-apps',
  USER_DEVICE_RELATIONSHIPS: 'build-user-device-relationships',
  /** Last: adds esper_account with this run's collection health (mdm-core withCollectionHealth). */
  COLLECTION_HEALTH: 'record-collection-health',
} as const;

/** Optional data a J1 admin can switch off (ingestionConfig). */
export const IngestionSources = {
  /** The core (enterprise, catalog, groups, devices, user -> device links): always on. */
  DEVICES: 'devices',
  INSTALLED_APPS: 'installed-apps',
  USERS: 'users',
} as const;

export const Entities = {
  ACCOUNT: { resourceName: 'Account', _type: 'esper_account', _class: ['Account'] },
  APPLICATION: { resourceName: 'Application', _type: 'esper_application', _class: ['Application'] },
  DEVICE: { resourceName: 'Device', _type: 'esper_device', _class: ['Device'] },
  DEVICE_GROUP: { resourceName: 'Device Group', _type: 'esper_device_group', _class: ['Group'] },
  USER: { resourceName: 'User', _type: 'esper_user', _class: ['User'] },
} as const satisfies Record<string, StepEntityMetadata>;

export const Relationships = {
  ACCOUNT_HAS_APPLICATION: {
    _type: 'esper_account_has_application',
    sourceType: Entities.ACCOUNT._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.APPLICATION._type,
  },
  ACCOUNT_HAS_DEVICE: {
    _type: 'esper_account_has_device',
    sourceType: Entities.ACCOUNT._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.DEVICE._type,
  },
  ACCOUNT_HAS_DEVICE_GROUP: {
    _type: 'esper_account_has_device_group',
    sourceType: Entities.ACCOUNT._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.DEVICE_GROUP._type,
  },
  ACCOUNT_HAS_USER: {
    _type: 'esper_account_has_user',
    sourceType: Entities.ACCOUNT._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.USER._type,
  },
  DEVICE_GROUP_HAS_DEVICE: {
    _type: 'esper_device_group_has_device',
    sourceType: Entities.DEVICE_GROUP._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.DEVICE._type,
  },
  DEVICE_GROUP_HAS_DEVICE_GROUP: {
    _type: 'esper_device_group_has_group',
    sourceType: Entities.DEVICE_GROUP._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.DEVICE_GROUP._type,
  },
  DEVICE_HAS_APPLICATION: {
    _type: 'esper_device_has_application',
    sourceType: Entities.DEVICE._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.APPLICATION._type,
  },
  USER_HAS_DEVICE: {
    _type: 'esper_user_has_device',
    sourceType: Entities.USER._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.DEVICE._type,
  },
} as const satisfies Record<string, StepRelationshipMetadata>;

/** Mapped relationship from esper_user to the J1 employee (Person) with the same email. */
export const MappedRelationships = {
  USER_IS_EMPLOYEE: {
    _type: 'esper_user_is_employee',
    sourceType: Entities.USER._type,
    _class: RelationshipClass.IS,
    targetType: 'employee',
    direction: RelationshipDirection.FORWARD,
  },
} as const satisfies Record<string, StepMappedRelationshipMetadata>;

/** Esper API facts the collection relies on (see ../shared/reference/esper-api.md (repository-relative: the shared/ folder beside this repository)). */
export const EsperApi = {
  /** Esper's own client settled on 250 after trying 1000; the server default is 20. */
  PAGE_SIZE: 250,
  /** Esper publishes no limit; Esper's own desktop client throttles itself to 8000 calls / 300 s. */
  RATE_LIMIT: { name: 'esper-client-5min', limit: 8000, intervalMs: 300_000 },
  /**
   * Installed apps are per device only: requests in flight for that N+1 fan-out (default; the
   * configured `maxConcurrentRequests` when set). Esper publishes no concurrency or rate limit;
   * the call budget (RATE_LIMIT) is what paces a large fleet. At 50 ms per call, 32 in flight
   * read 1,000 devices' apps in ~2.3 s (20, what Esper's own tool uses for parallel paging,
   * took ~4 s and the run ~6.5 s); lower it with MAX_CONCURRENT_REQUESTS.
   */
  DEVICE_APPS_CONCURRENCY: 32,
  /** Pages of the device list fetched at once when pages are computed from `count`. */
  PAGE_CONCURRENCY: 4,
  /** Requests in flight per client (shared by concurrent steps through the rate limiter). */
  MAX_CONCURRENCY: 32,
  /**
   * v2 device list (every platform). `limit` may go up to 1000, but Esper's own tool pages
   * it at 250 and still sees 504s and timeouts on large fleets (esper-api.md, "v2: multi-OS").
   */
  V2_PAGE_SIZE: 250,
  /** A v2 device page may take tens of seconds on a large tenant: wait longer than the default 30 s. */
  V2_DEVICES_TIMEOUT_MS: 120_000,
  /** Extra attempts for one v2 device page after the client's own retries (504, timeout). */
  V2_PAGE_EXTRA_ATTEMPTS: 2,
  /** Pause before such an extra attempt (Esper's tool sleeps 25-45 s before each v2 device page). */
  V2_PAGE_RETRY_DELAY_MS: 30_000,
} as const;

export const EsperDeviceState = {
  0: 'Unspecified',
  1: 'Online',
  20: 'Disabled',
  30: 'Provisioning',
  40: 'Provisioning',
  50: 'Provisioning',
  60: 'Offline',
  70: 'Wipe in progress',
  80: 'Onboarding',
  90: 'Onboarding failed',
  100: 'Onboarded',
  200: 'Registered',
} as const satisfies Record<number, string>;
