/** Kandji API token permissions the simulator enforces per endpoint (403 when denied). */
export const KANDJI_PERMISSIONS = [
  'deviceList',
  'deviceDetails',
  'applicationList',
  'prism',
  'users',
  'blueprints',
  'libraryItems',
  'licensing',
  'vulnerabilityManagement',
  'threats',
] as const;
export type KandjiPermission = (typeof KANDJI_PERMISSIONS)[number];

export const FORBIDDEN_BODY = { detail: 'You do not have permission to perform this action.' };
export const UNAUTHORIZED_BODY = { detail: 'Incorrect authentication credentials.' };
