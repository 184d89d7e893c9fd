import {
  createDirectRelationship,
  RelationshipClass,
  type IntegrationStep,
} from '@jupiterone/integration-sdk-core';
import { isSourceEnabled } from '@mdm-graph/mdm-core/steps';
import type { KandjiIntegrationConfig, KandjiStepContext } from '../../config';
import { IngestionSources } from '../../sources';
import {
  API_DOCS,
  Paths,
  Entities,
  MappedRelationships,
  Permissions,
  Relationships,
  Steps,
} from '../constants';
import { deviceKey } from '../devices/converter';
import { getDeviceList } from '../device-list';
import { createAssignedUser, createEmployeeRelationship, userKey } from '../users/converter';
import { readDirectory } from '../users/directory';

/**
 * kandji_device HAS kandji_user from each device's `user` ("" when unassigned): the device
 * list alone is enough, so the links are complete whether the `users` source is on, off or
 * denied. When the directory is read (source on), a device user is matched to its directory
 * entity (by id, else by email: 2022-era device user ids were integers); users missing from
 * it (archived, source off, no Users permission) are created here from the device list.
 */
export async function buildDeviceUserRelationships(context: KandjiStepContext): Promise<void> {
  const directoryKeys = new Set<string>();
  const keysByEmail = new Map<string, string>();
  if (isSourceEnabled(context, IngestionSources.USERS)) {
    // A failed read (403, 5xx) leaves what arrived; fetch-users reports the failure.
    for (const user of (await readDirectory(context)).users) {
      const key = userKey(user.id);
      directoryKeys.add(key);
      const email = user.email?.toLowerCase();
      if (email && !keysByEmail.has(email)) keysByEmail.set(email, key);
    }
  }
  for (const device of await getDeviceList(context)) {
    const user = device.user;
    const from = deviceKey(device.device_id);
    if (!user?.id || !context.jobState.hasKey(from)) continue;
    let to = userKey(user.id);
    if (!directoryKeys.has(to)) {
      const byEmail = user.email ? keysByEmail.get(user.email.toLowerCase()) : undefined;
      if (byEmail) {
        to = byEmail;
      } else if (!context.jobState.hasKey(to)) {
        const entity = await context.jobState.addEntity(
          createAssignedUser({ ...user, id: user.id }),
        );
        const employee = createEmployeeRelationship(entity, user.email);
        if (employee) await context.jobState.addRelationship(employee);
      }
    }
    const relationship = createDirectRelationship({
      _class: RelationshipClass.HAS,
      fromKey: from,
      fromType: Entities.DEVICE._type,
      toKey: to,
      toType: Entities.USER._type,
    });
    if (!context.jobState.hasKey(relationship._key))
      await context.jobState.addRelationship(relationship);
  }
}

export const deviceUserSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.DEVICE_USERS,
    name: 'Build Device User Relationships',
    entities: [Entities.USER],
    relationships: [Relationships.DEVICE_HAS_USER],
    mappedRelationships: [MappedRelationships.USER_IS_EMPLOYEE],
    // Only the device list and the device entities: never the directory (fetch-users), so
    // switching the `users` source off or lacking its permission leaves these links complete.
    dependsOn: [Steps.DEVICE_LIST, Steps.DEVICES],
    ingestionSourceId: IngestionSources.DEVICES,
    authorization: {
      permissions: [
        `${Permissions.DEVICE_LIST} (the device list read by fetch-device-list)`,
        `${Permissions.USERS} (optional: directory matching when the "${IngestionSources.USERS}" source is on)`,
      ],
      endpoints: [`GET /api/v1/${Paths.USERS}`],
      documentationLinks: [API_DOCS],
    },
    executionHandler: buildDeviceUserRelationships,
  },
];
