import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeEsperCollection, writeKandjiCollection } from '../test/fixtures/collections';
import { loadCollection, type Collection } from './collection';
import { loadManagedQuestions } from './questions';
import { DEVICE_LIST_LIMIT, INVENTORY_LIMIT, renderReport } from './report';

/** The `data-count` of a figure row, read back from the page. */
function count(html: string, integration: string, figure: string, row: string): number | undefined {
  const section = html.slice(html.indexOf(`data-integration="${integration}"`));
  const fig = section.slice(section.indexOf(`data-figure="${figure}"`));
  const m = fig
    .slice(0, fig.indexOf('</figure>'))
    .match(new RegExp(`data-row="${row}" data-count="(\\d+)"`));
  return m ? Number(m[1]) : undefined;
}

describe('renderReport', () => {
  let kandji: Collection;
  let esper: Collection;
  let html: string;
  beforeAll(async () => {
    const root = mkdtempSync(join(tmpdir(), 'report-'));
    writeKandjiCollection(join(root, 'kandji'));
    writeEsperCollection(join(root, 'esper'));
    kandji = await loadCollection(join(root, 'kandji'));
    esper = await loadCollection(join(root, 'esper'));
    // Vendor values are data: a device named like markup must be escaped.
    const hostile = kandji.entities.find((e) => e._key === 'kandji_device:phone-1')!;
    hostile.displayName = '<script>alert(1)</script>';
    esper.steps = [
      ...esper.steps,
      { id: 'fetch-users', name: 'Fetch Users', status: 'failure', partialTypes: [] },
    ];
    esper.partialTypes = ['esper_user'];
    html = await renderReport([kandji, esper], {
      generatedAt: new Date('2026-03-02T00:00:00Z'),
      questionsFor: loadManagedQuestions,
    });
  });

  it('shows each posture figure with the values computed from the graph files', () => {
    expect(count(html, 'kandji', 'encryption', 'on')).toBe(2);
    expect(count(html, 'kandji', 'encryption', 'off')).toBe(2);
    expect(count(html, 'kandji', 'encryption', 'unknown')).toBe(1);
    expect(count(html, 'kandji', 'firewall', 'off')).toBe(1);
    expect(count(html, 'kandji', 'checkin', 'over30')).toBe(1);
    expect(count(html, 'kandji', 'os', 'macOS 14')).toBe(1);
    expect(count(html, 'kandji', 'vulnerabilities', 'critical')).toBe(1);
    expect(count(html, 'kandji', 'threats', 'NOT_QUARANTINED')).toBe(1);
    expect(count(html, 'esper', 'encryption', 'unknown')).toBe(3);
    expect(html).toContain('2 of 5 devices (40%) run an outdated major OS version.');
  });

  it('links every figure row to its devices and shows the J1QL (managed question where one exists)', () => {
    expect(html).toMatch(/<a href="#kandji-dev-\d+">mac-2<\/a>/);
    expect(html).toMatch(
      /<tr id="kandji-dev-\d+"><td><a href="https:\/\/acme\.kandji\.io\/devices\/mac-2"/,
    );
    expect(html).toContain(
      'Related managed question: <q>Which Kandji-managed Macs do not have FileVault enabled?</q>',
    );
    expect(html).toContain('FIND kandji_device WITH lastSeenOn &lt; date.now - 30 days');
    expect(html).toContain('FIND esper_application AS app THAT HAS esper_device AS d');
    // The reference time of "not checked in" is stated.
    expect(html).toContain('measured from the start of the collection (2026-03-01T00:00:00.000Z)');
  });

  it('draws accessible charts: ARIA description, decal patterns, category and value as text', () => {
    const charts = html.match(/<svg [^>]*class="chart"[\s\S]*?<\/svg>/g) ?? [];
    expect(charts.length).toBeGreaterThanOrEqual(14);
    const enc = charts.find((c) =>
      c.includes('data-chart-title="Disk encryption (FileVault on Macs) (devices)"'),
    )!;
    expect(enc).toMatch(
      /aria-label="[^"]*Encrypted: 2 \(40%\); Not encrypted: 2 \(40%\); Not reported: 1 \(20%\)/,
    );
    expect(enc).toContain('<pattern');
    expect(enc).toContain('>Not encrypted<');
    expect(enc).toContain('>2 (40%)<');
    // Pattern ids are unique across the page.
    const ids = [...html.matchAll(/<pattern[^>]* id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws the type graph: every entity type, mapped relationships dashed, with a legend', () => {
    for (const type of Object.keys(kandji.graph.entities))
      expect(html).toContain(`data-entity-type="${type}"`);
    expect(html).toMatch(/class="node mapped" data-entity-type="employee"/);
    expect(html).toMatch(/class="node mapped" data-entity-type="cve"/);
    expect(html).toMatch(/class="edge mapped" data-from="kandji_user" data-to="employee"/);
    expect(html).toMatch(/class="edge" data-from="kandji_account" data-to="kandji_device"/);
    expect(html).toContain('HAS · 5');
    expect(html).toContain('.edge.mapped path{stroke:#c98a00;stroke-dasharray:6 4}');
    expect(html).toContain('mapped relationship: JupiterOne links it');
  });

  it('is self-contained: no scripts, nothing loaded from the network', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/\bsrc=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?https?:/i);
    expect(html).not.toContain('must-not-appear');
  });

  it('escapes vendor values', () => {
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('shows per-integration status, failed steps and partial types from summary.json', () => {
    expect(html).toMatch(/data-integration="kandji"[^]*?badge ok/);
    expect(html).toMatch(/data-integration="esper"[^]*?badge fail/);
    expect(html).toContain('Failed steps: fetch-users');
    expect(html).toContain('<code>esper_user</code>');
  });

  it(`caps a figure row's device list at ${DEVICE_LIST_LIMIT} and says how many more the query finds`, async () => {
    const many = { ...kandji, entities: [...kandji.entities], links: [...kandji.links] };
    for (let i = 0; i < DEVICE_LIST_LIMIT + 7; i++)
      many.entities.push({
        _key: `kandji_device:extra-${i}`,
        _type: 'kandji_device',
        _class: ['Device'],
        name: `extra-${i}`,
      });
    const page = await renderReport([many]);
    expect(count(page, 'kandji', 'encryption', 'unknown')).toBe(DEVICE_LIST_LIMIT + 8);
    expect(page).toContain(
      `… and ${DEVICE_LIST_LIMIT + 8 - DEVICE_LIST_LIMIT} more: the row's J1QL lists them all`,
    );
  });

  it(`above ${INVENTORY_LIMIT} devices, the inventory keeps only the devices the figures link to`, async () => {
    const big = { ...esper, entities: [...esper.entities], links: [] };
    for (let i = 0; i < INVENTORY_LIMIT; i++)
      big.entities.push({
        _key: `esper_device:bulk-${String(i).padStart(5, '0')}`,
        _type: 'esper_device',
        _class: ['Device'],
        name: `bulk-${String(i).padStart(5, '0')}`,
      });
    const page = await renderReport([big]);
    const inventory = page.slice(page.indexOf('class="inventory"'));
    const rowsShown = (inventory.match(/<tr id="esper-dev-\d+">/g) ?? []).length;
    expect(rowsShown).toBeLessThan(INVENTORY_LIMIT);
    expect(inventory).toContain(
      `devices the figures above list, of ${(INVENTORY_LIMIT + 3).toLocaleString('en-US')}`,
    );
    // Every device a figure links to has its row.
    const targets = new Set([...page.matchAll(/<a href="#(esper-dev-\d+)">/g)].map((m) => m[1]));
    expect(targets.size).toBe(rowsShown);
    for (const t of targets) expect(inventory).toContain(`<tr id="${t}">`);
  });

  it('gives a run that stopped before writing a graph its failed section', async () => {
    const run = {
      integration: 'kandji',
      ok: false,
      exitCode: 1,
      storageDir: join(tmpdir(), 'never-written', '.j1-integration'),
      logFile: '',
      validationError: 'Config field apiToken is required',
      steps: [],
      failedSteps: [],
      partialDatasets: { types: [] },
      graph: {
        entities: {},
        relationships: {},
        edges: [],
        samples: {},
        totalEntities: 0,
        totalRelationships: 0,
      },
      http: { requests: 0, retries: 0, rateLimited: 0, rateLimitWaitMs: 0, errors: 0 },
      durationMs: 12,
    };
    const c = await loadCollection(run.storageDir, { integration: 'kandji', run });
    const page = await renderReport([c]);
    expect(page).toMatch(/data-integration="kandji"[^]*?badge fail/);
    expect(page).toContain('Collection stopped: Config field apiToken is required');
    expect(page).toContain('No entities of class Device in this collection');
  });

  it('reports a collection without devices without posture figures', async () => {
    const none = { ...esper, entities: [], links: [] };
    const page = await renderReport([none]);
    expect(page).toContain('No entities of class Device in this collection');
    expect(page).not.toContain('data-figure=');
  });
});
