import type { IntegrationIngestionConfigFieldMap } from '@jupiterone/integration-sdk-core';
import { sourcePermissions } from '@mdm-graph/mdm-core/steps';
import { Paths, Permissions } from './client';

/**
 * Ingestion sources: the parts of the graph a JupiterOne admin can switch off (the
 * integration's "Ingestion sources" settings; `DISABLED_INGESTION_SOURCES` for `collect`).
 * A disabled source makes no request and its steps end DISABLED (not failed).
 */
export const IngestionSources = {
  /** The core (account, devices, applications, device -> user links): always on. */
  DEVICES: 'devices',
  USERS: 'users',
  BLUEPRINTS: 'blueprints',
  CUSTOM_PROFILES: 'custom-profiles',
  DEVICE_DETAILS: 'device-details',
  VULNERABILITIES: 'vulnerabilities',
  THREATS: 'threats',
} as const;
export type KandjiIngestionSource = (typeof IngestionSources)[keyof typeof IngestionSources];

/**
 * What each optional source needs and what is lost without it (mdm-core SourcePermission):
 * the preflight warning, the step errors and docs/jupiterone.md say the same thing. `probe`
 * is the first page the preflight asks for (one record; the detections list pages by `size`).
 */
export const SOURCE_PERMISSIONS = sourcePermissions<KandjiIngestionSource>([
  {
    source: IngestionSources.USERS,
    permission: Permissions.USERS,
    probe: { path: Paths.USERS },
    data: 'the user directory (names, departments, archived state; device -> user links stay complete)',
  },
  {
    source: IngestionSources.BLUEPRINTS,
    permission: Permissions.BLUEPRINTS,
    probe: { path: Paths.BLUEPRINTS },
    data: 'blueprints and device blueprint assignments',
  },
  {
    source: IngestionSources.CUSTOM_PROFILES,
    permission: Permissions.CUSTOM_PROFILES,
    probe: { path: Paths.CUSTOM_PROFILES },
    data: 'custom profiles and the devices they are installed on',
  },
  {
    source: IngestionSources.VULNERABILITIES,
    permission: Permissions.VULNERABILITY_MANAGEMENT,
    probe: { path: Paths.VULNERABILITY_DETECTIONS, query: { size: 1 } },
    data: 'vulnerability findings',
  },
  {
    source: IngestionSources.THREATS,
    permission: Permissions.THREATS,
    probe: { path: Paths.THREAT_DETAILS },
    data: 'EDR threat findings',
  },
]);

/**
 * The JupiterOne ingestionConfig. Blueprints and custom profiles need a permission the
 * original walkthrough never granted and default to off, so an existing set-up does not turn
 * red on upgrade. The security findings are on by default (the findings issue): a tenant
 * without the product answers 404 and the step succeeds empty; a token without the
 * permission gets the preflight warning naming the permission and this switch.
 */
export const ingestionConfig: IntegrationIngestionConfigFieldMap = {
  [IngestionSources.DEVICES]: {
    title: 'Devices and applications',
    description:
      'The account, every device with its details, installed applications and the device -> user links (from the device list). Needs the Device list permission (plus Prism, or Device details and Application list).',
    cannotBeDisabled: true,
  },
  [IngestionSources.USERS]: {
    title: 'User directory',
    description:
      'Kandji users with names, departments and archived state (Users permission). Off: each device still links to its assigned user as the device list names it.',
  },
  [IngestionSources.DEVICE_DETAILS]: {
    title: 'Device details',
    description:
      'Per-device details (Device details permission; one request per device): supervision, MAC addresses, remote desktop and, where Prism lacks it, activation lock; without Prism, every property beyond the device list. The deviceDetails setting (auto/always/never) decides when Prism mode reads them. Off: no devices/{id}/details request at all.',
  },
  [IngestionSources.BLUEPRINTS]: {
    title: 'Blueprints',
    description:
      'Blueprints and which device is assigned to which (Blueprints permission). Off by default: it needs a permission beyond devices and apps.',
    defaultsToDisabled: true,
  },
  [IngestionSources.CUSTOM_PROFILES]: {
    title: 'Custom profiles',
    description:
      'Custom profiles of the library and the devices they are installed on (Library items permission; installed profiles from Prism or Device details). Off by default: it needs a permission beyond devices and apps.',
    defaultsToDisabled: true,
  },
  [IngestionSources.VULNERABILITIES]: {
    title: 'Vulnerabilities',
    description:
      'Vulnerability findings per device and application, linked to the shared CVE entities (Vulnerability Management permission; about one request per 300 detections plus one per 50 CVEs). On by default: it is what a security team installs this integration for; switch it off if the tenant has the product but the token may not read it.',
  },
  [IngestionSources.THREATS]: {
    title: 'Threats',
    description:
      'EDR threat findings (malware, PUP, behavioral detections) per device (Threats permission; a few requests). On by default; a tenant without Kandji EDR simply has none.',
  },
};
