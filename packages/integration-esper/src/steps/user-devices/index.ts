import {
  createDirectRelationship,
  type IntegrationStep,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import type { IntegrationConfig } from '../../config';
import { Entities, IngestionSources, Relationships, Steps } from '../constants';
import type { StepContext } from '../helpers';
import { userKey } from '../users/converter';

/**
 * esper_user HAS esper_device, from each device's `user` URL (/api/user/{int}/),
 * kept on the device entity as `userId`. No API call: both ends are in the graph.
 */
export async function buildUserDeviceRelationships(context: StepContext): Promise<void> {
  const { jobState, logger } = context;
  let linked = 0;
  let unknownUsers = 0;
  await jobState.iterateEntities({ _type: Entities.DEVICE._type }, async (device) => {
    const userId = device.userId;
    if (typeof userId !== 'string' || userId === '') return;
    const key = userKey(userId);
    if (!jobState.hasKey(key)) {
      unknownUsers++;
      return;
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
  if (unknownUsers > 0) {
    // Users may be unreadable with this key (403), or the user was removed.
    logger.info(
      { linked, unknownUsers },
      'Some devices name a user that is not in the graph; those links are skipped',
    );
  }
}

export const userDeviceSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.USER_DEVICE_RELATIONSHIPS,
    name: 'Build User Device Relationships',
    entities: [],
    relationships: [Relationships.USER_HAS_DEVICE],
    dependsOn: [Steps.DEVICES, Steps.USERS],
    ingestionSourceId: IngestionSources.USERS,
    executionHandler: buildUserDeviceRelationships,
  },
];
