import {
  createDirectRelationship,
  type IntegrationStep,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import { Endpoints, listApplications } from '../../client';
import type { IntegrationConfig } from '../../config';
import { AccountData, Entities, IngestionSources, Relationships, Steps } from '../constants';
import { authorizationEndpoint, collect, type StepContext } from '../shared';
import { createCatalogApplicationEntity } from './converter';

/** The enterprise application catalog (GET /enterprise/{eid}/application/). */
export async function fetchApplications(context: StepContext): Promise<void> {
  const { jobState } = context;
  const account = await AccountData.get(jobState);
  await collect(context, 'applications', async ({ client, config, report }) => {
    for await (const app of listApplications(client, config.enterpriseId, { report })) {
      const entity = createCatalogApplicationEntity(app);
      if (jobState.hasKey(entity._key)) continue; // repeated by a shifting page
      await jobState.addEntity(entity);
      await jobState.addRelationship(
        createDirectRelationship({ _class: RelationshipClass.HAS, from: account, to: entity }),
      );
    }
  });
}

export const applicationSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.APPLICATIONS,
    name: 'Fetch Applications',
    entities: [Entities.APPLICATION],
    relationships: [Relationships.ACCOUNT_HAS_APPLICATION],
    dependsOn: [Steps.ACCOUNT],
    ingestionSourceId: IngestionSources.DEVICES,
    authorization: {
      permissions: [Endpoints.applications.permission],
      endpoints: [authorizationEndpoint('applications')],
    },
    executionHandler: fetchApplications,
  },
];
