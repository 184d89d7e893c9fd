import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { getAccount } from '../../client';
import type { IntegrationConfig } from '../../config';
import { Entities, Steps } from '../constants';
import { setAccountEntity, type StepContext, withClient } from '../shared';
import { createAccount } from './converter';

export async function fetchAccount(context: StepContext): Promise<void> {
  await withClient(context, async ({ client, config }) => {
    const account = await context.jobState.addEntity(
      createAccount(await getAccount(client), config.apiUrl),
    );
    await setAccountEntity(context.jobState, account);
  });
}

export const accountSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.ACCOUNT,
    name: 'Fetch Account',
    entities: [Entities.ACCOUNT],
    relationships: [],
    dependsOn: [],
    executionHandler: fetchAccount,
  },
];
