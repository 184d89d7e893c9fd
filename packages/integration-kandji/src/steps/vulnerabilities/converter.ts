import {
  createDirectRelationship,
  createIntegrationEntity,
  createMappedRelationship,
  RelationshipClass,
  RelationshipDirection,
  type Entity,
  type MappedRelationship,
  type Relationship,
} from '@jupiterone/integration-sdk-core';
import { entityKey, padKey, sanitizeProperties, toEpochMs } from '@mdm-graph/mdm-core';
import type { KandjiCve, KandjiDetection } from '../../client';
import { appIdentity, usableBundleId } from '../apps/converter';
import { Entities, MappedRelationships } from '../constants';

const text = (v: string | null | undefined): string | null =>
  v && v.trim() !== '' ? v.trim() : null;

/** CVE ids as NVD spells them, e.g. CVE-2024-12345. */
const CVE_ID = /^CVE-\d{4}-\d{4,}$/;

export function normalizeCveId(cveId: string): string {
  return cveId.trim().toUpperCase();
}

/** The NVD page of a well-formed CVE id; undefined for anything else. */
export function nvdLink(cveId: string): string | undefined {
  const id = normalizeCveId(cveId);
  return CVE_ID.test(id) ? `https://nvd.nist.gov/vuln/detail/${id}` : undefined;
}

export type Severity = 'none' | 'low' | 'medium' | 'high' | 'critical';
const SEVERITIES: readonly string[] = ['none', 'low', 'medium', 'high', 'critical'];

/**
 * The CVSS v3 qualitative rating of a base score (FIRST CVSS v3.1 specification, section 5):
 * 0.0 none, 0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9 high, 9.0-10.0 critical.
 */
export function severityFromCvss(score: number | null | undefined): Severity | null {
  if (score === null || score === undefined || !Number.isFinite(score)) return null;
  if (score < 0 || score > 10) return null;
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

/** Kandji's own rating ("Low", "High", …) when no score is given; unknown words are dropped. */
function vendorSeverity(...values: (string | null | undefined)[]): Severity | null {
  for (const v of values) {
    const s = text(v)?.toLowerCase();
    if (s && SEVERITIES.includes(s)) return s as Severity;
  }
  return null;
}

/** A valid CVSS base score (0-10) or null. */
function cvss(score: number | null | undefined): number | null {
  return score !== null && score !== undefined && score >= 0 && score <= 10 ? score : null;
}

/** What identifies the detected software on the device: bundle id, else name, else path. */
function softwareIdentity(d: KandjiDetection): string {
  const bundleId = usableBundleId(d.bundle_id);
  if (bundleId) return bundleId;
  const name = text(d.name);
  if (name) return `name:${name}`;
  return `path:${text(d.path) ?? ''}`;
}

/**
 * One finding per detection (device x software x CVE). The path and version are part of the
 * key: a device can carry two copies of one app, each detected on its own.
 */
export function vulnerabilityKey(d: KandjiDetection): string {
  return entityKey(
    Entities.VULNERABILITY._type,
    [
      d.device_id,
      normalizeCveId(d.cve_id),
      softwareIdentity(d),
      text(d.path) ?? '',
      text(d.version) ?? '',
    ].join('|'),
  );
}

/**
 * The kandji_app key of the detected software (the apps step's keying: bundle id, else name,
 * else path), or undefined when nothing identifies it. Whether that app was ingested is the
 * caller's question.
 */
export function detectedAppKey(d: KandjiDetection): string | undefined {
  return appIdentity({
    deviceId: d.device_id,
    name: text(d.name),
    bundleId: text(d.bundle_id),
    version: text(d.version),
    path: text(d.path),
  })?._key;
}

/** kandji_vulnerability: one detection, enriched with its CVE's tenant-wide facts when listed. */
export function createVulnerability(d: KandjiDetection, cve: KandjiCve | undefined): Entity {
  const cveId = normalizeCveId(d.cve_id);
  const score = cvss(d.cvss_score) ?? cvss(cve?.cvss_score);
  const severity = severityFromCvss(score) ?? vendorSeverity(d.cvss_severity, cve?.severity);
  const software = text(d.name) ?? usableBundleId(d.bundle_id) ?? text(d.path);
  const version = text(d.version);
  const kevScore = cve?.kev_score ?? null;
  const deviceName = text(d.device_name);
  const extra = sanitizeProperties({
    cveId,
    cvssScore: score ?? undefined,
    vendorSeverity: text(d.cvss_severity) ?? text(cve?.severity) ?? undefined,
    description: text(d.cve_description) ?? undefined,
    softwareName: text(d.name) ?? undefined,
    softwareVersion: version ?? undefined,
    softwarePath: text(d.path) ?? undefined,
    softwareBundleId: usableBundleId(d.bundle_id) ?? undefined,
    deviceId: d.device_id,
    deviceName: deviceName ?? undefined,
    deviceSerial: text(d.device_serial_number) ?? undefined,
    blueprintId: text(d.blueprint_id) ?? undefined,
    blueprintName: text(d.blueprint_name) ?? undefined,
    firstDetectedOn: toEpochMs(d.first_detection_date),
    lastDetectedOn: toEpochMs(d.latest_detection_date),
    // From the CVE listing (one request per 50 CVEs, not one per CVE).
    kevScore: kevScore ?? undefined,
    // kev_score is 0 or 1 in every published example; 1 = in CISA's Known Exploited
    // Vulnerabilities catalog (Kandji's "known_exploit" sort key).
    knownExploited: kevScore === null ? undefined : kevScore >= 1,
    epssScore: cve?.epss_score ?? undefined,
    cvePublishedOn: toEpochMs(cve?.cve_published_at),
    affectedDeviceCount: cve?.device_count ?? undefined,
  });
  const name = software
    ? `${cveId} in ${software}${version ? ` ${version}` : ''}`
    : `${cveId} on ${deviceName ?? d.device_id}`;
  return createIntegrationEntity({
    entityData: {
      source: {},
      // Object.assign, not a spread: spreading an object built property by property and then
      // adding more made V8 allocate ~11 KB per finding (~1 KB of it transient hidden classes
      // in the old generation); this is ~5 KB, all short-lived. Same properties, same order.
      assign: Object.assign({}, extra, {
        _key: padKey(vulnerabilityKey(d)),
        _type: Entities.VULNERABILITY._type,
        _class: [...Entities.VULNERABILITY._class],
        name,
        displayName: name,
        category: 'vulnerability',
        severity,
        numericSeverity: score,
        score,
        open: true,
        // A CVE is publicly disclosed; another kind of id says nothing either way.
        public: nvdLink(cveId) ? true : undefined,
        webLink: nvdLink(cveId) ?? validUrl(d.cve_link),
        createdOn: toEpochMs(d.first_detection_date),
      }),
    },
  });
}

function validUrl(v: string | null | undefined): string | undefined {
  const s = text(v);
  if (!s) return undefined;
  try {
    const u = new URL(s);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

export function createDeviceVulnerabilityRelationship(
  deviceKey: string,
  vulnerabilityKey: string,
): Relationship {
  return createDirectRelationship({
    _class: RelationshipClass.HAS,
    fromKey: deviceKey,
    fromType: Entities.DEVICE._type,
    toKey: vulnerabilityKey,
    toType: Entities.VULNERABILITY._type,
  });
}

export function createAppVulnerabilityRelationship(
  appKey: string,
  vulnerabilityKey: string,
): Relationship {
  return createDirectRelationship({
    _class: RelationshipClass.HAS,
    fromKey: appKey,
    fromType: Entities.APP._type,
    toKey: vulnerabilityKey,
    toType: Entities.VULNERABILITY._type,
  });
}

/**
 * kandji_vulnerability IS cve: the shared CVE entity JupiterOne's scanners link to
 * (`_type: 'cve'`, `_class: 'Vulnerability'`, `_key` the CVE id in lower case), created by
 * J1 with its name and NVD link when no other integration made it yet. Only well-formed
 * CVE ids are mapped.
 */
export function createCveMapping(vulnerability: Entity): MappedRelationship | undefined {
  const cveId = typeof vulnerability.cveId === 'string' ? vulnerability.cveId : undefined;
  const link = cveId ? nvdLink(cveId) : undefined;
  if (!cveId || !link) return undefined;
  return createMappedRelationship({
    _class: RelationshipClass.IS,
    _type: MappedRelationships.VULNERABILITY_IS_CVE._type,
    _mapping: {
      relationshipDirection: RelationshipDirection.FORWARD,
      sourceEntityKey: vulnerability._key,
      targetFilterKeys: [['_type', '_key']],
      targetEntity: {
        _class: 'Vulnerability',
        _type: 'cve',
        _key: cveId.toLowerCase(),
        name: cveId,
        displayName: cveId,
        webLink: link,
      },
    },
  });
}
