/**
 * Kandji security findings endpoints (Vulnerability Management and EDR): path, minimal zod
 * schema and page strategy. Facts: ../shared/reference/kandji-api.md "Security findings:
 * vulnerabilities and threats" and the published examples `vulnerabilities-*.json`,
 * `threats-*.json` ([KOA] api-docs.kandji.io via the OpenAPI/Postman export).
 */
import {
  envelopeError,
  fields,
  isRecord,
  nextUrlEnvelope,
  paginate,
  queryNumber,
  type PageStrategy,
  type ValidationReport,
} from '@mdm-graph/mdm-core';
import { z } from 'zod';
import type { KandjiApi } from './api';
import { KandjiLimits } from '../tuning';
import { Paths } from './endpoints';

const { looseNumber, optionalString, section, stringList } = fields;

// ---- vulnerability detections ------------------------------------------------------------

/** One detection: device x software x CVE (GET vulnerability-management/detections). */
export const detectionSchema = z.object({
  device_id: z.string().min(1),
  device_name: z.string().nullish(),
  device_serial_number: z.string().nullish(),
  device_model: z.string().nullish(),
  device_os_version: optionalString,
  blueprint_id: z.string().nullish(),
  blueprint_name: z.string().nullish(),
  name: z.string().nullish(),
  version: optionalString,
  path: z.string().nullish(),
  bundle_id: z.string().nullish(),
  cve_id: z.string().trim().min(1),
  cve_description: z.string().nullish(),
  cve_link: z.string().nullish(),
  cvss_score: looseNumber,
  cvss_severity: z.string().nullish(),
  first_detection_date: z.string().nullish(),
  latest_detection_date: z.string().nullish(),
});
export type KandjiDetection = z.output<typeof detectionSchema>;

/**
 * GET vulnerability-management/detections: `{next, previous, results}`, cursor `after` carried
 * by the absolute `next` URL, `size` at most 300 [KOA]. `next` is followed pinned to the
 * configured host (mdm-core), so a foreign host never receives the token.
 */
export function detectionsPages(size: number = KandjiLimits.DETECTIONS_PAGE_SIZE): PageStrategy {
  return nextUrlEnvelope({
    path: Paths.VULNERABILITY_DETECTIONS,
    limit: Math.min(size, KandjiLimits.DETECTIONS_PAGE_SIZE),
    limitParam: 'size',
  });
}

// ---- vulnerabilities grouped by CVE --------------------------------------------------------

/**
 * One CVE of the tenant (GET vulnerability-management/vulnerabilities). The listing documents
 * `cve_id, severity, cvss_score, kev_score, cve_link, first/latest_detection_date,
 * device_count, software[], status`; `epss_score` and `cve_published_at` are documented only
 * on the per-CVE endpoint and are read here only should the listing ever carry them (we make
 * no per-CVE request).
 */
export const cveSchema = z.object({
  cve_id: z.string().trim().min(1),
  severity: z.string().nullish(),
  cvss_score: looseNumber,
  kev_score: looseNumber,
  epss_score: looseNumber,
  cve_published_at: z.string().nullish(),
  first_detection_date: z.string().nullish(),
  latest_detection_date: z.string().nullish(),
  device_count: looseNumber,
  software: stringList,
  status: z.string().nullish(),
});
export type KandjiCve = z.output<typeof cveSchema>;

/**
 * GET vulnerability-management/vulnerabilities: `{total, page, size, results}` paged by `page`
 * and `size` (at most 50) [KOA]. The spec says to follow a `next` URL, which no published
 * example carries: a string `next` is followed (pinned to our host), an explicit null ends
 * the listing; without one, paging continues while `page x size < total` (or, without a
 * numeric total, while pages are full).
 */
export function vulnerabilitiesPages(
  size: number = KandjiLimits.VULNERABILITIES_PAGE_SIZE,
): PageStrategy {
  const asked = Math.min(size, KandjiLimits.VULNERABILITIES_PAGE_SIZE);
  const path = Paths.VULNERABILITIES;
  return {
    first: () => ({ pathOrUrl: path, query: { page: 1, size: asked } }),
    parse(body, req, client) {
      const items = isRecord(body) ? body.results : undefined;
      if (!isRecord(body) || !Array.isArray(items))
        throw envelopeError(client, req, '{ results: [...], total, page, size }');
      if (items.length === 0) return { items };
      if ('next' in body) {
        const next = body.next;
        return {
          items,
          next:
            typeof next === 'string' && next !== ''
              ? { pathOrUrl: client.pin(next).href }
              : undefined,
        };
      }
      const page = queryNumber(req, 'page', 1);
      const pageSize =
        typeof body.size === 'number' && body.size > 0
          ? body.size
          : queryNumber(req, 'size', asked);
      const more =
        typeof body.total === 'number' ? page * pageSize < body.total : items.length >= pageSize;
      return {
        items,
        next: more ? { pathOrUrl: path, query: { ...req.query, page: page + 1 } } : undefined,
      };
    },
  };
}

// ---- EDR threats --------------------------------------------------------------------------

/** One malware/PUP detection (GET threat-details). Rows carry no id of their own. */
export const threatDetailSchema = z
  .object({
    threat_name: z.string().nullish(),
    classification: z.string().nullish(),
    status: z.string().nullish(),
    process_name: z.string().nullish(),
    process_owner: z.string().nullish(),
    device_name: z.string().nullish(),
    device_id: z.string().nullish(),
    detection_date: z.string().nullish(),
    date_of_quarantine: z.string().nullish(),
    date_of_release: z.string().nullish(),
    released_by: z.string().nullish(),
    release_note: z.string().nullish(),
    file_path: z.string().nullish(),
    file_hash: z.string().nullish(),
    bundle_path: z.string().nullish(),
    device_serial_number: z.string().nullish(),
    blueprint_id: z.string().nullish(),
    blueprint_name: z.string().nullish(),
    library_item_name: z.string().nullish(),
    library_item_id: z.string().nullish(),
    malware_posture: z.string().nullish(),
    pup_posture: z.string().nullish(),
  })
  .refine((t) => Boolean(t.file_hash || t.file_path || t.threat_name), {
    message: 'a threat needs a file hash, file path or name',
  });
export type KandjiThreatDetail = z.output<typeof threatDetailSchema>;

const processSchema = section({
  name: z.string().nullish(),
  image_path: z.string().nullish(),
  owner: z.string().nullish(),
  sha256: z.string().nullish(),
  // command_line and pid are not read: a command line can carry a user's secrets.
});

/** One EDR behavioral detection (GET behavioral-detections). */
export const behavioralDetectionSchema = z.object({
  id: z.string().min(1),
  threat_id: z.string().nullish(),
  rule_version: optionalString,
  description: z.string().nullish(),
  classification: z.string().nullish(),
  informational_tags: stringList,
  malware_family: stringList,
  detection_date: z.string().nullish(),
  threat_status: z.string().nullish(),
  device_info: section({
    id: z.string().nullish(),
    name: z.string().nullish(),
    serial_number: z.string().nullish(),
  }),
  parent_process: processSchema,
  target_process: processSchema,
  library_item: section({
    id: z.string().nullish(),
    name: z.string().nullish(),
    mal_posture_mode: z.string().nullish(),
  }),
  blueprint: section({ id: z.string().nullish(), name: z.string().nullish() }),
});
export type KandjiBehavioralDetection = z.output<typeof behavioralDetectionSchema>;

/**
 * GET threat-details and GET behavioral-detections: DRF-style `{count|total_count, next,
 * previous, results, …counts}` with `limit` (hard max 1000 [KOA]) and `offset`; the absolute
 * `next` is followed pinned to the configured host.
 */
export function threatPages(
  path: typeof Paths.THREAT_DETAILS | typeof Paths.BEHAVIORAL_DETECTIONS,
  limit: number = KandjiLimits.THREATS_PAGE_SIZE,
): PageStrategy {
  return nextUrlEnvelope({ path, limit: Math.min(limit, KandjiLimits.THREATS_PAGE_SIZE) });
}

/** What a listing reports into: records that fail their schema are skipped and counted there. */
interface FindingsListOptions {
  report?: ValidationReport;
}

/**
 * Vulnerability detections (GET vulnerability-management/detections, permission
 * "Vulnerability Management"), `size` as the tenant's page size allows (at most 300).
 */
export function listDetections(
  api: KandjiApi,
  opts: FindingsListOptions = {},
): AsyncIterable<KandjiDetection> {
  return paginate(api.http, detectionsPages(api.pageSize), {
    resource: 'vulnerability detection',
    schema: detectionSchema,
    ...opts,
  });
}

/** The tenant's CVEs (GET vulnerability-management/vulnerabilities, permission "Vulnerability Management"). */
export function listVulnerabilities(
  api: KandjiApi,
  opts: FindingsListOptions = {},
): AsyncIterable<KandjiCve> {
  return paginate(api.http, vulnerabilitiesPages(api.pageSize), {
    resource: 'vulnerability (CVE)',
    schema: cveSchema,
    ...opts,
  });
}

/** threat-details/behavioral-detections allow 1,000 per page; a smaller tuned page size applies too. */
function threatPageSize(api: KandjiApi): number {
  return api.pageSize < KandjiLimits.MAX_PAGE_SIZE ? api.pageSize : KandjiLimits.THREATS_PAGE_SIZE;
}

/** Malware and PUP detections of Kandji EDR (GET threat-details, permission "Threats"). */
export function listThreatDetails(
  api: KandjiApi,
  opts: FindingsListOptions = {},
): AsyncIterable<KandjiThreatDetail> {
  return paginate(api.http, threatPages(Paths.THREAT_DETAILS, threatPageSize(api)), {
    resource: 'threat detail',
    schema: threatDetailSchema,
    ...opts,
  });
}

/** EDR behavioral detections (GET behavioral-detections, permission "Threats"). */
export function listBehavioralDetections(
  api: KandjiApi,
  opts: FindingsListOptions = {},
): AsyncIterable<KandjiBehavioralDetection> {
  return paginate(api.http, threatPages(Paths.BEHAVIORAL_DETECTIONS, threatPageSize(api)), {
    resource: 'behavioral detection',
    schema: behavioralDetectionSchema,
    ...opts,
  });
}
