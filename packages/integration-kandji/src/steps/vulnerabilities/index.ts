import type { IntegrationStep } from '@jupiterone/integration-sdk-core';
import {
  Endpoints,
  listDetections,
  listVulnerabilities,
  withKandjiApi,
  type KandjiCve,
  kandji,
} from '../../client';
import { requireConfig, type KandjiIntegrationConfig, type KandjiStepContext } from '../../config';
import { IngestionSources } from '../../sources';
import {
  API_DOCS,
  Paths,
  Entities,
  MappedRelationships,
  Permissions,
  Relationships,
  Steps,
} from '../constants';
import { StepDataOf } from '../data';
import { deviceKey } from '../devices/converter';
import { readFindingsListing } from '../findings-listing';
import {
  newReport,
  partialDataStep,
  publishSkipped,
  type OptionalEndpoint,
} from '@mdm-graph/mdm-core/steps';
import {
  createAppVulnerabilityRelationship,
  createCveMapping,
  createDeviceVulnerabilityRelationship,
  createVulnerability,
  detectedAppKey,
  normalizeCveId,
} from './converter';

const SKIPPED =
  'vulnerability findings (grant the permission, or turn off the "Vulnerabilities" ingestion source)';

export const CVE_LISTING: OptionalEndpoint = { ...Endpoints.VULNERABILITIES, skipped: SKIPPED };
export const DETECTIONS: OptionalEndpoint = {
  ...Endpoints.VULNERABILITY_DETECTIONS,
  skipped: SKIPPED,
};

/**
 * kandji_vulnerability (one per detection: device x software x CVE) from
 * vulnerability-management/detections (~rows/300 requests), enriched with the CVE listing
 * (~CVEs/50 requests, never one request per CVE), linked to its device and mapped to the
 * shared `cve` entity. The link to the ingested app it was found in is made by
 * build-app-vulnerability-relationships once fetch-apps is done: the detections listing is
 * cursor-paged (one page after another), so reading it side by side with Prism apps rather
 * than after them keeps its ~rows/300 sequential requests off the run's critical path.
 *
 * 404: the tenant has no Vulnerability Management: the step succeeds empty with one info
 * line. 403: the token lacks the permission: one warning, then the step fails after the
 * rest, so J1 keeps the findings of earlier runs as partial instead of deleting them.
 */
export const fetchVulnerabilities = partialDataStep(
  kandji,
  async (context: KandjiStepContext, denied) => {
    const report = newReport(context);
    const counts = {
      findings: 0,
      unlistedDevices: 0,
      duplicates: 0,
      notInCveListing: 0,
      withoutScore: 0,
    };
    // Finding keys by the key of the app they were found in (the app step's keying).
    const byApp = new Map<string, string[]>();
    const available = await withKandjiApi(
      requireConfig(context.instance.config),
      context.logger,
      async (api) => {
        const cves = new Map<string, KandjiCve>();
        // The CVE listing first: small, and its 404/403 tells the product is missing or denied.
        const listing = await readFindingsListing(
          denied,
          CVE_LISTING,
          listVulnerabilities(api, { report }),
          (cve) => {
            cves.set(normalizeCveId(cve.cve_id), cve);
          },
        );
        if (listing === 'absent') {
          context.logger.info(
            { endpoint: CVE_LISTING.endpoint },
            'Kandji Vulnerability Management is not available on this tenant (404); no vulnerability findings to ingest',
          );
          return false;
        }
        if (listing === 'denied') return true;

        const detections = await readFindingsListing(
          denied,
          DETECTIONS,
          listDetections(api, { report }),
          async (detection) => {
            const cve = cves.get(normalizeCveId(detection.cve_id));
            const entity = createVulnerability(detection, cve);
            // A detection can move between cursor pages while we read: keep the first copy.
            if (context.jobState.hasKey(entity._key)) {
              counts.duplicates += 1;
              return;
            }
            await context.jobState.addEntity(entity);
            counts.findings += 1;
            if (!cve) counts.notInCveListing += 1;
            if (entity.numericSeverity === null) counts.withoutScore += 1;
            const device = deviceKey(detection.device_id);
            if (context.jobState.hasKey(device)) {
              await context.jobState.addRelationship(
                createDeviceVulnerabilityRelationship(device, entity._key),
              );
            } else {
              counts.unlistedDevices += 1;
            }
            const app = detectedAppKey(detection);
            if (app) {
              const findings = byApp.get(app);
              if (findings) findings.push(entity._key);
              else byApp.set(app, [entity._key]);
            }
            const mapping = createCveMapping(entity);
            if (mapping) await context.jobState.addRelationship(mapping);
          },
        );
        if (detections === 'absent') {
          context.logger.info(
            { endpoint: DETECTIONS.endpoint },
            'Kandji vulnerability detections are not available on this tenant (404); no vulnerability findings to ingest',
          );
        }
        return detections !== 'absent';
      },
    );
    await StepDataOf.FINDINGS_BY_APP_KEY.set(context.jobState, byApp);
    publishSkipped(denied, report);
    if (counts.unlistedDevices > 0) {
      context.logger.info(
        { count: counts.unlistedDevices },
        'Vulnerability detections of devices not in the device list (enrolled or removed meanwhile) were ingested without a device relationship',
      );
    }
    // Drift from the published shapes, logged once per run.
    if (counts.notInCveListing > 0 || counts.withoutScore > 0) {
      context.logger.info(
        { notInCveListing: counts.notInCveListing, withoutScore: counts.withoutScore },
        "Some vulnerability detections had no row in the CVE listing (no KEV facts) or no usable CVSS score (severity from Kandji's rating, numericSeverity null)",
      );
    }
    if (available) context.logger.info(counts, 'Ingested Kandji vulnerability detections');
  },
);

/**
 * kandji_app HAS kandji_vulnerability for every finding whose software is an ingested app
 * (fetch-apps' keying: bundle id, else name, else path), from what fetch-vulnerabilities
 * recorded. Runs once both are done; sends no request.
 */
export async function buildAppVulnerabilityRelationships(
  context: KandjiStepContext,
): Promise<void> {
  const byApp = await StepDataOf.FINDINGS_BY_APP_KEY.find(context.jobState);
  let appLinks = 0;
  for (const [app, findings] of byApp ?? []) {
    if (!context.jobState.hasKey(app)) continue;
    for (const finding of findings) {
      await context.jobState.addRelationship(createAppVulnerabilityRelationship(app, finding));
      appLinks += 1;
    }
  }
  // Handed on once: let it go.
  await StepDataOf.FINDINGS_BY_APP_KEY.set(context.jobState, new Map());
  if (byApp) context.logger.info({ appLinks }, 'Linked Kandji vulnerability findings to apps');
}

export const vulnerabilitySteps: IntegrationStep<KandjiIntegrationConfig>[] = [
  {
    id: Steps.VULNERABILITIES,
    name: 'Fetch Vulnerability Detections',
    entities: [Entities.VULNERABILITY],
    relationships: [Relationships.DEVICE_HAS_VULNERABILITY],
    mappedRelationships: [MappedRelationships.VULNERABILITY_IS_CVE],
    // Devices first: findings link only to devices the graph has. Not apps: their links are
    // the next step's, so this listing is read while Prism apps are.
    dependsOn: [Steps.DEVICES],
    ingestionSourceId: IngestionSources.VULNERABILITIES,
    authorization: {
      permissions: [`${Permissions.VULNERABILITY_MANAGEMENT} (optional: vulnerability findings)`],
      endpoints: [
        `GET /api/v1/${Paths.VULNERABILITIES}`,
        `GET /api/v1/${Paths.VULNERABILITY_DETECTIONS}`,
      ],
      licenses: ['Kandji Vulnerability Management'],
      documentationLinks: [API_DOCS],
    },
    executionHandler: fetchVulnerabilities,
  },
  {
    id: Steps.APP_VULNERABILITIES,
    name: 'Build App Vulnerability Relationships',
    entities: [],
    relationships: [Relationships.APP_HAS_VULNERABILITY],
    // Findings link only to apps the graph has.
    dependsOn: [Steps.APPS, Steps.VULNERABILITIES],
    ingestionSourceId: IngestionSources.VULNERABILITIES,
    authorization: {
      permissions: [
        `${Permissions.VULNERABILITY_MANAGEMENT} (the findings read by fetch-vulnerabilities)`,
        `${Permissions.PRISM} or ${Permissions.APPLICATION_LIST} (the apps read by fetch-apps)`,
      ],
      // No request of its own: the endpoints whose data it links (as the permissions above).
      endpoints: [
        `GET /api/v1/${Paths.VULNERABILITY_DETECTIONS}`,
        `GET /api/v1/${Paths.PRISM_APPS}`,
        `GET /api/v1/${Paths.DEVICE_APPS}`,
      ],
      documentationLinks: [API_DOCS],
    },
    executionHandler: buildAppVulnerabilityRelationships,
  },
];
