import { parseRecords, type ValidationReport } from '@mdm-graph/mdm-core';
import { fanOut, type OptionalEndpoint, type PartialData } from '@mdm-graph/mdm-core/steps';
import {
  Endpoints,
  deviceAppSchema,
  deviceAppsPath,
  deviceAppsResponseSchema,
  type KandjiApi,
} from '../../client';
import type { KandjiIntegrationConfig } from '../../config';
import { fromDeviceApp, type AppInstall } from './converter';

const DEVICE_APPS: OptionalEndpoint = {
  ...Endpoints.DEVICE_APPS,
  skipped: 'installed applications',
};

/**
 * GET devices/{id}/apps for each device (not paginated) on the step layer's per-device
 * fan-out, `concurrency` in flight. 404: the device was removed meanwhile (skipped, one log
 * line). 403: the token lacks "Application list": no further request, recorded in `partial`
 * (one warning, the step fails after the rest, its types partial).
 */
export async function* perDeviceApps(
  api: KandjiApi,
  deviceIds: Iterable<string>,
  report: ValidationReport,
  partial: PartialData<KandjiIntegrationConfig>,
): AsyncIterable<AppInstall[]> {
  const calls = fanOut(
    deviceIds,
    async (id): Promise<AppInstall[]> => {
      const res = await api.http.getJson(deviceAppsPath(id), { schema: deviceAppsResponseSchema });
      return parseRecords(deviceAppSchema, res.data.apps, { resource: 'device app', report }).map(
        (a) => fromDeviceApp(id, a),
      );
    },
    { partial, endpoint: DEVICE_APPS, concurrency: api.concurrency, idOf: (id) => id },
  );
  for await (const { value } of calls) yield value;
}
