import {
  createDirectRelationship,
  type IntegrationStep,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import { listUsers } from '../../client';
import type { IntegrationConfig } from '../../config';
import {
  Entities,
  IngestionSources,
  MappedRelationships,
  Relationships,
  Steps,
} from '../constants';
import { collect, getAccountEntity, isUnavailable, type StepContext } from '../helpers';
import { createEsperUserEmployeeRelationship, createEsperUserEntity } from './converter';

/**
 * Enterprise users (GET /api/user/ with the filters Esper's own tool sends: no Google-role or
 * device-role accounts, only accounts with a login). Every listed account is an esper_user;
 * only people get a Person (employee) link (see accountKindOf). Optional: the path is not in Esper's public
 * spec and a key of a non-admin user may not read it. On 403/404 the users read so
 * far are kept and the step fails (non-fatal) naming the permission, so J1 marks the
 * user types partial instead of deleting the users it has; other steps are unaffected.
 */
export async function fetchUsers(context: StepContext): Promise<void> {
  const { jobState } = context;
  const account = await getAccountEntity(jobState);
  await collect(context, 'users', async ({ client, report, unavailable }) => {
    try {
      for await (const user of listUsers(client, { report })) {
        const entity = createEsperUserEntity(user);
        if (jobState.hasKey(entity._key)) continue;
        await jobState.addEntity(entity);
        await jobState.addRelationship(
          createDirectRelationship({ _class: RelationshipClass.HAS, from: account, to: entity }),
        );
        const employee = createEsperUserEmployeeRelationship(entity, user);
        if (employee) await jobState.addRelationship(employee);
      }
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      unavailable({
        status: err.status,
        missing: 'Esper users (and their links to devices and employees)',
        cause: err,
      });
    }
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
    executionHandler: fetchUsers,
  },
];
