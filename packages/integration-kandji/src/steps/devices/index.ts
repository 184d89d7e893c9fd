import {
  createDirectRelationship,
  RelationshipClass,
  type IntegrationStep,
} from '@jupiterone/integration-sdk-core';
import { CompletenessTracker } from '@mdm-graph/mdm-core';
import { withKandjiApi } from '../../api';
import { prismDeviceInformationSchema } from '../../client';
import type { KandjiIntegrationConfig } from '../../config';
import { accountKey } from '../account/converter';
import {
  API_DOCS,
  DataKeys,
  Endpoints,
  Entities,
  Permissions,
  Relationships,
  Steps,
} from '../constants';
import { getDeviceList } from '../device-list';
import { streamPrism } from '../prism';
import {
  newReport,
  publishSkipped,
  stepConfig,
  warnMissingPermission,
  type KandjiStepContext,
} from '../shared';
import { createDevice } from './converter';
import { detailFromPrism } from './detail';
import { DEVICE_DETAILS, fetchPerDeviceDetails, type DeviceDetailsResult } from './per-device';

/**
 * kandji_device for every listed device, with details from prism/device_information
 * (one request per 300 devices) or, without Prism, devices/{id}/details per device.
 *
 * Without Prism and Device details the devices are still all ingested from the list, with a
 * warning: the step succeeds because no kandji_device key is missing (a partial mark would
 * not keep the old detail properties in J1 anyway). fetch-installed-profiles, which loses
 * relationships without details, is the step that fails.
 */
export async function fetchDevices(context: KandjiStepContext): Promise<void> {
  const config = stepConfig(context);
  const report = newReport(context);
  const completeness = new CompletenessTracker();
  const devices = await getDeviceList(context);
  const details = await withKandjiApi(
    config,
    context.logger,
    async (api): Promise<DeviceDetailsResult> => {
      const fromPrism: DeviceDetailsResult = { byId: new Map(), removed: new Set() };
      const usedPrism = await streamPrism(
        api,
        context,
        {
          category: Endpoints.PRISM_DEVICE_INFORMATION,
          resource: 'prism device_information row',
          schema: prismDeviceInformationSchema,
          report,
          fallback: `per-device ${Endpoints.DEVICE_DETAILS}`,
          completeness,
        },
        (row) => {
          fromPrism.byId.set(row.device_id, detailFromPrism(row));
        },
      );
      return usedPrism ? fromPrism : fetchPerDeviceDetails(api, context, devices, report);
    },
  );
  if (details.installedProfiles)
    await context.jobState.setData(DataKeys.DEVICE_INSTALLED_PROFILES, details.installedProfiles);
  if (details.denied) {
    warnMissingPermission(context, DEVICE_DETAILS);
    await context.jobState.setData(DataKeys.DEVICE_DETAILS_DENIED, true);
  }

  const account = accountKey(config.apiUrl);
  for (const device of devices) {
    if (details.removed.has(device.device_id)) continue;
    const entity = await context.jobState.addEntity(
      createDevice(device, details.byId.get(device.device_id), config.apiUrl),
    );
    await context.jobState.addRelationship(
      createDirectRelationship({
        _class: RelationshipClass.HAS,
        fromKey: account,
        fromType: Entities.ACCOUNT._type,
        toKey: entity._key,
        toType: Entities.DEVICE._type,
      }),
    );
  }
  publishSkipped(context, report);
  completeness.throwIfIncomplete();
}

export const deviceSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.DEVICES,
    name: 'Fetch Devices',
    entities: [Entities.DEVICE],
    relationships: [Relationships.ACCOUNT_HAS_DEVICE],
    dependsOn: [Steps.ACCOUNT, Steps.DEVICE_LIST],
    authorization: {
      permissions: [
        `${Permissions.PRISM} (preferred)`,
        `${Permissions.DEVICE_DETAILS} (fallback without Prism)`,
      ],
      endpoints: [
        `GET /api/v1/${Endpoints.PRISM_DEVICE_INFORMATION}`,
        `GET /api/v1/${Endpoints.DEVICE_DETAILS}`,
      ],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchDevices,
  },
];
