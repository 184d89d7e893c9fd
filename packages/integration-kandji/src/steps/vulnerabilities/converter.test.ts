import { describe, expect, it } from 'vitest';
import { cveSchema, detectionSchema, type KandjiCve, type KandjiDetection } from '../../client';
import {
  createAppVulnerabilityRelationship,
  createCveMapping,
  createDeviceVulnerabilityRelationship,
  createVulnerability,
  detectedAppKey,
  nvdLink,
  severityFromCvss,
  vulnerabilityKey,
} from './converter';

function detection(overrides: Record<string, unknown> = {}): KandjiDetection {
  return detectionSchema.parse({
    device_id: 'dev-1',
    device_name: "Alice's MacBook Pro",
    device_serial_number: 'C02ABC123XYZ',
    device_model: 'MacBook Pro (14-inch, 2023)',
    device_os_version: '14.4.1',
    blueprint_id: 'bp-1',
    blueprint_name: 'Engineering',
    name: 'Google Chrome',
    version: '120.0.1',
    path: '/Applications/Google Chrome.app',
    bundle_id: 'com.google.Chrome',
    cve_id: 'CVE-2024-0519',
    cve_description: 'Out of bounds memory access in V8',
    cve_link: 'https://nvd.nist.gov/vuln/detail/CVE-2024-0519',
    cvss_score: 8.8,
    cvss_severity: 'High',
    first_detection_date: '2024-01-17 09:30:00.123456',
    latest_detection_date: '2024-02-01 10:00:00.000000',
    ...overrides,
  });
}

function cve(overrides: Record<string, unknown> = {}): KandjiCve {
  return cveSchema.parse({
    cve_id: 'CVE-2024-0519',
    severity: 'High',
    cvss_score: 8.8,
    kev_score: 1,
    cve_link: 'https://nvd.nist.gov/vuln/detail/CVE-2024-0519',
    first_detection_date: '2024-01-17T09:30:00.123456Z',
    latest_detection_date: '2024-02-01T10:00:00.000000Z',
    device_count: 12,
    software: ['Google Chrome'],
    status: 'Active',
    ...overrides,
  });
}

describe('severityFromCvss', () => {
  it('uses the CVSS v3 qualitative bands at their edges', () => {
    expect(severityFromCvss(0)).toBe('none');
    expect(severityFromCvss(0.1)).toBe('low');
    expect(severityFromCvss(3.9)).toBe('low');
    expect(severityFromCvss(4)).toBe('medium');
    expect(severityFromCvss(6.9)).toBe('medium');
    expect(severityFromCvss(7)).toBe('high');
    expect(severityFromCvss(8.9)).toBe('high');
    expect(severityFromCvss(9)).toBe('critical');
    expect(severityFromCvss(10)).toBe('critical');
  });

  it('has no severity for a missing or impossible score', () => {
    expect(severityFromCvss(null)).toBeNull();
    expect(severityFromCvss(undefined)).toBeNull();
    expect(severityFromCvss(-1)).toBeNull();
    expect(severityFromCvss(11)).toBeNull();
  });
});

describe('createVulnerability', () => {
  it('builds a valid Finding from a detection and its CVE row', () => {
    const entity = createVulnerability(detection(), cve());
    expect(entity).toMatchGraphObjectSchema({ _class: ['Finding'] });
    expect(entity).toMatchObject({
      _type: 'kandji_vulnerability',
      _key: 'kandji_vulnerability:dev-1|CVE-2024-0519|com.google.Chrome|/Applications/Google Chrome.app|120.0.1',
      name: 'CVE-2024-0519 in Google Chrome 120.0.1',
      category: 'vulnerability',
      severity: 'high',
      numericSeverity: 8.8,
      cvssScore: 8.8,
      score: 8.8,
      open: true,
      public: true,
      cveId: 'CVE-2024-0519',
      webLink: 'https://nvd.nist.gov/vuln/detail/CVE-2024-0519',
      softwareName: 'Google Chrome',
      softwareVersion: '120.0.1',
      softwarePath: '/Applications/Google Chrome.app',
      softwareBundleId: 'com.google.Chrome',
      deviceId: 'dev-1',
      deviceSerial: 'C02ABC123XYZ',
      firstDetectedOn: Date.parse('2024-01-17T09:30:00.123Z'),
      lastDetectedOn: Date.parse('2024-02-01T10:00:00.000Z'),
      knownExploited: true,
      kevScore: 1,
      affectedDeviceCount: 12,
    });
  });

  it('without a CVE row: no KEV facts rather than a guessed false', () => {
    const entity = createVulnerability(detection(), undefined);
    expect(entity.knownExploited).toBeUndefined();
    expect(entity.kevScore).toBeUndefined();
    expect(entity).toMatchGraphObjectSchema({ _class: ['Finding'] });
  });

  it('builds the NVD link from the CVE id, not from a vendor link that names another CVE', () => {
    // Kandji's published listing example pairs CVE-2024-24795 with CVE-2018-25032's link.
    const entity = createVulnerability(
      detection({
        cve_id: 'cve-2024-24795',
        cve_link: 'https://nvd.nist.gov/vuln/detail/CVE-2018-25032',
      }),
      undefined,
    );
    expect(entity.cveId).toBe('CVE-2024-24795');
    expect(entity.webLink).toBe('https://nvd.nist.gov/vuln/detail/CVE-2024-24795');
  });

  it('falls back to the vendor rating when no score is given, and leaves numericSeverity null', () => {
    const entity = createVulnerability(
      detection({ cvss_score: null, cvss_severity: 'Medium' }),
      undefined,
    );
    expect(entity).toMatchObject({ severity: 'medium', numericSeverity: null });
    expect(entity).toMatchGraphObjectSchema({ _class: ['Finding'] });
    const none = createVulnerability(
      detection({ cvss_score: 'n/a', cvss_severity: 'Unknown' }),
      undefined,
    );
    expect(none).toMatchObject({ severity: null, numericSeverity: null });
  });

  it('keys two copies of one app on one device apart, and apps without a bundle id by name', () => {
    const a = detection();
    const b = detection({ path: '/Users/Shared/Applications/Google Chrome.app', version: '119.0' });
    expect(vulnerabilityKey(a)).not.toBe(vulnerabilityKey(b));
    const noBundle = detection({ bundle_id: 'No value', name: 'Legacy Tool' });
    expect(vulnerabilityKey(noBundle)).toContain('|name:Legacy Tool|');
    expect(createVulnerability(noBundle, undefined).softwareBundleId).toBeUndefined();
  });
});

describe('detectedAppKey', () => {
  it('matches the apps step: bundle id, else name, else path', () => {
    expect(detectedAppKey(detection())).toBe('kandji_app:com.google.Chrome');
    expect(detectedAppKey(detection({ bundle_id: '', name: 'Legacy Tool' }))).toBe(
      'kandji_app:name:Legacy Tool',
    );
    expect(detectedAppKey(detection({ bundle_id: null, name: null, path: '/opt/x/tool' }))).toBe(
      'kandji_app:path:/opt/x/tool',
    );
    expect(detectedAppKey(detection({ bundle_id: null, name: null, path: null }))).toBeUndefined();
  });
});

describe('relationships', () => {
  it('device and app HAS the finding', () => {
    const key = vulnerabilityKey(detection());
    expect(createDeviceVulnerabilityRelationship('kandji_device:dev-1', key)).toMatchObject({
      _type: 'kandji_device_has_vulnerability',
      _class: 'HAS',
      _fromEntityKey: 'kandji_device:dev-1',
      _toEntityKey: key,
    });
    expect(
      createAppVulnerabilityRelationship('kandji_app:com.google.Chrome', key),
    ).toMatchDirectRelationshipSchema({});
    expect(createAppVulnerabilityRelationship('kandji_app:com.google.Chrome', key)._type).toBe(
      'kandji_app_has_vulnerability',
    );
  });

  it('maps the finding to the shared cve entity by lower-case id, with name and NVD link', () => {
    const entity = createVulnerability(detection(), undefined);
    const mapping = createCveMapping(entity);
    expect(mapping).toMatchObject({
      _type: 'kandji_vulnerability_is_cve',
      _class: 'IS',
      _mapping: {
        relationshipDirection: 'FORWARD',
        sourceEntityKey: entity._key,
        targetFilterKeys: [['_type', '_key']],
        targetEntity: {
          _class: 'Vulnerability',
          _type: 'cve',
          _key: 'cve-2024-0519',
          name: 'CVE-2024-0519',
          displayName: 'CVE-2024-0519',
          webLink: 'https://nvd.nist.gov/vuln/detail/CVE-2024-0519',
        },
      },
    });
  });

  it('maps nothing for an id that is not a CVE', () => {
    expect(nvdLink('GHSA-xxxx-yyyy-zzzz')).toBeUndefined();
    const entity = createVulnerability(detection({ cve_id: 'KANDJI-123' }), undefined);
    expect(createCveMapping(entity)).toBeUndefined();
    expect(entity.public).toBeUndefined();
    expect(entity.webLink).toBe('https://nvd.nist.gov/vuln/detail/CVE-2024-0519');
  });
});
