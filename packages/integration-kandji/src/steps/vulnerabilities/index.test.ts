import {
  IntegrationProviderAuthorizationError,
  type Relationship,
} from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { expectedApps } from '../../../test/expected';
import { expectedVulnerabilities } from '../../../test/expected-findings';
import {
  byKey,
  captureLogs,
  configFor,
  executeStep,
  keysOf,
  runAllSteps,
  SMALL_FLEET,
  sortedGraph,
  withSimulator,
} from '../../../test/harness';
import type { KandjiSimulatorOptions } from '../../../simulator';
import { invocationConfig } from '../../index';
import { Entities, MappedRelationships, Relationships, Steps } from '../constants';

/** Enough vulnerable installs for several pages of 4, including apps without a bundle id. */
const FLEET: KandjiSimulatorOptions = { ...SMALL_FLEET, vulnerableInstallRate: 0.4 };

function mappedTargets(relationships: Relationship[]): string[] {
  return [
    ...new Set(
      relationships
        .filter((r) => r._type === MappedRelationships.VULNERABILITY_IS_CVE._type)
        .map(
          (r) => (r._mapping as unknown as { targetEntity: { _key: string } }).targetEntity._key,
        ),
    ),
  ].sort();
}

describe('fetch-vulnerabilities', () => {
  it('ingests one finding per detection, linked to its device, its app and the shared CVE', async () => {
    await withSimulator(FLEET, async (sim) => {
      const { collectedEntities, collectedRelationships } = await executeStep(
        Steps.VULNERABILITIES,
        configFor(sim),
      );
      const findings = sim.findings();
      const expected = expectedVulnerabilities(findings);
      expect(findings.detections.length).toBeGreaterThan(8);
      expect(
        findings.detections.some((d) => d.bundle_id === '' || d.bundle_id === 'No value'),
      ).toBe(true);

      expect(keysOf(collectedEntities, Entities.VULNERABILITY._type)).toEqual(expected.keys);
      expect(keysOf(collectedRelationships, Relationships.DEVICE_HAS_VULNERABILITY._type)).toEqual(
        expected.deviceRelationshipKeys,
      );
      // The app links are the next step's, once apps are in (below).
      expect(keysOf(collectedRelationships, Relationships.APP_HAS_VULNERABILITY._type)).toEqual([]);
      expect(mappedTargets(collectedRelationships)).toEqual(expected.cveTargetKeys);

      // Properties from the detection and from the CVE listing (KEV).
      const entities = byKey(collectedEntities);
      const cves = new Map(findings.cves.map((c) => [c.cve_id, c]));
      for (const d of findings.detections) {
        const software =
          d.bundle_id === '' || d.bundle_id === 'No value' ? `name:${d.name}` : d.bundle_id;
        const e = entities.get(
          `kandji_vulnerability:${d.device_id}|${d.cve_id}|${software}|${d.path}|${d.version}`,
        );
        expect(e).toMatchGraphObjectSchema({ _class: ['Finding'] });
        const band =
          d.cvss_score >= 9
            ? 'critical'
            : d.cvss_score >= 7
              ? 'high'
              : d.cvss_score >= 4
                ? 'medium'
                : 'low';
        expect(e).toMatchObject({
          category: 'vulnerability',
          open: true,
          cveId: d.cve_id,
          cvssScore: d.cvss_score,
          numericSeverity: d.cvss_score,
          severity: band,
          softwareName: d.name,
          softwareVersion: d.version,
          softwarePath: d.path,
          deviceId: d.device_id,
          deviceSerial: d.device_serial_number,
          webLink: `https://nvd.nist.gov/vuln/detail/${d.cve_id}`,
          knownExploited: cves.get(d.cve_id)!.kev_score === 1,
          firstDetectedOn: Date.parse(`${d.first_detection_date.replace(' ', 'T').slice(0, 23)}Z`),
        });
        if (d.bundle_id === '' || d.bundle_id === 'No value')
          expect(e?.softwareBundleId).toBeUndefined();
        else expect(e?.softwareBundleId).toBe(d.bundle_id);
      }

      // rows/size + CVEs/size requests: no request per CVE.
      const stats = sim.server.stats().byRoute;
      expect(stats['vulnerability-detections']?.count).toBe(
        Math.ceil(findings.detections.length / 4),
      );
      expect(stats.vulnerabilities?.count).toBe(Math.ceil(findings.cves.length / 4));

      // build-app-vulnerability-relationships: every detected app is an ingested app (the
      // simulator names installed apps), also those keyed by name for lack of a bundle id.
      const links = (await executeStep(Steps.APP_VULNERABILITIES, configFor(sim)))
        .collectedRelationships;
      expect(keysOf(links, Relationships.APP_HAS_VULNERABILITY._type)).toEqual(
        expected.appRelationshipKeys,
      );
      const appKeys = new Set(expectedApps(sim.fleet).appKeys);
      for (const r of links.filter((r) => r._type === Relationships.APP_HAS_VULNERABILITY._type))
        expect(appKeys.has(r._fromEntityKey as string), r._fromEntityKey as string).toBe(true);
    });
  });

  it('follows detections `next` URLs pinned to the configured host', async () => {
    await withSimulator(
      { ...FLEET, findingsNextOrigin: 'http://tenant.kandji.invalid' },
      async (sim) => {
        const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
        const logs = captureLogs(context);
        await runAllSteps(configFor(sim), {
          context,
          steps: [
            Steps.ACCOUNT,
            Steps.DEVICE_LIST,
            Steps.DEVICES,
            Steps.APPS,
            Steps.VULNERABILITIES,
          ],
        });
        expect(keysOf(context.jobState.collectedEntities, Entities.VULNERABILITY._type)).toEqual(
          expectedVulnerabilities(sim.findings()).keys,
        );
        expect(logs.text()).toContain('pinned to the configured base URL');
        expect(logs.text()).not.toContain(sim.token);
      },
    );
  });

  it('a tenant without Vulnerability Management (404): succeeds empty with one info line, the rest unchanged', async () => {
    await withSimulator({ ...FLEET, vulnerabilityManagement: false }, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      const failures = new Map<string, Error>();
      await runAllSteps(configFor(sim), { context, failures });
      expect([...failures.keys()]).toEqual([]);
      const graph = sortedGraph(context);
      expect(keysOf(graph.entities, Entities.VULNERABILITY._type)).toEqual([]);
      expect(logs.warnEvents()).toEqual([]);
      expect(
        logs.text().match(/Vulnerability Management is not available on this tenant/g),
      ).toHaveLength(1);
      // No detections request after the CVE listing's 404.
      expect(sim.server.stats().byRoute['vulnerability-detections']).toBeUndefined();

      // The step added nothing: the graph equals a run without it.
      const others = invocationConfig.integrationSteps
        .map((s) => s.id)
        .filter((id) => id !== Steps.VULNERABILITIES);
      const without = sortedGraph(await runAllSteps(configFor(sim), { steps: others }));
      expect(graph).toEqual(without);
    });
  });

  it('a token without the permission (403): one warning naming it and the source switch, the step fails, the rest is ingested', async () => {
    await withSimulator(
      { ...FLEET, deniedPermissions: ['vulnerabilityManagement'] },
      async (sim) => {
        const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
        const logs = captureLogs(context);
        const failures = new Map<string, Error>();
        await runAllSteps(configFor(sim), { context, failures });
        expect([...failures.keys()]).toEqual([Steps.VULNERABILITIES]);
        const error = failures.get(Steps.VULNERABILITIES);
        expect(error).toBeInstanceOf(IntegrationProviderAuthorizationError);
        expect(error?.message).toContain('Vulnerability Management');
        expect(logs.warnEvents()).toHaveLength(1);
        expect(logs.warnEvents()[0]).toContain('"Vulnerability Management" permission');
        expect(logs.warnEvents()[0]).toContain('"Vulnerabilities" ingestion source');
        expect(keysOf(context.jobState.collectedEntities, Entities.VULNERABILITY._type)).toEqual(
          [],
        );
        expect(keysOf(context.jobState.collectedEntities, Entities.DEVICE._type)).toHaveLength(
          sim.fleet.devices.length,
        );
        expect(keysOf(context.jobState.collectedEntities, Entities.THREAT._type).length).toBe(
          sim.findings().threats.length + sim.findings().behavioral.length,
        );
        expect(logs.text()).not.toContain(sim.token);
      },
    );
  });

  it('skips a malformed detection, reports it, and ingests the rest', async () => {
    await withSimulator(FLEET, async (sim) => {
      const findings = sim.findings();
      const broken = { ...findings.detections[1]!, cve_id: '' };
      findings.detections.splice(1, 1, broken);
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      await runAllSteps(configFor(sim), {
        context,
        steps: [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES, Steps.APPS, Steps.VULNERABILITIES],
      });
      expect(keysOf(context.jobState.collectedEntities, Entities.VULNERABILITY._type)).toHaveLength(
        findings.detections.length - 1,
      );
      expect(logs.warnEvents().join('\n')).toContain('1 vulnerability detection');
    });
  });

  it('a detection whose CVE is missing from the listing is ingested without KEV facts, logged once', async () => {
    await withSimulator(FLEET, async (sim) => {
      const findings = sim.findings();
      const dropped = findings.cves.shift()!;
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      await runAllSteps(configFor(sim), {
        context,
        steps: [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES, Steps.APPS, Steps.VULNERABILITIES],
      });
      const affected = context.jobState.collectedEntities.filter(
        (e) => e._type === Entities.VULNERABILITY._type && e.cveId === dropped.cve_id,
      );
      expect(affected.length).toBeGreaterThan(0);
      for (const e of affected) {
        expect(e.knownExploited).toBeUndefined();
        expect(e.cvssScore).toBe(
          findings.detections.find((d) => d.cve_id === dropped.cve_id)!.cvss_score,
        );
      }
      expect(logs.text().match(/no row in the CVE listing/g)).toHaveLength(1);
      expect(logs.text()).toContain(`"notInCveListing":${affected.length}`);
    });
  });
});
