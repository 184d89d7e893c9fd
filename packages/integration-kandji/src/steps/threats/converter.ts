import { createHash } from 'node:crypto';
import {
  createDirectRelationship,
  createIntegrationEntity,
  RelationshipClass,
  type Entity,
  type Relationship,
} from '@jupiterone/integration-sdk-core';
import { entityKey, padKey, sanitizeProperties, toEpochMs } from '@mdm-graph/mdm-core';
import type { KandjiBehavioralDetection, KandjiThreatDetail } from '../../client';
import { Entities } from '../constants';

const text = (v: string | null | undefined): string | null =>
  v && v.trim() !== '' ? v.trim() : null;

/**
 * Statuses that close a threat: threat-details filters on quarantined, not_quarantined and
 * released [KOA]; "resolved" is read as closed too, should Kandji report it.
 */
const CLOSED = new Set(['released', 'resolved']);

export function isOpenThreatStatus(status: string | null | undefined): boolean {
  const s = text(status)?.toLowerCase();
  return !(s && CLOSED.has(s));
}

/**
 * Kandji gives threats no severity. Ours follows its classification: malware and malicious
 * behavior `high` (7), potentially unwanted programs and suspicious behavior `medium` (4);
 * anything else is left without a severity rather than guessed.
 */
const SEVERITY_BY_CLASSIFICATION: Record<string, { severity: string; numericSeverity: number }> = {
  malware: { severity: 'high', numericSeverity: 7 },
  malicious: { severity: 'high', numericSeverity: 7 },
  pup: { severity: 'medium', numericSeverity: 4 },
  suspicious: { severity: 'medium', numericSeverity: 4 },
};

function severityOf(classification: string | null): {
  severity: string | null;
  numericSeverity: number | null;
} {
  return (
    SEVERITY_BY_CLASSIFICATION[(classification ?? '').toLowerCase()] ?? {
      severity: null,
      numericSeverity: null,
    }
  );
}

function baseName(path: string | null): string | null {
  return path ? (path.split('/').filter(Boolean).pop() ?? null) : null;
}

/**
 * threat-details rows carry no id: a detection is its device, file (hash and path), name and
 * detection time. Hashed so long paths keep keys short; stable across runs.
 */
export function threatDetailKey(t: KandjiThreatDetail): string {
  const identity = [t.file_hash, t.file_path, t.threat_name, t.detection_date]
    .map((v) => text(v) ?? '')
    .join('\n');
  const digest = createHash('sha256').update(identity).digest('hex').slice(0, 32);
  return entityKey(Entities.THREAT._type, `${text(t.device_id) ?? 'no-device'}:${digest}`);
}

export function behavioralDetectionKey(b: KandjiBehavioralDetection): string {
  return entityKey(Entities.THREAT._type, `behavioral:${b.id}`);
}

function finding(
  key: string,
  core: {
    name: string;
    displayName: string;
    category: string;
    classification: string | null;
    status: string | null;
    detectedOn: number | undefined;
  },
  properties: Record<string, unknown>,
): Entity {
  const extra = sanitizeProperties(properties);
  return createIntegrationEntity({
    entityData: {
      source: {},
      assign: {
        ...extra,
        _key: padKey(key),
        _type: Entities.THREAT._type,
        _class: [...Entities.THREAT._class],
        name: core.name,
        displayName: core.displayName,
        category: core.category,
        ...severityOf(core.classification),
        status: core.status,
        open: isOpenThreatStatus(core.status),
        createdOn: core.detectedOn,
      },
    },
  });
}

/** A malware or PUP detection (threat-details) -> kandji_threat, category `malware` or `pup`. */
export function createThreatDetail(t: KandjiThreatDetail): Entity {
  const classification = text(t.classification);
  const status = text(t.status);
  const name =
    text(t.threat_name) ?? baseName(text(t.file_path)) ?? text(t.file_hash) ?? 'Unnamed threat';
  const detectedOn = toEpochMs(t.detection_date);
  return finding(
    threatDetailKey(t),
    {
      name,
      displayName: name,
      // The data model needs a category string: an unknown classification is a generic endpoint finding.
      category: classification?.toLowerCase() ?? 'endpoint',
      classification,
      status,
      detectedOn,
    },
    {
      threatName: text(t.threat_name) ?? undefined,
      threatClassification: classification ?? undefined,
      quarantined: status ? status.toUpperCase() === 'QUARANTINED' : undefined,
      fileHash: text(t.file_hash)?.toLowerCase(),
      filePath: text(t.file_path) ?? undefined,
      bundlePath: text(t.bundle_path) ?? undefined,
      processName: text(t.process_name) ?? undefined,
      processOwner: text(t.process_owner) ?? undefined,
      deviceId: text(t.device_id) ?? undefined,
      deviceName: text(t.device_name) ?? undefined,
      deviceSerial: text(t.device_serial_number) ?? undefined,
      blueprintId: text(t.blueprint_id) ?? undefined,
      blueprintName: text(t.blueprint_name) ?? undefined,
      libraryItemId: text(t.library_item_id) ?? undefined,
      libraryItemName: text(t.library_item_name) ?? undefined,
      malwarePosture: text(t.malware_posture) ?? undefined,
      pupPosture: text(t.pup_posture) ?? undefined,
      detectedOn,
      quarantinedOn: toEpochMs(t.date_of_quarantine),
      releasedOn: toEpochMs(t.date_of_release),
      releasedBy: text(t.released_by) ?? undefined,
      releaseNote: text(t.release_note) ?? undefined,
    },
  );
}

function firstLine(v: string | null, max = 120): string | null {
  const line = v?.split('\n')[0]?.trim();
  if (!line) return null;
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * An EDR behavioral detection -> kandji_threat, category `behavioral`. Process command lines
 * are not stored: they can carry a user's secrets.
 */
export function createBehavioralDetection(b: KandjiBehavioralDetection): Entity {
  const classification = text(b.classification);
  const status = text(b.threat_status);
  const ruleId = text(b.threat_id);
  const name = ruleId ?? b.id;
  const detectedOn = toEpochMs(b.detection_date);
  const parent = b.parent_process;
  const target = b.target_process;
  return finding(
    behavioralDetectionKey(b),
    {
      name,
      displayName: firstLine(text(b.description)) ?? name,
      category: 'behavioral',
      classification,
      status,
      detectedOn,
    },
    {
      detectionId: b.id,
      ruleId: ruleId ?? undefined,
      ruleVersion: text(b.rule_version) ?? undefined,
      description: text(b.description) ?? undefined,
      threatClassification: classification ?? undefined,
      malwareFamilies: b.malware_family,
      informationalTags: b.informational_tags,
      deviceId: text(b.device_info?.id) ?? undefined,
      deviceName: text(b.device_info?.name) ?? undefined,
      deviceSerial: text(b.device_info?.serial_number) ?? undefined,
      blueprintId: text(b.blueprint?.id) ?? undefined,
      blueprintName: text(b.blueprint?.name) ?? undefined,
      libraryItemId: text(b.library_item?.id) ?? undefined,
      libraryItemName: text(b.library_item?.name) ?? undefined,
      malwarePosture: text(b.library_item?.mal_posture_mode) ?? undefined,
      parentProcessName: text(parent?.name) ?? undefined,
      parentProcessPath: text(parent?.image_path) ?? undefined,
      parentProcessOwner: text(parent?.owner) ?? undefined,
      parentProcessSha256: text(parent?.sha256)?.toLowerCase(),
      processName: text(target?.name) ?? undefined,
      processPath: text(target?.image_path) ?? undefined,
      processOwner: text(target?.owner) ?? undefined,
      fileHash: text(target?.sha256)?.toLowerCase(),
      detectedOn,
    },
  );
}

/** The device a threat was detected on (threat-details `device_id`, behavioral `device_info.id`). */
export function threatDeviceId(threat: Entity): string | undefined {
  return typeof threat.deviceId === 'string' ? threat.deviceId : undefined;
}

export function createDeviceThreatRelationship(deviceKey: string, threatKey: string): Relationship {
  return createDirectRelationship({
    _class: RelationshipClass.HAS,
    fromKey: deviceKey,
    fromType: Entities.DEVICE._type,
    toKey: threatKey,
    toType: Entities.THREAT._type,
  });
}
