// The integration registry (integrations.json at the repository root), for scripts.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** @returns {{ id: string, title: string, package: string, dir: string, simulator: { module: string, start: string, contract?: string } }[]} */
export function readIntegrations(root = defaultRoot) {
  return JSON.parse(readFileSync(join(root, 'integrations.json'), 'utf8')).integrations;
}

export function addIntegration(entry, root = defaultRoot) {
  const file = join(root, 'integrations.json');
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  if (doc.integrations.some((i) => i.id === entry.id)) {
    throw new Error(`integrations.json already lists "${entry.id}"`);
  }
  doc.integrations.push(entry);
  writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
}
