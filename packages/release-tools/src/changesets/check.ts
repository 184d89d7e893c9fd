import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { changedFilesSince, fileAt, gitIn, resolveBase, type BaseResolution } from './git';
import {
  checkChangesetCoverage,
  parseChangeset,
  releaseFieldsChanged,
  type CoverageResult,
  type WorkspacePackage,
} from './plan';

export interface ChangesetCheckOptions {
  root: string;
  /** `--base` / CHANGESET_BASE. */
  explicitBase?: string;
  /** GITHUB_BASE_REF on pull_request events. */
  githubBaseRef?: string;
}

export interface ChangesetCheckReport extends Partial<CoverageResult> {
  resolution: BaseResolution;
  changedFiles: number;
  newChangesets: string[];
  ok: boolean;
}

export function workspacePackages(root: string): WorkspacePackage[] {
  const dir = join(root, 'packages');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'package.json')))
    .map((d) => {
      const manifest = JSON.parse(readFileSync(join(dir, d.name, 'package.json'), 'utf8')) as {
        name: string;
        private?: boolean;
      };
      return { dir: `packages/${d.name}`, name: manifest.name, private: manifest.private === true };
    })
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

function baseBranch(root: string): string {
  try {
    const config = JSON.parse(readFileSync(join(root, '.changeset', 'config.json'), 'utf8')) as {
      baseBranch?: string;
    };
    return config.baseBranch ?? 'main';
  } catch {
    return 'main';
  }
}

/** Runs the whole check for the repository at `root` (see {@link resolveBase} for the base). */
export function checkChangesets(opts: ChangesetCheckOptions): ChangesetCheckReport {
  const git = gitIn(opts.root);
  const packages = workspacePackages(opts.root);
  const tagPatterns = packages.filter((p) => !p.private).map((p) => `${p.name}@*`);
  const resolution = resolveBase(git, {
    explicit: opts.explicitBase,
    githubBaseRef: opts.githubBaseRef,
    baseBranch: baseBranch(opts.root),
    tagPatterns,
  });
  if (resolution.error || !resolution.base) {
    return { resolution, changedFiles: 0, newChangesets: [], ok: !resolution.error };
  }
  const base = resolution.base;
  const changedFiles = changedFilesSince(git, base);
  const newChangesetPaths = changedFiles.filter(
    (f) =>
      /^\.changeset\/[^/]+\.md$/.test(f) &&
      f !== '.changeset/README.md' &&
      existsSync(join(opts.root, f)) &&
      fileAt(git, base, f) === undefined,
  );
  const changesets = newChangesetPaths.map((f) =>
    parseChangeset(f, readFileSync(join(opts.root, f), 'utf8')),
  );
  const manifestChanges = new Map<string, string[]>();
  for (const pkg of packages) {
    if (pkg.private) continue;
    const path = `${pkg.dir}/package.json`;
    if (!changedFiles.includes(path)) continue;
    const now = existsSync(join(opts.root, path))
      ? readFileSync(join(opts.root, path), 'utf8')
      : undefined;
    const fields = releaseFieldsChanged(fileAt(git, base, path), now);
    if (fields.length > 0) manifestChanges.set(pkg.name, fields);
  }
  const coverage = checkChangesetCoverage({ packages, changedFiles, manifestChanges, changesets });
  return {
    resolution,
    changedFiles: changedFiles.length,
    newChangesets: newChangesetPaths,
    ...coverage,
    ok: coverage.missing.length === 0 && coverage.problems.length === 0,
  };
}
