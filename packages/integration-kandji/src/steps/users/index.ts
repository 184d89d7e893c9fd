import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { usersPages, userSchema } from '../../client';
import type { KandjiIntegrationConfig } from '../../config';
import {
  API_DOCS,
  DataKeys,
  Endpoints,
  Entities,
  MappedRelationships,
  Permissions,
  Steps,
} from '../constants';
import { permissionAwareStep, readOptionalList } from '../shared';
import { createDirectoryUser, createEmployeeRelationship } from './converter';

/**
 * The user directory (GET users, cursor paging). Optional: a 403 skips it with a warning
 * and fails the step after the rest (so kandji_user is partial, not deleted in J1).
 */
export const fetchUsers = permissionAwareStep(async (context, denied) => {
  const keysByEmail = new Map<string, string>();
  await readOptionalList(
    context,
    denied,
    {
      endpoint: `GET ${Endpoints.USERS}`,
      permission: Permissions.USERS,
      skipped: 'the user directory (device users are still ingested)',
    },
    { pages: () => usersPages(), resource: 'user', schema: userSchema },
    async (user) => {
      const entity = createDirectoryUser(user);
      if (context.jobState.hasKey(entity._key)) return;
      await context.jobState.addEntity(entity);
      const employee = createEmployeeRelationship(entity, user.email);
      if (employee) await context.jobState.addRelationship(employee);
      if (user.email) keysByEmail.set(user.email.toLowerCase(), entity._key);
    },
  );
  await context.jobState.setData(DataKeys.USER_KEYS_BY_EMAIL, keysByEmail);
});

export const userSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.USERS,
    name: 'Fetch Users',
    entities: [Entities.USER],
    relationships: [],
    mappedRelationships: [MappedRelationships.USER_IS_EMPLOYEE],
    authorization: {
      permissions: [`${Permissions.USERS} (optional: the user directory)`],
      endpoints: [`GET /api/v1/${Endpoints.USERS}`],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchUsers,
  },
];
