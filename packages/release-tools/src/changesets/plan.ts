import { parse as parseYaml } from 'yaml';

export interface WorkspacePackage {
  /** Repository-relative directory, e.g. `packages/mdm-core`. */
  dir: string;
  name: string;
  private: boolean;
}

export interface Changeset {
  /** Repository-relative path, e.g. `.changeset/brave-dogs-run.md`. */
  path: string;
  releases: { name: string; type: string }[];
  summary: string;
}

const BUMPS = new Set(['major', 'minor', 'patch', 'none']);

/** Parses a changeset file (`---\n"pkg": minor\n---\nsummary`) the way `changeset version` reads it. */
export function parseChangeset(
  path: string,
  text: string,
): Changeset | { path: string; error: string } {
  const m = /^\s*---\r?\n([\s\S]*?)\r?\n?---\s*(?:\r?\n([\s\S]*))?$/.exec(text);
  if (!m)
    return { path, error: 'missing the --- front matter block that lists packages and bumps' };
  let front: unknown;
  try {
    front = parseYaml(m[1] ?? '') ?? {};
  } catch (err) {
    return { path, error: `front matter is not YAML: ${(err as Error).message.split('\n')[0]}` };
  }
  if (typeof front !== 'object' || front === null || Array.isArray(front)) {
    return { path, error: 'front matter must map package names to major, minor or patch' };
  }
  const releases: Changeset['releases'] = [];
  for (const [name, type] of Object.entries(front)) {
    if (typeof type !== 'string' || !BUMPS.has(type))
      return {
        path,
        error: `"${name}" has bump ${JSON.stringify(type)}; use major, minor or patch`,
      };
    releases.push({ name, type });
  }
  return { path, releases, summary: (m[2] ?? '').trim() };
}

/**
 * Whether a changed file (relative to its package directory) changes what users
 * install: built sources, shipped docs and managed questions. Tests, fixtures,
 * simulators, benchmarks and tooling config never reach npm, so they need no changeset.
 * package.json is decided by {@link releaseFieldsChanged} instead.
 */
export function isPublishedSource(relPath: string): boolean {
  if (/(^|\/)(__tests__|__fixtures__|__mocks__|fixtures|test-utils)\//.test(relPath)) return false;
  if (/\.(test|spec|bench)\.[cm]?[jt]sx?$/.test(relPath)) return false;
  if (/^(src|docs|jupiterone)\//.test(relPath)) return true;
  return relPath === 'README.md';
}

/** package.json fields whose change reaches users (a version bump alone does not). */
const RELEASE_FIELDS = [
  'main',
  'types',
  'exports',
  'files',
  'bin',
  'dependencies',
  'peerDependencies',
  'optionalDependencies',
  'engines',
  'type',
];

export function releaseFieldsChanged(
  before: string | undefined,
  after: string | undefined,
): string[] {
  if (before === undefined || after === undefined) return before === after ? [] : ['package.json'];
  let a: Record<string, unknown>;
  let b: Record<string, unknown>;
  try {
    a = JSON.parse(before) as Record<string, unknown>;
    b = JSON.parse(after) as Record<string, unknown>;
  } catch {
    return ['package.json'];
  }
  return RELEASE_FIELDS.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f]));
}

export interface CoverageInput {
  packages: readonly WorkspacePackage[];
  /** Repository-relative paths changed since the base. */
  changedFiles: readonly string[];
  /** Package name -> package.json release fields that changed since the base. */
  manifestChanges?: ReadonlyMap<string, string[]>;
  /** Changesets added since the base. */
  changesets: readonly (Changeset | { path: string; error: string })[];
}

export interface CoverageResult {
  /** Published packages with user-visible changes and no changeset naming them. */
  missing: { name: string; files: string[] }[];
  /** Published packages with changes that a changeset covers. */
  covered: string[];
  /** Invalid changesets: bad front matter, unknown or private packages. */
  problems: string[];
  /** True when an empty changeset (`changeset add --empty`) declares the change needs no release. */
  emptyChangeset: boolean;
}

/** Which published packages changed since the base without a changeset naming them. */
export function checkChangesetCoverage(input: CoverageInput): CoverageResult {
  const published = input.packages.filter((p) => !p.private);
  const byName = new Map(input.packages.map((p) => [p.name, p]));
  const problems: string[] = [];
  const named = new Set<string>();
  let emptyChangeset = false;
  for (const cs of input.changesets) {
    if ('error' in cs) {
      problems.push(`${cs.path}: ${cs.error}`);
      continue;
    }
    if (cs.releases.length === 0) emptyChangeset = true;
    else if (!cs.summary) problems.push(`${cs.path}: the summary (the CHANGELOG entry) is empty`);
    for (const r of cs.releases) {
      const pkg = byName.get(r.name);
      if (!pkg) problems.push(`${cs.path}: "${r.name}" is not a package of this workspace`);
      else if (pkg.private)
        problems.push(`${cs.path}: "${r.name}" is private and never released; remove it`);
      else named.add(r.name);
    }
  }
  const missing: CoverageResult['missing'] = [];
  const covered: string[] = [];
  for (const pkg of published) {
    const prefix = `${pkg.dir.replace(/\/+$/, '')}/`;
    const files = input.changedFiles.filter(
      (f) => f.startsWith(prefix) && isPublishedSource(f.slice(prefix.length)),
    );
    const fields = input.manifestChanges?.get(pkg.name) ?? [];
    if (fields.length > 0) files.push(`${prefix}package.json (${fields.join(', ')})`);
    if (files.length === 0) continue;
    if (named.has(pkg.name) || emptyChangeset) covered.push(pkg.name);
    else missing.push({ name: pkg.name, files });
  }
  return { missing, covered, problems, emptyChangeset };
}
