import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { CompletenessTracker } from '@mdm-graph/mdm-core';
import { newReport, publishSkipped, requiredResource } from '@mdm-graph/mdm-core/steps';
import {
  Endpoints,
  kandji,
  licensedDeviceCount,
  listDevices,
  withKandjiApi,
  type KandjiDevice,
} from '../../client';
import { requireConfig, type KandjiIntegrationConfig, type KandjiStepContext } from '../../config';
import { IngestionSources } from '../../sources';
import { API_DOCS, Paths, Permissions, Steps } from '../constants';
import { StepDataOf } from '../data';

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
  const config = requireConfig(context.instance.config);
  const scope = { vendor: kandji, context };
  const report = newReport(context);
  const devices = new Map<string, KandjiDevice>();
  const completeness = new CompletenessTracker();
  const endpoint = Endpoints.DEVICES.endpoint;
  await withKandjiApi(config, context.logger, (api) =>
    requiredResource(scope, Endpoints.DEVICES, async () => {
      for await (const device of listDevices(api, { report, completeness })) {
        // A device can move between pages while we read; keep the first copy.
        if (!devices.has(device.device_id)) devices.set(device.device_id, device);
      }
    }),
  );
  publishSkipped(scope, report);
  context.logger.info({ devices: devices.size }, 'Listed Kandji devices');
  await StepDataOf.DEVICE_LIST.set(context.jobState, [...devices.values()]);
  const licensed = licensedDeviceCount(await StepDataOf.LICENSING.find(context.jobState));
  if (licensed !== undefined) {
    completeness.expect(
      'device',
      `${endpoint} (compared with GET ${Paths.LICENSING})`,
      { count: licensed, source: 'settings/licensing macOS+iOS+iPadOS+tvOS counts' },
      devices.size + report.skipped('device'),
    );
  }
  completeness.throwIfIncomplete();
}

/** The device list stored by fetch-device-list. */
export async function getDeviceList(context: KandjiStepContext): Promise<KandjiDevice[]> {
  return (await StepDataOf.DEVICE_LIST.find(context.jobState)) ?? [];
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
      endpoints: [`GET /api/v1/${Paths.DEVICES}`],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchDeviceList,
  },
];
