import { describe, expect, it } from 'vitest';
import {
  behavioralDetectionSchema,
  threatDetailSchema,
  type KandjiBehavioralDetection,
  type KandjiThreatDetail,
} from '../../client';
import {
  createBehavioralDetection,
  createDeviceThreatRelationship,
  createThreatDetail,
  isOpenThreatStatus,
  threatDetailKey,
} from './converter';

function threat(overrides: Record<string, unknown> = {}): KandjiThreatDetail {
  return threatDetailSchema.parse({
    threat_name: 'Adload',
    classification: 'MALWARE',
    status: 'QUARANTINED',
    process_name: 'sharingd',
    process_owner: 'alice',
    device_name: "Alice's MacBook Pro",
    device_id: 'dev-1',
    detection_date: '2024-04-21T17:23:13.883134',
    date_of_quarantine: '2024-04-21T17:23:15.071621',
    date_of_release: '',
    released_by: '',
    release_note: '',
    file_path: '/Users/alice/Downloads/Adload.pkg',
    file_hash: '2AB79665B07B3BE11DD1D4F2D0BAFA886A4B393B28FFEDB2A02F62EFD0061858',
    bundle_path: '',
    device_serial_number: 'C02ABC123XYZ',
    blueprint_id: 'bp-1',
    blueprint_name: 'Engineering',
    library_item_name: 'Avert',
    library_item_id: 'li-1',
    pup_posture: 'protect',
    malware_posture: 'protect',
    ...overrides,
  });
}

function behavioral(overrides: Record<string, unknown> = {}): KandjiBehavioralDetection {
  return behavioralDetectionSchema.parse({
    id: 'AA97B8C8-7CBD-401A-9EC3-63A15A9936BC',
    threat_id: 'KTI_BD_0141',
    rule_version: 10,
    description: 'Detects removal of Little Snitch by unloading its launch daemon.\nMore text.',
    classification: 'suspicious',
    informational_tags: ['exec', 'Little Snitch'],
    malware_family: [],
    detection_date: '2025-03-07T17:40:15.984091+00:00',
    threat_status: 'informational',
    device_info: { id: 'dev-1', name: 'arm-14_7_0', serial_number: 'ZMN33JFKKC' },
    parent_process: {
      name: 'zsh',
      command_line: '-zsh',
      image_path: '/bin/zsh',
      pid: 462,
      owner: 'root',
      sha256: '0BA6F44F486330453AF994834AA406C8D398BFDA68A54F3176BF3696CCC09C91',
    },
    target_process: {
      name: 'sudo',
      command_line: 'sudo launchctl unload /Library/LaunchDaemons/at.obdev.littlesnitchd.plist',
      image_path: '/usr/bin/sudo',
      pid: 5735,
      owner: 'root',
      sha256: '938921ccaa776ab1bf2ca538e1ba63a8f981f047f236197581bcd968cd08f99f',
    },
    library_item: { id: 'li-1', name: 'Avert', mal_posture_mode: 'protect' },
    blueprint: { id: 'bp-1', name: 'Engineering' },
    ...overrides,
  });
}

describe('createThreatDetail', () => {
  it('builds a valid malware Finding with detection and quarantine times', () => {
    const entity = createThreatDetail(threat());
    expect(entity).toMatchGraphObjectSchema({ _class: ['Finding'] });
    expect(entity).toMatchObject({
      _type: 'kandji_threat',
      name: 'Adload',
      category: 'malware',
      threatClassification: 'MALWARE',
      status: 'QUARANTINED',
      quarantined: true,
      open: true,
      severity: 'high',
      numericSeverity: 7,
      fileHash: '2ab79665b07b3be11dd1d4f2d0bafa886a4b393b28ffedb2a02f62efd0061858',
      filePath: '/Users/alice/Downloads/Adload.pkg',
      processName: 'sharingd',
      deviceId: 'dev-1',
      detectedOn: Date.parse('2024-04-21T17:23:13.883Z'),
      quarantinedOn: Date.parse('2024-04-21T17:23:15.071Z'),
    });
    // Empty strings are absent, not "".
    expect(entity.releasedOn).toBeUndefined();
    expect(entity.releasedBy).toBeUndefined();
    expect(entity.bundlePath).toBeUndefined();
  });

  it('a released PUP is closed; NOT_QUARANTINED malware stays open', () => {
    const released = createThreatDetail(
      threat({
        classification: 'PUP',
        status: 'RELEASED',
        date_of_release: '2024-04-22T08:00:00.000000',
        released_by: 'it-admin@example.com',
      }),
    );
    expect(released).toMatchObject({
      category: 'pup',
      open: false,
      severity: 'medium',
      releasedBy: 'it-admin@example.com',
      releasedOn: Date.parse('2024-04-22T08:00:00.000Z'),
    });
    expect(createThreatDetail(threat({ status: 'NOT_QUARANTINED' }))).toMatchObject({
      open: true,
      quarantined: false,
    });
    expect(isOpenThreatStatus('resolved')).toBe(false);
    expect(isOpenThreatStatus(null)).toBe(true);
  });

  it('an unknown classification gets no guessed severity, and the generic endpoint category', () => {
    const entity = createThreatDetail(threat({ classification: null }));
    expect(entity).toMatchObject({ category: 'endpoint', severity: null, numericSeverity: null });
    expect(entity).toMatchGraphObjectSchema({ _class: ['Finding'] });
  });

  it('keys detections apart by file, name and time, stably', () => {
    const a = threat();
    expect(threatDetailKey(a)).toBe(threatDetailKey(threat()));
    expect(threatDetailKey(a)).not.toBe(threatDetailKey(threat({ file_path: '/tmp/Adload 2' })));
    expect(threatDetailKey(a)).not.toBe(
      threatDetailKey(threat({ detection_date: '2024-04-21T18:00:00.000000' })),
    );
    expect(threatDetailKey(a)).toMatch(/^kandji_threat:dev-1:[0-9a-f]{32}$/);
  });

  it('rejects a row that names no file, hash or threat', () => {
    expect(
      threatDetailSchema.safeParse({ device_id: 'dev-1', file_hash: '', threat_name: null })
        .success,
    ).toBe(false);
  });
});

describe('createBehavioralDetection', () => {
  it('builds a valid behavioral Finding without process command lines', () => {
    const entity = createBehavioralDetection(behavioral());
    expect(entity).toMatchGraphObjectSchema({ _class: ['Finding'] });
    expect(entity).toMatchObject({
      _key: 'kandji_threat:behavioral:AA97B8C8-7CBD-401A-9EC3-63A15A9936BC',
      name: 'KTI_BD_0141',
      displayName: 'Detects removal of Little Snitch by unloading its launch daemon.',
      category: 'behavioral',
      threatClassification: 'suspicious',
      severity: 'medium',
      status: 'informational',
      open: true,
      ruleVersion: '10',
      informationalTags: ['exec', 'Little Snitch'],
      processName: 'sudo',
      processPath: '/usr/bin/sudo',
      parentProcessName: 'zsh',
      parentProcessSha256: '0ba6f44f486330453af994834aa406c8d398bfda68a54f3176bf3696ccc09c91',
      deviceId: 'dev-1',
      deviceSerial: 'ZMN33JFKKC',
      detectedOn: Date.parse('2025-03-07T17:40:15.984Z'),
    });
    expect(JSON.stringify(entity)).not.toContain('launchctl');
  });

  it('tolerates missing nested objects', () => {
    const entity = createBehavioralDetection(
      behavioral({ device_info: null, parent_process: 'x', target_process: undefined }),
    );
    expect(entity.deviceId).toBeUndefined();
    expect(entity).toMatchGraphObjectSchema({ _class: ['Finding'] });
  });
});

describe('createDeviceThreatRelationship', () => {
  it('device HAS threat', () => {
    const r = createDeviceThreatRelationship('kandji_device:dev-1', 'kandji_threat:behavioral:x');
    expect(r).toMatchDirectRelationshipSchema({});
    expect(r._type).toBe('kandji_device_has_threat');
  });
});
