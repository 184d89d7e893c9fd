import { mapConcurrent, parseRecords, toJupiterOneError, type ValidationReport } from '@mdm-graph/mdm-core';
import type { KandjiApi } from '../../api';
import { deviceAppSchema, deviceAppsPath, deviceAppsResponseSchema } from '../../client';
import { Endpoints, Permissions } from '../constants';
import { hasStatus, warnMissingPermission, type KandjiStepContext } from '../shared';
import { fromDeviceApp, type AppInstall } from './converter';

/**
 * GET devices/{id}/apps for each device (not paginated), `concurrency` in flight. 404: the
 * device was removed meanwhile (skipped, logged). 403: the token lacks "Application list"
 * (one warning, apps skipped).
 */
export async function* perDeviceApps(api: KandjiApi, context: KandjiStepContext, deviceIds: string[], report: ValidationReport): AsyncIterable<AppInstall[]> {
  let denied = false;
  const calls = mapConcurrent(deviceIds, api.concurrency, async (id): Promise<AppInstall[]> => {
    if (denied) return [];
    try {
      const res = await api.http.getJson(deviceAppsPath(id), { schema: deviceAppsResponseSchema });
      return parseRecords(deviceAppSchema, res.data.apps, { resource: 'device app', report }).map((a) => fromDeviceApp(id, a));
    } catch (err) {
      if (hasStatus(err, 404)) {
        context.logger.info({ deviceId: id }, 'Device was removed from Kandji after it was listed (apps returned 404); skipped');
        return [];
      }
      if (hasStatus(err, 403)) {
        denied = true;
        return [];
      }
      throw toJupiterOneError(err, { endpoint: `GET ${Endpoints.DEVICE_APPS}`, permission: Permissions.APPLICATION_LIST });
    }
  });
  for await (const installs of calls) yield installs;
  if (denied) {
    warnMissingPermission(context, { endpoint: `GET ${Endpoints.DEVICE_APPS}`, permission: Permissions.APPLICATION_LIST, skipped: 'installed applications' });
  }
}
