import {
  createDirectRelationship,
  type IntegrationStep,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import { Endpoints } from '../../client';
import type { IntegrationConfig } from '../../config';
import {
  Entities,
  IngestionSources,
  MappedRelationships,
  Relationships,
  Steps,
} from '../constants';
import {
  authorizationEndpoint,
  collect,
  getAccountEntity,
  isUnavailable,
  type StepContext,
} from '../shared';
import { createEsperUserEmployeeRelationship, createEsperUserEntity } from './converter';
import { readDirectory } from './directory';

/**
 * Enterprise users (GET /api/user/ with the filters Esper's own tool sends: no Google-role or
 * device-role accounts, only accounts with a login), ingestion source `users`. Every listed
 * account is an esper_user; only people get a Person (employee) link (see accountKindOf). Optional: the path is not in
 * Esper's public spec and a key of a non-admin user may not read it. On 403/404 the users
 * read so far are kept and the step fails (non-fatal) naming the permission and the source,
 * so J1 marks the user types partial instead of deleting the users it has. User -> device
 * links do not depend on this step (build-user-device-relationships reads the same
 * directory once, whichever step asks first).
 */
export async function fetchUsers(context: StepContext): Promise<void> {
  const { jobState, logger } = context;
  const account = await getAccountEntity(jobState);
  await collect(context, 'users', async ({ unavailable }) => {
    const directory = await readDirectory(context);
    for (const user of directory.users) {
      const entity = createEsperUserEntity(user);
      if (jobState.hasKey(entity._key)) continue;
      await jobState.addEntity(entity);
      await jobState.addRelationship(
        createDirectRelationship({ _class: RelationshipClass.HAS, from: account, to: entity }),
      );
      const employee = createEsperUserEmployeeRelationship(entity, user);
      if (employee) await jobState.addRelationship(employee);
    }
    const skipped = directory.report.summary();
    if (Object.keys(skipped).length > 0)
      logger.warn({ skipped }, 'Esper records failed validation and were skipped');
    const { error } = directory;
    if (error === undefined) return;
    if (!isUnavailable(error)) throw error;
    unavailable({
      status: error.status,
      missing: 'Esper users (names, emails, roles and their links to employees)',
      cause: error,
    });
  });
}

export const userSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.USERS,
    name: 'Fetch Users',
    entities: [Entities.USER],
    relationships: [Relationships.ACCOUNT_HAS_USER],
    mappedRelationships: [MappedRelationships.USER_IS_EMPLOYEE],
    dependsOn: [Steps.ACCOUNT],
    ingestionSourceId: IngestionSources.USERS,
    authorization: {
      permissions: [`${Endpoints.users.permission} (ingestion source "${IngestionSources.USERS}")`],
      endpoints: [authorizationEndpoint('users')],
    },
    executionHandler: fetchUsers,
  },
];
