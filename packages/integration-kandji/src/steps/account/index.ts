import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import type { KandjiLicensing } from '../../client';
import { licensingSchema } from '../../client';
import { withKandjiApi } from '../../api';
import type { KandjiIntegrationConfig } from '../../config';
import { API_DOCS, Endpoints, Entities, Permissions, Steps } from '../constants';
import { optionalResource, stepConfig, type KandjiStepContext } from '../shared';
import { createAccount } from './converter';

export async function fetchAccount(context: KandjiStepContext): Promise<void> {
  const config = stepConfig(context);
  let licensing: KandjiLicensing | undefined;
  await withKandjiApi(config, context.logger, (api) =>
    optionalResource(
      context,
      { endpoint: `GET ${Endpoints.LICENSING}`, permission: Permissions.LICENSING, skipped: 'licensing counts on the account' },
      async () => {
        licensing = (await api.http.getJson(Endpoints.LICENSING, { schema: licensingSchema })).data;
      },
    ),
  );
  await context.jobState.addEntity(createAccount(config.apiUrl, licensing));
}

export const accountSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.ACCOUNT,
    name: 'Fetch Account',
    entities: [Entities.ACCOUNT],
    relationships: [],
    authorization: {
      permissions: [`${Permissions.LICENSING} (optional: licensing counts)`],
      endpoints: [`GET /api/v1/${Endpoints.LICENSING}`],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchAccount,
  },
];
