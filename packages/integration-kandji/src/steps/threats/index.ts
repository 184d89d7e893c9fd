import type { Entity, IntegrationStep } from '@jupiterone/integration-sdk-core';
import {
  newReport,
  partialDataStep,
  publishSkipped,
  type OptionalEndpoint,
} from '@mdm-graph/mdm-core/steps';
import {
  Endpoints,
  kandji,
  listBehavioralDetections,
  listThreatDetails,
  withKandjiApi,
} from '../../client';
import { requireConfig, type KandjiIntegrationConfig, type KandjiStepContext } from '../../config';
import { IngestionSources } from '../../sources';
import { API_DOCS, Paths, Entities, Permissions, Relationships, Steps } from '../constants';
import { deviceKey } from '../devices/converter';
import { readFindingsListing } from '../findings-listing';
import {
  createBehavioralDetection,
  createDeviceThreatRelationship,
  createThreatDetail,
  threatDeviceId,
} from './converter';

const SKIPPED =
  'threat findings (grant the permission, or turn off the "Threats" ingestion source)';

export const THREAT_DETAILS: OptionalEndpoint = {
  ...Endpoints.THREAT_DETAILS,
  skipped: SKIPPED,
};
export const BEHAVIORAL_DETECTIONS: OptionalEndpoint = {
  ...Endpoints.BEHAVIORAL_DETECTIONS,
  skipped: 'behavioral detections',
};

interface Counts {
  threats: number;
  behavioral: number;
  unlistedDevices: number;
  duplicates: number;
  /** Classifications without a severity mapping (drift from the published values). */
  unknownClassifications: Set<string>;
}

async function ingestThreat(context: KandjiStepContext, counts: Counts, threat: Entity) {
  if (context.jobState.hasKey(threat._key)) {
    counts.duplicates += 1;
    return;
  }
  await context.jobState.addEntity(threat);
  if (threat.severity === null)
    counts.unknownClassifications.add(String(threat.threatClassification ?? '(none)'));
  const deviceId = threatDeviceId(threat);
  const device = deviceId ? deviceKey(deviceId) : undefined;
  if (device && context.jobState.hasKey(device)) {
    await context.jobState.addRelationship(createDeviceThreatRelationship(device, threat._key));
  } else {
    counts.unlistedDevices += 1;
  }
}

/**
 * kandji_threat from Kandji EDR: malware and PUP detections (threat-details) and, where the
 * tenant has them, behavioral detections, each linked to its device.
 *
 * 404 on threat-details: the tenant has no EDR: the step succeeds empty with one info line.
 * 403: one warning naming the "Threats" permission, then the step fails after the rest, so
 * J1 keeps the threats of earlier runs as partial instead of deleting them.
 */
export const fetchThreats = partialDataStep(kandji, async (context: KandjiStepContext, partial) => {
  const report = newReport(context);
  const counts: Counts = {
    threats: 0,
    behavioral: 0,
    unlistedDevices: 0,
    duplicates: 0,
    unknownClassifications: new Set(),
  };
  const available = await withKandjiApi(
    requireConfig(context.instance.config),
    context.logger,
    async (api) => {
      const details = await readFindingsListing(
        partial,
        THREAT_DETAILS,
        listThreatDetails(api, { report }),
        async (row) => {
          await ingestThreat(context, counts, createThreatDetail(row));
          counts.threats += 1;
        },
      );
      if (details === 'absent') {
        context.logger.info(
          { endpoint: THREAT_DETAILS.endpoint },
          'Kandji EDR is not available on this tenant (404); no threat findings to ingest',
        );
        return false;
      }
      // Same permission: a denied token was already warned about once.
      if (details === 'denied') return true;
      const behavioral = await readFindingsListing(
        partial,
        BEHAVIORAL_DETECTIONS,
        listBehavioralDetections(api, { report }),
        async (row) => {
          await ingestThreat(context, counts, createBehavioralDetection(row));
          counts.behavioral += 1;
        },
      );
      if (behavioral === 'absent') {
        context.logger.info(
          { endpoint: BEHAVIORAL_DETECTIONS.endpoint },
          'Kandji behavioral detections are not available on this tenant (404); malware and PUP detections were ingested',
        );
      }
      return true;
    },
  );
  publishSkipped(partial, report);
  if (counts.unlistedDevices > 0) {
    context.logger.info(
      { count: counts.unlistedDevices },
      'Threats of devices not in the device list (removed, or no device id) were ingested without a device relationship',
    );
  }
  if (counts.unknownClassifications.size > 0) {
    context.logger.info(
      { classifications: [...counts.unknownClassifications] },
      'Threats with a classification other than MALWARE, PUP, malicious or suspicious were ingested without a severity',
    );
  }
  const { unknownClassifications, ...summary } = counts;
  if (available)
    context.logger.info(
      { ...summary, unknownClassifications: unknownClassifications.size },
      'Ingested Kandji threat detections',
    );
});

export const threatSteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.THREATS,
    name: 'Fetch Threat Detections',
    entities: [Entities.THREAT],
    relationships: [Relationships.DEVICE_HAS_THREAT],
    // Devices first: threats link only to devices the graph has.
    dependsOn: [Steps.DEVICES],
    ingestionSourceId: IngestionSources.THREATS,
    authorization: {
      permissions: [`${Permissions.THREATS} (optional: threat findings)`],
      endpoints: [
        `GET /api/v1/${Paths.THREAT_DETAILS}`,
        `GET /api/v1/${Paths.BEHAVIORAL_DETECTIONS}`,
      ],
      licenses: ['Kandji EDR'],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchThreats,
  },
];
