import { describe, expect, it } from 'vitest';
import {
  checkChangesetCoverage,
  isPublishedSource,
  parseChangeset,
  releaseFieldsChanged,
  type WorkspacePackage,
} from './plan';

const packages: WorkspacePackage[] = [
  { dir: 'packages/mdm-core', name: '@x/mdm-core', private: false },
  { dir: 'packages/integration-acme', name: '@x/integration-acme', private: false },
  { dir: 'packages/runner', name: '@x/runner', private: true },
];

describe('parseChangeset', () => {
  it('reads packages, bumps and the summary', () => {
    expect(
      parseChangeset(
        '.changeset/a.md',
        '---\n"@x/mdm-core": minor\n\'@x/integration-acme\': patch\n---\n\nRetry on 503.\n',
      ),
    ).toEqual({
      path: '.changeset/a.md',
      releases: [
        { name: '@x/mdm-core', type: 'minor' },
        { name: '@x/integration-acme', type: 'patch' },
      ],
      summary: 'Retry on 503.',
    });
  });
  it('reads an empty changeset (changeset add --empty)', () => {
    expect(parseChangeset('.changeset/e.md', '---\n---\n')).toEqual({
      path: '.changeset/e.md',
      releases: [],
      summary: '',
    });
  });
  it('reports a missing front matter, bad YAML and unknown bumps', () => {
    expect(parseChangeset('a.md', 'just text')).toEqual({
      path: 'a.md',
      error: expect.stringMatching(/front matter/),
    });
    expect(parseChangeset('a.md', '---\n"@x/a": [\n---\nx')).toEqual({
      path: 'a.md',
      error: expect.stringMatching(/not YAML/),
    });
    expect(parseChangeset('a.md', '---\n"@x/a": huge\n---\nx')).toEqual({
      path: 'a.md',
      error: '"@x/a" has bump "huge"; use major, minor or patch',
    });
  });
});

describe('isPublishedSource', () => {
  it.each([
    ['src/index.ts', true],
    ['src/steps/devices/converter.ts', true],
    ['docs/jupiterone.md', true],
    ['jupiterone/questions/questions.yaml', true],
    ['README.md', true],
    ['src/steps/devices/converter.test.ts', false],
    ['src/http/__tests__/loopback.ts', false],
    ['src/__fixtures__/device.json', false],
    ['simulator/server.ts', false],
    ['test/e2e.test.ts', false],
    ['bench/run.ts', false],
    ['CHANGELOG.md', false],
    ['tsconfig.json', false],
    ['vitest.config.mts', false],
  ])('%s -> %s', (path, expected) => expect(isPublishedSource(path)).toBe(expected));
});

describe('releaseFieldsChanged', () => {
  const base = {
    name: 'a',
    version: '1.0.0',
    dependencies: { zod: '^4.0.0' },
    scripts: { test: 'vitest' },
  };
  it('ignores version bumps, scripts and devDependencies', () => {
    const after = {
      ...base,
      version: '1.1.0',
      scripts: { test: 'vitest run' },
      devDependencies: { tsx: '^4' },
    };
    expect(releaseFieldsChanged(JSON.stringify(base), JSON.stringify(after))).toEqual([]);
  });
  it('names changed dependency and entry-point fields', () => {
    const after = { ...base, dependencies: { zod: '^4.1.0' }, exports: { '.': './dist/index.js' } };
    expect(releaseFieldsChanged(JSON.stringify(base), JSON.stringify(after))).toEqual([
      'exports',
      'dependencies',
    ]);
  });
  it('treats a new or unreadable manifest as a change', () => {
    expect(releaseFieldsChanged(undefined, '{}')).toEqual(['package.json']);
    expect(releaseFieldsChanged('{', '{}')).toEqual(['package.json']);
    expect(releaseFieldsChanged(undefined, undefined)).toEqual([]);
  });
});

describe('checkChangesetCoverage', () => {
  const cs = (releases: { name: string; type: string }[], summary = 'Something users notice.') => ({
    path: '.changeset/c.md',
    releases,
    summary,
  });

  it('reports published packages whose sources changed without a changeset', () => {
    const r = checkChangesetCoverage({
      packages,
      changedFiles: [
        'packages/mdm-core/src/http/client.ts',
        'packages/integration-acme/src/index.ts',
        'packages/runner/src/cli.ts',
      ],
      changesets: [cs([{ name: '@x/integration-acme', type: 'patch' }])],
    });
    expect(r.missing).toEqual([
      { name: '@x/mdm-core', files: ['packages/mdm-core/src/http/client.ts'] },
    ]);
    expect(r.covered).toEqual(['@x/integration-acme']);
    expect(r.problems).toEqual([]);
  });

  it('needs nothing for tests, simulators, private packages or root files', () => {
    const r = checkChangesetCoverage({
      packages,
      changedFiles: [
        'packages/mdm-core/src/a.test.ts',
        'packages/integration-acme/simulator/x.ts',
        'packages/runner/src/cli.ts',
        'README.md',
        '.ci/run',
      ],
      changesets: [],
    });
    expect(r).toEqual({ missing: [], covered: [], problems: [], emptyChangeset: false });
  });

  it('counts release-relevant package.json changes', () => {
    const r = checkChangesetCoverage({
      packages,
      changedFiles: ['packages/mdm-core/package.json'],
      manifestChanges: new Map([['@x/mdm-core', ['dependencies']]]),
      changesets: [],
    });
    expect(r.missing).toEqual([
      { name: '@x/mdm-core', files: ['packages/mdm-core/package.json (dependencies)'] },
    ]);
  });

  it('accepts an empty changeset as a deliberate "no release needed"', () => {
    const r = checkChangesetCoverage({
      packages,
      changedFiles: ['packages/mdm-core/src/a.ts'],
      changesets: [cs([], '')],
    });
    expect(r.missing).toEqual([]);
    expect(r.emptyChangeset).toBe(true);
  });

  it('reports changesets naming unknown or private packages, with empty summaries or bad syntax', () => {
    const r = checkChangesetCoverage({
      packages,
      changedFiles: [],
      changesets: [
        cs([{ name: '@x/nope', type: 'patch' }]),
        cs([{ name: '@x/runner', type: 'patch' }]),
        cs([{ name: '@x/mdm-core', type: 'patch' }], ''),
        {
          path: '.changeset/bad.md',
          error: 'missing the --- front matter block that lists packages and bumps',
        },
      ],
    });
    expect(r.problems).toEqual([
      '.changeset/c.md: "@x/nope" is not a package of this workspace',
      '.changeset/c.md: "@x/runner" is private and never released; remove it',
      '.changeset/c.md: the summary (the CHANGELOG entry) is empty',
      '.changeset/bad.md: missing the --- front matter block that lists packages and bumps',
    ]);
  });
});
