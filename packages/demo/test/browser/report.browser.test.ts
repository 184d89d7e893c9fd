import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '@mdm-graph/j1-runner';
import { loadCollection } from '../../src/collection';
import { loadManagedQuestions } from '../../src/questions';
import { renderReport } from '../../src/report';
import { writeEsperCollection, writeKandjiCollection } from '../fixtures/collections';

const demoOutput = resolve(
  process.env.DEMO_OUTPUT ?? join(__dirname, '..', '..', '..', '..', 'demo-output'),
);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const artifacts = join(__dirname, '..', '..', 'test-artifacts');

/**
 * The hand-made collections (with vulnerabilities and threats, which the demo's
 * simulated tenants may not have), rendered the way `npm run report` renders them.
 */
async function fixtureOutput(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'report-browser-'));
  writeKandjiCollection(join(dir, 'kandji'));
  writeEsperCollection(join(dir, 'esper'));
  const collections = [
    await loadCollection(join(dir, 'kandji')),
    await loadCollection(join(dir, 'esper')),
  ];
  writeFileSync(
    join(dir, 'report.html'),
    await renderReport(collections, { questionsFor: loadManagedQuestions }),
  );
  writeFileSync(
    join(dir, 'results.json'),
    JSON.stringify(collections.map((c) => ({ integration: c.integration, graph: c.graph }))),
  );
  return dir;
}

type Obj = Record<string, unknown>;
type Box = { left: number; right: number; top: number; bottom: number };

function tallyOf(list: Obj[], prop: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of list) {
    const v = typeof e[prop] === 'string' && e[prop] !== '' ? (e[prop] as string) : 'unknown';
    out[v] = (out[v] ?? 0) + 1;
  }
  return out;
}

/**
 * The posture numbers recomputed here, independently of src/posture.ts, straight from
 * the graph files a collection wrote: what the page shows must match them.
 */
function expectedPosture(storageDir: string) {
  const entities: Obj[] = [];
  const relationships: Obj[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.json')) {
        const data = JSON.parse(readFileSync(p, 'utf8')) as {
          entities?: Obj[];
          relationships?: Obj[];
        };
        entities.push(...(data.entities ?? []));
        relationships.push(...(data.relationships ?? []));
      }
    }
  };
  walk(join(storageDir, 'graph'));
  const summary = JSON.parse(readFileSync(join(storageDir, 'summary.json'), 'utf8')) as {
    integrationStepResults: { startTime?: number }[];
  };
  // Disabled steps (a switched-off ingestion source) have no start time.
  const collectedAt = Math.min(
    ...summary.integrationStepResults
      .map((s) => s.startTime)
      .filter((t): t is number => Number.isFinite(t)),
  );
  expect(Number.isFinite(collectedAt)).toBe(true);
  const isA = (e: Obj, cls: string) => ([] as unknown[]).concat(e._class).includes(cls);
  const devices = entities.filter((e) => isA(e, 'Device'));
  const deviceKeys = new Set(devices.map((d) => d._key));
  const appKeys = new Set(entities.filter((e) => isA(e, 'Application')).map((e) => e._key));
  const tally = (f: (d: Obj) => string) => {
    const out: Record<string, number> = {};
    for (const d of devices) out[f(d)] = (out[f(d)] ?? 0) + 1;
    return out;
  };
  const tri = (v: unknown) => (v === true ? 'on' : v === false ? 'off' : 'unknown');
  const day = 86_400_000;
  const appInstalls = new Map<unknown, Set<unknown>>();
  for (const r of relationships)
    if (deviceKeys.has(r._fromEntityKey) && appKeys.has(r._toEntityKey)) {
      const set = appInstalls.get(r._toEntityKey) ?? new Set();
      set.add(r._fromEntityKey);
      appInstalls.set(r._toEntityKey, set);
    }
  return {
    devices: devices.length,
    encryption: tally((d) =>
      tri(typeof d.encrypted === 'boolean' ? d.encrypted : d.filevaultEnabled),
    ),
    firewall: tally((d) => tri(d.firewallEnabled)),
    checkin: tally((d) => {
      const t =
        typeof d.lastSeenOn === 'number'
          ? d.lastSeenOn
          : typeof d.lastSeenOn === 'string'
            ? Date.parse(d.lastSeenOn)
            : NaN;
      if (!Number.isFinite(t)) return 'never';
      const age = collectedAt - t;
      return age > 30 * day ? 'over30' : age > 7 * day ? '7to30' : 'within7';
    }),
    topAppDevices: Math.max(0, ...[...appInstalls.values()].map((s) => s.size)),
    // Findings where the collection has them (Kandji vulnerabilities and threats).
    vulnerabilities: tallyOf(
      entities.filter((e) => String(e._type).endsWith('_vulnerability') && e.open !== false),
      'severity',
    ),
    threats: tallyOf(
      entities.filter((e) => String(e._type).endsWith('_threat')),
      'status',
    ),
  };
}

/** Figure rows as the page shows them: data attributes and the visible number. */
async function figureRows(page: Page, integration: string, figure: string) {
  return page
    .locator(`section[data-integration="${integration}"] figure[data-figure="${figure}"] tbody tr`)
    .evaluateAll((rows) =>
      rows.map((r) => ({
        key: r.getAttribute('data-row')!,
        count: Number(r.getAttribute('data-count')),
        shown: Number((r.querySelector('td.num')?.textContent ?? '').replace(/,/g, '')),
      })),
    );
}

const cases: [string, string, () => Promise<string>][] = [
  ['demo report (npm run demo)', 'demo', async () => demoOutput],
  ['report of hand-made collections with findings', 'fixtures', fixtureOutput],
];

describe.each(cases)('%s in headless Chromium', (_title, tag, prepare) => {
  let outDir: string;
  let report: string;
  let browser: Browser;
  let page: Page;
  let results: RunResult[];
  const problems: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    outDir = await prepare();
    report = join(outDir, 'report.html');
    expect(existsSync(report), `${report} is missing: run \`npm run demo\` first`).toBe(true);
    expect(
      existsSync(chromiumPath),
      `no Chromium at ${chromiumPath}: apt-get install chromium`,
    ).toBe(true);
    results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as RunResult[];
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('is one offline file under 2 MB that renders without console errors', async () => {
    expect(statSync(report).size).toBeLessThan(2 * 1024 * 1024);
    mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: join(artifacts, `report-${tag}.png`), fullPage: true });
    await page.screenshot({ path: join(outDir, 'report.png'), fullPage: true });
    expect(problems).toEqual([]);
    // Offline: nothing but the file itself was requested.
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
  });

  it('pictures every ingested entity type in the type graph', async () => {
    for (const r of results) {
      const section = page.locator(`section[data-integration="${r.integration}"]`);
      await expect(section.isVisible()).resolves.toBe(true);
      const drawn = await section
        .locator('svg.graph g.node')
        .evaluateAll((nodes) =>
          nodes
            .filter((n) => (n as unknown as { getBBox(): { width: number } }).getBBox().width > 0)
            .map((n) => n.getAttribute('data-entity-type')),
        );
      expect(drawn).toEqual(expect.arrayContaining(Object.keys(r.graph.entities)));
      await section
        .locator('svg.graph')
        .screenshot({ path: join(artifacts, `graph-${tag}-${r.integration}.png`) });
    }
  });

  it('shows posture figures whose values match the graph files', async () => {
    for (const r of results) {
      const want = expectedPosture(join(outDir, r.integration, '.j1-integration'));
      expect(want.devices, r.integration).toBeGreaterThan(0);
      for (const figure of ['encryption', 'firewall', 'checkin'] as const) {
        const rows = await figureRows(page, r.integration, figure);
        const shown: Record<string, number> = Object.fromEntries(rows.map((x) => [x.key, x.count]));
        for (const x of rows) expect(x.shown, `${r.integration} ${figure} ${x.key}`).toBe(x.count);
        const expected = want[figure];
        for (const key of Object.keys(shown))
          expect(shown[key], `${r.integration} ${figure} ${key}`).toBe(expected[key] ?? 0);
        expect(Object.values(shown).reduce((a, b) => a + b, 0)).toBe(want.devices);
      }
      const os = await figureRows(page, r.integration, 'os');
      expect(os.reduce((a, x) => a + x.count, 0)).toBe(want.devices);
      for (const figure of ['vulnerabilities', 'threats'] as const) {
        const rows = await figureRows(page, r.integration, figure);
        const shown: Record<string, number> = Object.fromEntries(rows.map((x) => [x.key, x.count]));
        // A figure exactly when the graph has such findings, with the same tally.
        expect(shown, `${r.integration} ${figure}`).toEqual(want[figure]);
      }
      const apps = await figureRows(page, r.integration, 'apps');
      expect(apps[0]?.count ?? 0, `${r.integration} top app`).toBe(want.topAppDevices);
    }
  });

  it('draws no two text labels over each other, in the type graph or in any chart', async () => {
    const clashes = await page.locator('svg.graph, svg.chart').evaluateAll((svgs) => {
      const out: string[] = [];
      for (const svg of svgs) {
        const boxes = [...svg.querySelectorAll('text')]
          .filter((t) => (t.textContent ?? '').trim() !== '')
          .map((t) => ({ text: t.textContent!, r: t.getBoundingClientRect() }));
        for (let i = 0; i < boxes.length; i++)
          for (let j = i + 1; j < boxes.length; j++) {
            const a = boxes[i]!.r;
            const b = boxes[j]!.r;
            const dx = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const dy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (dx > 0.5 && dy > 0.5)
              out.push(
                `${svg.id || svg.getAttribute('data-chart-title')}: "${boxes[i]!.text}" / "${boxes[j]!.text}"`,
              );
          }
      }
      return out;
    });
    expect(clashes).toEqual([]);
  });

  it('keeps node labels inside their boxes and edge labels off nodes', async () => {
    const problems = await page.locator('svg.graph').evaluateAll((svgs) => {
      const out: string[] = [];
      const inside = (a: Box, b: Box) =>
        a.left >= b.left - 0.5 &&
        a.right <= b.right + 0.5 &&
        a.top >= b.top - 0.5 &&
        a.bottom <= b.bottom + 0.5;
      for (const svg of svgs) {
        const nodes = [...svg.querySelectorAll('g.node')].map((g) => ({
          id: g.getAttribute('data-entity-type'),
          rect: g.querySelector('rect')!.getBoundingClientRect(),
          texts: [...g.querySelectorAll('text')].map((t) => t.getBoundingClientRect()),
        }));
        for (const n of nodes)
          for (const t of n.texts)
            if (!inside(t, n.rect)) out.push(`${svg.id}: label of ${n.id} overflows its box`);
        for (const t of svg.querySelectorAll('text.edge-label')) {
          const r = t.getBoundingClientRect();
          for (const n of nodes) {
            const dx = Math.min(r.right, n.rect.right) - Math.max(r.left, n.rect.left);
            const dy = Math.min(r.bottom, n.rect.bottom) - Math.max(r.top, n.rect.top);
            if (dx > 0.5 && dy > 0.5) out.push(`${svg.id}: "${t.textContent}" over node ${n.id}`);
          }
        }
      }
      return out;
    });
    expect(problems).toEqual([]);
  });

  it('gives every chart an accessible name and a table with the same numbers', async () => {
    const charts = await page.locator('figure[data-figure]').evaluateAll((figs) =>
      figs.map((f) => ({
        label: f.querySelector('svg.chart')?.getAttribute('aria-label') ?? '',
        role: f.querySelector('svg.chart')?.getAttribute('role'),
        rows: f.querySelectorAll('table.figure-table tbody tr').length,
      })),
    );
    expect(charts.length).toBeGreaterThan(0);
    for (const c of charts) {
      expect(c.role).toBe('img');
      expect(c.label.length).toBeGreaterThan(10);
      expect(c.rows).toBeGreaterThan(0);
    }
  });
});
