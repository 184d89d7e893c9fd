import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '@mdm-graph/j1-runner';

const cli = join(__dirname, '..', 'dist', 'cli.js');

describe('npm run demo (built CLI, small fleet)', () => {
  it('collects both simulated tenants through the collect runner and writes the report', () => {
    const out = mkdtempSync(join(tmpdir(), 'mdm-demo-'));
    const run = spawnSync(
      process.execPath,
      [
        cli,
        '--devices',
        '12',
        '--apps',
        '6',
        '--latency-min',
        '1',
        '--latency-max',
        '5',
        '--out',
        out,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, CI: 'true' },
        timeout: 120_000,
      },
    );
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as RunResult[];
    expect(results.map((r) => r.integration).sort()).toEqual(['esper', 'kandji']);
    for (const r of results) {
      expect(r.ok).toBe(true);
      expect(r.steps.length).toBeGreaterThan(3);
      // Kandji runs with the users source off: that step is disabled, not failed.
      expect(r.steps.every((s) => s.status === 'success' || s.status === 'disabled')).toBe(true);
      expect(r.graph.entities[`${r.integration}_account`]).toBe(1);
      expect(r.graph.entities[`${r.integration}_device`]).toBe(12);
      expect(r.http.requests).toBeGreaterThan(0);
      expect(existsSync(join(out, r.integration, '.j1-integration', 'summary.json'))).toBe(true);
    }
    const kandji = results.find((r) => r.integration === 'kandji')!;
    expect(kandji.disabledSources).toContain('users');
    expect(kandji.steps.find((s) => s.id === 'fetch-users')?.status).toBe('disabled');
    expect(kandji.graph.relationships.kandji_device_has_user).toBeGreaterThan(0);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    for (const r of results)
      for (const type of Object.keys(r.graph.entities))
        expect(html).toContain(`data-entity-type="${type}"`);
    // Posture figures from the graph files, per integration.
    for (const r of results)
      expect(html).toMatch(
        new RegExp(
          `data-integration="${r.integration}"[^]*?data-figure="encryption"[^]*?data-row="unknown" data-count="\\d+"`,
        ),
      );
    expect(run.stdout).toContain('✓ Demo succeeded');
    // Progress in CI is plain lines, one per step start and end.
    expect(run.stderr).toMatch(/\[kandji\] ✓ /);
    expect(run.stderr).toMatch(/\[esper\] ✓ /);
  });
});
