import type {
  IntegrationStep,
  IntegrationStepExecutionContext,
} from '@jupiterone/integration-sdk-core';
import { requiredResource } from '@mdm-graph/mdm-core/steps';
import { __VendorPascal__, Endpoints, getAccount, withClient } from '../../client';
import { type IntegrationConfig, requireConfig } from '../../config';
import { AccountData, Entities, Steps } from '../constants';
import { createAccount } from './converter';

export async function fetchAccount(
  context: IntegrationStepExecutionContext<IntegrationConfig>,
): Promise<void> {
  const config = requireConfig(context.instance.config);
  const account = await withClient(config, context.logger, (client) =>
    requiredResource({ vendor: __VendorPascal__, context }, Endpoints.ACCOUNT, () =>
      getAccount(client),
    ),
  );
  const entity = await context.jobState.addEntity(createAccount(account, config.apiUrl));
  await AccountData.set(context.jobState, entity);
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
