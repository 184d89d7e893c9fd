/**
 * Contract: Kandji's published example responses for the findings endpoints
 * (../shared/reference/vendor-examples/kandji/{vulnerabilities,threats}-*.json) parse with our
 * schemas and page strategies and convert into valid entities; the simulator serves the same
 * field names and nothing more.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpClient, bearerAuth, parseRecords } from '@mdm-graph/mdm-core';
import { describe, expect, it } from 'vitest';
import {
  behavioralDetectionSchema,
  cveSchema,
  detectionSchema,
  detectionsPages,
  threatDetailSchema,
  threatPages,
  vulnerabilitiesPages,
} from '../src/client';
import { Paths } from '../src/steps/constants';
import { createBehavioralDetection, createThreatDetail } from '../src/steps/threats/converter';
import { createCveMapping, createVulnerability } from '../src/steps/vulnerabilities/converter';
import { generateKandjiFleet, generateKandjiFindings } from '../simulator';

const EXAMPLES = join(
  __dirname,
  '..',
  '..',
  '..',
  '..',
  'shared',
  'reference',
  'vendor-examples',
  'kandji',
);

interface ExampleFile {
  endpoint: string;
  examples: { name: string; status: number | null; body: unknown }[];
}

/**
 * A published body: JSON, or text with `...` placeholder lines (kept as text by the
 * collection). The placeholders and the trailing commas they leave are removed.
 */
function bodyOf(file: string, index = 0): Record<string, unknown> {
  const parsed = JSON.parse(readFileSync(join(EXAMPLES, file), 'utf8')) as ExampleFile;
  const body = parsed.examples[index]?.body;
  if (typeof body !== 'string') return body as Record<string, unknown>;
  const cleaned = body
    .split('\n')
    .filter((line) => !/^\s*\.\.\.\s*,?\s*$/.test(line))
    .join('\n')
    .replace(/,(\s*[\]}])/g, '$1');
  return JSON.parse(cleaned) as Record<string, unknown>;
}

const client = new HttpClient({
  baseUrl: 'https://acme.api.kandji.io/api/v1',
  auth: bearerAuth('contract-test-token'),
});

function rows(body: Record<string, unknown>): unknown[] {
  return body.results as unknown[];
}

describe('published findings examples', () => {
  it('detections: the envelope pages and every row converts into a valid Finding mapped to its CVE', () => {
    const body = bodyOf('vulnerabilities-list-detections.json');
    const strategy = detectionsPages();
    const first = strategy.first();
    expect(first.query).toMatchObject({ size: 300 });
    const page = strategy.parse(body, first, client);
    expect(page.next).toBeUndefined(); // `next: null`
    const records = parseRecords(detectionSchema, page.items, { resource: 'detection' });
    expect(records).toHaveLength(1);
    const entity = createVulnerability(records[0]!, undefined);
    expect(entity).toMatchGraphObjectSchema({ _class: ['Finding'] });
    expect(entity).toMatchObject({
      cveId: 'CVE-2024-12345',
      severity: 'low',
      numericSeverity: 3.2,
      softwareName: 'Example',
      softwareBundleId: 'com.microsoft',
      deviceSerial: 'FVFGHGK7Q6L7',
      firstDetectedOn: Date.parse('2023-10-13T16:15:00.000Z'),
    });
    expect(createCveMapping(entity)?._mapping?.targetEntity).toMatchObject({
      _type: 'cve',
      _key: 'cve-2024-12345',
    });
  });

  it('detections: an absolute `next` on another host is pinned to the configured one', () => {
    const body = {
      ...bodyOf('vulnerabilities-list-detections.json'),
      next: 'https://acme.kandji.io/api/v1/vulnerability-management/detections?after=abc&size=300',
    };
    const strategy = detectionsPages();
    const next = strategy.parse(body, strategy.first(), client).next;
    expect(next?.pathOrUrl).toBe(
      'https://acme.api.kandji.io/api/v1/vulnerability-management/detections?after=abc&size=300',
    );
  });

  it('vulnerabilities: the listing parses (size 50, total-driven paging) with KEV and scores', () => {
    const body = bodyOf('vulnerabilities-list-vulnerabilities.json');
    const strategy = vulnerabilitiesPages();
    const first = strategy.first();
    expect(first.query).toEqual({ page: 1, size: 50 });
    const page = strategy.parse(body, first, client);
    // total 1 (the example repeats `total`; the last one wins in JSON) -> no second page.
    expect(page.next).toBeUndefined();
    const [cve] = parseRecords(cveSchema, page.items, { resource: 'cve' });
    expect(cve).toMatchObject({ cve_id: 'CVE-2024-24795', cvss_score: 7.5, kev_score: 0 });
    // The per-CVE example carries EPSS and publication dates the listing does not document.
    const single = cveSchema.parse(bodyOf('vulnerabilities-get-vulnerability-description.json'));
    expect(single).toMatchObject({ kev_score: 1, epss_score: 0 });
    const detection = parseRecords(
      detectionSchema,
      rows(bodyOf('vulnerabilities-list-detections.json')),
      { resource: 'detection' },
    )[0]!;
    const enriched = createVulnerability(detection, single);
    expect(enriched).toMatchObject({ knownExploited: true, epssScore: 0 });
    expect(enriched.cvePublishedOn).toBe(Date.parse('2023-10-13T16:15:00.000Z'));
    expect(enriched).toMatchGraphObjectSchema({ _class: ['Finding'] });
  });

  it('vulnerabilities: more pages while page x size < total; a string `next` is followed pinned', () => {
    const strategy = vulnerabilitiesPages();
    const first = strategy.first();
    const full = { total: 120, page: 1, size: 50, results: new Array(50).fill({ cve_id: 'x' }) };
    expect(strategy.parse(full, first, client).next).toEqual({
      pathOrUrl: Paths.VULNERABILITIES,
      query: { page: 2, size: 50 },
    });
    const last = strategy.parse(
      { ...full, page: 3, results: full.results.slice(0, 20) },
      { ...first, query: { page: 3, size: 50 } },
      client,
    );
    expect(last.next).toBeUndefined();
    const withNext = strategy.parse(
      {
        ...full,
        next: 'https://elsewhere.example/api/v1/vulnerability-management/vulnerabilities?page=2',
      },
      first,
      client,
    );
    expect(withNext.next?.pathOrUrl).toBe(
      'https://acme.api.kandji.io/api/v1/vulnerability-management/vulnerabilities?page=2',
    );
  });

  it('threat details: every published row (all three examples) converts into a valid Finding', () => {
    for (const index of [0, 1, 2]) {
      const body = bodyOf('threats-get-threat-details.json', index);
      const strategy = threatPages(Paths.THREAT_DETAILS);
      expect(strategy.first().query).toMatchObject({ limit: 1000 });
      const page = strategy.parse(body, strategy.first(), client);
      expect(page.next).toBeUndefined();
      const records = parseRecords(threatDetailSchema, page.items, { resource: 'threat' });
      expect(records).toHaveLength(page.items.length);
      const keys = new Set<string>();
      for (const record of records) {
        const entity = createThreatDetail(record);
        expect(entity).toMatchGraphObjectSchema({ _class: ['Finding'] });
        expect(['malware', 'pup']).toContain(entity.category);
        keys.add(entity._key);
      }
      // Rows have no id: no two published detections share a key.
      expect(keys.size).toBe(records.length);
    }
    const rowsWithoutDevice = parseRecords(
      threatDetailSchema,
      rows(bodyOf('threats-get-threat-details.json')),
      { resource: 'threat' },
    ).filter((r) => r.device_serial_number === null);
    expect(rowsWithoutDevice.length).toBeGreaterThan(0);
    expect(createThreatDetail(rowsWithoutDevice[0]!)).toMatchObject({
      status: 'NOT_QUARANTINED',
      open: true,
      quarantined: false,
    });
  });

  it('behavioral detections: every published row converts into a valid Finding', () => {
    const body = bodyOf('threats-get-behavioral-detections.json');
    const strategy = threatPages(Paths.BEHAVIORAL_DETECTIONS);
    const page = strategy.parse(body, strategy.first(), client);
    const records = parseRecords(behavioralDetectionSchema, page.items, { resource: 'behavioral' });
    expect(records).toHaveLength(3);
    for (const record of records) {
      const entity = createBehavioralDetection(record);
      expect(entity).toMatchGraphObjectSchema({ _class: ['Finding'] });
      expect(entity.category).toBe('behavioral');
      expect(JSON.stringify(entity)).not.toContain('command');
    }
    expect(createBehavioralDetection(records[1]!).malwareFamilies).toContain('3CX');
  });
});

describe('the simulator serves the published shapes, nothing more', () => {
  const fleet = generateKandjiFleet({ seed: 'contract', devices: 60, appsPerDevice: 20 });
  const findings = generateKandjiFindings(fleet, { threatRate: 0.5, behavioralRate: 0.5 });
  const keysOf = (o: unknown) => Object.keys(o as object).sort();

  it('detections and CVE rows', () => {
    const published = rows(bodyOf('vulnerabilities-list-detections.json'))[0];
    expect(findings.detections.length).toBeGreaterThan(0);
    for (const d of findings.detections) expect(keysOf(d)).toEqual(keysOf(published));
    const listed = rows(bodyOf('vulnerabilities-list-vulnerabilities.json'))[0];
    for (const c of findings.cves) expect(keysOf(c)).toEqual(keysOf(listed));
  });

  it('threat details and behavioral detections', () => {
    const published = rows(bodyOf('threats-get-threat-details.json'))[0];
    expect(findings.threats.length).toBeGreaterThan(0);
    for (const t of findings.threats) expect(keysOf(t)).toEqual(keysOf(published));
    const behavioral = rows(bodyOf('threats-get-behavioral-detections.json'))[0] as Record<
      string,
      unknown
    >;
    expect(findings.behavioral.length).toBeGreaterThan(0);
    for (const b of findings.behavioral) {
      expect(keysOf(b)).toEqual(keysOf(behavioral));
      for (const nested of [
        'device_info',
        'parent_process',
        'target_process',
        'library_item',
        'blueprint',
      ])
        expect(keysOf((b as unknown as Record<string, unknown>)[nested])).toEqual(
          keysOf(behavioral[nested]),
        );
    }
  });

  it('every detection names an app its Mac has installed, at that version and path', () => {
    for (const d of findings.detections) {
      const index = fleet.deviceIndex(d.device_id)!;
      expect(fleet.devices[index]?.platform).toBe('Mac');
      expect(
        fleet
          .appsOf(index)
          .some(
            (a) =>
              a.app_name === d.name &&
              a.version === d.version &&
              a.path === d.path &&
              a.bundle_id === d.bundle_id,
          ),
      ).toBe(true);
    }
    for (const t of findings.threats)
      expect(fleet.devices[fleet.deviceIndex(t.device_id)!]?.platform).toBe('Mac');
  });

  it('about 5% of Mac app installs are vulnerable by default', () => {
    const big = generateKandjiFleet({ seed: 'share', devices: 300, appsPerDevice: 30 });
    const { detections } = generateKandjiFindings(big);
    const macInstalls = big.devices.reduce(
      (n, d, i) => n + (d.platform === 'Mac' ? big.appsOf(i).length : 0),
      0,
    );
    const vulnerable = new Set(detections.map((d) => `${d.device_id}|${d.path}|${d.version}`)).size;
    expect(vulnerable / macInstalls).toBeGreaterThanOrEqual(0.05);
    expect(vulnerable / macInstalls).toBeLessThan(0.08);
  });
});
