import {
  RelationshipClass,
  RelationshipDirection,
  type StepEntityMetadata,
  type StepMappedRelationshipMetadata,
  type StepRelationshipMetadata,
} from '@jupiterone/integration-sdk-core';

// Vendor facts live in the client layer; re-exported for the steps, tests and benchmarks.
export { Endpoints, Paths, KandjiLimits, Permissions, CREDENTIAL_FIELD } from '../client';

export const Steps = {
  ACCOUNT: 'fetch-account',
  DEVICE_LIST: 'fetch-device-list',
  DEVICES: 'fetch-devices',
  APPS: 'fetch-apps',
  USERS: 'fetch-users',
  DEVICE_USERS: 'build-device-user-relationships',
  BLUEPRINTS: 'fetch-blueprints',
  CUSTOM_PROFILES: 'fetch-custom-profiles',
  INSTALLED_PROFILES: 'fetch-installed-profiles',
  VULNERABILITIES: 'fetch-vulnerabilities',
  /** kandji_app HAS kandji_vulnerability, once both apps and findings are in (see the step). */
  APP_VULNERABILITIES: 'build-app-vulnerability-relationships',
  THREATS: 'fetch-threats',
  /** Last: adds kandji_account with this run's collection health (mdm-core withCollectionHealth). */
  COLLECTION_HEALTH: 'record-collection-health',
} as const;

export const Entities = {
  ACCOUNT: { resourceName: 'Account', _type: 'kandji_account', _class: ['Account'] },
  DEVICE: { resourceName: 'Device', _type: 'kandji_device', _class: ['Device'] },
  APP: { resourceName: 'Application', _type: 'kandji_app', _class: ['Application'] },
  USER: { resourceName: 'User', _type: 'kandji_user', _class: ['User'] },
  BLUEPRINT: { resourceName: 'Blueprint', _type: 'kandji_blueprint', _class: ['Configuration'] },
  PROFILE: { resourceName: 'Custom Profile', _type: 'kandji_profile', _class: ['Configuration'] },
  VULNERABILITY: {
    resourceName: 'Vulnerability Detection',
    _type: 'kandji_vulnerability',
    _class: ['Finding'],
  },
  THREAT: { resourceName: 'Threat Detection', _type: 'kandji_threat', _class: ['Finding'] },
} as const satisfies Record<string, StepEntityMetadata>;

export const Relationships = {
  ACCOUNT_HAS_DEVICE: {
    _type: 'kandji_account_has_device',
    sourceType: Entities.ACCOUNT._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.DEVICE._type,
  },
  DEVICE_HAS_APP: {
    _type: 'kandji_device_has_app',
    sourceType: Entities.DEVICE._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.APP._type,
  },
  DEVICE_HAS_USER: {
    _type: 'kandji_device_has_user',
    sourceType: Entities.DEVICE._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.USER._type,
  },
  DEVICE_ASSIGNED_BLUEPRINT: {
    _type: 'kandji_device_assigned_blueprint',
    sourceType: Entities.DEVICE._type,
    _class: RelationshipClass.ASSIGNED,
    targetType: Entities.BLUEPRINT._type,
  },
  DEVICE_ASSIGNED_PROFILE: {
    _type: 'kandji_device_assigned_profile',
    sourceType: Entities.DEVICE._type,
    _class: RelationshipClass.ASSIGNED,
    targetType: Entities.PROFILE._type,
  },
  DEVICE_HAS_VULNERABILITY: {
    _type: 'kandji_device_has_vulnerability',
    sourceType: Entities.DEVICE._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.VULNERABILITY._type,
  },
  APP_HAS_VULNERABILITY: {
    _type: 'kandji_app_has_vulnerability',
    sourceType: Entities.APP._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.VULNERABILITY._type,
  },
  DEVICE_HAS_THREAT: {
    _type: 'kandji_device_has_threat',
    sourceType: Entities.DEVICE._type,
    _class: RelationshipClass.HAS,
    targetType: Entities.THREAT._type,
  },
} as const satisfies Record<string, StepRelationshipMetadata>;

export const MappedRelationships = {
  USER_IS_EMPLOYEE: {
    _type: 'kandji_user_is_employee',
    sourceType: Entities.USER._type,
    _class: RelationshipClass.IS,
    targetType: 'employee',
    direction: RelationshipDirection.FORWARD,
  },
  /** The shared CVE entity other scanners link to (`_type: 'cve'`, `_key`: the CVE id in lower case). */
  VULNERABILITY_IS_CVE: {
    _type: 'kandji_vulnerability_is_cve',
    sourceType: Entities.VULNERABILITY._type,
    _class: RelationshipClass.IS,
    targetType: 'cve',
    direction: RelationshipDirection.FORWARD,
  },
} as const satisfies Record<string, StepMappedRelationshipMetadata>;

export const API_DOCS = 'https://api-docs.kandji.io';
export const ACCESS_DOCS = 'https://support.kandji.io/api';
