import {
  createDirectRelationship,
  type IntegrationStep,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import { Endpoints, type EsperDeviceGroup, listDeviceGroups } from '../../client';
import type { IntegrationConfig } from '../../config';
import { AccountData, Entities, IngestionSources, Relationships, Steps } from '../constants';
import { authorizationEndpoint, collect, type StepContext } from '../shared';
import { createDeviceGroupEntity, deviceGroupKey, groupIdFromUrl } from './converter';

/** Device groups and their nesting (GET /enterprise/{eid}/devicegroup/, `parent` URLs). */
export async function fetchDeviceGroups(context: StepContext): Promise<void> {
  const { jobState, logger } = context;
  const account = await AccountData.get(jobState);
  await collect(context, 'deviceGroups', async ({ client, config, report }) => {
    // A parent may be listed after its child: link parents once every group is in.
    const groups: EsperDeviceGroup[] = [];
    for await (const group of listDeviceGroups(client, config.enterpriseId, { report })) {
      const entity = createDeviceGroupEntity(group);
      if (jobState.hasKey(entity._key)) continue;
      await jobState.addEntity(entity);
      await jobState.addRelationship(
        createDirectRelationship({ _class: RelationshipClass.HAS, from: account, to: entity }),
      );
      groups.push(group);
    }
    let missingParents = 0;
    for (const group of groups) {
      const parentId = groupIdFromUrl(group.parent);
      if (!parentId) continue;
      if (!jobState.hasKey(deviceGroupKey(parentId))) {
        missingParents++;
        continue;
      }
      await jobState.addRelationship(
        createDirectRelationship({
          _class: RelationshipClass.HAS,
          fromKey: deviceGroupKey(parentId),
          fromType: Entities.DEVICE_GROUP._type,
          toKey: deviceGroupKey(group.id),
          toType: Entities.DEVICE_GROUP._type,
        }),
      );
    }
    if (missingParents > 0) {
      logger.warn(
        { missingParents },
        'Device groups reference parent groups that the group list did not return',
      );
    }
  });
}

export const deviceGroupSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.DEVICE_GROUPS,
    name: 'Fetch Device Groups',
    entities: [Entities.DEVICE_GROUP],
    relationships: [
      Relationships.ACCOUNT_HAS_DEVICE_GROUP,
      Relationships.DEVICE_GROUP_HAS_DEVICE_GROUP,
    ],
    dependsOn: [Steps.ACCOUNT],
    ingestionSourceId: IngestionSources.DEVICES,
    authorization: {
      permissions: [Endpoints.deviceGroups.permission],
      endpoints: [authorizationEndpoint('deviceGroups')],
    },
    executionHandler: fetchDeviceGroups,
  },
];
