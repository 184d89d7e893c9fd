#!/usr/bin/env node
// Packs each published package with pnpm (workspace:^ and catalog: rewritten, as
// `changeset publish` does) and checks the tarball users would download:
//  - publint --strict on the tarball (exports, types, files, format),
//  - our rules (packages/release-tools/src/pack/inspect.ts): no tests, fixtures,
//    simulators, source maps or configs; entry points and declarations present;
//    docs and managed questions shipped; no workspace/private dependencies; the
//    JupiterOne SDK core as a peer dependency only.
// Prints PASS/FAIL lines; exits 1 on any failure.
// Usage: node scripts/release/check-packages.mjs [--keep <dir>]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ENTITY_VALIDATOR,
  PUBLISHED,
  check,
  fail,
  failureCount,
  packPackage,
  packedManifest,
  readJson,
  releaseTools,
  resolveFromReleaseTools,
  root,
} from './lib.mjs';

const keepIdx = process.argv.indexOf('--keep');
const dest =
  keepIdx > 0 ? process.argv[keepIdx + 1] : mkdtempSync(join(tmpdir(), 'mdm-graph-pack-'));
const tools = releaseTools();
const { publint } = await import(pathToFileURL(resolveFromReleaseTools('publint')).href);
const { formatMessage } = await import(
  pathToFileURL(resolveFromReleaseTools('publint/utils')).href
);

const privatePackages = new Set(
  tools
    .workspacePackages(root)
    .filter((p) => p.private)
    .map((p) => p.name),
);
privatePackages.add(ENTITY_VALIDATOR.name);

for (const pkg of PUBLISHED) {
  let packed;
  try {
    packed = packPackage(pkg.dir, dest);
  } catch (err) {
    fail(`${pkg.name}: pnpm pack`, [err.message]);
    continue;
  }
  const manifest = packedManifest(packed.tarball);
  const files = ['package.json', ...tools.filesFromPackJson(packed.json)];
  const required = ['README.md', 'CHANGELOG.md'];
  if (pkg.integration) required.push('docs/jupiterone.md', 'jupiterone/questions/questions.yaml');
  check(
    `${pkg.name}@${manifest.version} tarball contents (${files.length} files)`,
    tools.checkPackedPackage(manifest, files, {
      privatePackages,
      runtimeProvided: ['@jupiterone/integration-sdk-core', '@jupiterone/integration-sdk-runtime'],
      required,
    }),
  );
  // publint on the tarball itself, not the directory: it sees only what npm ships.
  const tarball = readFileSync(packed.tarball);
  const { messages } = await publint({
    pack: {
      tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength),
    },
    strict: true,
    level: 'suggestion',
  });
  const pkgJson = readJson(join(root, pkg.dir, 'package.json'));
  check(
    `${pkg.name}: publint --strict (errors, warnings and suggestions)`,
    messages.map((m) => `${m.type}: ${formatMessage(m, pkgJson, { color: false }) ?? m.code}`),
  );
}

if (keepIdx < 0) rmSync(dest, { recursive: true, force: true });
else console.log(`tarballs kept in ${dest}`);
process.exit(failureCount() > 0 ? 1 : 0);
