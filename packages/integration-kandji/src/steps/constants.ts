import {
  RelationshipClass,
  RelationshipDirection,
  type StepEntityMetadata,
  type StepMappedRelationshipMetadata,
  type StepRelationshipMetadata,
} from '@jupiterone/integration-sdk-core';

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

/**
 * Kandji API token permissions (Settings > Access > API token), as named in the Kandji UI
 * and docs. A token without one gets 403 on that endpoint only.
 */
export const Permissions = {
  DEVICE_LIST: 'Device list',
  DEVICE_DETAILS: 'Device details',
  APPLICATION_LIST: 'Application list',
  PRISM: 'Prism',
  USERS: 'Users',
  BLUEPRINTS: 'Blueprints',
  CUSTOM_PROFILES: 'Library items (custom profiles)',
  LICENSING: 'Licensing',
  /** Settings > Access: "Vulnerability Management" (List Detections, List Vulnerabilities). */
  VULNERABILITY_MANAGEMENT: 'Vulnerability Management',
  /** Settings > Access: "Threats" (Get Threat Details, Get Behavioral Detections). */
  THREATS: 'Threats',
} as const;

/** Paths under /api/v1. */
export const Endpoints = {
  DEVICES: 'devices',
  DEVICE_DETAILS: 'devices/{device_id}/details',
  DEVICE_APPS: 'devices/{device_id}/apps',
  PRISM_DEVICE_INFORMATION: 'prism/device_information',
  PRISM_APPS: 'prism/apps',
  PRISM_INSTALLED_PROFILES: 'prism/installed_profiles',
  PRISM_FILEVAULT: 'prism/filevault',
  PRISM_APPLICATION_FIREWALL: 'prism/application_firewall',
  PRISM_GATEKEEPER: 'prism/gatekeeper_and_xprotect',
  PRISM_STARTUP_SETTINGS: 'prism/startup_settings',
  PRISM_ACTIVATION_LOCK: 'prism/activation_lock',
  PRISM_COUNT: 'prism/count',
  USERS: 'users',
  BLUEPRINTS: 'blueprints',
  CUSTOM_PROFILES: 'library/custom-profiles',
  LICENSING: 'settings/licensing',
  VULNERABILITY_DETECTIONS: 'vulnerability-management/detections',
  VULNERABILITIES: 'vulnerability-management/vulnerabilities',
  THREAT_DETAILS: 'threat-details',
  BEHAVIORAL_DETECTIONS: 'behavioral-detections',
} as const;

/**
 * The setting a 401 asks the user to fix, as the J1 UI (`accessToken`) and `collect`'s
 * .env (`ACCESS_TOKEN`) name it. Kandji tokens are static: a 401 means wrong, revoked or expired.
 */
export const CREDENTIAL_FIELD = 'accessToken (ACCESS_TOKEN)';

export const API_DOCS = 'https://api-docs.kandji.io';
export const ACCESS_DOCS = 'https://support.kandji.io/api';

/** Kandji's documented/observed limits. */
export const KandjiLimits = {
  MAX_PAGE_SIZE: 300,
  REQUESTS_PER_SECOND: 50,
  REQUESTS_PER_HOUR: 10_000,
  /**
   * deviceDetails=auto: the share of the tenant's hourly budget the per-device details calls
   * of Prism mode may take (the budget is shared with every other API client of the tenant).
   */
  DEVICE_DETAILS_BUDGET_SHARE: 0.1,
  /** Per-device fallback: requests in flight at once (the 50/s window is the real bound). */
  PER_DEVICE_CONCURRENCY: 8,
  /** vulnerability-management/detections `size`: "A hard upper limit is set at 300" [KOA]. */
  DETECTIONS_PAGE_SIZE: 300,
  /** vulnerability-management/vulnerabilities `size`: "A hard upper limit is set at 50" [KOA]. */
  VULNERABILITIES_PAGE_SIZE: 50,
  /** threat-details and behavioral-detections `limit`: "A hard upper limit is set at 1000" [KOA]. */
  THREATS_PAGE_SIZE: 1000,
  /**
   * Prism offset pages in flight per category, at least (the tenant's `maxConcurrentRequests`
   * when higher; the tenant's pool still bounds the total across categories and steps).
   */
  PRISM_PAGE_CONCURRENCY: 8,
} as const;

/** jobState.setData keys shared between steps. */
export const DataKeys = {
  DEVICE_LIST: 'kandji:device-list',
  DEVICE_INSTALLED_PROFILES: 'kandji:device-installed-profiles',
  /** Set by fetch-devices when per-device details returned 403 (already warned). */
  DEVICE_DETAILS_DENIED: 'kandji:device-details-denied',
  /** settings/licensing as read by fetch-account (for the device-list completeness check). */
  LICENSING: 'kandji:licensing',
  PROFILE_KEYS_BY_IDENTIFIER: 'kandji:profile-keys-by-identifier',
  /** Set by fetch-vulnerabilities: finding keys by the kandji_app key of the detected software. */
  FINDINGS_BY_APP_KEY: 'kandji:findings-by-app-key',
} as const;
