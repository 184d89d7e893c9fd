import { spawnSync } from 'node:child_process';

export type Git = (args: string[]) => { ok: boolean; out: string };

export function gitIn(cwd: string): Git {
  return (args) => {
    const r = spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { ok: r.status === 0, out: (r.stdout ?? '').trim() };
  };
}

export interface BaseResolution {
  /** Commit to diff against; undefined when there is nothing to compare with. */
  base?: string;
  /** How the base was chosen, printed by the check. */
  reason: string;
  /** Set when an explicitly requested base cannot be used: the check must fail. */
  error?: string;
}

const NULL_SHA = /^0+$/;

function commitOf(git: Git, ref: string): string | undefined {
  const r = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  return r.ok && r.out ? r.out : undefined;
}

function mergeBase(git: Git, ref: string): string | undefined {
  const r = git(['merge-base', ref, 'HEAD']);
  return r.ok && r.out ? r.out : undefined;
}

function isAncestor(git: Git, a: string, b: string): boolean {
  return git(['merge-base', '--is-ancestor', a, b]).ok;
}

/**
 * The last release point reachable from HEAD: the newest of a release tag
 * (`<package>@<version>`, written by `changeset publish`) and the last commit
 * that consumed changesets (`changeset version` deletes them).
 */
export function lastReleasePoint(
  git: Git,
  tagPatterns: string[],
): { commit: string; what: string } | undefined {
  const candidates: { commit: string; what: string }[] = [];
  for (const pattern of tagPatterns) {
    const tag = git(['describe', '--tags', '--abbrev=0', '--match', pattern, 'HEAD']);
    if (tag.ok && tag.out) {
      const commit = commitOf(git, tag.out);
      if (commit) candidates.push({ commit, what: `release tag ${tag.out}` });
    }
  }
  const consumed = git([
    'log',
    '-1',
    '--diff-filter=D',
    '--format=%H',
    'HEAD',
    '--',
    '.changeset/*.md',
  ]);
  if (consumed.ok && consumed.out)
    candidates.push({
      commit: consumed.out,
      what: `commit ${consumed.out.slice(0, 9)} (last \`changeset version\`)`,
    });
  let best: { commit: string; what: string } | undefined;
  for (const c of candidates) if (!best || isAncestor(git, best.commit, c.commit)) best = c;
  return best;
}

/**
 * Chooses what to compare HEAD with, in this order:
 * 1. an explicit base (`--base` or CHANGESET_BASE; a push event's `before` SHA in CI);
 * 2. a pull request's target (`GITHUB_BASE_REF`): the merge base with origin/<target>;
 * 3. origin/<baseBranch> when HEAD has commits it lacks: the merge base;
 * 4. the last release (release tag or last `changeset version` commit): unreleased changes
 *    since then must each have a pending changeset;
 * 5. otherwise nothing: no release has happened, so the first release publishes the
 *    current versions and there is nothing to compare with (a fresh clone of main).
 */
export function resolveBase(
  git: Git,
  opts: { explicit?: string; githubBaseRef?: string; baseBranch: string; tagPatterns: string[] },
): BaseResolution {
  const explicit = opts.explicit?.trim();
  if (explicit && !NULL_SHA.test(explicit)) {
    const commit = commitOf(git, explicit);
    if (!commit)
      return {
        reason: `explicit base ${explicit}`,
        error: `base "${explicit}" is not a commit in this clone (fetch more history: actions/checkout fetch-depth: 0)`,
      };
    const mb = mergeBase(git, commit);
    if (!mb)
      return {
        reason: `explicit base ${explicit}`,
        error: `no merge base between ${explicit} and HEAD (shallow clone? use fetch-depth: 0)`,
      };
    return { base: mb, reason: `merge base of HEAD and ${explicit}` };
  }
  if (opts.githubBaseRef) {
    const ref = `origin/${opts.githubBaseRef}`;
    const mb = commitOf(git, ref) ? mergeBase(git, ref) : undefined;
    if (!mb)
      return {
        reason: `pull request into ${opts.githubBaseRef}`,
        error: `cannot find the merge base with ${ref} (use actions/checkout with fetch-depth: 0)`,
      };
    return { base: mb, reason: `pull request: merge base with ${ref}` };
  }
  const head = commitOf(git, 'HEAD');
  const remote = `origin/${opts.baseBranch}`;
  if (commitOf(git, remote)) {
    const mb = mergeBase(git, remote);
    if (mb && mb !== head) return { base: mb, reason: `branch: merge base with ${remote}` };
  }
  const release = lastReleasePoint(git, opts.tagPatterns);
  if (release) return { base: release.commit, reason: `unreleased changes since ${release.what}` };
  return {
    reason:
      'no base branch to compare with and no release yet: the first release publishes the current versions',
  };
}

/** Files changed between base and the working tree (committed, staged, unstaged and untracked). */
export function changedFilesSince(git: Git, base: string): string[] {
  const files = new Set<string>();
  for (const args of [
    ['diff', '--name-only', '--no-renames', base],
    ['ls-files', '--others', '--exclude-standard'],
  ]) {
    const r = git(args);
    if (r.ok) for (const f of r.out.split('\n')) if (f) files.add(f);
  }
  return [...files].sort();
}

/** A file's content at a commit, or undefined when it did not exist there. */
export function fileAt(git: Git, commit: string, path: string): string | undefined {
  const r = git(['show', `${commit}:${path}`]);
  return r.ok ? r.out : undefined;
}
