import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import { partialDataStep } from '@mdm-graph/mdm-core/steps';
import { Endpoints, kandji, listBlueprints } from '../../client';
import { requireConfig, type KandjiIntegrationConfig, type KandjiStepContext } from '../../config';
import { IngestionSources } from '../../sources';
import { API_DOCS, Paths, Entities, Permissions, Relationships, Steps } from '../constants';
import { deviceKey } from '../devices/converter';
import { getDeviceList } from '../device-list';
import { readOptionalList } from '../shared';
import { blueprintKey, createBlueprint, createDeviceBlueprintRelationship } from './converter';

/**
 * kandji_blueprint (GET blueprints) and kandji_device ASSIGNED kandji_blueprint (device
 * blueprint_id). Without the Blueprints permission the step fails after a warning, so both
 * types are partial in J1 rather than deleted.
 */
export const fetchBlueprints = partialDataStep(
  kandji,
  async (context: KandjiStepContext, partial) => {
    const config = requireConfig(context.instance.config);
    const read = await readOptionalList(
      context,
      partial,
      {
        ...Endpoints.BLUEPRINTS,
        skipped: 'blueprints and device blueprint assignments',
        source: IngestionSources.BLUEPRINTS,
      },
      listBlueprints,
      async (blueprint) => {
        const entity = createBlueprint(blueprint, config.apiUrl);
        if (!context.jobState.hasKey(entity._key)) await context.jobState.addEntity(entity);
      },
    );
    if (!read) return;
    for (const device of await getDeviceList(context)) {
      if (!device.blueprint_id) continue;
      const from = deviceKey(device.device_id);
      const to = blueprintKey(device.blueprint_id);
      if (context.jobState.hasKey(from) && context.jobState.hasKey(to)) {
        await context.jobState.addRelationship(createDeviceBlueprintRelationship(from, to));
      }
    }
  },
);

export const blueprintSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.BLUEPRINTS,
    name: 'Fetch Blueprints',
    entities: [Entities.BLUEPRINT],
    relationships: [Relationships.DEVICE_ASSIGNED_BLUEPRINT],
    dependsOn: [Steps.DEVICES],
    ingestionSourceId: IngestionSources.BLUEPRINTS,
    authorization: {
      permissions: [
        `${Permissions.BLUEPRINTS} (ingestion source "${IngestionSources.BLUEPRINTS}")`,
      ],
      endpoints: [`GET /api/v1/${Paths.BLUEPRINTS}`],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchBlueprints,
  },
];
