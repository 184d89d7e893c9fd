#!/usr/bin/env node
// CI check that the integration template cannot rot: copies the workspace to a temporary folder,
// runs `npm run new-integration -- acme-mdm` there, installs, and builds, typechecks, lints and tests
// the new package; then checks that its layers pass scripts/check-layers.mjs, that the tooling
// reaches it through integrations.json alone (scripts/registry-smoke.mjs: its simulator's registry
// contract and `npm run collect`), that its tests ran (at least five, none failed), that its files
// are formatted, that docs/jupiterone.md matches `j1-integration document`, and that its managed
// questions pass the release check, and (unless --no-matrix) that the reliability matrix's generic
// cases pass against it: the demo, the matrix and `npm run collect` reach it through
// integrations.json alone. The real workspace is not touched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
// The reliability matrix's generic cases run against the scaffolded vendor too (--no-matrix: not).
const withMatrix = !process.argv.includes('--no-matrix');
const vendor = 'acme-mdm';
const pkgName = `@mdm-graph/integration-${vendor}`;
const copy = mkdtempSync(join(tmpdir(), 'mdm-graph-new-integration-'));
const pkgDir = join(copy, 'packages', `integration-${vendor}`);

function run(cmd, args, cwd = copy) {
  console.log(`$ ${[cmd, ...args].join(' ')}`);
  const res = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} exited with ${res.status}`);
}
const pnpm = (args, cwd) =>
  run(process.execPath, [join(copy, 'scripts', 'workspace.mjs'), 'pnpm', ...args], cwd);

let ok = false;
try {
  const files = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (files.status !== 0) throw new Error('git ls-files failed');
  for (const f of files.stdout.split('\0').filter(Boolean)) {
    if (existsSync(join(root, f))) cpSync(join(root, f), join(copy, f), { recursive: true });
  }
  pnpm(['install', '--frozen-lockfile', '--prefer-offline', '--reporter=silent']);
  run(process.execPath, [
    join(copy, 'scripts', 'new-integration.mjs'),
    vendor,
    '--title',
    'Acme MDM',
  ]);
  pnpm(['install', '--no-frozen-lockfile', '--prefer-offline', '--reporter=silent']);
  pnpm([
    'exec',
    'turbo',
    'run',
    'build',
    'typecheck',
    'lint',
    'test',
    `--filter=${pkgName}`,
    '--output-logs=errors-only',
  ]);
  // Through the registry alone: its layers pass the CI check, and the tooling's loader starts its
  // simulator from the registry contract for `npm run collect` (the demo, the reliability matrix
  // and the benchmarks load it the same way).
  run(process.execPath, [join(copy, 'scripts', 'check-layers.mjs'), '--id', vendor]);
  run(process.execPath, [join(copy, 'scripts', 'registry-smoke.mjs'), vendor]);
  if (withMatrix) {
    // The reliability matrix's generic cases for the new vendor (its ids start with "A-", the
    // first free initial in the registry), the proxy test and the docs sync: about a minute
    // more (every registered integration is built).
    pnpm([
      'exec',
      'turbo',
      'run',
      'build',
      '--filter=@mdm-graph/reliability...',
      '--output-logs=errors-only',
    ]);
    pnpm([
      '--filter',
      '@mdm-graph/reliability',
      'exec',
      'vitest',
      'run',
      '-t',
      `A-[A-Z]{2}-[0-9]|${vendor}|docs/reliability.md`,
    ]);
    const matrix = JSON.parse(
      readFileSync(join(copy, 'packages', 'reliability', 'test-artifacts', 'vitest.json'), 'utf8'),
    );
    const cases = matrix.testResults
      .flatMap((f) => f.assertionResults)
      .filter((a) => /^A-[A-Z]{2}-\d /.test(a.title));
    const passed = cases.filter((a) => a.status === 'passed').length;
    console.log(`reliability matrix, ${vendor}: ${passed} of ${cases.length} generic cases passed`);
    if (passed < 10 || passed !== cases.length) {
      throw new Error('the generic matrix cases must run and pass against the new vendor');
    }
  }
  const report = JSON.parse(readFileSync(join(pkgDir, 'test-artifacts', 'vitest.json'), 'utf8'));
  console.log(`${pkgName}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  if (report.numFailedTests > 0 || report.numPassedTests < 5) {
    throw new Error('the generated package must pass at least five tests');
  }
  pnpm([
    'exec',
    'prettier',
    '--check',
    pkgDir,
    join(copy, '.changeset'),
    join(copy, 'integrations.json'),
    join(copy, 'packages', '*', 'package.json'),
  ]);
  const before = readFileSync(join(pkgDir, 'docs', 'jupiterone.md'), 'utf8');
  pnpm(['exec', 'j1-integration', 'document'], pkgDir);
  if (readFileSync(join(pkgDir, 'docs', 'jupiterone.md'), 'utf8') !== before) {
    throw new Error('the generated docs/jupiterone.md differs from `j1-integration document`');
  }
  pnpm([
    'exec',
    'turbo',
    'run',
    'build',
    '--filter=@mdm-graph/release-tools',
    '--output-logs=errors-only',
  ]);
  run(process.execPath, [join(copy, 'scripts', 'release', 'check-questions.mjs')]);
  ok = true;
} catch (err) {
  console.error(`FAIL new-integration template: ${err instanceof Error ? err.message : err}`);
} finally {
  rmSync(copy, { recursive: true, force: true });
}
console.log(
  ok ? 'PASS new-integration template: generated package builds and passes its tests' : '',
);
process.exit(ok ? 0 : 1);
