import {
  createDirectRelationship,
  RelationshipClass,
  type IntegrationStep,
} from '@jupiterone/integration-sdk-core';
import { CompletenessTracker, type ValidationReport } from '@mdm-graph/mdm-core';
import {
  isSourceEnabled,
  newReport,
  publishSkipped,
  warnUnavailable,
  type OptionalEndpoint,
} from '@mdm-graph/mdm-core/steps';
import {
  kandji,
  prismDeviceInformationSchema,
  withKandjiApi,
  type KandjiApi,
  type KandjiDevice,
} from '../../client';
import {
  requireConfig,
  type KandjiIntegrationConfig,
  type KandjiStepContext,
  type ParsedKandjiConfig,
} from '../../config';
import { IngestionSources } from '../../sources';
import { accountKey } from '../account/converter';
import { API_DOCS, Paths, Entities, Permissions, Relationships, Steps } from '../constants';
import { StepDataOf } from '../data';
import { getDeviceList } from '../device-list';
import { streamPrism } from '../prism';
import { createDevice } from './converter';
import {
  detailFromPrismDeviceInformation,
  mergeDetail,
  PRISM_ONLY_PROPERTIES,
  type DeviceDetailPart,
} from './detail';
import { announceDetailsPlan, planDeviceDetails } from './details-plan';
import { readPrismPosture } from './prism-posture';
import { DEVICE_DETAILS, fetchPerDeviceDetails, type DeviceDetailsResult } from './per-device';

/**
 * kandji_device for every listed device, with details from Prism or, without Prism, from
 * devices/{id}/details per device.
 *
 * Prism mode: prism/device_information (identity) and the posture categories (FileVault,
 * application firewall, Gatekeeper, startup settings, activation lock when that category
 * carries it), each about rows/300 requests; then, as `deviceDetails` decides (auto: within
 * 10% of the hourly budget), devices/{id}/details for what no Prism category has (supervision,
 * MAC addresses, remote desktop, activation lock otherwise).
 *
 * Without Prism and Device details the devices are still all ingested from the list, with a
 * warning: the step succeeds because no kandji_device key is missing (a partial mark would
 * not keep the old detail properties in J1 anyway). fetch-installed-profiles, which loses
 * relationships without details, is the step that fails.
 */
export async function fetchDevices(context: KandjiStepContext): Promise<void> {
  const config = requireConfig(context.instance.config);
  const report = newReport(context);
  const completeness = new CompletenessTracker();
  const devices = await getDeviceList(context);
  const details = await withKandjiApi(
    config,
    context.logger,
    async (api): Promise<DeviceDetailsResult> => {
      const identity = new Map<string, DeviceDetailPart>();
      const usedPrism = await streamPrism(
        api,
        context,
        {
          category: Paths.PRISM_DEVICE_INFORMATION,
          resource: 'prism device_information row',
          schema: prismDeviceInformationSchema,
          report,
          fallback: `per-device ${Paths.DEVICE_DETAILS}`,
          completeness,
        },
        (row) => {
          identity.set(row.device_id, detailFromPrismDeviceInformation(row));
        },
      );
      if (!usedPrism) {
        context.logger.warn(
          { notCollected: PRISM_ONLY_PROPERTIES },
          `Without Prism, Kandji device properties ${PRISM_ONLY_PROPERTIES.join(', ')} are not collected: Kandji reports them only in Prism categories. Grant the API token the "${Permissions.PRISM}" permission (on a tenant with Prism) to collect them.`,
        );
        if (!isSourceEnabled(context, IngestionSources.DEVICE_DETAILS)) {
          context.logger.warn(
            { ingestionSource: IngestionSources.DEVICE_DETAILS },
            `Without Prism and with the "device-details" ingestion source off, Kandji devices carry only what the device list has (no ${Paths.DEVICE_DETAILS} request).`,
          );
          return { byId: new Map(), removed: new Set() };
        }
        return fetchPerDeviceDetails(api, context, devices, report);
      }
      return prismModeDetails(api, context, config, devices, identity, report, completeness);
    },
  );
  if (details.installedProfiles)
    await StepDataOf.DEVICE_INSTALLED_PROFILES.set(context.jobState, details.installedProfiles);
  if (details.denied) {
    warnDenied(context, DEVICE_DETAILS, details.denied);
    await StepDataOf.DEVICE_DETAILS_DENIED.set(context.jobState, true);
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
  publishSkipped({ vendor: kandji, context }, report);
  completeness.throwIfIncomplete();
}

/**
 * Prism mode: the posture categories, then devices/{id}/details within the deviceDetails
 * setting. Prism values win; details fill what Prism lacks. A 404 on details (device removed
 * after the list) skips the device as in per-device mode; a 403 leaves the details-only
 * properties empty with one missing-permission warning, without failing the step.
 */
async function prismModeDetails(
  api: KandjiApi,
  context: KandjiStepContext,
  config: ParsedKandjiConfig,
  devices: KandjiDevice[],
  identity: Map<string, DeviceDetailPart>,
  report: ValidationReport,
  completeness: CompletenessTracker,
): Promise<DeviceDetailsResult> {
  const posture = await readPrismPosture(api, context, report, completeness);
  const plan = planDeviceDetails(
    config,
    devices.length,
    posture.activationLock,
    isSourceEnabled(context, IngestionSources.DEVICE_DETAILS),
  );
  announceDetailsPlan(context, plan, devices.length);
  if (!posture.activationLock) {
    context.logger.info(
      { endpoint: Paths.PRISM_ACTIVATION_LOCK },
      `${posture.activationLockWhy ?? ''}: activation lock ${plan.fetch ? `read from ${Paths.DEVICE_DETAILS}` : 'left empty'}`,
    );
  }
  const byId = new Map<string, DeviceDetailPart>();
  for (const device of devices) {
    const id = device.device_id;
    byId.set(id, mergeDetail(identity.get(id) ?? {}, posture.byId.get(id) ?? {}));
  }
  const removed = new Set<string>();
  if (plan.fetch) {
    const details = await fetchPerDeviceDetails(api, context, devices, report);
    if (details.denied) {
      warnDenied(
        context,
        {
          ...DEVICE_DETAILS,
          skipped: `device properties no Prism category has (${plan.leftEmpty.join(', ')})`,
        },
        details.denied,
      );
    }
    for (const id of details.removed) removed.add(id);
    for (const [id, part] of details.byId) byId.set(id, mergeDetail(byId.get(id) ?? {}, part));
  }
  return { byId, removed };
}

/**
 * The one missing-permission warning for device details. fetch-devices does not fail for it:
 * every listed device is still ingested, and a partial mark would not keep old properties.
 */
function warnDenied(context: KandjiStepContext, endpoint: OptionalEndpoint, cause: unknown): void {
  warnUnavailable({ vendor: kandji, context }, { ...endpoint, status: 403, cause });
}

export const deviceSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.DEVICES,
    name: 'Fetch Devices',
    entities: [Entities.DEVICE],
    relationships: [Relationships.ACCOUNT_HAS_DEVICE],
    dependsOn: [Steps.ACCOUNT, Steps.DEVICE_LIST],
    ingestionSourceId: IngestionSources.DEVICES,
    authorization: {
      permissions: [
        `${Permissions.PRISM} (preferred: identity and FileVault, firewall, Gatekeeper, SIP posture)`,
        `${Permissions.DEVICE_DETAILS} (supervision, MAC addresses, remote desktop, activation lock; everything without Prism)`,
      ],
      endpoints: [
        `GET /api/v1/${Paths.PRISM_DEVICE_INFORMATION}`,
        `GET /api/v1/${Paths.PRISM_FILEVAULT}`,
        `GET /api/v1/${Paths.PRISM_APPLICATION_FIREWALL}`,
        `GET /api/v1/${Paths.PRISM_GATEKEEPER}`,
        `GET /api/v1/${Paths.PRISM_STARTUP_SETTINGS}`,
        `GET /api/v1/${Paths.PRISM_ACTIVATION_LOCK}`,
        `GET /api/v1/${Paths.DEVICE_DETAILS}`,
      ],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchDevices,
  },
];
