import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { partialDataStep } from '@mdm-graph/mdm-core/steps';
import { Endpoints, kandji, listCustomProfiles } from '../../client';
import type { KandjiIntegrationConfig, KandjiStepContext } from '../../config';
import { IngestionSources } from '../../sources';
import { API_DOCS, Paths, Entities, Permissions, Steps } from '../constants';
import { StepDataOf } from '../data';
import { readOptionalList } from '../shared';
import { createProfile } from './converter';

/**
 * kandji_profile for every custom profile (GET library/custom-profiles, all pages). Keeps
 * id and mdm_identifier -> key so installed profiles can be matched by either. Without the
 * Library items permission the step fails after a warning (kandji_profile partial; the
 * dependent fetch-installed-profiles then is partial too).
 */
export const fetchCustomProfiles = partialDataStep(
  kandji,
  async (context: KandjiStepContext, partial) => {
    const keys = new Map<string, string>();
    await readOptionalList(
      context,
      partial,
      {
        ...Endpoints.CUSTOM_PROFILES,
        skipped: 'custom profiles and their device assignments',
        source: IngestionSources.CUSTOM_PROFILES,
      },
      listCustomProfiles,
      async (profile) => {
        const entity = createProfile(profile);
        if (context.jobState.hasKey(entity._key)) return;
        await context.jobState.addEntity(entity);
        keys.set(profile.id, entity._key);
        if (profile.mdm_identifier) keys.set(profile.mdm_identifier, entity._key);
      },
    );
    await StepDataOf.PROFILE_KEYS_BY_IDENTIFIER.set(context.jobState, keys);
  },
);

export const customProfileSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.CUSTOM_PROFILES,
    name: 'Fetch Custom Profiles',
    entities: [Entities.PROFILE],
    relationships: [],
    ingestionSourceId: IngestionSources.CUSTOM_PROFILES,
    authorization: {
      permissions: [
        `${Permissions.CUSTOM_PROFILES} (ingestion source "${IngestionSources.CUSTOM_PROFILES}")`,
      ],
      endpoints: [`GET /api/v1/${Paths.CUSTOM_PROFILES}`],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchCustomProfiles,
  },
];
