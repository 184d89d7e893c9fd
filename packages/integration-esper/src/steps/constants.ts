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

// Ingestion sources are declared in src/sources.ts (the same home as Kandji's); re-exported for the steps.
export { IngestionSources } from '../sources';

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

// The Esper API facts (page sizes, rate limit, concurrency) live beside the settings that
// override them, below the client; steps read them from here.
export { EsperLimits } from '../tuning';

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
