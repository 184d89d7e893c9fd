import {
  createDirectRelationship,
  type IntegrationStep,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import { publishSkipped } from '@mdm-graph/mdm-core/steps';
import { Endpoints } from '../../client';
import type { IntegrationConfig } from '../../config';
import {
  AccountData,
  Entities,
  IngestionSources,
  MappedRelationships,
  Relationships,
  Steps,
} from '../constants';
import { authorizationEndpoint, collect, optionalEndpoint, type StepContext } from '../shared';
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
  const { jobState } = context;
  const account = await AccountData.get(jobState);
  await collect(context, 'users', async ({ config, partial }) => {
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
    // The directory is read once per run (with its own report): its skips are told here.
    publishSkipped(partial, directory.report);
    const { error } = directory;
    if (error === undefined) return;
    const users = optionalEndpoint(
      'users',
      config,
      'Esper users (names, emails, roles and their links to employees)',
    );
    if (!partial.record(users, error)) throw error;
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
