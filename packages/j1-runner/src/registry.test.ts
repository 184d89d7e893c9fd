import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  findWorkspaceRoot,
  integrationById,
  loadSimulatorContract,
  readIntegrations,
  type RegisteredIntegration,
} from './registry';

const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true });
});

/** A workspace with integrations.json listing `entries`, and simulator modules by package dir. */
function workspace(entries: RegisteredIntegration[], modules: Record<string, string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'registry-'));
  roots.push(root);
  writeFileSync(join(root, 'integrations.json'), JSON.stringify({ integrations: entries }));
  for (const [file, text] of Object.entries(modules)) {
    mkdirSync(join(root, file, '..'), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  return root;
}

const entry = (id: string, contract?: string): RegisteredIntegration => ({
  id,
  title: id.toUpperCase(),
  package: `@mdm-graph/integration-${id}`,
  dir: `packages/integration-${id}`,
  simulator: { module: 'dist/simulator/index.js', start: `start${id}Simulator`, contract },
});

describe('the integration registry', () => {
  it('is found above any directory of the workspace and lists the integrations in order', () => {
    const root = workspace([entry('alpha'), entry('beta')]);
    const deep = join(root, 'packages', 'x', 'dist');
    mkdirSync(deep, { recursive: true });
    expect(findWorkspaceRoot(deep)).toBe(root);
    expect(readIntegrations(root).map((i) => i.id)).toEqual(['alpha', 'beta']);
    expect(() => integrationById('gamma', root)).toThrow(
      'integrations.json lists no "gamma" (known: alpha, beta)',
    );
  });

  it('this repository lists its integrations (ids unique)', () => {
    const ids = readIntegrations().map((i) => i.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('loads the contract a simulator exports, by the name the entry gives', async () => {
    const root = workspace([entry('alpha'), entry('beta', 'registry')], {
      'packages/integration-alpha/dist/simulator/index.js':
        "exports.simulator = { id: 'alpha', start: async () => ({ url: 'http://a' }) };",
      'packages/integration-beta/dist/simulator/index.js':
        "exports.registry = { id: 'beta', start: async () => ({ url: 'http://b' }) };",
    });
    const [alpha, beta] = readIntegrations(root).map((e) =>
      loadSimulatorContract<{ id: string; start(): Promise<{ url: string }> }>(e, root),
    );
    expect(alpha?.id).toBe('alpha');
    expect(await beta?.start()).toEqual({ url: 'http://b' });
  });

  it('says what is wrong: a simulator not built, or without the contract', () => {
    const root = workspace([entry('alpha'), entry('beta')], {
      'packages/integration-beta/dist/simulator/index.js': 'exports.startbetaSimulator = () => {};',
    });
    const [alpha, beta] = readIntegrations(root);
    expect(() => loadSimulatorContract(alpha!, root)).toThrow(
      /the alpha simulator is not built .*run `pnpm build` first/,
    );
    expect(() => loadSimulatorContract(beta!, root)).toThrow(
      /does not export "simulator" with start\(\)/,
    );
  });
});
