import {
  createDirectRelationship,
  type IntegrationStep,
  type IntegrationStepExecutionContext,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import {
  fanOut,
  newReport,
  partialDataStep,
  publishSkipped,
  requiredResource,
} from '@mdm-graph/mdm-core/steps';
import {
  __VendorPascal__,
  type __VendorPascal__Device,
  type __VendorPascal__DeviceDetail,
  Endpoints,
  getDeviceDetail,
  listDevices,
  withClient,
} from '../../client';
import { type IntegrationConfig, requireConfig } from '../../config';
import { __VendorPascal__Limits, AccountData, Entities, Relationships, Steps } from '../constants';
import { createDevice } from './converter';

/**
 * Devices from the list, each completed by its detail (the step layer's per-device fan-out:
 * bounded concurrency; 404 = removed since the list was read, skipped with one log line).
 * Without the "Read device details" permission (403) the fan-out stops, every listed device is
 * still ingested from the list alone, one warning names the permission, and the step then fails
 * so JupiterOne keeps the device properties it cannot refresh (its types partial).
 */
export const fetchDevices = partialDataStep(
  __VendorPascal__,
  async (context: IntegrationStepExecutionContext<IntegrationConfig>, partial) => {
    const { jobState } = context;
    const account = await AccountData.get(jobState);
    const config = requireConfig(context.instance.config);
    const report = newReport(context);

    const ingest = async (
      device: __VendorPascal__Device,
      detail?: __VendorPascal__DeviceDetail,
    ) => {
      const entity = createDevice(device, detail);
      if (jobState.hasKey(entity._key)) return;
      await jobState.addEntity(entity);
      await jobState.addRelationship(
        createDirectRelationship({ _class: RelationshipClass.HAS, from: account, to: entity }),
      );
    };

    await withClient(config, context.logger, (client) =>
      // The list is required: its failures become the J1 error naming endpoint and permission.
      requiredResource(partial, Endpoints.DEVICES, async () => {
        const details = fanOut(
          listDevices(client, { report }),
          (device) => getDeviceDetail(client, device.id),
          {
            partial,
            endpoint: Endpoints.DEVICE_DETAIL,
            concurrency: __VendorPascal__Limits.DETAIL_CONCURRENCY,
            idOf: (device) => device.id,
          },
        );
        for await (const { item, value } of details) await ingest(item, value);
        // Details refused: the devices still go in, from the list alone.
        for (const device of details.unread) await ingest(device);
      }),
    );
    publishSkipped(partial, report);
  },
);

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
