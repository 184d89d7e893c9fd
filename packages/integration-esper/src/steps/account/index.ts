import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { getEnterprise, paths, permissions } from '../../client';
import type { IntegrationConfig } from '../../config';
import { Entities, IngestionSources, Steps } from '../constants';
import { collect, setAccountEntity, type StepContext } from '../helpers';
import { createEsperAccountEntity } from './converter';

export async function fetchAccount(context: StepContext): Promise<void> {
  await collect(context, 'enterprise', async ({ client, config }) => {
    const enterprise = await getEnterprise(client, config.enterpriseId);
    const account = await context.jobState.addEntity(createEsperAccountEntity(enterprise, config));
    await setAccountEntity(context.jobState, account);
  });
}

export const accountSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCOUNT,
    name: 'Fetch Account',
    entities: [Entities.ACCOUNT],
    relationships: [],
    ingestionSourceId: IngestionSources.DEVICES,
    authorization: {
      permissions: [permissions.enterprise],
      endpoints: [`GET /api/${paths.enterprise('{enterprise_id}')}`],
    },
    executionHandler: fetchAccount,
  },
];
