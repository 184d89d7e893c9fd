import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  COLLECTED_AT,
  writeEsperCollection,
  writeKandjiCollection,
} from '../test/fixtures/collections';
import { loadCollection, resolveStorageDir, type Collection } from './collection';
import { computePosture, majorOf, type Figure, type Posture } from './posture';
import { loadManagedQuestions } from './questions';

const rows = (f: Figure | undefined) =>
  Object.fromEntries(
    (f?.rows ?? []).map((r) => [r.key, { count: r.count, devices: [...r.devices].sort() }]),
  );
const fig = (p: Posture, id: Figure['id']) => p.figures.find((f) => f.id === id);
const dk = (...ids: string[]) => ids.map((i) => `kandji_device:${i}`).sort();

describe('posture from graph files', () => {
  let kandji: Collection;
  let esper: Collection;
  let p: Posture;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'posture-'));
    writeKandjiCollection(join(root, 'kandji'));
    writeEsperCollection(join(root, 'esper'));
    kandji = await loadCollection(join(root, 'kandji'));
    esper = await loadCollection(join(root, 'esper', '.j1-integration'));
    p = computePosture(kandji, loadManagedQuestions('kandji'));
  });

  it('reads the collection: integration name, reference time from summary.json, no _rawData', () => {
    expect(kandji.integration).toBe('kandji');
    expect(kandji.collectedAt?.getTime()).toBe(COLLECTED_AT);
    expect(kandji.collectedAtSource).toBe('collection start (summary.json)');
    expect(JSON.stringify(kandji.entities)).not.toContain('must-not-appear');
    expect(kandji.graph.entities.kandji_device).toBe(5);
    expect(p.devices).toHaveLength(5);
  });

  it('without summary.json, ages are measured from when the graph files were written', async () => {
    const root = mkdtempSync(join(tmpdir(), 'posture-'));
    const dir = writeEsperCollection(root);
    rmSync(join(dir, 'summary.json'));
    // The newest graph file sets the time.
    const files = readdirSync(join(dir, 'graph'), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.json'))
      .map((f) => join(dir, 'graph', f));
    files.forEach((f, i) =>
      utimesSync(f, new Date(COLLECTED_AT - i * 1000), new Date(COLLECTED_AT - i * 1000)),
    );
    const c = await loadCollection(root);
    expect(c.collectedAtSource).toBe('graph files written');
    expect(c.collectedAt?.getTime()).toBe(COLLECTED_AT);
    expect(computePosture(c).figures.find((f) => f.id === 'checkin')?.note).toContain(
      'time the graph files were written',
    );
  });

  it('names a graph file that is not JSON (an interrupted collection)', async () => {
    const root = mkdtempSync(join(tmpdir(), 'posture-'));
    const dir = writeEsperCollection(root);
    const bad = join(dir, 'graph', 'fetch-devices', 'entities', 'truncated.json');
    writeFileSync(bad, '{"entities": [{"_key": "esper_dev');
    await expect(loadCollection(root)).rejects.toThrow(`${bad} is not a readable graph file`);
  });

  it('rejects a directory without a collected graph, naming what it expected', () => {
    expect(() => resolveStorageDir(tmpdir())).toThrow(/holds no collected graph.*\.j1-integration/);
  });

  it('OS versions: outdated is below the newest major of the same OS in the fleet', () => {
    const os = fig(p, 'os')!;
    expect(rows(os)).toEqual({
      'iOS 18': { count: 1, devices: dk('phone-1') },
      'iOS 17': { count: 1, devices: dk('phone-2') },
      'macOS 15': { count: 2, devices: dk('mac-1', 'mac-3') },
      'macOS 14': { count: 1, devices: dk('mac-2') },
    });
    expect(
      os.rows
        .filter((r) => r.tone === 'bad')
        .map((r) => r.key)
        .sort(),
    ).toEqual(['iOS 17', 'macOS 14']);
    expect(os.headline).toContain('2 of 5 devices (40%)');
    expect(os.note).toContain('iOS 18, macOS 15');
    // The managed question answers it in JupiterOne.
    expect(os.managed?.id).toBe('integration-question-kandji-os-versions');
    expect(os.rows.find((r) => r.key === 'macOS 14')?.query).toBe(
      "FIND kandji_device WITH osName = 'macOS' AND (osVersion = '14' OR osVersion ^= '14.')",
    );
  });

  it('encryption: encrypted wins, filevaultEnabled fills in, absent is unknown (never off)', () => {
    const enc = fig(p, 'encryption')!;
    expect(rows(enc)).toEqual({
      on: { count: 2, devices: dk('mac-1', 'phone-2') },
      off: { count: 2, devices: dk('mac-2', 'mac-3') },
      unknown: { count: 1, devices: dk('phone-1') },
    });
    // The managed FileVault question covers Macs only: related, not the figure's answer.
    expect(enc.managed).toBeUndefined();
    expect(enc.related?.id).toBe('integration-question-kandji-macs-without-filevault');
    expect(enc.query).toBe(
      'FIND kandji_device AS d\nRETURN d.encrypted, d.filevaultEnabled, count(d) AS devices',
    );
    expect(enc.rows.find((r) => r.key === 'unknown')?.query).toBe(
      'FIND kandji_device WITH encrypted = undefined AND filevaultEnabled = undefined',
    );
  });

  it('firewall: on, off, not reported; a managed question on firewall-off Macs is related', () => {
    const fw = fig(p, 'firewall')!;
    const withQuestion = computePosture(kandji, [
      {
        id: 'q-firewall',
        title: 'Which Macs have the firewall off?',
        queries: [
          { query: "FIND kandji_device WITH osType = 'darwin' AND firewallEnabled = false" },
        ],
      },
    ]);
    expect(fig(withQuestion, 'firewall')!.related?.id).toBe('q-firewall');
    expect(fw.query).toBe('FIND kandji_device AS d\nRETURN d.firewallEnabled, count(d) AS devices');
    expect(rows(fig(p, 'firewall'))).toEqual({
      on: { count: 1, devices: dk('mac-1') },
      off: { count: 1, devices: dk('mac-2') },
      unknown: { count: 3, devices: dk('mac-3', 'phone-1', 'phone-2') },
    });
  });

  it('check-in: ages from the collection start, numeric and ISO lastSeenOn, null as never', () => {
    const ci = fig(p, 'checkin')!;
    expect(rows(ci)).toEqual({
      within7: { count: 2, devices: dk('mac-1', 'phone-2') },
      '7to30': { count: 1, devices: dk('mac-2') },
      over30: { count: 1, devices: dk('mac-3') },
      never: { count: 1, devices: dk('phone-1') },
    });
    expect(ci.headline).toContain(
      '2 devices (40%) have not checked in for 7 days, 1 (20%) for 30 days',
    );
    expect(ci.note).toContain(new Date(COLLECTED_AT).toISOString());
    expect(ci.managed?.id).toBe('integration-question-kandji-devices-not-checked-in-30-days');
  });

  it('apps on the most devices, counted over device HAS app relationships', () => {
    const apps = fig(p, 'apps')!;
    expect(apps.rows.map((r) => [r.label, r.count])).toEqual([
      ['Slack (com.tinyspeck.slackmacgap)', 3],
      ['Xcode (com.apple.dt.Xcode)', 1],
    ]);
    expect(apps.rows[0]!.devices.sort()).toEqual(dk('mac-1', 'mac-2', 'mac-3'));
    expect(apps.managed?.id).toBe('integration-question-kandji-apps-on-most-devices');
  });

  it('vulnerabilities by severity (open only) with the devices that have them', () => {
    const v = fig(p, 'vulnerabilities')!;
    expect(rows(v)).toEqual({
      critical: { count: 1, devices: dk('mac-1', 'mac-2') },
      high: { count: 1, devices: dk('mac-2') },
    });
    expect(v.note).toContain('1 finding marked open = false is left out');
    expect(v.headline).toBe('2 vulnerability findings (2 distinct CVEs) on 2 of 5 devices (40%).');
    expect(v.rows.map((r) => r.cves)).toEqual([1, 1]);
    // Closed findings are left out of the queries too.
    expect(v.query).toContain('FIND kandji_vulnerability WITH open != false AS f');
    expect(v.rows[0]!.query).toContain("WITH severity = 'critical' AND open != false AS f");
  });

  it('threats by status with their devices', () => {
    expect(rows(fig(p, 'threats'))).toEqual({
      NOT_QUARANTINED: { count: 1, devices: dk('mac-3') },
      QUARANTINED: { count: 1, devices: dk('mac-1') },
    });
  });

  it('an integration without posture properties reports them as unknown, and has no findings figures', () => {
    const e = computePosture(esper, loadManagedQuestions('esper'));
    expect(e.figures.map((f) => f.id)).toEqual([
      'os',
      'platform',
      'encryption',
      'firewall',
      'checkin',
      'apps',
    ]);
    expect(rows(fig(e, 'encryption'))).toMatchObject({
      on: { count: 0 },
      off: { count: 0 },
      unknown: { count: 3 },
    });
    // FileVault is not part of Esper's queries.
    expect(fig(e, 'encryption')!.query).toBe(
      'FIND esper_device AS d\nRETURN d.encrypted, count(d) AS devices',
    );
    expect(fig(e, 'encryption')!.rows.find((r) => r.key === 'off')?.query).toBe(
      'FIND esper_device WITH encrypted = false',
    );
    expect(fig(e, 'os')!.rows.map((r) => [r.key, r.tone])).toEqual([
      ['Android 14', 'good'],
      ['Android 12', 'bad'],
      ['iPadOS 17', 'good'],
    ]);
    expect(fig(e, 'os')!.managed?.id).toBe('integration-question-esper-security-patch-levels');
    expect(fig(e, 'apps')!.managed?.id).toBe('integration-question-esper-apps-on-most-devices');
  });

  it('version majors', () => {
    expect(majorOf('14.4.1')).toBe(14);
    expect(majorOf('Android 13')).toBe(13);
    expect(majorOf(17)).toBe(17);
    expect(majorOf('')).toBeUndefined();
    expect(majorOf(null)).toBeUndefined();
  });
});
