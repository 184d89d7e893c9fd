import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { newReport, partialDataStep, publishSkipped } from '@mdm-graph/mdm-core/steps';
import { kandji, prismAppSchema, withKandjiApi } from '../../client';
import { requireConfig, type KandjiIntegrationConfig, type KandjiStepContext } from '../../config';
import { IngestionSources } from '../../sources';
import { API_DOCS, Paths, Entities, Permissions, Relationships, Steps } from '../constants';
import { deviceKey } from '../devices/converter';
import { getDeviceList } from '../device-list';
import { streamPrism } from '../prism';
import {
  appIdentity,
  createApp,
  createDeviceAppRelationship,
  fromPrismApp,
  type AppInstall,
} from './converter';
import { perDeviceApps } from './per-device';

/** Adds the app (once) and the device HAS app relationship (once per path+version). */
async function ingest(
  context: KandjiStepContext,
  listed: Set<string>,
  install: AppInstall,
  unidentified: { count: number },
): Promise<void> {
  // Rows of devices not in the device list (enrolled after it was read) are dropped.
  if (!listed.has(install.deviceId)) return;
  const from = deviceKey(install.deviceId);
  const identity = appIdentity(install);
  if (!identity) {
    unidentified.count += 1;
    return;
  }
  if (!context.jobState.hasKey(identity._key))
    await context.jobState.addEntity(createApp(identity));
  const relationship = createDeviceAppRelationship(from, identity._key, install);
  if (!context.jobState.hasKey(relationship._key))
    await context.jobState.addRelationship(relationship);
}

/**
 * kandji_app + kandji_device HAS kandji_app, from prism/apps (~rows/300 requests) or
 * per-device apps. Without Prism and Application list the step fails after a warning, so
 * both types are partial in J1 rather than deleted.
 */
export const fetchApps = partialDataStep(kandji, async (context: KandjiStepContext, partial) => {
  const config = requireConfig(context.instance.config);
  const report = newReport(context);
  const unidentified = { count: 0 };
  // Needs only the device list (not fetch-devices), so apps reference listed devices.
  const listed = new Set((await getDeviceList(context)).map((d) => d.device_id));
  await withKandjiApi(config, context.logger, async (api) => {
    const usedPrism = await streamPrism(
      api,
      context,
      {
        category: Paths.PRISM_APPS,
        resource: 'prism app row',
        schema: prismAppSchema,
        report,
        fallback: `per-device ${Paths.DEVICE_APPS}`,
      },
      (row) => ingest(context, listed, fromPrismApp(row), unidentified),
    );
    if (usedPrism) return;
    for await (const installs of perDeviceApps(api, listed, report, partial)) {
      for (const install of installs) await ingest(context, listed, install, unidentified);
    }
  });
  if (unidentified.count > 0) {
    context.logger.warn(
      { count: unidentified.count },
      'Skipped app rows with no bundle id, name or path',
    );
  }
  publishSkipped(partial, report);
});

export const appSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.APPS,
    name: 'Fetch Applications',
    entities: [Entities.APP],
    relationships: [Relationships.DEVICE_HAS_APP],
    dependsOn: [Steps.DEVICE_LIST],
    ingestionSourceId: IngestionSources.DEVICES,
    authorization: {
      permissions: [
        `${Permissions.PRISM} (preferred)`,
        `${Permissions.APPLICATION_LIST} (fallback without Prism)`,
      ],
      endpoints: [`GET /api/v1/${Paths.PRISM_APPS}`, `GET /api/v1/${Paths.DEVICE_APPS}`],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchApps,
  },
];
