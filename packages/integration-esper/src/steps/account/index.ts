import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { getEnterprise } from '../../client';
import type { IntegrationConfig } from '../../config';
import { Entities, Steps } from '../constants';
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
    executionHandler: fetchAccount,
  },
];
