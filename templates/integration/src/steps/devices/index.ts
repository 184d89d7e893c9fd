import {
  createDirectRelationship,
  type IntegrationStep,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import { mapConcurrent } from '@mdm-graph/mdm-core';
import { getDeviceDetail, listDevices } from '../../client';
import type { IntegrationConfig } from '../../config';
import { __VendorPascal__Limits, Entities, Relationships, Steps } from '../constants';
import { getAccountEntity, type StepContext, withClient } from '../shared';
import { createDevice } from './converter';

/** Devices from the list, each completed by its detail (bounded concurrency; 404 = removed since). */
export async function fetchDevices(context: StepContext): Promise<void> {
  const { jobState, logger } = context;
  const account = await getAccountEntity(jobState);
  await withClient(context, async ({ client, report }) => {
    let removed = 0;
    const withDetails = mapConcurrent(
      listDevices(client, { report }),
      __VendorPascal__Limits.DETAIL_CONCURRENCY,
      async (device) => ({ device, detail: await getDeviceDetail(client, device.id) }),
    );
    for await (const { device, detail } of withDetails) {
      if (!detail) {
        removed += 1;
        continue;
      }
      const entity = createDevice(device, detail);
      if (jobState.hasKey(entity._key)) continue;
      await jobState.addEntity(entity);
      await jobState.addRelationship(
        createDirectRelationship({ _class: RelationshipClass.HAS, from: account, to: entity }),
      );
    }
    if (removed > 0) {
      logger.info(
        { removed },
        'Devices removed between the device list and their details were skipped',
      );
    }
  });
}

export const deviceSteps: IntegrationStep<IntegrationConfig>[] = [
  {
    id: Steps.DEVICES,
    name: 'Fetch Devices',
    entities: [Entities.DEVICE],
    relationships: [Relationships.ACCOUNT_HAS_DEVICE],
    dependsOn: [Steps.ACCOUNT],
    executionHandler: fetchDevices,
  },
];
