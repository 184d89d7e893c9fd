import { IntegrationProviderAuthorizationError } from '@jupiterone/integration-sdk-core';
import { createMockStepExecutionContext } from '@jupiterone/integration-sdk-testing';
import { describe, expect, it } from 'vitest';
import { expectedThreatKeys } from '../../../test/expected-findings';
import {
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
import { Entities, Relationships, Steps } from '../constants';

/** Threats on several Macs, more rows than one page of 4. */
const FLEET: KandjiSimulatorOptions = { ...SMALL_FLEET, threatRate: 0.9, behavioralRate: 0.6 };

describe('fetch-threats', () => {
  it('ingests malware, PUP and behavioral detections across pages, linked to their Macs', async () => {
    await withSimulator(FLEET, async (sim) => {
      const { collectedEntities, collectedRelationships } = await executeStep(
        Steps.THREATS,
        configFor(sim),
      );
      const findings = sim.findings();
      expect(findings.threats.length).toBeGreaterThan(4);
      expect(findings.behavioral.length).toBeGreaterThan(0);
      const { threatKeys, behavioralKeys } = expectedThreatKeys(findings);
      expect(keysOf(collectedEntities, Entities.THREAT._type)).toEqual(
        [...threatKeys, ...behavioralKeys].sort(),
      );
      const macs = new Set(
        sim.fleet.devices.filter((d) => d.platform === 'Mac').map((d) => d.device_id),
      );
      const rels = collectedRelationships.filter(
        (r) => r._type === Relationships.DEVICE_HAS_THREAT._type,
      );
      expect(rels).toHaveLength(threatKeys.length + behavioralKeys.length);
      for (const r of rels)
        expect(macs.has(String(r._fromEntityKey).replace('kandji_device:', ''))).toBe(true);

      for (const t of findings.threats) {
        const e = collectedEntities.find(
          (x) => x.fileHash === t.file_hash && x.filePath === t.file_path,
        );
        expect(e).toMatchGraphObjectSchema({ _class: ['Finding'] });
        expect(e).toMatchObject({
          name: t.threat_name,
          category: t.classification.toLowerCase(),
          status: t.status,
          open: t.status !== 'RELEASED',
          quarantined: t.status === 'QUARANTINED',
          severity: t.classification === 'MALWARE' ? 'high' : 'medium',
          deviceId: t.device_id,
          detectedOn: Date.parse(`${t.detection_date.slice(0, 23)}Z`),
        });
        if (t.date_of_quarantine) expect(e?.quarantinedOn).toBeTypeOf('number');
        else expect(e?.quarantinedOn).toBeUndefined();
      }
      for (const b of findings.behavioral) {
        const e = collectedEntities.find((x) => x._key === `kandji_threat:behavioral:${b.id}`);
        expect(e).toMatchGraphObjectSchema({ _class: ['Finding'] });
        expect(e).toMatchObject({
          name: b.threat_id,
          category: 'behavioral',
          threatClassification: b.classification,
          status: b.threat_status,
          processPath: b.target_process.image_path,
          parentProcessName: b.parent_process.name,
          deviceId: b.device_info.id,
        });
      }
      // Command lines can carry secrets: never stored.
      expect(JSON.stringify(collectedEntities)).not.toContain('launchctl unload');

      const stats = sim.server.stats().byRoute;
      expect(stats['threat-details']?.count).toBe(Math.ceil(findings.threats.length / 4));
      expect(stats['behavioral-detections']?.count).toBe(Math.ceil(findings.behavioral.length / 4));
    });
  });

  it('a tenant without EDR (404): succeeds empty with one info line; the graph equals a run without the step', async () => {
    await withSimulator({ ...FLEET, edr: false }, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      const failures = new Map<string, Error>();
      await runAllSteps(configFor(sim), { context, failures });
      expect([...failures.keys()]).toEqual([]);
      expect(keysOf(context.jobState.collectedEntities, Entities.THREAT._type)).toEqual([]);
      expect(logs.warnEvents()).toEqual([]);
      expect(logs.text().match(/EDR is not available on this tenant/g)).toHaveLength(1);
      expect(sim.server.stats().byRoute['behavioral-detections']).toBeUndefined();
      const others = invocationConfig.integrationSteps
        .map((s) => s.id)
        .filter((id) => id !== Steps.THREATS);
      expect(sortedGraph(context)).toEqual(
        sortedGraph(await runAllSteps(configFor(sim), { steps: others })),
      );
    });
  });

  it('a tenant without behavioral detections (404 there only): malware and PUP still ingested', async () => {
    await withSimulator({ ...FLEET, edr: 'no-behavioral' }, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      await runAllSteps(configFor(sim), {
        context,
        steps: [Steps.ACCOUNT, Steps.DEVICE_LIST, Steps.DEVICES, Steps.THREATS],
      });
      expect(keysOf(context.jobState.collectedEntities, Entities.THREAT._type)).toEqual(
        expectedThreatKeys(sim.findings()).threatKeys,
      );
      expect(logs.text()).toContain('behavioral detections are not available on this tenant');
      expect(logs.warnEvents()).toEqual([]);
    });
  });

  it('a token without the Threats permission (403): one warning, the step fails, the rest of the graph is ingested', async () => {
    await withSimulator({ ...FLEET, deniedPermissions: ['threats'] }, async (sim) => {
      const context = createMockStepExecutionContext({ instanceConfig: configFor(sim) });
      const logs = captureLogs(context);
      const failures = new Map<string, Error>();
      await runAllSteps(configFor(sim), { context, failures });
      expect([...failures.keys()]).toEqual([Steps.THREATS]);
      const error = failures.get(Steps.THREATS);
      expect(error).toBeInstanceOf(IntegrationProviderAuthorizationError);
      expect(error?.message).toContain('"Threats"');
      expect(logs.warnEvents()).toHaveLength(1);
      expect(logs.warnEvents()[0]).toContain('"Threats" ingestion source');
      // One 403, no behavioral request after it.
      expect(sim.server.stats().byRoute['threat-details']?.count).toBe(1);
      expect(sim.server.stats().byRoute['behavioral-detections']).toBeUndefined();
      expect(keysOf(context.jobState.collectedEntities, Entities.THREAT._type)).toEqual([]);
      expect(keysOf(context.jobState.collectedEntities, Entities.VULNERABILITY._type)).toHaveLength(
        sim.findings().detections.length,
      );
    });
  });
});
