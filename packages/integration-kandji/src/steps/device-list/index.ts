import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { CompletenessTracker, paginate } from '@mdm-graph/mdm-core';
import { withKandjiApi } from '../../api';
import {
  devicesPages,
  deviceSchema,
  licensedDeviceCount,
  type KandjiDevice,
  type KandjiLicensing,
} from '../../client';
import type { KandjiIntegrationConfig } from '../../config';
import { IngestionSources } from '../../sources';
import { API_DOCS, DataKeys, Endpoints, Permissions, Steps } from '../constants';
import {
  newReport,
  publishSkipped,
  requiredResource,
  stepConfig,
  type KandjiStepContext,
} from '../shared';

/**
 * GET devices (every page: without offset paging Kandji returns at most 300 devices).
 * The list is kept for the steps that add details, apps, users, blueprints and profiles.
 *
 * Completeness: the list is compared with `x-total-count` (when Kandji sends it) and with
 * the device counts of settings/licensing (read by fetch-account). A list cut short is
 * still kept for the other steps, then this step fails naming both figures, so every
 * step that depends on it is partial and JupiterOne deletes no device.
 */
export async function fetchDeviceList(context: KandjiStepContext): Promise<void> {
  const config = stepConfig(context);
  const report = newReport(context);
  const devices = new Map<string, KandjiDevice>();
  const completeness = new CompletenessTracker();
  const endpoint = `GET ${Endpoints.DEVICES}`;
  await withKandjiApi(config, context.logger, (api) =>
    requiredResource(
      { endpoint: `GET ${Endpoints.DEVICES}`, permission: Permissions.DEVICE_LIST },
      async () => {
        for await (const device of paginate(api.http, devicesPages(api.pageSize), {
          resource: 'device',
          schema: deviceSchema,
          report,
          completeness,
          endpoint,
        })) {
          // A device can move between pages while we read; keep the first copy.
          if (!devices.has(device.device_id)) devices.set(device.device_id, device);
        }
      },
    ),
  );
  publishSkipped(context, report);
  context.logger.info({ devices: devices.size }, 'Listed Kandji devices');
  await context.jobState.setData(DataKeys.DEVICE_LIST, [...devices.values()]);
  const licensed = licensedDeviceCount(
    await context.jobState.getData<KandjiLicensing>(DataKeys.LICENSING),
  );
  if (licensed !== undefined) {
    completeness.expect(
      'device',
      `${endpoint} (compared with GET ${Endpoints.LICENSING})`,
      { count: licensed, source: 'settings/licensing macOS+iOS+iPadOS+tvOS counts' },
      devices.size + report.skipped('device'),
    );
  }
  completeness.throwIfIncomplete();
}

/** The device list stored by fetch-device-list. */
export async function getDeviceList(context: KandjiStepContext): Promise<KandjiDevice[]> {
  return (await context.jobState.getData<KandjiDevice[]>(DataKeys.DEVICE_LIST)) ?? [];
}

export const deviceListSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.DEVICE_LIST,
    name: 'Fetch Device List',
    entities: [],
    relationships: [],
    ingestionSourceId: IngestionSources.DEVICES,
    // After fetch-account: its licensing counts are checked against the list.
    dependsOn: [Steps.ACCOUNT],
    authorization: {
      permissions: [Permissions.DEVICE_LIST],
      endpoints: [`GET /api/v1/${Endpoints.DEVICES}`],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchDeviceList,
  },
];
