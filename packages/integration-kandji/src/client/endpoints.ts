/**
 * The Kandji API as this integration reads it: every path under /api/v1, the API token
 * permission each one needs (Kandji's documented limits: KandjiLimits in ../tuning.ts). Facts:
 * ../shared/reference/kandji-api.md (beside this repository) ([KOA] api-docs.kandji.io via
 * the OpenAPI/Postman export, [GK] graph-kandji recordings).
 */

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

/** Paths under /api/v1 (Endpoints below pairs each with its permission). */
export const Paths = {
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
 * One endpoint as warnings and step errors name it: `endpoint` is what the user reads
 * ("GET users"), `permission` the API token permission it needs.
 */
export interface KandjiEndpoint {
  path: string;
  endpoint: string;
  permission: string;
}

const get = (path: string, permission: string): KandjiEndpoint => ({
  path,
  endpoint: `GET ${path}`,
  permission,
});

/** Every endpoint this integration reads, with the permission it needs (see Permissions). */
export const Endpoints = {
  /** GET devices - "Device list". */
  DEVICES: get(Paths.DEVICES, Permissions.DEVICE_LIST),
  /** GET devices/{device_id}/details - "Device details". */
  DEVICE_DETAILS: get(Paths.DEVICE_DETAILS, Permissions.DEVICE_DETAILS),
  /** GET devices/{device_id}/apps - "Application list". */
  DEVICE_APPS: get(Paths.DEVICE_APPS, Permissions.APPLICATION_LIST),
  /** GET prism/{category} and prism/count - "Prism". */
  PRISM_DEVICE_INFORMATION: get(Paths.PRISM_DEVICE_INFORMATION, Permissions.PRISM),
  PRISM_APPS: get(Paths.PRISM_APPS, Permissions.PRISM),
  PRISM_INSTALLED_PROFILES: get(Paths.PRISM_INSTALLED_PROFILES, Permissions.PRISM),
  PRISM_FILEVAULT: get(Paths.PRISM_FILEVAULT, Permissions.PRISM),
  PRISM_APPLICATION_FIREWALL: get(Paths.PRISM_APPLICATION_FIREWALL, Permissions.PRISM),
  PRISM_GATEKEEPER: get(Paths.PRISM_GATEKEEPER, Permissions.PRISM),
  PRISM_STARTUP_SETTINGS: get(Paths.PRISM_STARTUP_SETTINGS, Permissions.PRISM),
  PRISM_ACTIVATION_LOCK: get(Paths.PRISM_ACTIVATION_LOCK, Permissions.PRISM),
  PRISM_COUNT: get(Paths.PRISM_COUNT, Permissions.PRISM),
  /** GET users - "Users". */
  USERS: get(Paths.USERS, Permissions.USERS),
  /** GET blueprints - "Blueprints". */
  BLUEPRINTS: get(Paths.BLUEPRINTS, Permissions.BLUEPRINTS),
  /** GET library/custom-profiles - "Library items (custom profiles)". */
  CUSTOM_PROFILES: get(Paths.CUSTOM_PROFILES, Permissions.CUSTOM_PROFILES),
  /** GET settings/licensing - "Licensing". */
  LICENSING: get(Paths.LICENSING, Permissions.LICENSING),
  /** GET vulnerability-management/detections - "Vulnerability Management". */
  VULNERABILITY_DETECTIONS: get(
    Paths.VULNERABILITY_DETECTIONS,
    Permissions.VULNERABILITY_MANAGEMENT,
  ),
  /** GET vulnerability-management/vulnerabilities - "Vulnerability Management". */
  VULNERABILITIES: get(Paths.VULNERABILITIES, Permissions.VULNERABILITY_MANAGEMENT),
  /** GET threat-details - "Threats". */
  THREAT_DETAILS: get(Paths.THREAT_DETAILS, Permissions.THREATS),
  /** GET behavioral-detections - "Threats". */
  BEHAVIORAL_DETECTIONS: get(Paths.BEHAVIORAL_DETECTIONS, Permissions.THREATS),
} as const satisfies Record<string, KandjiEndpoint>;
