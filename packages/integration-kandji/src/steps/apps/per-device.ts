import { mapConcurrent, parseRecords, type ValidationReport } from '@mdm-graph/mdm-core';
import type { KandjiApi } from '../../client';
import { deviceAppSchema, deviceAppsPath, deviceAppsResponseSchema } from '../../client';
import { Endpoints, Permissions } from '../constants';
import {
  hasStatus,
  kandjiError,
  type DeniedPermissions,
  type EndpointInfo,
  type KandjiStepContext,
} from '../shared';
import { fromDeviceApp, type AppInstall } from './converter';

const DEVICE_APPS: EndpointInfo = {
  endpoint: `GET ${Endpoints.DEVICE_APPS}`,
  permission: Permissions.APPLICATION_LIST,
  skipped: 'installed applications',
};

/**
 * GET devices/{id}/apps for each device (not paginated), `concurrency` in flight. 404: the
 * device was removed meanwhile (skipped, logged). 403: the token lacks "Application list"
 * (recorded in `denied`: one warning, the step fails after the rest, its types partial).
 */
export async function* perDeviceApps(
  api: KandjiApi,
  context: KandjiStepContext,
  deviceIds: Iterable<string>,
  report: ValidationReport,
  denied: DeniedPermissions,
): AsyncIterable<AppInstall[]> {
  let forbidden: unknown;
  const calls = mapConcurrent(deviceIds, api.concurrency, async (id): Promise<AppInstall[]> => {
    if (forbidden) return [];
    try {
      const res = await api.http.getJson(deviceAppsPath(id), { schema: deviceAppsResponseSchema });
      return parseRecords(deviceAppSchema, res.data.apps, { resource: 'device app', report }).map(
        (a) => fromDeviceApp(id, a),
      );
    } catch (err) {
      if (hasStatus(err, 404)) {
        context.logger.info(
          { deviceId: id },
          'Device was removed from Kandji after it was listed (apps returned 404); skipped',
        );
        return [];
      }
      if (hasStatus(err, 403)) {
        forbidden ??= err;
        return [];
      }
      throw kandjiError(err, DEVICE_APPS);
    }
  });
  for await (const installs of calls) yield installs;
  if (forbidden) denied.record(DEVICE_APPS, forbidden);
}
