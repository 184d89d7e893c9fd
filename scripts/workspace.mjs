#!/usr/bin/env node
// The two newcomer commands (`npm test`, `npm run demo`) start here. A machine
// with only Node 20 and npm has no pnpm, and corepack cannot be used (its
// registry signature check fails), so pnpm is reached through npm: a pnpm on
// PATH of the pinned major is used, else `npm exec pnpm@<pinned>`.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager; // pnpm@x.y.z
const pinnedVersion = pinned.split('@')[1];

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  if (res.error) throw res.error;
  return res.status ?? 1;
}

function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim() === pinnedVersion) return ['pnpm', []];
  return ['npm', ['exec', '--yes', `--package=${pinned}`, '--', 'pnpm']];
}

const [pnpmBin, pnpmPrefix] = pnpmCommand();
const pnpmIn = (cwd, ...args) =>
  run(pnpmBin, [...pnpmPrefix, ...args], {
    cwd,
    env: { ...process.env, COREPACK_ENABLE_STRICT: '0' },
  });
const pnpm = (...args) => pnpmIn(root, ...args);

const task = process.argv[2];
const rest = process.argv.slice(3);
const tasks = {
  install: () => pnpm('install', '--frozen-lockfile', '--prefer-offline'),
  test: () => {
    const turbo = pnpm(
      'exec',
      'turbo',
      'run',
      'build',
      'typecheck',
      'lint',
      'test',
      // Every failing package is reported, not only the first.
      '--continue',
      // Several suites start loopback servers and pace requests in real time; ten tasks at
      // once on a 2-core runner starve their event loops. Three keep both cores busy.
      '--concurrency=3',
      '--output-logs=errors-only',
      ...rest,
    );
    // The closing summary is printed whether or not something failed.
    const summary = run(process.execPath, [join(root, 'scripts', 'test-summary.mjs')]);
    return turbo || summary;
  },
  demo: () =>
    pnpm('exec', 'turbo', 'run', 'build', '--output-logs=errors-only') ||
    pnpm('--filter', '@mdm-graph/demo', 'run', 'demo', ...rest),
  build: () => pnpm('exec', 'turbo', 'run', 'build', '--output-logs=errors-only'),
  collect: () => {
    const name = rest[0];
    const integrations = JSON.parse(
      readFileSync(join(root, 'integrations.json'), 'utf8'),
    ).integrations;
    const integration = integrations.find((i) => i.id === name);
    if (!integration) {
      console.error(
        `usage: npm run collect -- <${integrations.map((i) => i.id).join('|')}>   (config from packages/integration-<name>/.env or the environment)`,
      );
      return 1;
    }
    const pkg = integration.package;
    // Run in the package directory, not with --filter: pnpm's recursive mode turns every
    // failure into exit code 1, and collect's 2 ("completed, some data partial for lack of
    // permission") must reach the caller.
    return (
      pnpm('exec', 'turbo', 'run', 'build', `--filter=${pkg}...`, '--output-logs=errors-only') ||
      pnpmIn(join(root, integration.dir), 'run', 'collect', ...rest.slice(1))
    );
  },
  // `npm run report -- <dir>...`: the offline HTML report of any collection's output. Paths
  // are the caller's: npm runs scripts in the root, INIT_CWD is where the user typed it.
  report: () => {
    if (rest.length === 0) {
      console.error(
        'usage: npm run report -- <dir>... [--out report.html]   (<dir>: a .j1-integration directory or the directory holding one)',
      );
      return 2;
    }
    return (
      pnpm(
        'exec',
        'turbo',
        'run',
        'build',
        '--filter=@mdm-graph/demo...',
        '--output-logs=errors-only',
      ) ||
      run(process.execPath, [join(root, 'packages', 'demo', 'dist', 'report-cli.js'), ...rest], {
        cwd: process.env.INIT_CWD ?? process.cwd(),
      })
    );
  },
  // Pass-through keeps the caller's directory (`pnpm exec j1-integration document` in a package).
  pnpm: () => pnpmIn(process.cwd(), ...rest),
};
if (!tasks[task]) {
  console.error(`usage: node scripts/workspace.mjs <${Object.keys(tasks).join('|')}> [args]`);
  process.exit(2);
}
const installed = task === 'install' || task === 'pnpm' ? 0 : tasks.install();
process.exit(installed || tasks[task]());
