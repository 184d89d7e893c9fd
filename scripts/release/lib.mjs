// Shared helpers for the release scripts: workspace layout, pnpm, packing, PASS/FAIL lines.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The published packages, in dependency order: mdm-core, then the integrations of integrations.json. */
export const PUBLISHED = [
  { name: '@mdm-graph/mdm-core', dir: 'packages/mdm-core' },
  ...JSON.parse(readFileSync(join(root, 'integrations.json'), 'utf8')).integrations.map((i) => ({
    name: i.package,
    dir: i.dir,
    integration: i.id,
    title: i.title,
    simulator: i.simulator,
  })),
];

/** The private stand-in for the entity validator the registry here lacks (see README). */
export const ENTITY_VALIDATOR = {
  name: '@jupiterone/integration-sdk-entity-validator',
  dir: 'packages/entity-validator',
};

let failures = 0;
export function pass(what) {
  console.log(`PASS ${what}`);
}
export function fail(what, details = []) {
  failures += 1;
  console.log(`FAIL ${what}`);
  for (const d of details) console.log(`     - ${d}`);
}
export function check(what, problems) {
  if (problems.length === 0) pass(what);
  else fail(what, problems);
  return problems.length === 0;
}
export function failureCount() {
  return failures;
}

/** The compiled release checks (packages/release-tools); built by `npm test` / `pnpm build`. */
export function releaseTools() {
  const entry = join(root, 'packages', 'release-tools', 'dist', 'index.js');
  if (!existsSync(entry)) {
    console.error('packages/release-tools is not built: run `pnpm build` (or `npm test`) first');
    process.exit(2);
  }
  return createRequire(import.meta.url)(entry);
}

/** Resolves a dependency of packages/release-tools (publint, yaml) from there. */
export function resolveFromReleaseTools(request) {
  return createRequire(join(root, 'packages', 'release-tools', 'package.json')).resolve(request);
}

/** Runs a command; returns { status, stdout, stderr } and never throws on a non-zero exit. */
export function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    ...opts,
  });
  if (r.error) throw r.error;
  return { status: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** pnpm at the pinned version, the way `npm test` reaches it (scripts/workspace.mjs). */
export function pnpm(args, opts = {}) {
  return run(process.execPath, [join(root, 'scripts', 'workspace.mjs'), 'pnpm', ...args], opts);
}

export function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/**
 * `pnpm pack` of one package into destDir: workspace:^ and catalog: become real ranges,
 * exactly what `changeset publish` (pnpm publish) uploads. Returns the tarball path and files.
 */
export function packPackage(pkgDir, destDir) {
  mkdirSync(destDir, { recursive: true });
  // scripts/workspace.mjs runs pnpm from the root, so point it at the package with -C.
  const r = pnpm(['-C', join(root, pkgDir), 'pack', '--pack-destination', destDir, '--json']);
  if (r.status !== 0) throw new Error(`pnpm pack in ${pkgDir} failed:\n${r.stderr || r.stdout}`);
  const json = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
  return { tarball: json.filename, json };
}

/** The package.json inside a tarball, as users receive it. */
export function packedManifest(tarball) {
  const r = run('tar', ['-xzOf', tarball, 'package/package.json']);
  if (r.status !== 0) throw new Error(`cannot read package.json from ${tarball}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export function seconds(startMs) {
  return `${((Date.now() - startMs) / 1000).toFixed(1)}s`;
}
