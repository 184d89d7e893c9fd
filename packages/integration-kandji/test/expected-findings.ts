/**
 * Expected findings graph objects, derived from the simulator's findings data (its source
 * of truth), independent of the integration's converters.
 */
import { createHash } from 'node:crypto';
import type { KandjiFindings } from '../simulator';

const NO_BUNDLE = new Set(['', 'no value']);

function appKeyOf(bundleId: string, name: string): string {
  return NO_BUNDLE.has(bundleId.trim().toLowerCase())
    ? `kandji_app:name:${name}`
    : `kandji_app:${bundleId}`;
}

export interface ExpectedVulnerabilities {
  keys: string[];
  deviceRelationshipKeys: string[];
  appRelationshipKeys: string[];
  /** Lower-case CVE ids the findings map to. */
  cveTargetKeys: string[];
}

export function expectedVulnerabilities(findings: KandjiFindings): ExpectedVulnerabilities {
  const keys: string[] = [];
  const device: string[] = [];
  const app: string[] = [];
  const cves = new Set<string>();
  for (const d of findings.detections) {
    const software = NO_BUNDLE.has(d.bundle_id.trim().toLowerCase())
      ? `name:${d.name}`
      : d.bundle_id;
    const key = `kandji_vulnerability:${d.device_id}|${d.cve_id}|${software}|${d.path}|${d.version}`;
    keys.push(key);
    device.push(`kandji_device:${d.device_id}|has|${key}`);
    app.push(`${appKeyOf(d.bundle_id, d.name)}|has|${key}`);
    cves.add(d.cve_id.toLowerCase());
  }
  return {
    keys: keys.sort(),
    deviceRelationshipKeys: device.sort(),
    appRelationshipKeys: app.sort(),
    cveTargetKeys: [...cves].sort(),
  };
}

/** kandji_threat keys: threat-details by device + hash of file/name/time, behavioral by id. */
export function expectedThreatKeys(findings: KandjiFindings): {
  threatKeys: string[];
  behavioralKeys: string[];
} {
  return {
    threatKeys: findings.threats
      .map((t) => {
        const digest = createHash('sha256')
          .update([t.file_hash, t.file_path, t.threat_name, t.detection_date].join('\n'))
          .digest('hex')
          .slice(0, 32);
        return `kandji_threat:${t.device_id}:${digest}`;
      })
      .sort(),
    behavioralKeys: findings.behavioral.map((b) => `kandji_threat:behavioral:${b.id}`).sort(),
  };
}
