import {
  createDirectRelationship,
  type Entity,
  type IntegrationStep,
  RelationshipClass,
} from '@jupiterone/integration-sdk-core';
import { isListIncompleteError, ListIncompleteError } from '@mdm-graph/mdm-core';
import { Endpoints, esper, type EsperV2Device, listDevices, listDevicesV2 } from '../../client';
import type { IntegrationConfig } from '../../config';
import { AccountData, Entities, IngestionSources, Relationships, Steps } from '../constants';
import { deviceGroupKey } from '../device-groups/converter';
import {
  authorizationEndpoint,
  collect,
  endpointInfo,
  isUnavailable,
  type StepContext,
} from '../shared';
import {
  createEsperDeviceEntity,
  createEsperV2DeviceEntity,
  EsperPlatform,
  groupIdsOf,
  platformOf,
} from './converter';

/**
 * Every device of every platform.
 *
 * 1. GET /v2/devices/ lists Android, Apple (iOS, iPadOS, macOS), Windows and Linux devices.
 *    Non-Android devices become entities right away; Android ones are kept for step 2.
 * 2. GET /enterprise/{eid}/device/ (v1, Android only) has what v2 lacks (groups[], user,
 *    lockdown): each Android device is ONE entity, v1 merged with its v2 record (same UUID).
 * 3. Android devices v2 listed but v1 did not (enrolled in between) come from v2 alone.
 *
 * A tenant whose v2 answers 404/403 gets v1 only, with one log line; the step succeeds.
 * A v2 listing that fails later (after long timeouts and retries) still lets v1 ingest,
 * then fails the step so J1 keeps the devices it could not refresh (partial types).
 */
export async function fetchDevices(context: StepContext): Promise<void> {
  const { jobState, logger } = context;
  const account = await AccountData.get(jobState);
  await collect(context, 'devices', async ({ client, config, report }) => {
    let unknownGroups = 0;
    let otherTenant = 0;
    const add = async (entity: Entity, groupIds: string[]) => {
      if (jobState.hasKey(entity._key)) return; // repeated by offsets shifting mid-listing
      await jobState.addEntity(entity);
      await jobState.addRelationship(
        createDirectRelationship({ _class: RelationshipClass.HAS, from: account, to: entity }),
      );
      for (const groupId of groupIds) {
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
    };

    const androidV2 = new Map<string, EsperV2Device>();
    let v2Seen = 0;
    let v2Failure: unknown;
    const byPlatform: Record<string, number> = {};
    /** Schema drift: `os` spellings of Apple devices, or platforms, this code cannot classify. */
    const unclassified = new Map<string, number>();
    let withoutLastSeen = 0;
    try {
      const devices = listDevicesV2(client, {
        report,
        pageRetry: {
          onRetry: ({ offset, attempt }) =>
            logger.warn(
              { offset, attempt },
              'Esper v2 device page failed after retries (the route is slow on large tenants); trying it again',
            ),
        },
      });
      for await (const v2 of devices) {
        v2Seen++;
        // v2 has no enterprise in its path: the tenant is the host. A device of another
        // tenant means the base URL and the enterprise do not belong together.
        const tenant = v2.tenant_id?.toLowerCase();
        if (tenant && tenant !== config.enterpriseId.toLowerCase()) {
          otherTenant++;
          continue;
        }
        if (!v2.last_seen) withoutLastSeen++;
        const platform = platformOf(v2) ?? 'unknown';
        byPlatform[platform] = (byPlatform[platform] ?? 0) + 1;
        if (platform === EsperPlatform.ANDROID) {
          androidV2.set(v2.id, v2);
          continue;
        }
        const entity = createEsperV2DeviceEntity(v2);
        if (entity.osType === null || !Object.values(EsperPlatform).includes(platform as never)) {
          const what = `${platform}/${v2.os ?? ''}`.slice(0, 60);
          unclassified.set(what, (unclassified.get(what) ?? 0) + 1);
        }
        await add(entity, groupIdsOf(undefined, v2));
      }
    } catch (err) {
      if (v2Seen === 0 && isUnavailable(err)) {
        logger.warn(
          { status: err.status },
          `The Esper v2 device API is not available to this key or tenant (HTTP ${err.status}): only Android devices are ingested (v1); Apple, Windows and Linux devices and last check-in times are not`,
        );
      } else {
        v2Failure = err;
      }
    }

    // A v1 list cut short (fewer than its `count`): the Android devices it missed still come
    // from v2 below, then the step fails (completeness) so J1 keeps what it could not refresh.
    let v1Incomplete: unknown;
    try {
      for await (const device of listDevices(client, config.enterpriseId, { report })) {
        const v2 = androidV2.get(device.id);
        androidV2.delete(device.id);
        await add(createEsperDeviceEntity(device, v2), groupIdsOf(device, v2));
      }
    } catch (err) {
      if (!isListIncompleteError(err)) throw err;
      v1Incomplete = err;
    }
    for (const v2 of androidV2.values()) {
      await add(createEsperV2DeviceEntity(v2), groupIdsOf(undefined, v2));
    }

    if (Object.keys(byPlatform).length > 0) {
      logger.info({ byPlatform }, 'Esper devices listed by the v2 API, by platform');
    }
    if (unclassified.size > 0) {
      logger.warn(
        { platformAndOs: Object.fromEntries(unclassified) },
        'Esper v2 devices with a platform or os this integration cannot classify: their osType is left empty (report it so the mapping can be extended)',
      );
    }
    if (withoutLastSeen > 0) {
      logger.warn(
        { devices: withoutLastSeen },
        'Esper v2 devices without last_seen: their lastSeenOn is left empty',
      );
    }
    if (otherTenant > 0) {
      logger.warn(
        { otherTenant },
        'The v2 device list returned devices of another tenant than enterpriseId; they were skipped (check domain/apiBaseUrl)',
      );
    }
    if (unknownGroups > 0) {
      logger.warn(
        { unknownGroups },
        'Devices reference device groups that the group list did not return',
      );
    }
    // Both lists cut short: one error naming both (the step fails for completeness).
    if (isListIncompleteError(v2Failure) && isListIncompleteError(v1Incomplete)) {
      throw new ListIncompleteError([...v2Failure.shortfalls, ...v1Incomplete.shortfalls]);
    }
    if (v2Failure !== undefined) {
      if (v1Incomplete !== undefined) {
        logger.warn({ err: v1Incomplete }, 'The Esper v1 device list was cut short too');
      }
      throw esper.toJupiterOneError(
        v2Failure,
        endpointInfo('v2Devices', config),
        context.instance.config,
      );
    }
    if (v1Incomplete !== undefined) throw v1Incomplete;
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
      permissions: [Endpoints.devices.permission],
      endpoints: [authorizationEndpoint('v2Devices'), authorizationEndpoint('devices')],
    },
    executionHandler: fetchDevices,
  },
];
