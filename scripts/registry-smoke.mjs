#!/usr/bin/env node
// Proves that a registered integration is reachable by the tooling through integrations.json
// alone: loads its simulator's registry contract the way the demo, the reliability matrix and
// the benchmarks do (j1-runner's registry loader), starts a simulated tenant from the common
// options, and runs `npm run collect -- <id>` against it (what a user runs). Needs the
// integration and @mdm-graph/j1-runner built.
//   node scripts/registry-smoke.mjs <integration id>
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const id = process.argv[2];
const runner = join(root, 'packages', 'j1-runner', 'dist', 'index.js');
if (!id || !existsSync(runner)) {
  console.error(
    id
      ? 'packages/j1-runner is not built: run `pnpm build` first'
      : 'usage: node scripts/registry-smoke.mjs <integration id>',
  );
  process.exit(2);
}
const { integrationById, integrationDir, loadSimulatorContract } = createRequire(import.meta.url)(
  runner,
);

const entry = integrationById(id, root);
const simulator = loadSimulatorContract(entry, root);
const sim = await simulator.start({ profile: 'matrix', seed: 'registry-smoke', devices: 12 });
let ok = false;
try {
  // Asynchronously: the simulator answers from this process while the collection runs.
  const status = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'workspace.mjs'), 'collect', id], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...sim.env },
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code));
  });
  const summaryFile = join(integrationDir(entry, root), '.j1-integration', 'summary.json');
  const summary = existsSync(summaryFile) ? JSON.parse(readFileSync(summaryFile, 'utf8')) : {};
  const steps = summary.integrationStepResults ?? [];
  const requests = sim.stats().total;
  ok = status === 0 && steps.length > 0 && requests > 0;
  console.log(
    `${ok ? 'PASS' : 'FAIL'} registry: ${entry.title} simulator started through its contract (${sim.url}), ` +
      `\`npm run collect -- ${id}\` exited ${status} with ${steps.length} steps, ${requests} requests served`,
  );
} finally {
  await sim.close();
}
process.exit(ok ? 0 : 1);
