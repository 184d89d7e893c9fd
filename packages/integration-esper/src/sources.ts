import type { IntegrationIngestionConfigFieldMap } from '@jupiterone/integration-sdk-core';
import { type SourcePermission, sourcePermissions } from '@mdm-graph/mdm-core/steps';
import { Endpoints } from './client';
import { IngestionSources } from './steps/constants';

export type EsperIngestionSource = (typeof IngestionSources)[keyof typeof IngestionSources];

/**
 * What each optional source needs and what is partial without it (preflight, errors, docs).
 * Esper has no per-key scopes: the role of the user who created the API key decides. The
 * preflight's probes are added per run (src/preflight.ts): they need the enterprise.
 */
export const SOURCE_PERMISSIONS: readonly SourcePermission<EsperIngestionSource>[] =
  sourcePermissions<EsperIngestionSource>([
    {
      source: IngestionSources.USERS,
      permission: Endpoints.users.permission,
      data: 'the user directory (names, emails, roles, employee mapping; user -> device links stay complete)',
    },
    {
      source: IngestionSources.INSTALLED_APPS,
      permission: Endpoints.deviceApps.permission,
      data: 'the apps installed on each device (esper_device HAS esper_application)',
    },
  ]);

/**
 * The JupiterOne ingestionConfig. Installed apps are new beyond the original model
 * (enterprise, catalog, groups, devices) and cost one request per device: off by default.
 */
export const ingestionConfig: IntegrationIngestionConfigFieldMap = {
  [IngestionSources.DEVICES]: {
    title: 'Enterprise, devices and application catalog',
    description:
      'The enterprise, its application catalog, device groups, every device and the user -> device links (from the device list).',
    cannotBeDisabled: true,
  },
  [IngestionSources.USERS]: {
    title: 'User directory',
    description:
      'Esper console users with names, emails and roles, and their mapping to employees (needs an API key of an Enterprise Admin). Off: each device still links to its user as the device list names it.',
  },
  [IngestionSources.INSTALLED_APPS]: {
    title: 'Installed apps',
    description:
      'Apps installed on each device (one API call per device; Apple devices through the v2 device-apps listing, one lookup per distinct app). Off: only the enterprise application catalog is ingested.',
  },
};
