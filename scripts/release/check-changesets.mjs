#!/usr/bin/env node
// Fails when a published package's user-visible files changed without a changeset.
//
// What counts: src/ (not tests), docs/, jupiterone/, README.md, and package.json
// fields users see (dependencies, exports, files...). Tests, simulators, benches,
// private packages and root tooling need no changeset. `pnpm changeset --empty`
// records a deliberate "no release needed".
//
// The base to compare with (packages/release-tools/src/changesets/git.ts):
//   1. --base <ref> or CHANGESET_BASE (CI passes a push's `before` SHA; all zeros is ignored),
//   2. a pull request (GITHUB_BASE_REF): the merge base with origin/<target>,
//   3. a branch with commits origin/main lacks: the merge base with origin/main,
//   4. otherwise the last release (a <package>@<version> tag or the last
//      `changeset version` commit): unreleased changes must have pending changesets,
//   5. never released and nothing to compare with (a fresh clone of main): nothing to check.
// Usage: node scripts/release/check-changesets.mjs [--base <ref>]
import { check, failureCount, releaseTools, root } from './lib.mjs';

const baseIdx = process.argv.indexOf('--base');
const explicitBase = baseIdx > 0 ? process.argv[baseIdx + 1] : process.env.CHANGESET_BASE;
const report = releaseTools().checkChangesets({
  root,
  explicitBase,
  githubBaseRef: process.env.GITHUB_BASE_REF || undefined,
});

const { resolution } = report;
console.log(
  `base: ${resolution.base ? resolution.base.slice(0, 12) : '(none)'} (${resolution.reason})`,
);
if (resolution.error) {
  check('changeset base', [resolution.error]);
} else if (!resolution.base) {
  check('changesets: nothing to compare with', []);
} else {
  console.log(
    `${report.changedFiles} files changed since the base; new changesets: ${report.newChangesets.join(', ') || 'none'}`,
  );
  if (report.covered.length > 0) console.log(`covered by changesets: ${report.covered.join(', ')}`);
  check('changesets are well-formed and name published packages', report.problems);
  check(
    'every published package with user-visible changes has a changeset',
    report.missing.map(
      (m) =>
        `${m.name}: ${m.files.slice(0, 5).join(', ')}${m.files.length > 5 ? ` and ${m.files.length - 5} more` : ''} ` +
        '-> run `pnpm changeset` (or `pnpm changeset --empty` when no release is needed)',
    ),
  );
}
process.exit(failureCount() > 0 ? 1 : 0);
