import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportCommand } from '../src/report-command';
import { writeEsperCollection, writeKandjiCollection } from './fixtures/collections';

describe('npm run report -- <dir>...', () => {
  afterEach(() => vi.restoreAllMocks());

  it('renders what collections wrote: project dirs or .j1-integration dirs, relative to the caller', async () => {
    const root = mkdtempSync(join(tmpdir(), 'report-cmd-'));
    writeKandjiCollection(join(root, 'tenant-a'));
    writeKandjiCollection(join(root, 'tenant-b'));
    writeEsperCollection(join(root, 'esper'));
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const code = await reportCommand(
      ['tenant-a', join('tenant-b', '.j1-integration'), 'esper', '--out', 'out.html'],
      root,
    );
    expect(code).toBe(0);
    const html = readFileSync(join(root, 'out.html'), 'utf8');
    // Two tenants of one integration keep their own sections.
    expect(html).toContain('data-integration="kandji"');
    expect(html).toContain('data-integration="kandji-2"');
    expect(html).toContain('data-integration="esper"');
    // Managed questions are still found for the second tenant.
    expect(html.slice(html.indexOf('data-integration="kandji-2"'))).toContain(
      'integration-question-kandji-macs-without-filevault',
    );
    expect(log.mock.calls.flat().join('\n')).toMatch(/Report \(opens offline, \d+ KB\): file:\/\//);
  });

  it('writes report.html in the current directory by default', async () => {
    const root = mkdtempSync(join(tmpdir(), 'report-cmd-'));
    writeEsperCollection(root);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await reportCommand(['.'], root)).toBe(0);
    expect(existsSync(join(root, 'report.html'))).toBe(true);
  });

  it('exits 2 with the usage when no directory is given or an option is unknown', async () => {
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await reportCommand([], tmpdir())).toBe(2);
    expect(await reportCommand(['--bogus', 'x'], tmpdir())).toBe(2);
    expect(err.mock.calls.flat().join('\n')).toContain('usage: npm run report -- <dir>...');
  });

  it('names the directory that holds no collection', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'report-cmd-'));
    await expect(reportCommand([empty], tmpdir())).rejects.toThrow(
      `${empty} holds no collected graph`,
    );
  });
});
