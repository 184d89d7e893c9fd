import {
  createDirectRelationship,
  type IntegrationStep,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import { listDevices, paths, permissions } from '../../client';
import type { IntegrationConfig } from '../../config';
import { Entities, IngestionSources, Relationships, Steps } from '../constants';
import { deviceGroupKey, groupIdFromUrl } from '../device-groups/converter';
import { collect, getAccountEntity, type StepContext } from '../helpers';
import { createEsperDeviceEntity } from './converter';

/**
 * Every device (GET /enterprise/{eid}/device/). The list already carries hardware,
 * software and network info and the group URLs, so no per-device or per-group calls.
 */
export async function fetchDevices(context: StepContext): Promise<void> {
  const { jobState, logger } = context;
  const account = await getAccountEntity(jobState);
  await collect(context, 'devices', async ({ client, config, report }) => {
    let unknownGroups = 0;
    for await (const device of listDevices(client, config.enterpriseId, { report })) {
      const entity = createEsperDeviceEntity(device);
      if (jobState.hasKey(entity._key)) continue; // repeated by offsets shifting mid-listing
      await jobState.addEntity(entity);
      await jobState.addRelationship(
        createDirectRelationship({ _class: RelationshipClass.HAS, from: account, to: entity }),
      );
      for (const groupId of new Set((device.groups ?? []).map(groupIdFromUrl))) {
        if (!groupId) continue;
        const groupKey = deviceGroupKey(groupId);
        if (!jobState.hasKey(groupKey)) {
          unknownGroups++;
          continue;
        }
        await jobState.addRelationship(
          createDirectRelationship({
            _class: RelationshipClass.HAS,
            fromKey: groupKey,
            fromType: Entities.DEVICE_GROUP._type,
            toKey: entity._key,
            toType: Entities.DEVICE._type,
          }),
        );
      }
    }
    if (unknownGroups > 0) {
      logger.warn(
        { unknownGroups },
        'Devices reference device groups that the group list did not return',
      );
    }
  });
}

export const deviceSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.DEVICES,
    name: 'Fetch Devices',
    entities: [Entities.DEVICE],
    relationships: [Relationships.ACCOUNT_HAS_DEVICE, Relationships.DEVICE_GROUP_HAS_DEVICE],
    dependsOn: [Steps.ACCOUNT, Steps.DEVICE_GROUPS],
    ingestionSourceId: IngestionSources.DEVICES,
    authorization: {
      permissions: [permissions.devices],
      endpoints: [`GET /api/${paths.devices('{enterprise_id}')}`],
    },
    executionHandler: fetchDevices,
  },
];
