/**
 * Security findings of the simulated tenant (Vulnerability Management and EDR), derived from
 * the fleet so they agree with it: a detection names an app the Mac has installed, at its
 * version and path; threats are on Macs. Only the fields of Kandji's published examples
 * (vendor-examples/kandji/vulnerabilities-*.json, threats-*.json) are emitted.
 */
import { SeededRandom } from '@mdm-graph/mdm-core/sim';
import type { KandjiFleet } from './fleet';
import type { SimDevice } from './types';

export interface KandjiFindingsOptions {
  /** Share of (app, version) pairs, and so of Mac app installs, with CVEs (default 0.05). */
  vulnerableInstallRate?: number;
  /** Share of Macs with malware/PUP detections (default 0.05). */
  threatRate?: number;
  /** Share of Macs with behavioral detections (default 0.03). */
  behavioralRate?: number;
}

/** A row of GET vulnerability-management/detections. */
export interface SimDetection {
  device_id: string;
  device_name: string;
  device_serial_number: string;
  device_model: string;
  device_os_version: string;
  blueprint_id: string;
  blueprint_name: string;
  name: string;
  version: string;
  path: string;
  bundle_id: string;
  cve_id: string;
  cve_description: string;
  cve_link: string;
  cvss_score: number;
  cvss_severity: string;
  first_detection_date: string;
  latest_detection_date: string;
}

/** A row of GET vulnerability-management/vulnerabilities (grouped by CVE). */
export interface SimCve {
  cve_id: string;
  severity: string;
  cvss_score: number;
  kev_score: number;
  cve_link: string;
  first_detection_date: string;
  latest_detection_date: string;
  device_count: number;
  software: string[];
  status: string;
}

/** A row of GET threat-details. */
export interface SimThreatDetail {
  threat_name: string;
  classification: 'MALWARE' | 'PUP';
  status: 'QUARANTINED' | 'NOT_QUARANTINED' | 'RELEASED';
  process_name: string;
  process_owner: string;
  device_name: string;
  device_id: string;
  detection_date: string;
  date_of_quarantine: string;
  date_of_release: string;
  released_by: string;
  release_note: string;
  file_path: string;
  file_hash: string;
  bundle_path: string;
  device_serial_number: string;
  blueprint_id: string;
  blueprint_name: string;
  library_item_name: string;
  library_item_id: string;
  pup_posture: string;
  malware_posture: string;
}

interface SimProcess {
  name: string;
  command_line: string;
  image_path: string;
  pid: number;
  owner: string;
  sha256: string;
}

/** A row of GET behavioral-detections. */
export interface SimBehavioralDetection {
  id: string;
  threat_id: string;
  rule_version: number;
  description: string;
  classification: 'malicious' | 'suspicious';
  informational_tags: string[];
  malware_family: string[];
  detection_date: string;
  threat_status: string;
  device_info: { id: string; name: string; serial_number: string };
  parent_process: SimProcess;
  target_process: SimProcess;
  library_item: { id: string; name: string; mal_posture_mode: string };
  blueprint: { id: string; name: string };
}

export interface KandjiFindings {
  detections: SimDetection[];
  /** Every CVE with at least one detection, by id. */
  cves: SimCve[];
  threats: SimThreatDetail[];
  behavioral: SimBehavioralDetection[];
}

const FROM = new Date('2024-01-01T00:00:00Z');
const TO = new Date('2024-06-30T00:00:00Z');

/** "2023-10-13 16:15:00.000000" (detections). */
function spaced(d: Date, r: SeededRandom): string {
  const iso = d.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String(r.int(0, 999_999)).padStart(6, '0')}`;
}
/** "2025-05-23T13:21:37.792889Z" (CVE listing). */
function isoMicroZ(d: Date, r: SeededRandom): string {
  return `${d.toISOString().slice(0, 19)}.${String(r.int(0, 999_999)).padStart(6, '0')}Z`;
}
/** "2023-04-21T17:23:13.883134" (threat-details: no zone). */
function isoMicro(d: Date, r: SeededRandom): string {
  return `${d.toISOString().slice(0, 19)}.${String(r.int(0, 999_999)).padStart(6, '0')}`;
}
/** "2025-03-08T17:35:30.462076+00:00" (behavioral detections). */
function isoMicroOffset(d: Date, r: SeededRandom): string {
  return `${isoMicro(d, r)}+00:00`;
}

/** Kandji's rating words for a CVSS score (the examples: "Low" 3.2, "High" 7.5). */
function ratingOf(score: number): string {
  if (score >= 9) return 'Critical';
  if (score >= 7) return 'High';
  if (score >= 4) return 'Medium';
  if (score > 0) return 'Low';
  return 'None';
}

interface CveFacts {
  id: string;
  score: number;
  kev: number;
  description: string;
}

const ACTIONS = [
  'execute arbitrary code',
  'escalate privileges',
  'bypass sandbox restrictions',
  'read sensitive files',
  'cause a denial of service',
];

/**
 * Four CVEs per app, shared by its vulnerable versions. Ids are unique per app (Mac app ids
 * are the catalog index as a numeric string), so one CVE id never has two sets of facts.
 */
function cvePoolOf(seed: string, appName: string, appId: string): CveFacts[] {
  const r = new SeededRandom(`${seed}:cves:${appName}`);
  const base = 10_000 + (Number.parseInt(appId, 10) || 0) * 4;
  return [0, 1, 2, 3].map((k) => {
    const score = r.int(20, 100) / 10;
    return {
      id: `CVE-${r.int(2021, 2024)}-${base + k}`,
      score,
      kev: r.bool(score >= 7 ? 0.3 : 0.05) ? 1 : 0,
      description: `A flaw in ${appName} allows an attacker to ${r.pick(ACTIONS)}.`,
    };
  });
}

const THREAT_NAMES = ['Adload', 'Pirrit', 'Shlayer', 'XLoader', 'Atomic Stealer', 'MacStealer'];
const PUP_NAMES = ['MacKeeper', 'Advanced Mac Cleaner', 'Genieo', 'Bundlore'];
const PROCESSES = ['sharingd', 'ArchiveService', 'chmod', 'Safari', 'curl'];
const RULES = [
  { description: 'Detects a launch daemon unloaded from the command line.', tags: ['exec'] },
  { description: 'Detects credential access through the security command.', tags: ['keychain'] },
  { description: 'Detects a shell spawned by an Office application.', tags: ['exec', 'office'] },
];

function ownerOf(device: SimDevice): string {
  return device.user === '' ? 'root' : (device.user.email ?? 'user').split('@')[0] || 'user';
}

function pairKey(name: string, version: string): string {
  return `${name}\u0000${version}`;
}

/**
 * The (app, version) pairs with CVEs: pairs in a seeded order, taken until they cover `rate`
 * of the Mac app installs, so "5% vulnerable installs" holds for any fleet size.
 */
function vulnerablePairs(fleet: KandjiFleet, rate: number): Set<string> {
  const installs = new Map<string, number>();
  let total = 0;
  fleet.devices.forEach((device, index) => {
    if (device.platform !== 'Mac' || fleet.removed.has(device.device_id)) return;
    for (const app of fleet.appsOf(index)) {
      const key = pairKey(app.app_name, app.version);
      installs.set(key, (installs.get(key) ?? 0) + 1);
      total += 1;
    }
  });
  const order = [...installs.keys()]
    .map((key) => ({ key, rank: new SeededRandom(`${fleet.seed}:vulnerable:${key}`).next() }))
    .sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key));
  const chosen = new Set<string>();
  let covered = 0;
  for (const { key } of order) {
    if (covered >= rate * total) break;
    chosen.add(key);
    covered += installs.get(key) ?? 0;
  }
  return chosen;
}

const memo = new WeakMap<KandjiFleet, Map<string, KandjiFindings>>();

/** The findings of a fleet (deterministic; computed once per fleet and options). */
export function generateKandjiFindings(
  fleet: KandjiFleet,
  options: KandjiFindingsOptions = {},
): KandjiFindings {
  const rate = options.vulnerableInstallRate ?? 0.05;
  const threatRate = options.threatRate ?? 0.05;
  const behavioralRate = options.behavioralRate ?? 0.03;
  const cacheKey = `${rate}|${threatRate}|${behavioralRate}`;
  let byOptions = memo.get(fleet);
  if (!byOptions) memo.set(fleet, (byOptions = new Map()));
  const cached = byOptions.get(cacheKey);
  if (cached) return cached;

  const seed = fleet.seed;
  const detections: SimDetection[] = [];
  const cveRows = new Map<
    string,
    { facts: CveFacts; devices: Set<string>; software: Set<string> }
  >();
  const threats: SimThreatDetail[] = [];
  const behavioral: SimBehavioralDetection[] = [];
  const libraryItemId = new SeededRandom(`${seed}:avert`).uuid();

  const vulnerable = vulnerablePairs(fleet, rate);
  fleet.devices.forEach((device, index) => {
    if (device.platform !== 'Mac' || fleet.removed.has(device.device_id)) return;
    const r = new SeededRandom(`${seed}:findings:${index}`);
    for (const app of fleet.appsOf(index)) {
      // Vulnerability is a property of the app version: every Mac with it is detected.
      if (!vulnerable.has(pairKey(app.app_name, app.version))) continue;
      const v = new SeededRandom(`${seed}:vulnerable:${app.app_name}:${app.version}`);
      const pool = cvePoolOf(seed, app.app_name, app.app_id);
      const cves = v.shuffle([...pool]).slice(0, v.int(1, 3));
      for (const cve of cves) {
        const first = r.date(FROM, TO);
        detections.push({
          device_id: device.device_id,
          device_name: device.device_name,
          device_serial_number: device.serial_number,
          device_model: device.model,
          device_os_version: device.os_version,
          blueprint_id: device.blueprint_id,
          blueprint_name: device.blueprint_name,
          name: app.app_name,
          version: app.version,
          path: app.path,
          bundle_id: app.bundle_id,
          cve_id: cve.id,
          cve_description: cve.description,
          cve_link: `https://nvd.nist.gov/vuln/detail/${cve.id}`,
          cvss_score: cve.score,
          cvss_severity: ratingOf(cve.score),
          first_detection_date: spaced(first, r),
          latest_detection_date: spaced(
            new Date(Math.min(TO.getTime(), first.getTime() + r.int(0, 30) * 86_400_000)),
            r,
          ),
        });
        let row = cveRows.get(cve.id);
        if (!row)
          cveRows.set(cve.id, (row = { facts: cve, devices: new Set(), software: new Set() }));
        row.devices.add(device.device_id);
        row.software.add(app.app_name);
      }
    }

    const t = new SeededRandom(`${seed}:threats:${index}`);
    if (t.next() < threatRate) {
      const count = t.int(1, 2);
      for (let k = 0; k < count; k++) {
        const pup = t.bool(0.3);
        const name = pup ? t.pick(PUP_NAMES) : t.pick(THREAT_NAMES);
        const status = t.pick([
          'QUARANTINED',
          'QUARANTINED',
          'NOT_QUARANTINED',
          'RELEASED',
        ] as const);
        const detected = t.date(FROM, TO);
        const quarantined = status !== 'NOT_QUARANTINED';
        const owner = ownerOf(device);
        threats.push({
          threat_name: name,
          classification: pup ? 'PUP' : 'MALWARE',
          status,
          process_name: t.pick(PROCESSES),
          process_owner: owner,
          device_name: device.device_name,
          device_id: device.device_id,
          detection_date: isoMicro(detected, t),
          date_of_quarantine: quarantined ? isoMicro(new Date(detected.getTime() + 2_000), t) : '',
          date_of_release:
            status === 'RELEASED' ? isoMicro(new Date(detected.getTime() + 86_400_000), t) : '',
          released_by: status === 'RELEASED' ? 'it-admin@example.com' : '',
          release_note: status === 'RELEASED' ? 'Internal build tool, reviewed by security' : '',
          file_path: `/Users/${owner}/Downloads/${name.replace(/\s+/g, '')}.pkg`,
          file_hash: t.hex(64),
          bundle_path: '',
          device_serial_number: device.serial_number,
          blueprint_id: device.blueprint_id,
          blueprint_name: device.blueprint_name,
          library_item_name: 'Avert',
          library_item_id: libraryItemId,
          pup_posture: 'protect',
          malware_posture: 'protect',
        });
      }
    }

    const b = new SeededRandom(`${seed}:behavioral:${index}`);
    if (b.next() < behavioralRate) {
      const rule = b.pick(RULES);
      const malicious = b.bool(0.5);
      const owner = ownerOf(device);
      behavioral.push({
        id: b.uuid().toUpperCase(),
        threat_id: `KTI_BD_${String(b.int(1, 2999)).padStart(4, '0')}`,
        rule_version: b.int(1, 12),
        description: rule.description,
        classification: malicious ? 'malicious' : 'suspicious',
        informational_tags: rule.tags,
        malware_family: malicious ? [b.pick(THREAT_NAMES)] : [],
        detection_date: isoMicroOffset(b.date(FROM, TO), b),
        threat_status: malicious ? 'detected' : 'informational',
        device_info: {
          id: device.device_id,
          name: device.device_name,
          serial_number: device.serial_number,
        },
        parent_process: {
          name: 'zsh',
          command_line: '-zsh',
          image_path: '/bin/zsh',
          pid: b.int(200, 9000),
          owner,
          sha256: b.hex(64),
        },
        target_process: {
          name: 'launchctl',
          command_line: 'launchctl unload /Library/LaunchDaemons/com.example.agent.plist',
          image_path: '/bin/launchctl',
          pid: b.int(200, 9000),
          owner,
          sha256: b.hex(64),
        },
        library_item: { id: libraryItemId, name: 'Avert', mal_posture_mode: 'protect' },
        blueprint: { id: device.blueprint_id, name: device.blueprint_name },
      });
    }
  });

  const c = new SeededRandom(`${seed}:cve-listing`);
  const cves: SimCve[] = [...cveRows.values()]
    .sort((x, y) => x.facts.id.localeCompare(y.facts.id))
    .map(({ facts, devices, software }) => {
      const first = c.date(FROM, TO);
      return {
        cve_id: facts.id,
        severity: ratingOf(facts.score),
        cvss_score: facts.score,
        kev_score: facts.kev,
        cve_link: `https://nvd.nist.gov/vuln/detail/${facts.id}`,
        first_detection_date: isoMicroZ(first, c),
        latest_detection_date: isoMicroZ(
          new Date(Math.max(first.getTime(), TO.getTime() - 86_400_000)),
          c,
        ),
        device_count: devices.size,
        software: [...software].sort(),
        status: 'Active',
      };
    });

  const findings = { detections, cves, threats, behavioral };
  byOptions.set(cacheKey, findings);
  return findings;
}
