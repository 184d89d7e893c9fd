import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '@mdm-graph/j1-runner';

const outDir = resolve(
  process.env.DEMO_OUTPUT ?? join(__dirname, '..', '..', '..', '..', 'demo-output'),
);
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('demo report in headless Chromium', () => {
  it('renders without console errors and pictures every ingested entity type', async () => {
    const report = join(outDir, 'report.html');
    expect(existsSync(report), `${report} is missing: run \`npm run demo\` first`).toBe(true);
    expect(
      existsSync(chromiumPath),
      `no Chromium at ${chromiumPath}: apt-get install chromium`,
    ).toBe(true);
    const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as RunResult[];
    const browser = await chromium.launch({
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
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || m.type() === 'warning')
          problems.push(`${m.type()}: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
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
      }
      mkdirSync(join(__dirname, '..', '..', 'test-artifacts'), { recursive: true });
      const shot = join(__dirname, '..', '..', 'test-artifacts', 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      await page.screenshot({ path: join(outDir, 'report.png'), fullPage: true });
      expect(problems).toEqual([]);
      // Offline: nothing but the file itself was requested.
      expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
