import {
  createDirectRelationship,
  type IntegrationStep,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import { isSourceEnabled } from '@mdm-graph/mdm-core/steps';
import { Endpoints } from '../../client';
import type { IntegrationConfig } from '../../config';
import { Entities, IngestionSources, Relationships, Steps } from '../constants';
import { authorizationEndpoint, type StepContext } from '../shared';
import { readDirectory } from '../users/directory';
import { userKey } from '../users/converter';
import { createDeviceUser } from './converter';

/**
 * esper_user HAS esper_device, from each device's `user` URL (/api/user/{int}/), kept on the
 * device entity as `userId`. The device list alone is enough, so the links are complete
 * whether the `users` source is on, off or denied. A user the directory did not return
 * (source off, key not allowed to read users, user removed) is created here from what the
 * device says: its id, nothing else (no name or email is invented).
 */
export async function buildUserDeviceRelationships(context: StepContext): Promise<void> {
  const { jobState, logger } = context;
  const directoryKeys = new Set<string>();
  if (isSourceEnabled(context, IngestionSources.USERS)) {
    // A failed read leaves what arrived; fetch-users reports the failure.
    for (const user of (await readDirectory(context)).users) directoryKeys.add(userKey(user.id));
  }
  let linked = 0;
  let fromDeviceOnly = 0;
  await jobState.iterateEntities({ _type: Entities.DEVICE._type }, async (device) => {
    const userId = device.userId;
    if (typeof userId !== 'string' || userId === '') return;
    const key = userKey(userId);
    if (!directoryKeys.has(key) && !jobState.hasKey(key)) {
      await jobState.addEntity(createDeviceUser(userId));
      fromDeviceOnly++;
    }
    await jobState.addRelationship(
      createDirectRelationship({
        _class: RelationshipClass.HAS,
        fromKey: key,
        fromType: Entities.USER._type,
        toKey: device._key,
        toType: Entities.DEVICE._type,
      }),
    );
    linked++;
  });
  if (fromDeviceOnly > 0) {
    logger.info(
      { linked, fromDeviceOnly },
      'Some device users are not in the user directory (source off, not readable, or removed); they are ingested with their id only',
    );
  }
}

export const userDeviceSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.USER_DEVICE_RELATIONSHIPS,
    name: 'Build User Device Relationships',
    entities: [Entities.USER],
    relationships: [Relationships.USER_HAS_DEVICE],
    // Only the devices: never fetch-users, so switching the `users` source off or lacking
    // its permission leaves these links complete.
    dependsOn: [Steps.DEVICES],
    ingestionSourceId: IngestionSources.DEVICES,
    authorization: {
      permissions: [
        `${Endpoints.devices.permission} (the device entities)`,
        `${Endpoints.users.permission} (optional: directory matching when the "${IngestionSources.USERS}" source is on)`,
      ],
      endpoints: [authorizationEndpoint('users')],
    },
    executionHandler: buildUserDeviceRelationships,
  },
];
