import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkChangesets } from './check';
import { gitIn, resolveBase } from './git';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.com',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

function sh(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8' }).trim();
}

function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

function commit(
  root: string,
  message: string,
  files: Record<string, string> = {},
  remove: string[] = [],
): string {
  write(root, files);
  for (const r of remove) sh(root, 'rm', '-q', r);
  sh(root, 'add', '-A');
  sh(root, 'commit', '-q', '--allow-empty', '-m', message);
  return sh(root, 'rev-parse', 'HEAD');
}

const manifest = (name: string, extra: object = {}) =>
  JSON.stringify({ name, version: '0.1.0', ...extra }, null, 2);

/** A repository shaped like ours: two published packages, one private, a changeset config. */
function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'release-tools-git-'));
  dirs.push(root);
  sh(root, 'init', '-q', '-b', 'main');
  commit(root, 'scaffold', {
    '.changeset/config.json': JSON.stringify({ baseBranch: 'main' }),
    '.changeset/README.md': '# Changesets\n',
    'packages/core/package.json': manifest('@x/core'),
    'packages/core/src/index.ts': 'export const a = 1;\n',
    'packages/acme/package.json': manifest('@x/acme', {
      dependencies: { '@x/core': 'workspace:^' },
    }),
    'packages/acme/src/index.ts': 'export const b = 1;\n',
    'packages/runner/package.json': manifest('@x/runner', { private: true }),
  });
  return root;
}

const opts = { baseBranch: 'main', tagPatterns: ['@x/core@*', '@x/acme@*'] };

describe('resolveBase', () => {
  it('finds nothing to compare on a fresh clone of main that was never released', () => {
    const root = repo();
    commit(root, 'more work', { 'packages/core/src/index.ts': 'export const a = 2;\n' });
    const r = resolveBase(gitIn(root), opts);
    expect(r).toEqual({ reason: expect.stringMatching(/no release yet/) });
    const report = checkChangesets({ root });
    expect(report.ok).toBe(true);
    expect(report.missing).toBeUndefined();
  });

  it('uses the last `changeset version` commit (changesets deleted) as the release point', () => {
    const root = repo();
    commit(root, 'feature', { '.changeset/a.md': '---\n"@x/core": minor\n---\nA\n' });
    const released = commit(
      root,
      'Version Packages',
      { 'packages/core/CHANGELOG.md': '# @x/core\n' },
      ['.changeset/a.md'],
    );
    commit(root, 'after release', { 'packages/core/src/index.ts': 'export const a = 3;\n' });
    expect(resolveBase(gitIn(root), opts)).toEqual({
      base: released,
      reason: expect.stringMatching(/last `changeset version`/),
    });
    const report = checkChangesets({ root });
    expect(report.ok).toBe(false);
    expect(report.missing).toEqual([{ name: '@x/core', files: ['packages/core/src/index.ts'] }]);
  });

  it('prefers a newer release tag over an older version commit', () => {
    const root = repo();
    commit(root, 'feature', { '.changeset/a.md': '---\n"@x/core": minor\n---\nA\n' });
    commit(root, 'Version Packages', {}, ['.changeset/a.md']);
    const tagged = commit(root, 'hotfix published by hand');
    sh(root, 'tag', '@x/acme@0.1.1');
    expect(resolveBase(gitIn(root), opts)).toEqual({
      base: tagged,
      reason: 'unreleased changes since release tag @x/acme@0.1.1',
    });
  });

  it('uses the merge base with origin/main for a branch, and the release point when HEAD is origin/main', () => {
    const origin = repo();
    const root = mkdtempSync(join(tmpdir(), 'release-tools-clone-'));
    dirs.push(root);
    execFileSync('git', ['clone', '-q', origin, root], { env: GIT_ENV });
    const mainTip = sh(root, 'rev-parse', 'HEAD');
    expect(resolveBase(gitIn(root), opts).base).toBeUndefined(); // HEAD == origin/main, never released
    sh(root, 'checkout', '-q', '-b', 'feature');
    commit(root, 'feature work', { 'packages/acme/src/index.ts': 'export const b = 2;\n' });
    expect(resolveBase(gitIn(root), opts)).toEqual({
      base: mainTip,
      reason: 'branch: merge base with origin/main',
    });
    const failing = checkChangesets({ root });
    expect(failing.missing).toEqual([{ name: '@x/acme', files: ['packages/acme/src/index.ts'] }]);
    commit(root, 'changeset', { '.changeset/brave.md': '---\n"@x/acme": patch\n---\nFix b.\n' });
    const passing = checkChangesets({ root });
    expect(passing).toMatchObject({
      ok: true,
      covered: ['@x/acme'],
      newChangesets: ['.changeset/brave.md'],
    });
  });

  it('uses the merge base with origin/<GITHUB_BASE_REF> on a pull request', () => {
    const origin = repo();
    const root = mkdtempSync(join(tmpdir(), 'release-tools-pr-'));
    dirs.push(root);
    execFileSync('git', ['clone', '-q', origin, root], { env: GIT_ENV });
    const mainTip = sh(root, 'rev-parse', 'HEAD');
    sh(root, 'checkout', '-q', '-b', 'pr');
    commit(root, 'pr work');
    expect(resolveBase(gitIn(root), { ...opts, githubBaseRef: 'main' })).toEqual({
      base: mainTip,
      reason: 'pull request: merge base with origin/main',
    });
    expect(resolveBase(gitIn(root), { ...opts, githubBaseRef: 'release' }).error).toMatch(
      /cannot find the merge base with origin\/release/,
    );
  });

  it('honours an explicit base, ignores the all-zero SHA of a new branch, and fails on an unknown ref', () => {
    const root = repo();
    const first = sh(root, 'rev-parse', 'HEAD');
    commit(root, 'second', { 'packages/core/src/index.ts': 'export const a = 9;\n' });
    expect(resolveBase(gitIn(root), { ...opts, explicit: first })).toEqual({
      base: first,
      reason: `merge base of HEAD and ${first}`,
    });
    expect(
      resolveBase(gitIn(root), { ...opts, explicit: '0000000000000000000000000000000000000000' })
        .base,
    ).toBeUndefined();
    expect(resolveBase(gitIn(root), { ...opts, explicit: 'nope' }).error).toMatch(
      /"nope" is not a commit/,
    );
    expect(checkChangesets({ root, explicitBase: 'nope' }).ok).toBe(false);
    const report = checkChangesets({ root, explicitBase: first });
    expect(report.missing).toEqual([{ name: '@x/core', files: ['packages/core/src/index.ts'] }]);
  });

  it('sees uncommitted and untracked files, and release-relevant package.json edits only', () => {
    const root = repo();
    const first = sh(root, 'rev-parse', 'HEAD');
    write(root, {
      'packages/core/package.json': manifest('@x/core', {
        version: '0.2.0',
        scripts: { test: 'vitest' },
      }).replace('"0.1.0"', '"0.2.0"'),
      'packages/acme/package.json': manifest('@x/acme', {
        dependencies: { '@x/core': 'workspace:^', zod: '^4' },
      }),
      'packages/acme/src/new-file.ts': 'export {};\n',
    });
    const report = checkChangesets({ root, explicitBase: first });
    expect(report.missing).toEqual([
      {
        name: '@x/acme',
        files: ['packages/acme/src/new-file.ts', 'packages/acme/package.json (dependencies)'],
      },
    ]);
  });
});
