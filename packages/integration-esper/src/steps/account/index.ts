import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { deferAccountEntity } from '@mdm-graph/mdm-core';
import { Endpoints, getEnterprise } from '../../client';
import type { IntegrationConfig } from '../../config';
import { AccountData, Entities, IngestionSources, Steps } from '../constants';
import { authorizationEndpoint, collect, type StepContext } from '../shared';
import { createEsperAccountEntity } from './converter';

export async function fetchAccount(context: StepContext): Promise<void> {
  await collect(context, 'enterprise', async ({ client, config }) => {
    const enterprise = await getEnterprise(client, config.enterpriseId);
    const account = createEsperAccountEntity(enterprise, config);
    await AccountData.set(context.jobState, account);
    // Added by record-collection-health at the end of the run, with the run's health.
    await deferAccountEntity(context, account);
  });
}

export const accountSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCOUNT,
    name: 'Fetch Account',
    // Also declared by record-collection-health, which adds esper_account last in a full run
    // (a single-step run, e.g. a test harness, adds it here).
    entities: [Entities.ACCOUNT],
    relationships: [],
    ingestionSourceId: IngestionSources.DEVICES,
    authorization: {
      permissions: [Endpoints.enterprise.permission],
      endpoints: [authorizationEndpoint('enterprise')],
    },
    executionHandler: fetchAccount,
  },
];
