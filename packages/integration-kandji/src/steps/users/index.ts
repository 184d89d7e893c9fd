import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { hasStatus, partialDataStep, publishSkipped } from '@mdm-graph/mdm-core/steps';
import { kandji } from '../../client';
import type { KandjiIntegrationConfig, KandjiStepContext } from '../../config';
import { IngestionSources } from '../../sources';
import { API_DOCS, Paths, Entities, MappedRelationships, Permissions, Steps } from '../constants';
import { createDirectoryUser, createEmployeeRelationship } from './converter';
import { readDirectory, USERS_ENDPOINT } from './directory';

/**
 * The user directory (GET users, cursor paging), ingestion source `users`. Optional: a 403
 * ingests the users read so far and fails the step naming the permission and the source
 * (so kandji_user is partial, not deleted in J1). Device -> user links do not depend on it.
 */
export const fetchUsers = partialDataStep(kandji, async (context: KandjiStepContext, partial) => {
  const directory = await readDirectory(context);
  for (const user of directory.users) {
    const entity = createDirectoryUser(user);
    if (context.jobState.hasKey(entity._key)) continue;
    await context.jobState.addEntity(entity);
    const employee = createEmployeeRelationship(entity, user.email);
    if (employee) await context.jobState.addRelationship(employee);
  }
  publishSkipped(partial, directory.report);
  if (directory.error === undefined) return;
  if (hasStatus(directory.error, 403)) partial.record(USERS_ENDPOINT, directory.error);
  else throw kandji.toJupiterOneError(directory.error, USERS_ENDPOINT);
});

export const userSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.USERS,
    name: 'Fetch Users',
    entities: [Entities.USER],
    relationships: [],
    mappedRelationships: [MappedRelationships.USER_IS_EMPLOYEE],
    ingestionSourceId: IngestionSources.USERS,
    authorization: {
      permissions: [`${Permissions.USERS} (ingestion source "${IngestionSources.USERS}")`],
      endpoints: [`GET /api/v1/${Paths.USERS}`],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchUsers,
  },
];
